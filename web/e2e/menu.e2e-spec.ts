import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../../test/helpers/app';
import { ARTIFACTS, expectAccessible, expectNoProblems, focused, signedIn, stage, tabTo } from './browser';

/**
 * The top navigation on a phone: a secretariat officer sees eleven links,
 * which wrapped to three lines above every screen. At 390 px they hide behind
 * a "Menu" button that opens them one a line, by pointer or keyboard, and
 * closes on navigation and on Escape; at 1280 px the bar is as it was.
 */
describe('story: the navigation on a phone is a menu', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let page: Page;

  before(async () => {
    ({ t, base, browser, close } = await stage());
    const sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    page = await signedIn(browser, base, sec.email, undefined, 390);
    await page.getByRole('heading', { name: 'My work' }).waitFor();
  });
  after(() => close?.());

  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const menu = () => page.getByRole('button', { name: 'Menu' });

  it('shows one "Menu" button instead of three lines of links, and opens them one a line', async () => {
    expect(await menu().getAttribute('aria-expanded')).toBe('false');
    // The button names what it shows: the navigation itself, in the page while hidden.
    const controls = (await menu().getAttribute('aria-controls')) ?? '';
    expect(await page.locator(`[id="${controls}"]`).getAttribute('aria-label')).toBe('Main');
    expect(await nav().isVisible()).toBe(false);
    // The bar is two lines: the name and the button, then the language, the bell and the person.
    const bar = (await page.locator('header.topbar').boundingBox())!;
    expect(bar.height).toBeLessThan(100);
    await expectAccessible(page, 'phone, menu closed');
    await page.screenshot({ path: join(ARTIFACTS, 'menu-closed-390.png') });

    await menu().click();
    expect(await menu().getAttribute('aria-expanded')).toBe('true');
    const links = nav().getByRole('link');
    expect(await links.allInnerTexts()).toEqual(['My work', 'Standards', 'Propose', 'Needs', 'Products', 'Catalogue', 'Interoperability', 'Providers', 'Join requests', 'Users', 'Audit log']);
    // One a line: each link below the one before, all at the same left edge.
    const boxes = await Promise.all((await links.all()).map(async (l) => (await l.boundingBox())!));
    for (let i = 1; i < boxes.length; i++) expect({ i, below: boxes[i].y >= boxes[i - 1].y + boxes[i - 1].height, left: boxes[i].x }).toEqual({ i, below: true, left: boxes[0].x });
    // Targets a thumb can hit (WCAG 2.2 asks 24 px).
    expect(Math.min(...boxes.map((b) => b.height))).toBeGreaterThanOrEqual(30);
    await expectAccessible(page, 'phone, menu open');
    await page.screenshot({ path: join(ARTIFACTS, 'menu-open-390.png') });
  });

  it('closes when a link is followed', async () => {
    await nav().getByRole('link', { name: 'Standards' }).click();
    await page.waitForURL(`${base}/app/standards`);
    await page.getByRole('heading', { name: 'Standards', level: 1 }).waitFor();
    expect(await menu().getAttribute('aria-expanded')).toBe('false');
    expect(await nav().isVisible()).toBe(false);
  });

  it('opens and closes from the keyboard: Enter, Tab into the links, Escape back to the button', async () => {
    await page.locator('main').focus();
    await tabTo(page, 'button.menu-toggle', { back: true });
    await page.keyboard.press('Enter');
    expect(await menu().getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({ tag: 'A', name: 'My work', ring: true });
    await page.keyboard.press('Escape');
    expect(await menu().getAttribute('aria-expanded')).toBe('false');
    expect(await nav().isVisible()).toBe(false);
    expect((await focused(page)).name).toBe('Menu');
    // Escape with the focus on the button closes it as well.
    await page.keyboard.press('Space');
    expect(await menu().getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await menu().getAttribute('aria-expanded')).toBe('false');
  });

  it('leaves the desktop bar as it was: no button, the links in the bar', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await menu().isVisible()).toBe(false);
    expect(await nav().isVisible()).toBe(true);
    const bar = (await page.locator('header.topbar').boundingBox())!;
    const links = await Promise.all((await nav().getByRole('link').all()).map(async (l) => (await l.boundingBox())!));
    expect(new Set(links.map((b) => Math.round(b.y))).size).toBe(1); // one line
    expect(links[0].y).toBeLessThan(bar.y + bar.height);
    await expectAccessible(page, 'desktop bar');
    expectNoProblems(page);
  });
});
