import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, PASSWORD, type TestApp } from '../../test/helpers/app';
import { expectAccessible, expectNoProblems, openPage, shoot, signedIn, stage } from './browser';

const V1 = `# Debris Mitigation for Commercial Spacecraft

## 1 Scope

This standard specifies debris mitigation measures for commercial spacecraft serving the Alliance.

## 2 Requirements

The operator shall passivate the spacecraft at end of life.

The operator should publish its disposal plan.
`;
const V2 = V1.replace('The operator should publish its disposal plan.\n', 'The operator should publish its disposal plan.\n\n### 2.1 Disposal\n\nThe spacecraft shall leave the protected region within 25 years.\n');
const THEIRS = V2.replace('at end of life.', 'within 30 days of end of life.').replace('serving the Alliance.', 'serving the Alliance and its partners.');
const MINE = V2.replace('at end of life.', 'at end of mission.');

/** What an expert does in a browser, with the mouse: from registering to commenting on a line. */
describe('story: an expert drafts a standard in the browser', () => {
  let t: TestApp;
  let app: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let page: Page;
  let base: string;
  let secretariat: { email: string; token: string };
  const email = 'claire.martin@defense.gouv.example';

  before(async () => {
    ({ t, base, browser, close } = await stage());
    app = `${base}/app`;
    secretariat = await t.user('Sam Okafor', [{ role: 'SECRETARIAT' }]);
    // The external catalogue ships ISO 23312, detailed space debris mitigation requirements for spacecraft.
    page = await openPage(browser);
  });
  after(() => close?.());

  const text = () => page.locator('.cm-content');
  const justification = 'ISO 23312 covers design rules; Allied commercial providers need contractual disposal terms.';
  async function saveVersion(label: string) {
    await page.getByLabel('Label', { exact: true }).fill(label);
    await page.getByRole('button', { name: 'Save as a new version' }).click();
  }

  it('registers, verifies the address with the mailed code, and signs in', async () => {
    await page.goto(`${app}/register`);
    await expectAccessible(page, 'register');
    await page.getByLabel('Name', { exact: true }).fill('Claire Martin');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('short');
    expect(await page.getByRole('button', { name: 'Create the account' }).isDisabled()).toBe(true);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.waitForURL(/\/app\/verify/);
    await page.getByText(/The code is valid for (29|30):/).waitFor();
    await expectAccessible(page, 'verify');
    await t.waitForMail(email, 1);
    await page.getByLabel('6-digit code').fill(t.lastCode(email));
    await page.getByRole('button', { name: 'Confirm the address' }).click();
    await page.waitForURL(/\/app\/sign-in/);
    const [user] = await t.db.query(`SELECT id, email_verified_at IS NOT NULL AS email_verified FROM app_user WHERE email = $1`, [email]);
    expect(user.email_verified).toBe(true);

    // The admin makes her an expert for France (roles are the admin's, not the screens' business here).
    const admin = await t.login(ADMIN.email, ADMIN.password);
    await t.ok(`mutation($i:GrantRoleInput!){ grantRole(input:$i){ id } }`, { i: { userId: user.id, role: 'EXPERT', nationCode: 'FRA' } }, admin);

    await expectAccessible(page, 'sign-in');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    await expectAccessible(page, 'my work');
  });

  it('proposes a standard, seeing the overlapping ECSS standard before sending', async () => {
    await page.getByRole('link', { name: 'Propose' }).first().click();
    await page.getByLabel('Designation').fill('ASpP-90');
    await page.getByLabel('Title', { exact: true }).fill('Space debris mitigation requirements for commercial spacecraft');
    await page.getByLabel('Scope').fill('Debris mitigation requirements for commercial spacecraft: passivation and disposal at end of life.');
    await page.getByRole('cell', { name: 'ISO 23312' }).first().waitFor();
    // A superseded issue comes after the current documents and names what replaced it.
    await page.getByRole('cell', { name: 'ECSS-U-AS-10C Superseded by ECSS-U-AS-10C Rev.2' }).waitFor();
    // No need is open in this story: one line says so, without an empty search field and an empty select.
    await page.getByRole('group', { name: 'Needs this standard addresses' }).getByText('No need is open yet: raise one from the needs register.').waitFor();
    expect(await page.getByLabel('Find an open need').count()).toBe(0);
    expect(await page.getByLabel('Add a need').count()).toBe(0);
    await expectAccessible(page, 'propose');
    await shoot(page, 'propose');
    await page.getByLabel('Why a new standard is needed').fill(justification);
    await page.getByRole('button', { name: 'Propose', exact: true }).click();
    await page.getByRole('heading', { name: /ASpP-90/ }).waitFor();
    const [row] = await t.db.query(`SELECT id, status, overlap_justification FROM standard WHERE designation = 'ASpP-90'`);
    expect(row).toMatchObject({ status: 'PROPOSED', overlap_justification: justification });
    await t.ok(`mutation($id:ID!){ startDrafting(standardId:$id){ id } }`, { id: row.id }, secretariat.token);
  });

  it('writes version 1 and version 2 in the editor, with a live preview', async () => {
    await page.reload();
    await page.getByRole('link', { name: 'Write a new version' }).click();
    await text().waitFor();
    // Drafting errors are flagged as they are typed.
    await text().fill(V1.replace('shall passivate', 'must passivate'));
    await page.getByText('“must” is not a verbal form of the ISO/IEC Directives').waitFor();
    await text().fill(V1);
    await page.getByText('“must” is not a verbal form of the ISO/IEC Directives').waitFor({ state: 'detached' });
    await page.locator('.preview h2', { hasText: '2 Requirements' }).waitFor();
    await expectAccessible(page, 'editor');
    await saveVersion('WD 1');
    await page.waitForURL(/\?v=1$/);
    await page.locator('.doc h2', { hasText: '1 Scope' }).waitFor();
    await expectAccessible(page, 'standard');

    await page.getByRole('link', { name: 'Write a new version' }).click();
    await page.getByText('Editing from version 1.').waitFor();
    await text().fill(V2);
    await saveVersion('WD 2');
    await page.waitForURL(/\?v=2$/);
    // The table of contents leads to the clause's anchor; the margin carries the source line numbers.
    await page.getByRole('complementary', { name: 'Contents' }).getByRole('link', { name: /2\.1 Disposal/ }).click();
    expect(new URL(page.url()).hash).toMatch(/^#.+/);
    await page.locator(new URL(page.url()).hash).waitFor();
    expect(await page.locator('.doc [data-line]').first().getAttribute('data-line')).toBe('1');
    await shoot(page, 'standard');
    await page.getByRole('tab', { name: /Provisions \(3\)/ }).click();
    const provisions = page.getByRole('table', { name: 'Provisions (3)' });
    await provisions.getByRole('row', { name: /passivate the spacecraft/ }).getByText('requirement', { exact: false }).waitFor();
    await provisions.getByRole('row', { name: /publish its disposal plan/ }).getByText('recommendation', { exact: false }).waitFor();
    await expectAccessible(page, 'standard (provisions)');
    await page.getByRole('tab', { name: /Text of version 2/ }).click();
    await page.getByText(justification).waitFor();
    const versions = await t.db.query(`SELECT v.number, v.label FROM standard_version v JOIN standard s ON s.id = v.standard_id WHERE s.designation = 'ASpP-90' ORDER BY v.number`);
    expect(versions).toEqual([{ number: 1, label: 'WD 1' }, { number: 2, label: 'WD 2' }]);
  });

  it('keeps the draft through a reload and resolves a conflict with a version that landed meanwhile', async () => {
    await page.getByRole('link', { name: 'Write a new version' }).click();
    await page.getByText('Editing from version 2.').waitFor();
    await text().fill(MINE);
    await page.waitForTimeout(600); // the local copy is written once typing pauses
    await page.reload();
    await page.getByText('Your unsaved draft was restored').waitFor();
    expect(await text().innerText()).toContain('at end of mission.');

    const [std] = await t.db.query(`SELECT s.id, v.id AS v2 FROM standard s JOIN standard_version v ON v.standard_id = s.id AND v.number = 2 WHERE s.designation = 'ASpP-90'`);
    await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ number } }`, { i: { standardId: std.id, baseVersionId: std.v2, text: THEIRS, label: 'Secretariat edit' } }, secretariat.token);

    await saveVersion('WD 4');
    await page.getByRole('heading', { name: 'Version 3 landed while you were editing' }).waitFor();
    await page.getByText('within 30 days of end of life.').waitFor();
    await expectAccessible(page, 'conflict');
    await shoot(page, 'conflict');
    await page.getByRole('radio', { name: 'Take mine' }).check();
    await page.getByRole('button', { name: 'Apply and continue editing' }).click();
    await page.getByText('Editing from version 3.').waitFor();
    const merged = await text().innerText();
    expect(merged).toContain('at end of mission.');
    expect(merged).toContain('serving the Alliance and its partners.');
    await saveVersion('WD 4');
    await page.waitForURL(/\?v=4$/);
    const versions = await t.db.query(`SELECT number FROM standard_version WHERE standard_id = $1 ORDER BY number`, [std.id]);
    expect(versions.map((v: { number: number }) => v.number)).toEqual([1, 2, 3, 4]);
    const check = await t.ok(`query($id:ID!){ standard(id:$id){ version(number:4){ text basedOn { number } } } }`, { id: std.id }, secretariat.token);
    expect(check.standard.version.text).toContain('at end of mission.');
    expect(check.standard.version.text).toContain('and its partners.');
    expect(check.standard.version.basedOn.number).toBe(3);
  });

  it('reads the redline between versions 3 and 4, moving from change to change', async () => {
    await page.getByRole('link', { name: 'Compare versions' }).click();
    await page.locator('.redline ins').first().waitFor();
    await page.keyboard.press('n');
    expect(await page.evaluate('document.activeElement?.tagName')).toMatch(/^(INS|DEL)$/);
    await page.getByText('Changed clauses:').waitFor();
    await expectAccessible(page, 'redline');
    await shoot(page, 'redline');
    await page.getByRole('button', { name: 'Side by side' }).click();
    await page.locator('tr.changed').first().waitFor();
    await expectAccessible(page, 'redline side by side');
    expect(await page.locator('tr.changed').allInnerTexts()).toContainEqual(expect.stringContaining('end of mission'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the unified diff' }).click()]);
    expect(download.suggestedFilename()).toBe('ASpP-90-v3-v4.diff');
    const diff = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    expect(diff).toMatch(/^(Index:|---)/m);
    expect(diff).toContain('+The operator shall passivate the spacecraft at end of mission.');
    // Any two versions, not only the last two: version 1 against version 4.
    await page.getByLabel('From', { exact: true }).selectOption({ index: 0 });
    await page.getByText('Version 1 and version 4, line by line').waitFor();
    expect(page.url()).toContain('from=');
  });

  it('edits the title, and the secretariat adds a second editor and removes him, audited', async () => {
    const [std] = await t.db.query(`SELECT id FROM standard WHERE designation = 'ASpP-90'`);
    await t.user('Hugo Bernard', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    await page.goto(`${app}/standards/${std.id}`);
    await page.getByRole('button', { name: 'Edit title, scope and visibility' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit title, scope and visibility' });
    await dialog.getByLabel('Title', { exact: true }).fill('Space debris mitigation for commercial spacecraft');
    await expectAccessible(page, 'edit details');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'ASpP-90 — Space debris mitigation for commercial spacecraft' }).waitFor();

    const sec = await signedIn(browser, base, secretariat.email);
    await sec.goto(`${app}/standards/${std.id}`);
    await sec.getByLabel('Add an editor: name or e-mail').fill('hugo');
    await sec.getByRole('button', { name: 'Make Hugo Bernard (FRA) an editor' }).click();
    await sec.getByRole('button', { name: 'Remove Hugo Bernard as editor' }).waitFor();
    await expectAccessible(sec, 'standard (secretariat, editors)');
    const editors = () => t.db.query(`SELECT u.display_name FROM standard_editor e JOIN app_user u ON u.id = e.user_id WHERE e.standard_id = $1 ORDER BY 1`, [std.id]);
    expect((await editors()).map((e: { display_name: string }) => e.display_name)).toEqual(['Claire Martin', 'Hugo Bernard']);
    await sec.getByRole('button', { name: 'Remove Hugo Bernard as editor' }).click();
    await sec.getByRole('button', { name: 'Remove Hugo Bernard as editor' }).waitFor({ state: 'detached' });
    expect((await editors()).map((e: { display_name: string }) => e.display_name)).toEqual(['Claire Martin']);
    const audit = await t.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 AND action IN ('standard.updated', 'standard.editor_added', 'standard.editor_removed') ORDER BY id`, [std.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['standard.updated', 'standard.editor_added', 'standard.editor_removed']);
    await sec.close();
  });

  it('comments on a line of the review copy in a round', async () => {
    const [std] = await t.db.query(`SELECT s.id, v.id AS v4 FROM standard s JOIN standard_version v ON v.standard_id = s.id AND v.number = 4 WHERE s.designation = 'ASpP-90'`);
    const round = await t.ok(
      `mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`,
      { i: { standardId: std.id, versionId: std.v4, title: 'First national review', closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() } },
      secretariat.token,
    );
    await page.goto(`${app}/rounds/${round.openCommentRound.id}`);
    const paragraph = page.locator('.review-copy p', { hasText: 'passivate' });
    const line = Number(await paragraph.getAttribute('data-line'));
    // The margin shows the source line (and the last one, for a paragraph written on several) that the comment cites.
    expect((await paragraph.getAttribute('data-lines'))?.split('\n')[0]).toBe(String(line));
    expect(await page.locator('.review-copy [data-lines]').count()).toBeGreaterThan(4);
    await paragraph.click();
    expect(await page.getByLabel('From line').inputValue()).toBe(String(line));
    expect(await page.getByLabel('Clause', { exact: true }).inputValue()).toBe('2');
    await page.getByRole('radio', { name: /ed editorial/ }).check();
    await page.locator('#comment-body').fill('"end of mission" needs a definition in clause 3.');
    await page.getByRole('button', { name: 'Add the comment' }).click();
    // A draft has no number yet: the service gives FR-001 … when the delegate submits (delegate.e2e-spec.ts).
    const row = page.getByRole('row', { name: /needs a definition in clause 3/ });
    await row.or(page.locator('.error-banner')).first().waitFor();
    expect(await page.locator('.error-banner').count()).toBe(0);
    expect(await row.getByRole('cell').first().innerText()).toBe('—');
    await row.getByRole('button', { name: /^Edit comment “"end of mission" needs a/ }).waitFor();
    await expectAccessible(page, 'round');
    await shoot(page, 'round');
    const comments = await t.db.query(`SELECT nation_code, line_from, clause, type, status FROM comment WHERE round_id = $1`, [round.openCommentRound.id]);
    expect(comments).toEqual([{ nation_code: 'FRA', line_from: line, clause: '2', type: 'EDITORIAL', status: 'DRAFT' }]);
    expectNoProblems(page);
  });
});
