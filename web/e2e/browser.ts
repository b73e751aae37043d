import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'expect';
import { Browser, chromium, Page } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../../src/common/chromium';
import { PASSWORD } from '../../test/helpers/app';

/** Where the stories leave their screenshots: the README's small ones, and every width for review. */
export const SCREENSHOTS = join(process.cwd(), 'web', 'e2e', 'screenshots');
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'web');

/** Headless Chromium with every background fetch off (the network here is closed). */
export async function launch(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'ssw-web-'));
  const browser = await chromium.launch({
    executablePath: await requireChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
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

/** A person in a browser context of their own, signed in through the sign-in screen. */
export async function signedIn(browser: Browser, base: string, email: string, password = PASSWORD, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Paris', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${base}/app/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
  return page;
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the screen as it stands: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.evaluate(AXE);
  const violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] = await page.evaluate(async () => {
    const result = await (globalThis as any).axe.run((globalThis as any).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n: any) => ({ target: n.target })) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect({ screen, serious }).toEqual({ screen, serious: [] });
}

/**
 * A screenshot at the desktop width for the README (small: the viewport only)
 * and, for review, the same screen at a phone's width.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const size = page.viewportSize()!;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.jpg`), type: 'jpeg', quality: 60 });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(size);
}
