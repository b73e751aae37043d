import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, type TestApp } from '../../test/helpers/app';
import { draft } from '../../test/helpers/ratification';
import { expectAccessible, expectNoProblems, openPage, shoot, stage } from './browser';

const NEW_PASSWORD = 'Another-long-passphrase-7';
/** The budget for the JavaScript of a first visit, gzipped. */
const FIRST_LOAD_BUDGET = 300 * 1024;

/**
 * What every person meets before any role's work: the app as served (CSP,
 * deep links, no other origin, the first load's weight), its two languages,
 * a forgotten password, a deep link through sign-in and a reload, and the
 * sessions on the profile.
 */
describe('story: a person\'s account and the app itself', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let person: { email: string; token: string };
  let standardId: string;
  let sec: { token: string };
  const elsewhere: string[] = [];

  before(async () => {
    ({ t, base, browser, close } = await stage());
    sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    person = await t.user('Marc Lefevre', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    ({ standardId } = await draft(t, sec.token, 'STANAG 4714'));
  });
  after(() => close?.());

  /** A page that records every request leaving for another origin (there must be none: no CDN, no remote font). */
  async function page(locale = 'en-GB'): Promise<Page> {
    const p = await openPage(browser, { locale });
    p.on('request', (r) => {
      const url = new URL(r.url());
      if (url.origin !== base && url.protocol !== 'data:') elsewhere.push(r.url());
    });
    return p;
  }

  it('serves any path under /app as the app, with a CSP that allows no inline script', async () => {
    const res = await fetch(`${base}/app/rounds/6c1d2a8e-0000-4000-8000-000000000000?tab=comments`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = Object.fromEntries((res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    const html = await res.text();
    // Every script is a file of the app's own: nothing inline for the CSP to forbid, nothing remote.
    expect([...html.matchAll(/<script\b([^>]*)>/g)].filter((m) => !/\bsrc="\/app\/assets\//.test(m[1]))).toEqual([]);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('a first visit downloads under 300 KB of gzipped JavaScript, the screens loading lazily', async () => {
    const p = await page();
    const scripts: { url: string; gz: number }[] = [];
    p.on('response', async (r) => {
      if (r.request().resourceType() === 'script') scripts.push({ url: r.url(), gz: gzipSync(await r.body(), { level: 9 }).length });
    });
    await p.goto(`${base}/app/sign-in`);
    await p.getByRole('button', { name: 'Sign in' }).waitFor();
    await p.waitForLoadState('networkidle');
    const total = scripts.reduce((sum, s) => sum + s.gz, 0);
    // eslint-disable-next-line no-console -- the figure the issue asks to see
    console.log(`first load of /app/sign-in: ${(total / 1024).toFixed(1)} KB of gzipped JavaScript in ${scripts.length} files`);
    expect(total).toBeLessThan(FIRST_LOAD_BUDGET);
    // The editor (CodeMirror) is not part of it: it comes with its screen.
    expect(scripts.length).toBeGreaterThan(1);
    expect(scripts.some((s) => /codemirror|editor/i.test(s.url))).toBe(false);
    await p.close();
  });

  it('speaks French to a French browser, and the person can switch to English for good', async () => {
    const p = await page('fr-FR');
    await p.goto(`${base}/app/sign-in`);
    await p.getByRole('heading', { name: 'Se connecter' }).waitFor();
    expect(await p.evaluate('document.documentElement.lang')).toBe('fr');
    await p.getByLabel('Mot de passe', { exact: true }).waitFor();
    await expectAccessible(p, 'sign-in (fr)');
    await p.getByLabel('Langue').selectOption('en');
    await p.getByRole('heading', { name: 'Sign in' }).waitFor();
    await p.reload();
    await p.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await p.evaluate('document.documentElement.lang')).toBe('en');
    expectNoProblems(p);
    await p.close();
  });

  it('resets a forgotten password with the mailed code, resending it once', async () => {
    const p = await page();
    await p.goto(`${base}/app/sign-in`);
    await p.getByRole('link', { name: 'Forgotten password' }).click();
    // The sign-in screen has an e-mail field too: fill the reset screen's, once it has loaded.
    await p.getByRole('button', { name: 'Send the code' }).waitFor();
    await p.getByLabel('E-mail address').fill(person.email);
    await p.getByRole('button', { name: 'Send the code' }).click();
    await p.getByText(/The code is valid for (29|30):/).waitFor();
    await t.waitForMail(person.email, 2); // the verification code, then this one
    const first = t.lastCode(person.email);
    await p.getByRole('button', { name: 'Send a new code' }).click();
    await t.waitForMail(person.email, 3);
    const second = t.lastCode(person.email);
    await p.getByLabel('6-digit code').fill(second);
    await p.getByLabel('New password').fill('short');
    expect(await p.getByRole('button', { name: 'Set the new password' }).isDisabled()).toBe(true);
    await p.getByLabel('New password').fill(NEW_PASSWORD);
    await expectAccessible(p, 'reset password');
    await p.getByRole('button', { name: 'Set the new password' }).click();
    await p.waitForURL(/\/app\/sign-in\?email=/);
    expect(await p.getByLabel('E-mail address').inputValue()).toBe(person.email);
    expect(first === second).toBe(false);
    // The old password no longer works; the new one does.
    expect((await t.gql(`mutation($e:String!,$p:String!){ login(email:$e,password:$p){ expiresAt } }`, { e: person.email, p: PASSWORD })).errors?.length).toBeGreaterThan(0);
    person.token = await t.login(person.email, NEW_PASSWORD);
    await p.close();
  });

  it('follows a deep link through sign-in, and keeps the screen over a reload without a token in storage', async () => {
    const p = await page();
    await p.goto(`${base}/app/standards/${standardId}?v=1`);
    await p.waitForURL(/\/app\/sign-in\?next=/);
    await p.getByLabel('E-mail address').fill(person.email);
    await p.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(`${base}/app/standards/${standardId}?v=1`);
    await p.getByRole('heading', { name: /STANAG 4714/ }).waitFor();
    await p.reload();
    await p.getByRole('heading', { name: /STANAG 4714/ }).waitFor();
    expect(p.url()).toBe(`${base}/app/standards/${standardId}?v=1`);
    // The access token lives in memory only; the refresh session is an httpOnly, SameSite=Strict cookie.
    const stored: string = await p.evaluate('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie');
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    const cookies = await p.context().cookies();
    expect(cookies.filter((c) => !c.httpOnly || c.sameSite !== 'Strict')).toEqual([]);
    expect(cookies.length).toBeGreaterThan(0);
    await p.close();
  });

  it('searches the standards with highlighted snippets, filters them and pages through them', async () => {
    // 26 more standards, one of them the person's own, so that the list has a second page of 25.
    const propose = `mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`;
    for (let n = 1; n <= 25; n++) {
      await t.ok(propose, { i: { designation: `AEP-${100 + n}`, title: `Ground segment interface ${n}`, scope: `Interfaces between Allied ground stations, part ${n}.`, visibility: 'NATIONS', overlapJustification: 'A test standard; overlaps are acceptable here.' } }, sec.token);
    }
    await t.ok(propose, { i: { designation: 'AEP-200', title: 'Launch notification messages', scope: 'Messages announcing a launch to Allied space operations centres.', visibility: 'NATIONS', overlapJustification: 'A test standard; overlaps are acceptable here.' } }, person.token);

    const p = await page();
    await p.goto(`${base}/app/sign-in?next=${encodeURIComponent('/standards')}`);
    await p.getByLabel('E-mail address').fill(person.email);
    await p.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    const list = p.getByRole('table', { name: /standards?$/ });
    await p.getByRole('table', { name: '27 standards' }).waitFor();
    expect(await list.locator('tbody tr').count()).toBe(25);
    await p.getByRole('button', { name: 'Next' }).click();
    await p.getByText('Page 2').waitFor();
    await list.locator('tbody tr').nth(2).waitFor({ state: 'detached' });
    expect(await list.locator('tbody tr').count()).toBe(2);

    // Words of the text: STANAG 4714's version speaks of ephemerides.
    await p.getByRole('searchbox', { name: 'Search' }).fill('ephemerides');
    await p.getByRole('button', { name: 'Search' }).click();
    await p.getByRole('table', { name: '1 standard' }).waitFor();
    await list.locator('.snippet mark', { hasText: /ephemerides/i }).first().waitFor();
    await expectAccessible(p, 'standards (search)');
    await shoot(p, 'standards');
    expect(p.url()).toContain('q=ephemerides');

    await p.getByRole('searchbox', { name: 'Search' }).fill('');
    await p.getByRole('button', { name: 'Search' }).click();
    await p.getByLabel('Status').selectOption('DRAFTING');
    await p.getByRole('table', { name: '1 standard' }).getByRole('link', { name: 'STANAG 4714' }).waitFor();
    // The filter's options read as the badges do, capitalised ("Drafting"), in the text itself rather than by CSS.
    expect(await p.getByLabel('Status').locator('option:checked').textContent()).toBe('Drafting');
    expect(await p.getByRole('table', { name: '1 standard' }).locator('.badge.status').textContent()).toBe('Drafting');
    await p.getByLabel('Status').selectOption('');
    // The box follows the address (?mine=1), which the router updates a moment after the click.
    await p.getByLabel('Only those I edit').click();
    await p.getByRole('table', { name: '1 standard' }).getByRole('link', { name: 'AEP-200' }).waitFor();
    expect(await p.getByLabel('Only those I edit').isChecked()).toBe(true);
    await p.getByLabel('Only those I edit').click();
    await p.getByLabel('Visibility').selectOption('PUBLIC');
    await p.getByRole('table', { name: '1 standard' }).getByRole('link', { name: 'STANAG 4714' }).waitFor();
    expectNoProblems(p);
    await p.close();
  });

  it('lists the sessions on the profile and signs out everywhere, which ends the others at once', async () => {
    const p = await page();
    await p.goto(`${base}/app/profile`);
    await p.getByLabel('E-mail address').fill(person.email);
    await p.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'My profile' }).waitFor();
    const sessions = p.getByRole('table', { name: 'My sessions' }).locator('tbody tr');
    await sessions.filter({ hasText: '· this session' }).waitFor();
    expect(await sessions.count()).toBeGreaterThan(1); // this one and the API's
    await expectAccessible(p, 'profile');
    await shoot(p, 'profile');
    expect((await t.gql(`{ me { id } }`, {}, person.token)).data?.me).toBeTruthy();
    await p.getByRole('button', { name: 'Sign out everywhere' }).click();
    await p.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere' }).click();
    await p.waitForURL(/\/app\/sign-in/);
    const after = await t.gql(`{ me { id } }`, {}, person.token);
    expect(after.data?.me ?? null).toBeNull();
    expectNoProblems(p);
    expect(elsewhere).toEqual([]);
  });

  it('changes the password on the profile, which ends the other sessions but keeps this one', async () => {
    const other = await t.login(person.email, NEW_PASSWORD);
    const p = await page();
    await p.goto(`${base}/app/profile`);
    await p.getByLabel('E-mail address').fill(person.email);
    await p.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'My profile' }).waitFor();
    const NEWER = 'Another-Secret-2026!';
    await p.getByLabel('Current password').fill(NEW_PASSWORD);
    await p.getByLabel('New password').fill(NEWER);
    await p.getByRole('button', { name: 'Change my password' }).click();
    await p.getByText('Your password is changed; your other sessions have ended.').waitFor();
    expect((await t.gql(`{ me { id } }`, {}, other)).data?.me ?? null).toBeNull();
    const old = await t.gql(`mutation($e:String!,$p:String!){ login(email:$e,password:$p){ expiresAt } }`, { e: person.email, p: NEW_PASSWORD });
    expect(old.errors?.length).toBeGreaterThan(0);
    person.token = await t.login(person.email, NEWER);
    await p.reload();
    await p.getByRole('heading', { name: 'My profile' }).waitFor();
    expectNoProblems(p);
    await p.close();
  });
});
