import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../../test/helpers/app';
import { dbNow, draft } from '../../test/helpers/ratification';
import { expectAccessible, expectNoProblems, shoot, signedIn, stage } from './browser';

const ADD = `mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`;

/**
 * France's delegate reviews the comments France's experts drafted in a
 * round, adds, edits and withdraws her own, watches a late one arrive live,
 * and submits the nation's set once, before the deadline.
 */
describe('story: a national delegate reviews and submits the nation\'s comments', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let expert: { token: string };
  let delegate: { email: string };
  let roundId: string;
  let page: Page;

  before(async () => {
    ({ t, base, browser, close } = await stage());
    const sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    expert = await t.user('Claire Martin', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    const german = await t.user('Jonas Weber', [{ role: 'EXPERT', nationCode: 'DEU' }]);
    delegate = await t.user('Helene Durand', [{ role: 'DELEGATE', nationCode: 'FRA' }]);
    const { standardId, versionId } = await draft(t, sec.token, 'STANAG 4712');
    const closesAt = new Date((await dbNow(t)).getTime() + 3 * 86_400_000).toISOString();
    const round = await t.ok(
      `mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`,
      { i: { standardId, versionId, title: 'National review of STANAG 4712', closesAt } },
      sec.token,
    );
    roundId = round.openCommentRound.id;
    // What France's expert drafted before the delegate looks, and a German draft France must not see.
    await t.ok(ADD, { i: { roundId, clause: '2.1', type: 'TECHNICAL', body: 'Five minutes is too short for legacy sensors.', proposedChange: 'within fifteen minutes of observation' } }, expert.token);
    await t.ok(ADD, { i: { roundId, clause: '1', type: 'GENERAL', body: 'The scope should name the space operations centres.' } }, expert.token);
    await t.ok(ADD, { i: { roundId, clause: '2.2', type: 'EDITORIAL', body: 'German draft: "daily" needs a time zone.' } }, german.token);
  });
  after(() => close?.());

  it('finds the round in My work and reviews France\'s compiled drafts, and only France\'s', async () => {
    page = await signedIn(browser, base, delegate.email);
    const roundRow = page.getByRole('table', { name: 'Open comment rounds' }).getByRole('row', { name: /National review of STANAG 4712/ });
    await roundRow.getByRole('cell', { name: '2', exact: true }).waitFor(); // two drafts
    await expect(roundRow.innerText()).resolves.toMatch(/Closes in (2 d 23 h|3 d 0 h)/);
    // The deadline in the viewer's time zone (Paris here), UTC on hover, written as NATO writes it in English:
    // day before month, 24-hour clock ("4 Dec 2026, 17:00"), not the US "Dec 4, 2026, 5:00 PM".
    const deadline = roundRow.locator('time');
    const utc = (await deadline.getAttribute('title')) ?? '';
    expect(utc).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    const at = new Date(`${utc.slice(0, 16).replace(' ', 'T')}:00Z`);
    const paris = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', dateStyle: 'medium', timeStyle: 'short' }).format(at);
    expect(paris).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}, [0-2]\d:[0-5]\d$/);
    expect(await deadline.innerText()).toBe(paris);
    // Beside it, the zone's name and UTC: a deadline read in several capitals is unmistakable.
    const zone = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
    expect(zone).toMatch(/^CES?T$/);
    expect(await roundRow.locator('.badge.deadline').innerText()).toContain(`· ${paris} ${zone} (${utc})`);
    expect(await roundRow.innerText()).not.toMatch(/\b(AM|PM)\b/);
    await roundRow.getByRole('link', { name: 'National review of STANAG 4712' }).click();
    await page.waitForURL(`${base}/app/rounds/${roundId}`);
    // The title already names the standard: the heading says it once, not "… STANAG 4712 — STANAG 4712".
    await page.getByRole('heading', { level: 1, name: 'National review of STANAG 4712', exact: true }).waitFor();
    await page.getByText('FRA has 2 draft comments. As delegate you submit them once, for the whole nation.').waitFor();
    await page.getByLabel("Only FRA's comments").check();
    const rows = page.locator('table.comments tbody tr');
    await rows.filter({ hasText: 'legacy sensors' }).waitFor();
    expect(await rows.count()).toBe(2);
    expect(await page.getByText('German draft').count()).toBe(0);
    // The experts' drafts are theirs to change: the delegate reads them.
    expect(await rows.getByRole('button', { name: /^Edit comment/ }).count()).toBe(0);
    await expectAccessible(page, 'round (delegate review)');
  });

  it('adds a comment of her own, edits it and withdraws another', async () => {
    await page.locator('.review-copy p', { hasText: 'publish ephemerides daily' }).click();
    expect(await page.getByLabel('Clause', { exact: true }).inputValue()).toBe('2.2');
    await page.getByRole('radio', { name: /ed editorial/ }).check();
    await page.locator('#comment-body').fill('Say "every 24 hours".');
    await page.getByRole('button', { name: 'Add the comment' }).click();
    await page.getByText('FRA has 3 draft comments.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Edit comment “Say "every 24 hours".”' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the comment' });
    await dialog.getByLabel('Proposed change').fill('The provider should publish ephemerides every 24 hours.');
    await expectAccessible(page, 'edit comment dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'The provider should publish ephemerides every 24 hours.' }).waitFor();

    await page.locator('#comment-body').fill('A comment she thinks better of.');
    await page.getByRole('button', { name: 'Add the comment' }).click();
    await page.getByText('FRA has 4 draft comments.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Delete comment “A comment she thinks better of.”' }).click();
    await page.getByText('FRA has 3 draft comments.', { exact: false }).waitFor();
    expect(await page.getByText('A comment she thinks better of.').count()).toBe(0);
  });

  it('imports a comment sheet: every bad row is shown at once and nothing is saved until all are valid', async () => {
    const header = 'MB/NC,Line number,Clause/Subclause,Paragraph/Figure/Table,Type of comment,Comments,Proposed change,Observations of the secretariat';
    const bad = `${header}\nFRA,11,2.1,,te,Say which sensors.,,\nFRA,11,2.1,,xx,Unknown type.,,\nFRA,999,9.9,,ed,Nowhere.,,\n`;
    await page.getByText('Import a comment sheet (CSV)').click();
    await page.getByLabel('or paste the CSV').fill(bad);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await refusal.waitFor();
    expect(await refusal.locator('li').count()).toBeGreaterThanOrEqual(2); // both bad rows, at once
    await expectAccessible(page, 'import refused');
    const count = async () => Number((await t.db.query(`SELECT count(*) AS n FROM comment WHERE round_id = $1 AND nation_code = 'FRA'`, [roundId]))[0].n);
    expect(await count()).toBe(3);
    await page.getByLabel('or paste the CSV').fill(`${header}\nFRA,11,2.1,,te,Say which sensors.,,\n`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '1 comment imported.' }).waitFor();
    await page.getByText('FRA has 4 draft comments.', { exact: false }).waitFor();
    expect(await count()).toBe(4);
  });

  it('sees an expert\'s late comment arrive without a reload', async () => {
    await t.ok(ADD, { i: { roundId, clause: '2.1', type: 'EDITORIAL', body: 'Spell out "observation".' } }, expert.token);
    await page.getByRole('status').filter({ hasText: 'A new comment from FRA has arrived.' }).waitFor();
    await page.getByRole('cell', { name: /Spell out "observation"/ }).waitFor();
    await page.getByText('FRA has 5 draft comments.', { exact: false }).waitFor();
  });

  it('submits the five comments once, after a confirmation, and the page shows them numbered FR-001…', async () => {
    await page.getByRole('button', { name: 'Submit 5 comments' }).click();
    const dialog = page.getByRole('dialog', { name: 'Submit the national comments?' });
    await dialog.getByText('You are submitting the 5 draft comments of FRA.', { exact: false }).waitFor();
    await expectAccessible(page, 'submit confirmation');
    await dialog.getByRole('button', { name: 'Submit 5 comments' }).click();
    await page.getByRole('heading', { name: 'Your nation submitted 5 comments.' }).waitFor();
    await page.getByRole('status').filter({ hasText: /^Submitted/ }).waitFor();
    const numbers = await page.locator('table.comments tbody tr td:first-child').allInnerTexts();
    expect(numbers.sort()).toEqual(['FR-001', 'FR-002', 'FR-003', 'FR-004', 'FR-005']);
    expect(await page.locator('table.comments tbody').getByText('Submitted', { exact: true }).count()).toBe(5);
    // Nothing left to write, edit or submit.
    expect(await page.getByRole('button', { name: /^(Add the comment|Submit|Edit|Delete)/ }).count()).toBe(0);
    await expectAccessible(page, 'round (submitted)');
    await shoot(page, 'round-submitted');

    const rows = await t.db.query(`SELECT number, status, clause FROM comment WHERE round_id = $1 AND nation_code = 'FRA' ORDER BY number`, [roundId]);
    expect(rows.map((r: { number: string }) => r.number)).toEqual(['FR-001', 'FR-002', 'FR-003', 'FR-004', 'FR-005']);
    expect(rows.every((r: { status: string }) => r.status === 'SUBMITTED')).toBe(true);
    const [submission] = await t.db.query(`SELECT comment_count, submitted_at < r.closes_at AS in_time FROM national_submission s JOIN comment_round r ON r.id = s.round_id WHERE s.round_id = $1 AND s.nation_code = 'FRA'`, [roundId]);
    expect(submission).toEqual({ comment_count: 5, in_time: true });
    const [german] = await t.db.query(`SELECT status, number FROM comment WHERE round_id = $1 AND nation_code = 'DEU'`, [roundId]);
    expect(german).toEqual({ status: 'DRAFT', number: null });

    // My work no longer lists the round's drafts, and says France has submitted.
    await page.getByRole('navigation').getByRole('link', { name: 'My work' }).click();
    const roundRow = page.getByRole('table', { name: 'Open comment rounds' }).getByRole('row', { name: /National review of STANAG 4712/ });
    await roundRow.getByRole('cell', { name: 'yes', exact: true }).waitFor();
    await page.getByText('Your nation has no unsubmitted comment.').waitFor();
    expectNoProblems(page);
  });
});
