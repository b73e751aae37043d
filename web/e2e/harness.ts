import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect } from 'expect';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, TestApp } from '../../test/helpers/app';
import { CHROMIUM_ARGS, requireChromium } from '../../src/common/chromium';

/**
 * A whole service on a port of its own, with the built web app (dist/app),
 * and a real Chromium driving it. Used by the stories in this folder.
 */
export interface Stage {
  t: TestApp;
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..', '..');
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

export async function stage(): Promise<Stage> {
  if (!existsSync(join(ROOT, 'dist', 'app', 'index.html'))) throw new Error('dist/app is missing: run `npm run build:web` (npm test does).');
  const t = await createTestApp();
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: await requireChromium(),
    args: CHROMIUM_ARGS,
  });
  return {
    t,
    url: `http://127.0.0.1:${port}/app`,
    browser,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** A page that fails the story on a script error or a CSP violation. */
export async function openPage(s: Stage, locale = 'en-GB'): Promise<Page> {
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
  });
  (page as Page & { problems: string[] }).problems = problems;
  return page;
}

export const problemsOf = (page: Page): string[] => (page as Page & { problems?: string[] }).problems ?? [];

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on the screen as it stands: no serious or critical violation.
 * Evaluated through the DevTools protocol, so the page's CSP stays as served.
 */
export async function checkA11y(page: Page, screen: string): Promise<void> {
  await page.evaluate(AXE);
  // Runs in the page (no DOM types here): serious and critical violations, each with up to three of its elements.
  const violations: string[] = await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))`);
  expect({ screen, violations }).toEqual({ screen, violations: [] });
}

/** A small screenshot for the README, at a reading size. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), clip: { x: 0, y: 0, width: 1280, height: 720 } });
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, matches: (el: { tag: string; text: string; label: string | null }) => boolean, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el: { tag: string; text: string; label: string | null } = await page.evaluate(`(() => {
      const a = document.activeElement;
      return { tag: a ? a.tagName : '', text: a && a.innerText ? a.innerText.trim() : '', label: a ? a.getAttribute('aria-label') : null };
    })()`);
    if (matches(el)) return;
  }
  throw new Error('The element was not reached with Tab.');
}
