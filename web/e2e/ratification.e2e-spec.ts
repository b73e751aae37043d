import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Browser } from 'playwright-core';
import type { TestApp } from '../../test/helpers/app';
import { cast, draft, openBallot } from '../../test/helpers/ratification';
import { expectAccessible, shoot, signedIn, stage } from './browser';

/**
 * After promulgation: Poland ratifies late and Germany starts implementing;
 * an expert reads the standard's Ratification tab. Then the standard is
 * superseded, and the page says by which standard.
 */
describe('story: ratification after promulgation on the standard page', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let expert: { email: string; token: string };
  let sec: { email: string; token: string };
  let standardId: string;
  let replacementId: string;

  before(async () => {
    ({ t, base, browser, close } = await stage());
    sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    expert = await t.user('Expert France', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    const delegates: Record<string, string> = {};
    for (const code of ['FRA', 'DEU', 'POL']) delegates[code] = (await t.user(`Delegate ${code}`, [{ role: 'DELEGATE', nationCode: code }])).token;
    const promulgate = async (designation: string) => {
      const d = await draft(t, sec.token, designation);
      const b = (await openBallot(t, sec.token, d.standardId, d.versionId, 2)).data.openBallot;
      await cast(t, delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING', { reservations: [{ clause: '2.1', text: 'Ten minutes.' }] });
      await cast(t, delegates.DEU, b.id, 'RATIFIED_FUTURE_IMPLEMENTATION', { implementationDate: '2028-01-01T00:00:00.000Z' });
      await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ id } }`, { id: b.id }, sec.token);
      const e = await t.ok(`mutation($id:ID!){ publishEdition(ballotId:$id){ id } }`, { id: b.id }, sec.token);
      return { standardId: d.standardId, editionId: e.publishEdition.id as string };
    };
    const first = await promulgate('ASpP-90');
    standardId = first.standardId;
    replacementId = (await promulgate('ASpP-91')).standardId;
    const editionId = first.editionId;
    await t.ok(`mutation($i:RatifyEditionInput!){ ratifyEdition(input:$i){ id } }`, { i: { editionId, response: 'RATIFIED_NOT_IMPLEMENTING' } }, delegates.POL);
    await t.ok(`mutation($i:ChangeImplementationInput!){ changeImplementation(input:$i){ id } }`,
      { i: { editionId, response: 'RATIFIED_IMPLEMENTING', implementationDate: '2026-10-01T00:00:00.000Z' } }, delegates.DEU);
    await t.ok(`mutation($i:WithdrawReservationInput!){ withdrawReservation(input:$i){ id } }`, { i: { editionId, index: 1 } }, delegates.FRA);
  });
  after(() => close?.());

  it('shows the stage and the edition in force\'s responses now with their changes since promulgation', async () => {
    const page = await signedIn(browser, base, expert.email);
    await page.goto(`${base}/app/standards/${standardId}`);
    // The status badge and the stage both say it (the badge capitalised as a badge is).
    await page.locator('dd .badge.status').getByText('Promulgated', { exact: true }).waitFor();
    await page.locator('dt', { hasText: 'Stage' }).locator('+ dd').getByText('Promulgated', { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Ratification' }).click();
    const now = page.getByRole('table', { name: 'National responses to ASpP-90 Edition A Version 1 now' });
    await now.waitFor();
    expect(await now.getByRole('row').count()).toBe(4);
    const history = page.getByRole('table', { name: 'Changes since promulgation' });
    const rows = (await history.getByRole('row').allInnerTexts()).slice(1);
    expect(rows.map((r) => r.split('\t').slice(1, 3).join(' | '))).toEqual([
      'Poland | Ratified after promulgation',
      'Germany | Implementation status changed',
      'France | Reservation withdrawn — 2.1: Ten minutes.',
    ]);
    await expectAccessible(page, 'standard ratification');
    // At a phone's width the tables scroll in their own box; the page keeps the screen's width.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBe(390);
    await page.setViewportSize({ width: 1280, height: 900 });
    await shoot(page, 'standard-ratification');
  });

  it('says by which standard a superseded standard was replaced', async () => {
    await t.ok(`mutation($s:ID!,$r:ID!){ supersedeStandard(standardId:$s, replacementId:$r, reason:"Merged."){ id } }`, { s: standardId, r: replacementId }, sec.token);
    const page = await signedIn(browser, base, expert.email);
    await page.goto(`${base}/app/standards/${standardId}`);
    await page.getByText('Superseded by ASpP-91: by ASpP-91: Merged.', { exact: false }).waitFor();
    expect(await page.getByRole('tab', { name: 'Ratification' }).count()).toBe(0);
    await expectAccessible(page, 'standard superseded');
  });
});
