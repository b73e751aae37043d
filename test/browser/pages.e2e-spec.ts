import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { BrowserContext, chromium } from 'playwright-core';
import { findChromium } from '../../src/common/chromium';
import { createTestApp, TestApp } from '../helpers/app';
import { cast, draft, openBallot, people, People } from '../helpers/ratification';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const NO_BROWSER = 'skipped: no Chromium found. Set CHROMIUM_PATH, install chromium or Chrome, or run npm ci on linux-x64 (it brings @sparticuz/chromium)';

/**
 * What a reader sees in a real browser: headless Chromium (src/common/chromium.ts
 * says which), opening the pages the running service serves. The network here is
 * closed, so every background fetch of the browser is off.
 */
describe('published pages in a browser', async () => {
  const executablePath = await findChromium();
  if (!executablePath) {
    if (process.env.CI === 'true') throw new Error(`CI runs the browser tests, but ${NO_BROWSER}`);
    it('the browser tests', { skip: NO_BROWSER }, () => undefined);
    return;
  }
  let t: TestApp;
  let p: People;
  let base: string;
  let browser: BrowserContext;
  let profile: string;

  before(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    p = await people(t, ['FRA', 'DEU', 'POL']);
    const { standardId, versionId } = await draft(t, p.secretariat, 'STANAG 4790');
    const b = (await openBallot(t, p.secretariat, standardId, versionId, 2)).data.openBallot;
    await cast(t, p.delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING', { reservations: [{ clause: '2.1', text: 'Delivery within ten minutes.' }] });
    await cast(t, p.delegates.DEU, b.id, 'RATIFIED_FUTURE_IMPLEMENTATION', { implementationDate: '2028-01-01T00:00:00.000Z' });
    await cast(t, p.delegates.POL, b.id, 'NOT_PARTICIPATING');
    await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ outcome } }`, { id: b.id }, p.secretariat);
    await t.ok(`mutation($id:ID!){ publishEdition(ballotId:$id){ id } }`, { id: b.id }, p.secretariat);

    profile = mkdtempSync(join(tmpdir(), 'ssw-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      viewport: { width: 1100, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await t.close();
  });

  it('lists the editions in force on the front page and leads to the edition', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    expect(await page.title()).toBe('Published standards');
    const link = page.getByRole('link', { name: 'STANAG 4790 Edition 1' });
    expect(await link.count()).toBe(1);
    await link.click();
    await page.waitForURL(/\/standards\/STANAG-4790\/editions\/1$/);
    expect(await page.getByRole('heading', { level: 1, name: 'STANAG 4790 Edition 1' }).isVisible()).toBe(true);
    await page.close();
  });

  it('shows the text with its table of contents, the ratification table and the content hash', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const response = await page.goto(`${base}/standards/STANAG-4790/editions/1`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('STANAG 4790 Edition 1: Orbital data exchange STANAG 4790');

    const toc = page.getByRole('navigation', { name: 'Contents' });
    expect(await toc.getByRole('link').allInnerTexts()).toEqual([
      'NATO Letter of Promulgation', 'Record of Reservations', 'Record of Specific Reservations', 'Releasability',
      '1 Scope', '2 Requirements', '2.1 Tracking data', '2.2 Ephemerides', 'Ratification',
    ]);
    await toc.getByRole('link', { name: '2.1 Tracking data' }).click();
    expect(page.url()).toMatch(/#clause-2-1$/);
    expect(await page.locator('#clause-2-1').isVisible()).toBe(true);

    const rows: string[][] = [];
    // The record at promulgation; the state now is a table of its own, the same until a nation changes its ratification.
    for (const tr of await page.getByRole('table', { name: 'National responses at promulgation' }).locator('tbody tr').all()) rows.push((await tr.locator('th, td').allInnerTexts()).map((c) => c.trim()));
    expect(rows).toEqual([
      ['France', 'Ratified, implementing', '—', 'Clause 2.1: Delivery within ten minutes.'],
      ['Germany', 'Ratified, future implementation', '2028-01-01', '—'],
      ['Poland', 'Not participating', '—', '—'],
    ]);
    expect(await page.getByText('2 of 32 Allied nations ratified; 3 responded.').isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: 'National responses now' }).locator('tbody tr').count()).toBe(3);
    expect(await page.getByText('No change since promulgation.').isVisible()).toBe(true);
    expect(await page.locator('code.hash').innerText()).toMatch(/^sha256:[0-9a-f]{64}$/);
    const source = page.getByRole('link', { name: 'Markdown source' });
    expect(await source.getAttribute('href')).toBe('/standards/STANAG-4790/editions/1.md');
    // No script, and the CSP lets the inline stylesheet apply.
    expect(await page.locator('script').count()).toBe(0);
    // (no DOM typings in this project: the callback runs in the page)
    const borderStyle = await page.locator('table th').first().evaluate(
      (th) => (globalThis as unknown as { getComputedStyle(e: unknown): { borderTopStyle: string } }).getComputedStyle(th).borderTopStyle,
    );
    expect(borderStyle).toBe('solid');
    expect(errors).toEqual([]);

    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'edition-page.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it('serves the Markdown source the hash is of', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}/standards/STANAG-4790/editions/1.md`);
    expect(response?.headers()['content-type']).toMatch(/text\/markdown/);
    expect(await response?.text()).toContain('### 2.1 Tracking data');
    await page.close();
  });
});
