import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Browser, Page } from 'playwright-core';
import { createTestApp, TestApp } from '../../test/helpers/app';
import { draft, TEXT } from '../../test/helpers/ratification';
import { expectAccessible, expectFieldsInLine, launch, shoot, signedIn } from './browser';

/** A vendor registers a product, claims conformance, sees a claim go stale after a new version, and exports the PICS. */
describe('story: a vendor claims conformance and keeps it current', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let sec: { token: string };
  let vendor: { email: string };
  let standardId: string;
  let versionId: string;
  let page: Page;

  before(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const org = await t.ok(`mutation($i:CreateOrganizationInput!){ createOrganization(input:$i){ id } }`, { i: { name: 'Orbital Relay GmbH', kind: 'VENDOR' } }, await t.adminToken());
    sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    vendor = await t.user('Vera Vendor', [{ role: 'VENDOR', organizationId: org.createOrganization.id }]);
    ({ standardId, versionId } = await draft(t, sec.token, 'STANAG 4790'));
    ({ browser, close } = await launch());
  });
  after(async () => {
    await close?.();
    await t?.close();
  });

  it('registers a product and saves its claims all together', async () => {
    page = await signedIn(browser, base, vendor.email);
    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByLabel('Name').fill('Orbit Relay');
    await page.getByLabel('Product version').fill('2.0');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('link', { name: 'Orbit Relay' }).waitFor();
    await expectAccessible(page, 'products');
    await page.getByRole('link', { name: 'Orbit Relay' }).click();

    // A typo in the release is corrected in place; the product keeps its id.
    await page.getByRole('button', { name: 'Edit the product' }).click();
    const edit = page.getByRole('dialog');
    await edit.getByLabel('Product version').fill('2.0.1');
    await edit.getByLabel('Description').fill('Relay terminal for orbit data');
    await expectAccessible(page, 'edit a product');
    await shoot(page, 'product-edit');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Orbit Relay 2.0.1' }).waitFor();
    const [product] = await t.db.query(`SELECT id, product_version, description FROM product`);
    expect(product).toMatchObject({ product_version: '2.0.1', description: 'Relay terminal for orbit data' });
    expect((await t.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [product.id])).map((a: any) => a.action)).toEqual(['product.registered', 'product.updated']);

    // The standard is found by the server's search (the register holds more than a list could), then chosen.
    await page.getByLabel('Find a standard').fill('STANAG 4790');
    await page.getByLabel('Standard', { exact: true }).selectOption({ label: 'STANAG 4790 · Orbital data exchange STANAG 4790' });
    const selects = page.getByRole('combobox', { name: /^Claim for / });
    await selects.first().waitFor();
    // The search box and the two selects (standard, version) line up.
    await expectFieldsInLine(page.locator('.inline-fields', { has: page.getByLabel('Find a standard') }));
    const n = await selects.count();
    expect(n).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < n; i++) await selects.nth(i).selectOption('CONFORMANT');
    await page.getByRole('textbox', { name: /^Evidence for / }).first().fill('Test report TR-17, 4 min 10 s worst case');
    await page.getByRole('button', { name: `Save ${n} changed claims` }).click();
    await page.getByText(`${n} claims saved together.`).waitFor();
    await page.getByTestId('report-line').filter({ hasText: /^Conformant/ }).waitFor();
    await expectAccessible(page, 'claims');
    await shoot(page, 'vendor-claims');
    const claims = await t.db.query(`SELECT level FROM conformance_claim`);
    expect(claims.map((c: any) => c.level)).toEqual(Array(n).fill('CONFORMANT'));
  });

  it('sees the claim on a changed provision go stale, with the redline, and exports the PICS', async () => {
    await t.ok(
      `mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`,
      { i: { standardId, baseVersionId: versionId, text: TEXT.replace('within five minutes', 'within two minutes') } },
      sec.token,
    );
    await page.reload();
    const stale = page.locator('tr.stale');
    await stale.first().waitFor();
    expect(await stale.count()).toBe(1);
    await stale.getByText('Stale: the provision changed since version 1.').waitFor();
    await stale.locator('del', { hasText: 'five' }).waitFor();
    await stale.locator('ins', { hasText: 'two' }).waitFor();
    await page.getByTestId('report-line').filter({ hasText: /^Not conformant.*1 stale claim\b/ }).waitFor();
    await expectAccessible(page, 'stale claims');
    await shoot(page, 'vendor-stale');

    // The vendor's home lists the stale claim, and leads back to the product.
    await page.getByRole('navigation').getByRole('link', { name: 'My work' }).click();
    const staleHome = page.getByRole('table', { name: 'Stale claims on your products' });
    await staleHome.waitFor();
    await expectAccessible(page, 'home (vendor)');
    await staleHome.getByRole('link', { name: 'Orbit Relay 2.0.1' }).click();
    await page.locator('tr.stale').first().waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export the PICS (CSV)' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    // The PICS opens with its identification block, then the items' columns.
    const lines = csv.replace(/^\uFEFF/, '').split('\n').map((l) => l.trim());
    expect(lines[0]).toBe('PICS identification');
    expect(lines.some((l) => l.startsWith('item,description,reference,status,support,values'))).toBe(true);
    expect(csv).toContain('two minutes');

    await page.getByRole('link', { name: 'Interoperability' }).click();
    await page.getByRole('link', { name: 'Report of Orbit Relay on STANAG 4790' }).waitFor();
    await expectAccessible(page, 'matrix');
    await shoot(page, 'matrix');
    await page.getByRole('link', { name: 'Report of Orbit Relay on STANAG 4790' }).click();
    await page.getByTestId('report-line').waitFor();
  });
});
