import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'expect';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../../src/common/chromium';
import { createTestApp, PASSWORD, type TestApp } from '../../test/helpers/app';

/**
 * The one harness of the browser stories in this folder: a real Chromium,
 * pages that fail the story on a script error or a CSP refusal, axe-core,
 * keyboard moves and the README's screenshots.
 */

const ROOT = process.cwd();
/** The README's screenshots, one or more per role, remade by every run of the stories (`npm run test:web`). */
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
/** Every screenshot at 1280 and 390 pixels wide, for review; not committed. */
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'web');

/** Headless Chromium with every background fetch off (the network here is closed). */
export async function launch(): Promise<{ browser: Browser; close(): Promise<void> }> {
  if (!existsSync(join(ROOT, 'dist', 'app', 'index.html'))) throw new Error('dist/app is missing: run `npm run build:web` (npm test does).');
  const profile = mkdtempSync(join(tmpdir(), 'ssw-web-'));
  const executablePath = await requireChromium();
  let browser: Browser | undefined;
  for (let attempt = 1; !browser; attempt++) {
    try {
      browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    } catch (e) {
      // ETXTBSY: another test process is still unpacking the shared Chromium it found missing; it is there a moment later.
      if (!String(e).includes('ETXTBSY') || attempt === 10) throw e;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  return {
    browser,
    async close() {
      // Contexts first: their pages hold the live graphql-ws sockets the service waits for on shutdown.
      for (const context of browser.contexts()) await context.close();
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The service on a port of its own (a database of its own) and a Chromium to drive it; `close` ends both. */
export async function stage(): Promise<{ t: TestApp; base: string; browser: Browser; close(): Promise<void> }> {
  const t = await createTestApp();
  try {
    await t.app.listen(0, '127.0.0.1');
    const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const chromium = await launch();
    return {
      t,
      base,
      browser: chromium.browser,
      async close() {
        await chromium.close();
        await t.close();
      },
    };
  } catch (e) {
    await t.close();
    throw e;
  }
}

const problems = new WeakMap<Page, string[]>();

/**
 * A page in a browser context of its own (a person of their own: cookies,
 * storage), in Paris time. Script errors and CSP refusals are collected for
 * `expectNoProblems`.
 */
export async function openPage(browser: Browser, { width = 1280, locale = 'en-GB' } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale, timezoneId: 'Europe/Paris', acceptDownloads: true });
  const page = await context.newPage();
  const seen: string[] = [];
  problems.set(page, seen);
  page.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) seen.push(m.text());
  });
  return page;
}

/** No script error and no CSP refusal on the page so far. */
export function expectNoProblems(page: Page): void {
  expect(problems.get(page) ?? []).toEqual([]);
}

/** A person in a browser context of their own, signed in through the sign-in screen. */
export async function signedIn(browser: Browser, base: string, email: string, password = PASSWORD, width = 1280): Promise<Page> {
  const page = await openPage(browser, { width });
  await page.goto(`${base}/app/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
  return page;
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core (every rule, WCAG 2.2 AA and best practices) on the screen as it
 * stands: no serious or critical violation. Evaluated through the DevTools
 * protocol, so the page's CSP stays as served.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.evaluate(AXE);
  // Runs in the page (no DOM types here): serious and critical violations, each with up to three of its elements.
  const serious: string[] = await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))`);
  expect({ screen, serious }).toEqual({ screen, serious: [] });
}

/**
 * The README's picture of a screen (docs/screenshots/<name>.jpg: the
 * desktop viewport, small) once the screen has loaded, and for review the
 * same screen whole at 1280 and 390 pixels wide.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  // A picture of "Loading…" is a stale picture: wait for the screen itself.
  // Polled with evaluate: waitForFunction's string form is an eval, which the app's CSP refuses.
  const loaded = `!document.querySelector('.loading, [aria-busy="true"]') && !/Loading…|Chargement…/.test(document.body.innerText)`;
  for (let waited = 0; !(await page.evaluate(loaded)); waited += 100) {
    if (waited > 15_000) throw new Error(`${name}: the screen is still loading after 15 s`);
    await page.waitForTimeout(100);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const size = page.viewportSize()!;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.jpg`), type: 'jpeg', quality: 60 });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-390.png`), fullPage: true });
  // A phone shows the screen without sideways scrolling: what is wider (a table) scrolls inside itself.
  const wider: string[] = await page.evaluate(`[...document.querySelectorAll('body *')]
    .filter((e) => {
      if (e.getBoundingClientRect().right <= 391) return false;
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return false;
      return true;
    })
    .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : ''))`);
  expect({ name, scrollWidth: await page.evaluate('document.documentElement.scrollWidth'), wider }).toEqual({ name, scrollWidth: 390, wider: [] });
  await page.setViewportSize(size);
}

/** The focused element: its tag, accessible name or text, and whether it shows a focus ring. */
export async function focused(page: Page): Promise<{ tag: string; name: string; ring: boolean }> {
  return page.evaluate(`(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return { tag: '', name: '', ring: false };
    // CodeMirror draws its ring on the editor around the focused content.
    const s = getComputedStyle(a.closest('.cm-editor') || a);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow !== 'none' && s.boxShadow !== '');
    const name = (a.getAttribute('aria-label') || (a.labels && a.labels[0] && a.labels[0].innerText) || a.innerText || a.value || '').trim().slice(0, 80);
    return { tag: a.tagName, name, ring };
  })()`);
}

/**
 * Presses Tab (Shift+Tab with `back`) until the focused element matches the
 * CSS selector, as a keyboard user would, and checks it shows its focus.
 */
export async function tabTo(page: Page, selector: string, { back = false, max = 80 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((sel) => !!(globalThis as any).document.activeElement?.matches(sel), selector)) {
      // Some widgets (CodeMirror) mark their focus a moment after it moves.
      let { ring, name } = await focused(page);
      for (let wait = 0; !ring && wait < 10; wait++) ({ ring, name } = await page.waitForTimeout(50).then(() => focused(page)));
      expect({ selector, name, focusVisible: ring }).toEqual({ selector, name, focusVisible: true });
      return;
    }
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * The fields of a row (`.inline-fields`) line up as a person sees them: their
 * labels at one height, their boxes (text box or select) at one height and of
 * one height, and a button beside them level with the boxes (to the pixel).
 */
export async function expectFieldsInLine(row: Locator): Promise<void> {
  const boxes = async (l: Locator) => Promise.all((await l.all()).map(async (e) => (await e.boundingBox())!));
  await row.locator(':scope > .field > label').first().waitFor();
  const labels = await boxes(row.locator(':scope > .field > label'));
  const controls = await boxes(row.locator(':scope > .field > :is(input, select)'));
  const buttons = await boxes(row.locator(':scope > button'));
  expect(labels.length).toBeGreaterThanOrEqual(2);
  const spread = (values: number[]) => Math.round(Math.max(...values) - Math.min(...values));
  expect({
    labelTops: spread(labels.map((b) => b.y)),
    boxTops: spread([...controls, ...buttons].map((b) => b.y)),
    boxHeights: spread([...controls, ...buttons].map((b) => b.height)),
  }).toEqual({ labelTops: 0, boxTops: 0, boxHeights: 0 });
}
