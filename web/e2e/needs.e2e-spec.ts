import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../../test/helpers/app';
import { draft } from '../../test/helpers/ratification';
import { expectAccessible, expectFieldsInLine, expectNoProblems, openPage, shoot, signedIn, stage } from './browser';

/**
 * The needs register in a browser: a French expert raises a need, a German
 * delegate supports it, the secretariat accepts it; a proposal then names it,
 * and the public front door shows it without an account.
 */
describe('story: a need is raised, supported and accepted', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let expert: { email: string }, delegate: { email: string }, secretariat: { email: string };
  let needUrl = '';

  before(async () => {
    ({ t, base, browser, close } = await stage());
    expert = await t.user('Claire Martin', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    delegate = await t.user('Jonas Weber', [{ role: 'DELEGATE', nationCode: 'DEU' }]);
    secretariat = await t.user('Sam Okafor', [{ role: 'SECRETARIAT' }]);
  });
  after(() => close?.());

  it('an expert raises a need for France from the needs register', async () => {
    const page = await signedIn(browser, base, expert.email);
    await page.getByRole('link', { name: 'Needs', exact: true }).click();
    await page.getByRole('heading', { name: 'Interoperability needs' }).waitFor();
    await page.getByRole('link', { name: 'Raise a need' }).click();
    await page.getByRole('heading', { name: 'Raise a need' }).waitFor();
    await page.getByText('Raised for France, which supports it at once.').waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Conjunction warnings between Allied space operations centres');
    await page.getByLabel('What the Alliance needs').fill(
      'Allied space operations centres need one message format and one exchange protocol for conjunction warnings, so that a warning issued by one nation can be acted on by another without manual re-entry.',
    );
    await page.getByLabel('Mission area').selectOption('SPACE_DOMAIN_AWARENESS');
    await page.getByLabel('Priority').selectOption('HIGH');
    await page.getByLabel('Visibility').selectOption('PUBLIC');
    await page.getByLabel('Shared by').selectOption(['DEU', 'ITA']);
    await expectAccessible(page, 'raise need');
    await shoot(page, 'need-raise');
    await page.getByRole('button', { name: 'Raise', exact: true }).click();
    await page.waitForURL(/\/app\/needs\/[0-9a-f-]{36}$/);
    needUrl = page.url();
    await page.getByRole('heading', { name: /NEED-\d+ · Conjunction warnings/ }).waitFor();
    await page.getByRole('heading', { name: '1 supporting nation' }).waitFor();
    expectNoProblems(page);
    await page.context().close();
  });

  it('a delegate of Germany supports it', async () => {
    const page = await signedIn(browser, base, delegate.email);
    await page.goto(needUrl);
    await page.getByRole('heading', { name: '1 supporting nation' }).waitFor();
    await page.getByRole('button', { name: 'Support for my nation' }).click();
    await page.getByRole('heading', { name: '2 supporting nations' }).waitFor();
    await page.getByRole('button', { name: "Withdraw my nation's support" }).waitFor();
    const [row] = await t.db.query(`SELECT support_count FROM interoperability_need`);
    expect(row.support_count).toBe(2);
    await expectAccessible(page, 'need (delegate)');
    await page.context().close();
  });

  it('the expert amends the statement; the history shows what changed, and a stale amendment says to reload', async () => {
    const page = await signedIn(browser, base, expert.email);
    await page.goto(needUrl);
    await page.getByRole('heading', { name: 'Amendment history' }).waitFor();
    await page.getByText('Not amended since it was raised.').waitFor();
    await page.getByRole('button', { name: 'Amend', exact: true }).click();
    const dialog = page.getByRole('dialog');
    // Pre-filled with the need as it stands; no reason asked while it is RAISED.
    const statement = dialog.getByLabel('What the Alliance needs');
    const before = await statement.inputValue();
    expect(before).toMatch(/^Allied space operations centres need one message format/);
    expect(await dialog.getByLabel('Reason for the amendment').count()).toBe(0);
    await statement.fill(`${before} Each warning states the screening volume it used.`);
    await dialog.getByLabel('Priority').selectOption('CRITICAL');
    await expectAccessible(page, 'amend need dialog');
    await shoot(page, 'need-amend');
    await dialog.getByRole('button', { name: 'Save the amendment' }).click();
    await page.getByRole('heading', { name: 'Amendment history (1 revision)' }).waitFor();
    const history = page.locator('.need-revisions');
    // The statement as a word diff (the added words underlined), the priority before and after.
    expect(await history.locator('ins').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Each warning states the screening volume it used.'), 'Critical']));
    expect(await history.locator('del').allInnerTexts()).toEqual(['High']);
    await history.getByText('Claire Martin (FRA)').waitFor();

    // Someone else amends meanwhile: saving on the old revision says so plainly, and Reload shows their change.
    const needId = needUrl.split('/').at(-1)!;
    await page.getByRole('button', { name: 'Amend', exact: true }).click();
    await dialog.getByLabel('Priority').selectOption('HIGH');
    await t.ok(`mutation($i:AmendNeedInput!){ amendNeed(input:$i){ id } }`, { i: { needId, expectedRevision: 1, priority: 'MEDIUM', reason: 'Raised at the plenary.' } }, await t.login(secretariat.email));
    await dialog.getByRole('button', { name: 'Save the amendment' }).click();
    await dialog.getByText(/^NEED-\d+ was amended by someone else while you were editing\. Reload it to read their change, then amend again\.$/).waitFor();
    await dialog.getByRole('button', { name: 'Reload the need' }).click();
    await page.getByRole('heading', { name: 'Amendment history (2 revisions)' }).waitFor();
    await history.getByText('Reason: Raised at the plenary.').waitFor();
    // The whole screen, not only the history, shows the need as it stands now.
    await page.locator('.need-side dd', { hasText: 'Medium' }).waitFor();
    await expectAccessible(page, 'need with its amendment history');
    await shoot(page, 'need-history');
    const revisions = await t.db.query(`SELECT number, priority_before, priority_after FROM need_revision ORDER BY number`);
    expect(revisions).toEqual([
      { number: 1, priority_before: 'HIGH', priority_after: 'CRITICAL' },
      { number: 2, priority_before: 'CRITICAL', priority_after: 'MEDIUM' },
    ]);
    // Germany supports it, and is told of both amendments in the app; France, which amended first, of the secretariat's only.
    const told = await t.db.query(`SELECT u.display_name AS who, count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.kind = 'NEED_AMENDED' GROUP BY 1 ORDER BY 1`);
    expect(told).toEqual([{ who: 'Claire Martin', n: 1 }, { who: 'Jonas Weber', n: 2 }]);
    expectNoProblems(page);
    await page.context().close();
  });

  it('the secretariat sees it first in the register, accepts it', async () => {
    const page: Page = await signedIn(browser, base, secretariat.email);
    await page.goto(`${base}/app/needs`);
    await page.getByRole('link', { name: /^NEED-\d+$/ }).first().waitFor();
    await expectAccessible(page, 'needs');
    await shoot(page, 'needs');
    // On a phone the register is read without scrolling sideways: the mission area, priority and date move under the title.
    const desktop = page.viewportSize()!;
    await page.setViewportSize({ width: 390, height: 844 });
    const fit = await page.evaluate(`(() => { const w = document.querySelector('table.data.needs').parentElement;
      return { scrolls: w.scrollWidth > w.clientWidth, columns: [...document.querySelectorAll('table.data.needs thead th')].filter((th) => th.offsetParent).length,
               line: document.querySelector('table.data.needs tbody .narrow-only').innerText }; })()`);
    expect(fit).toEqual({ scrolls: false, columns: 4, line: expect.stringMatching(/^.+ · .+ · .+$/) });
    await page.setViewportSize(desktop);
    await page.getByRole('link', { name: /^NEED-\d+$/ }).first().click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('Accepted', { exact: true }).first().waitFor();
    const [row] = await t.db.query(`SELECT status FROM interoperability_need`);
    expect(row.status).toBe('ACCEPTED');
    // Once accepted, an amendment wants the secretariat's reason.
    await page.getByRole('button', { name: 'Amend', exact: true }).click();
    await page.getByRole('dialog').getByLabel('Priority').selectOption('CRITICAL');
    const save = page.getByRole('dialog').getByRole('button', { name: 'Save the amendment' });
    expect(await save.isDisabled()).toBe(true);
    await page.getByRole('dialog').getByLabel('Reason for the amendment').fill('Agreed at the plenary.');
    expect(await save.isDisabled()).toBe(false);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    // A standard to link is found by the server's search, not picked from a list of the first hundred.
    const token = await t.login(secretariat.email);
    for (const designation of ['STANAG 4711', 'STANAG 4712', 'ASpP-12']) await draft(t, token, designation);
    await page.getByLabel('Find a standard').fill('STANAG 4712');
    const choose = page.getByLabel('Link a standard');
    await choose.locator('option', { hasText: 'STANAG 4712 ·' }).waitFor({ state: 'attached' });
    // Only what matches: the placeholder and STANAG 4712 (the debounced search may first show every standard).
    for (let i = 0; (await choose.locator('option').count()) !== 2; i++) {
      if (i > 100) throw new Error(`the choice still holds ${await choose.locator('option').allInnerTexts()}`);
      await page.waitForTimeout(50);
    }
    await choose.selectOption({ label: 'STANAG 4712 · Orbital data exchange STANAG 4712' });
    // The search box, the select and the button line up (the select was a few pixels short, its label lower).
    await expectFieldsInLine(page.locator('form.inline-fields', { has: choose }));
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByRole('button', { name: 'Unlink STANAG 4712' }).waitFor();
    const linked = await t.db.query(`SELECT s.designation FROM need_standard l JOIN standard s ON s.id = l.standard_id`);
    expect(linked).toEqual([{ designation: 'STANAG 4712' }]);
    await page.getByRole('button', { name: 'Unlink STANAG 4712' }).click();
    await page.getByText('No standard addresses this need yet.').waitFor();
    expect(await t.db.query(`SELECT standard_id FROM need_standard`)).toEqual([]);
    // The reject dialog asks for a reason; cancelled here.
    await page.getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('dialog').getByLabel('Reason').waitFor();
    await expectAccessible(page, 'reject need dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expectAccessible(page, 'need (secretariat)');
    await shoot(page, 'need');
    expectNoProblems(page);
    await page.context().close();
  });

  it('a proposal names the need it addresses, and the front door shows it to anyone', async () => {
    // More open needs than the old list of the first hundred held: the oldest is found by the server's search.
    const token = await t.login(expert.email);
    const RAISE = `mutation($i:RaiseNeedInput!){ raiseNeed(input:$i){ id } }`;
    const raise = (title: string) => t.ok(RAISE, { i: { title, statement: `${title}: a need raised to fill the register.`, missionArea: 'SPACE_DOMAIN_AWARENESS', priority: 'LOW', visibility: 'NATIONS' } }, token);
    await raise('Lunar relay frequency coordination');
    for (let n = 1; n <= 104; n++) await raise(`Ground station handover ${n}`);
    const page = await signedIn(browser, base, expert.email);
    await page.goto(`${base}/app/standards/new`);
    // 105 raised here and the accepted one: the first 20 (most supported, then newest) and how many more match.
    const findNeed = page.getByLabel('Find an open need');
    await page.getByText('20 of 106 open needs shown: type words of the title or statement to narrow.').waitFor();
    const addNeed = page.getByLabel('Add a need');
    expect(await addNeed.locator('option').count()).toBe(21);
    expect(await addNeed.locator('option', { hasText: 'Lunar relay' }).count()).toBe(0);
    await findNeed.fill('lunar relay');
    await addNeed.locator('option', { hasText: 'Lunar relay frequency coordination' }).waitFor({ state: 'attached' });
    for (let i = 0; (await addNeed.locator('option').count()) !== 2; i++) {
      if (i > 100) throw new Error(`the choice still holds ${await addNeed.locator('option').allInnerTexts()}`);
      await page.waitForTimeout(50);
    }
    const [lunar] = await t.db.query(`SELECT id, number FROM interoperability_need WHERE title = 'Lunar relay frequency coordination'`);
    await addNeed.selectOption(lunar.id);
    const lunarBox = page.getByRole('checkbox', { name: `NEED-${lunar.number} · Lunar relay frequency coordination` });
    expect(await lunarBox.isChecked()).toBe(true);
    // The choice stays, named, when the search moves on; words that match nothing say so.
    await findNeed.fill('zzzz nothing');
    await page.getByText('No open need matches these words.').waitFor();
    expect(await lunarBox.isChecked()).toBe(true);
    await findNeed.fill('');
    await page.getByLabel('Designation').fill('ASpP-9');
    await page.getByLabel('Title', { exact: true }).fill('Conjunction warning messages');
    await page.getByLabel('Scope').fill('Message format and exchange of conjunction warnings between Allied space operations centres.');
    await page.getByText(/existing need looks the same/).waitFor();
    await page.getByRole('checkbox', { name: /NEED-\d+ · Conjunction warnings/ }).check();
    await shoot(page, 'propose-with-needs');
    const justification = page.getByLabel('Why a new standard is needed');
    if (await justification.count()) await justification.fill('No existing standard covers the exchange between Allied centres.');
    await page.getByRole('button', { name: 'Propose', exact: true }).click();
    await page.waitForURL(/\/app\/standards\/[0-9a-f-]{36}$/);
    // Both the similar need ticked and the one found by search are linked.
    const links = await t.db.query(`SELECT n.title FROM need_standard l JOIN standard s ON s.id = l.standard_id JOIN interoperability_need n ON n.id = l.need_id WHERE s.designation = 'ASpP-9' ORDER BY n.number`);
    expect(links.map((l: { title: string }) => l.title)).toEqual(['Conjunction warnings between Allied space operations centres', 'Lunar relay frequency coordination']);
    await page.context().close();

    const anon = await openPage(browser);
    await anon.goto(`${base}/needs`);
    await anon.getByRole('link', { name: /^NEED-\d+$/ }).click();
    await anon.getByRole('heading', { name: 'What the Alliance needs' }).waitFor();
    expect(await anon.locator('link[rel="alternate"][href="/feeds/needs.atom"]').count()).toBe(1);
    expect(await anon.locator('script').count()).toBe(0);
    await expectAccessible(anon, 'front door need');
    await shoot(anon, 'front-door-need');
    expectNoProblems(anon);
    await anon.context().close();
  });
});
