import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Browser } from 'playwright-core';
import { createTestApp, TestApp } from '../../test/helpers/app';
import { launch, signedIn } from './browser';

/** An integrator opens the API explorer from a README link and runs a query with their own session. */
describe('story: an integrator explores the API in GraphiQL', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let expert: { email: string };

  before(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    expert = await t.user('Elena Explorer', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    ({ browser, close } = await launch());
  });
  after(async () => {
    await close?.();
    await t?.close();
  });

  it('loads the explorer with nothing fetched from outside the service, and runs a query as the signed-in person', async () => {
    const page = await signedIn(browser, base, expert.email);
    const requests: string[] = [];
    const problems: string[] = [];
    page.context().on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text()) && problems.push(m.text()));

    const query = '{ me { displayName roles } }';
    await page.goto(`${base}/graphiql?query=${encodeURIComponent(query)}`);
    // The README's link put the query in the editor; GraphiQL runs it once its editors are up.
    await page.locator('.graphiql-query-editor .CodeMirror-line').filter({ hasText: 'displayName' }).waitFor();
    await page.getByRole('button', { name: /Execute query/ }).click();
    // The answer, as the signed-in expert: the explorer used the person's session.
    await page.waitForFunction(() => (globalThis as any).document.querySelector('.result-window')?.textContent?.includes('Elena Explorer'));
    expect(await page.locator('.result-window').innerText()).toContain('EXPERT');

    expect(problems).toEqual([]);
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((url) => !url.startsWith(`${base}/`) && !url.startsWith('data:'))).toEqual([]);
    // The schema came from the SDL, not from introspection.
    expect(requests).toContain(`${base}/graphql/schema.graphql`);
  });
});
