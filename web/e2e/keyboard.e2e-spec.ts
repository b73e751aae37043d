import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, type TestApp } from '../../test/helpers/app';
import { dbNow, TEXT } from '../../test/helpers/ratification';
import { expectAccessible, expectNoProblems, focused, openPage, shoot, tabTo, stage } from './browser';

/**
 * An expert who works with the keyboard only: no click anywhere, only Tab,
 * Shift+Tab, Enter, Space, the arrow keys and typing. She signs in, writes
 * the next version of her standard in the editor, and comments on a line of
 * the review copy in the round that opens on it, then edits that comment.
 * Every stop shows its focus (tabTo checks the ring).
 */
describe('story: an expert drafts and comments with the keyboard only', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let sec: { token: string };
  let expert: { email: string; token: string };
  let standardId: string;
  let page: Page;

  before(async () => {
    ({ t, base, browser, close } = await stage());
    sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    expert = await t.user('Ines Moreau', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    const proposed = await t.ok(
      `mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`,
      { i: { designation: 'STANAG 4713', title: 'Orbital data exchange', scope: 'Exchange of surveillance data between Allied space operations centres.', visibility: 'PUBLIC', overlapJustification: 'A test standard; overlaps are acceptable here.' } },
      expert.token,
    );
    standardId = proposed.proposeStandard.id;
    await t.ok(`mutation($id:ID!){ startDrafting(standardId:$id){ id } }`, { id: standardId }, sec.token);
    await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId, text: TEXT, label: 'WD 1' } }, expert.token);
    page = await openPage(browser);
  });
  after(() => close?.());

  it('signs in and reaches her standard from My work', async () => {
    await page.goto(`${base}/app/sign-in`);
    await page.getByLabel('E-mail address').waitFor(); // the screen loads lazily: Tab before it finds nothing
    await tabTo(page, 'input[type=email]');
    await page.keyboard.type(expert.email);
    await tabTo(page, 'input[type=password]');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    await tabTo(page, 'a[href$="/standards/' + standardId + '"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /STANAG 4713/ }).waitFor();
  });

  it('writes version 2 in the editor and saves it', async () => {
    await tabTo(page, 'a[href$="/edit"]');
    await page.keyboard.press('Enter');
    await page.getByText('Editing from version 1.').waitFor();
    await tabTo(page, '.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n### 2.3 Reporting\n\nThe operator shall report each re-entry within one day.\n');
    await page.locator('.preview h3', { hasText: '2.3 Reporting' }).waitFor();
    await expectAccessible(page, 'editor (keyboard)');
    // Tab leaves the editor (it does not indent), to the version's label.
    await tabTo(page, 'input');
    expect((await focused(page)).name).toBe('Label');
    await page.keyboard.type('WD 2');
    await tabTo(page, 'button.primary');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?v=2$/);
    const [v2] = await t.db.query(`SELECT label FROM standard_version WHERE standard_id = $1 AND number = 2`, [standardId]);
    expect(v2.label).toBe('WD 2');
    const saved = await t.ok(`query($id:ID!){ standard(id:$id){ version(number:2){ text } } }`, { id: standardId }, expert.token);
    expect(saved.standard.version.text).toContain('### 2.3 Reporting\n\nThe operator shall report each re-entry within one day.');
  });

  it('comments on a line of the review copy, choosing the type with the arrow keys, and edits the comment', async () => {
    const [v2] = await t.db.query(`SELECT id FROM standard_version WHERE standard_id = $1 AND number = 2`, [standardId]);
    const closesAt = new Date((await dbNow(t)).getTime() + 7 * 86_400_000).toISOString();
    const opened = await t.ok(
      `mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`,
      { i: { standardId, versionId: v2.id, title: 'Keyboard review', closesAt } },
      sec.token,
    );
    const roundId = opened.openCommentRound.id;
    // From the top of the page, through the navigation, to My work and on to the round.
    await page.keyboard.press('Control+Home');
    await tabTo(page, 'nav a[href$="/app"], nav a[href$="/app/"]', { back: true });
    await page.keyboard.press('Enter');
    await tabTo(page, `a[href$="/rounds/${roundId}"]`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Review copy' }).waitFor();

    // The margin's line numbers are the ones she types.
    const line = Number(await page.locator('.review-copy p', { hasText: 're-entry' }).getAttribute('data-line'));
    await tabTo(page, 'input[name=comment-type]');
    expect(await page.getByRole('radio', { name: /te technical/ }).isChecked()).toBe(true);
    await page.keyboard.press('ArrowRight'); // te → ed
    expect(await page.getByRole('radio', { name: /ed editorial/ }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Clause');
    await page.keyboard.type('2.3');
    await page.keyboard.press('Tab');
    await page.keyboard.type(String(line));
    await tabTo(page, '#comment-body');
    await page.keyboard.type('Say which day: calendar or working.');
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    const row = page.getByRole('row', { name: /Say which day/ });
    await row.waitFor();
    await expectAccessible(page, 'round (keyboard)');

    // Edit it: the dialog takes the focus, and Tab stays inside it.
    await tabTo(page, 'button[aria-label^="Edit comment"]');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Edit the comment' });
    await dialog.waitFor();
    for (const field of ['Quoted text', 'Comment', 'Proposed change']) {
      await tabTo(page, '.dialog textarea', { max: 20 });
      expect((await focused(page)).name).toBe(field);
    }
    await page.keyboard.type('within one working day');
    await tabTo(page, '.dialog button[type=submit]', { max: 5 });
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await row.getByRole('cell', { name: 'within one working day' }).waitFor();
    await shoot(page, 'round-keyboard');

    const comments = await t.db.query(`SELECT clause, line_from, type, body, proposed_change, status FROM comment WHERE round_id = $1`, [roundId]);
    expect(comments).toEqual([{ clause: '2.3', line_from: line, type: 'EDITORIAL', body: 'Say which day: calendar or working.', proposed_change: 'within one working day', status: 'DRAFT' }]);
    expectNoProblems(page);
  });
});
