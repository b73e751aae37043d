import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Browser } from 'playwright-core';
import type { TestApp } from '../../test/helpers/app';
import { draft } from '../../test/helpers/ratification';
import { expectAccessible, shoot, signedIn, stage } from './browser';

const ADD = `mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`;

/**
 * The secretariat runs a round to adjudication (the ballot and the
 * publication follow in secretariat-ballot.e2e-spec.ts, each file within the
 * runner's time limit on a slow machine).
 */
describe('story: the secretariat runs a comment round to adjudication', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let sec: { email: string; token: string };
  let fra: { email: string; token: string };
  let deu: { email: string; token: string };
  let standardId: string;

  before(async () => {
    ({ t, base, browser, close } = await stage());
    sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    fra = await t.user('Delegate France', [{ role: 'DELEGATE', nationCode: 'FRA' }]);
    deu = await t.user('Delegate Germany', [{ role: 'DELEGATE', nationCode: 'DEU' }]);
    ({ standardId } = await draft(t, sec.token, 'STANAG 4711'));
  });
  after(() => close?.());

  it('opens a round, closes it, and adjudicates every comment with the keyboard and a bulk action', async () => {
    const secPage = await signedIn(browser, base, sec.email);
    await secPage.goto(`${base}/app/standards/${standardId}/manage`);
    await secPage.getByLabel('Title').fill('First national review');
    await secPage.getByRole('button', { name: 'Open the round' }).click();
    await secPage.getByRole('link', { name: 'First national review' }).waitFor();
    const [round] = await t.db.query(`SELECT id FROM comment_round WHERE standard_id = $1`, [standardId]);

    // The nations comment and submit (their own screens are another story).
    for (const [who, comments] of [
      [fra, [['TECHNICAL', '2.1', 'Five minutes is too short for legacy sensors.'], ['EDITORIAL', '1', 'Typo: "surveilance".'], ['EDITORIAL', '2.2', 'Use "ephemeris data".']]],
      [deu, [['GENERAL', '', 'Align with CCSDS 502.0.'], ['EDITORIAL', '2.1', 'Missing article.']]],
    ] as const) {
      for (const [type, clause, body] of comments) await t.ok(ADD, { i: { roundId: round.id, type, clause: clause || null, body } }, who.token);
      await t.ok(`mutation($r:ID!){ submitNationalComments(roundId:$r){ commentCount } }`, { r: round.id }, who.token);
    }
    await secPage.reload();
    await secPage.getByText(/FRA \(\d+\), DEU \(2\)/).waitFor();
    await expectAccessible(secPage, 'secretariat desk');
    await shoot(secPage, 'secretariat-desk');

    await secPage.getByRole('button', { name: 'Close now' }).click();
    await secPage.getByRole('dialog').getByRole('button', { name: 'Close the round' }).click();
    // My work now lists the round's five comments awaiting a disposition.
    const home = await secPage.context().newPage();
    await home.goto(`${base}/app/`);
    await home.getByRole('table', { name: 'Comments awaiting a disposition' }).getByRole('row', { name: /STANAG 4711 · First national review\s+5\b/ }).waitFor();
    await expectAccessible(home, 'home (secretariat)');
    await home.close();
    await secPage.getByRole('link', { name: 'Adjudicate' }).click();
    await secPage.getByTestId('unresolved-count').filter({ hasText: '5 of 5 comments without a disposition' }).waitFor();
    await expectAccessible(secPage, 'adjudication');

    // Bulk: the three editorial comments accepted at once.
    await secPage.getByRole('button', { name: 'Select undecided editorial comments in view' }).click();
    await secPage.getByRole('button', { name: 'Apply to 3 selected' }).click();
    await secPage.getByTestId('unresolved-count').filter({ hasText: '2 of 5' }).waitFor();

    // Filters by nation, type, clause and disposition narrow the table; "all" brings every comment back.
    const filters = secPage.getByRole('search', { name: /filter/i });
    const rowsShown = () => secPage.locator('tr[data-comment]').count();
    expect(await rowsShown()).toBe(5);
    await filters.getByLabel('Nation').selectOption('DEU');
    expect(await rowsShown()).toBe(2);
    await filters.getByLabel('Type').selectOption('EDITORIAL');
    expect(await rowsShown()).toBe(1);
    await filters.getByLabel('Nation').selectOption('');
    await filters.getByLabel('Type').selectOption('');
    await filters.getByLabel('Clause').selectOption('2.1');
    expect(await rowsShown()).toBe(2);
    await filters.getByLabel('Clause').selectOption('');
    await filters.getByLabel('Disposition').selectOption('ACCEPTED');
    expect(await rowsShown()).toBe(3);
    await filters.getByLabel('Disposition').selectOption('');
    expect(await rowsShown()).toBe(5);

    // Keyboard: u goes to the next undecided comment, n notes it; r asks for the reason before it saves.
    await secPage.locator('h1').click();
    await secPage.keyboard.press('u');
    await secPage.keyboard.press('n');
    await secPage.getByTestId('unresolved-count').filter({ hasText: '1 of 5' }).waitFor();
    // Meanwhile the desk refuses a ballot and names the comment still undecided.
    const desk = await secPage.context().newPage();
    await desk.goto(`${base}/app/standards/${standardId}/manage`);
    await desk.getByText('1 submitted comment has no disposition yet:').waitFor();
    await desk.getByRole('list', { name: 'Comments without a disposition' }).getByRole('link', { name: /FRA · 2\.1 · / }).waitFor();
    await desk.close();

    await secPage.locator('h1').click();
    await secPage.keyboard.press('u');
    await secPage.keyboard.press('r');
    await secPage.getByText('This disposition needs a reason').waitFor();
    await secPage.keyboard.type('Legacy sensors are out of scope; see clause 1.');
    await secPage.keyboard.press('Control+Enter');
    await secPage.getByTestId('unresolved-count').filter({ hasText: '0 of 5' }).waitFor();
    await shoot(secPage, 'adjudication');

    // j and k move from row to row, from the row last clicked.
    const currentRow = () => secPage.locator('tr[aria-current="true"]').getAttribute('data-comment');
    const labels = await secPage.locator('tr[data-comment]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-comment')));
    await secPage.locator(`tr[data-comment="${labels[0]}"] th`).click();
    expect(await currentRow()).toBe(labels[0]);
    await secPage.keyboard.press('j');
    expect(await currentRow()).toBe(labels[1]);
    await secPage.keyboard.press('j');
    expect(await currentRow()).toBe(labels[2]);
    await secPage.keyboard.press('k');
    expect(await currentRow()).toBe(labels[1]);

    // Both exports carry the dispositions: the ISO-template CSV and an XLSX workbook.
    for (const [button, check] of [
      ['Export CSV (ISO template)', (b: Buffer) => expect(b.toString('utf8')).toContain('Legacy sensors are out of scope; see clause 1.')],
      ['Export XLSX', (b: Buffer) => expect(b.subarray(0, 2).toString('latin1')).toBe('PK')],
    ] as const) {
      const download = secPage.waitForEvent('download');
      await secPage.getByRole('button', { name: button }).click();
      check(readFileSync(await (await download).path()));
    }

    const rows = await t.db.query(`SELECT type, disposition, resolution FROM comment WHERE round_id = $1 ORDER BY type`, [round.id]);
    expect(rows.filter((r: any) => !r.disposition)).toEqual([]);
    expect(rows.filter((r: any) => r.type === 'EDITORIAL').map((r: any) => r.disposition)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
    expect(rows.find((r: any) => r.disposition === 'REJECTED').resolution).toBe('Legacy sensors are out of scope; see clause 1.');
  });

});
