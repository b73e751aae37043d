import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Browser, Page } from 'playwright-core';
import type { TestApp } from '../../test/helpers/app';
import { draft } from '../../test/helpers/ratification';
import { expectAccessible, shoot, signedIn, stage } from './browser';

/**
 * The secretariat keeps the external catalogue: adds an entry, corrects it,
 * relates a standard to it from the standard's desk (reached from the
 * standard's page) beside the duplication check, and cancels another
 * standard with a reason. An expert reads the catalogue but cannot change it.
 */
describe('story: the secretariat keeps the external catalogue and relates standards to it', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let sec: { email: string; token: string };
  let expert: { email: string };
  let standardId: string;
  let secPage: Page;

  before(async () => {
    ({ t, base, browser, close } = await stage());
    sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    expert = await t.user('Elena Expert', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    ({ standardId } = await draft(t, sec.token, 'STANAG 4799'));
  });
  after(() => close?.());

  it('adds an external standard and corrects it', async () => {
    secPage = await signedIn(browser, base, sec.email);
    await secPage.getByRole('navigation').getByRole('link', { name: 'Catalogue' }).click();
    await secPage.getByRole('heading', { name: 'External catalogue' }).waitFor();
    const add = secPage.locator('section', { has: secPage.getByRole('heading', { name: 'Add an external standard' }) });
    await add.getByLabel('Body').selectOption('ECSS');
    await add.getByLabel('Designation').fill('ECSS-E-ST-70-99C');
    await add.getByLabel('Title').fill('Space engineering - Orbit data exchange between operations centres');
    await add.getByLabel('Scope').fill('Exchange of surveillance and tracking data between space operations centres.');
    await add.getByLabel('Address (URL)').fill('https://ecss.nl/standard/old-address');
    await add.getByRole('button', { name: 'Add to the catalogue' }).click();
    // The list shows the new entry (searched for by its designation).
    await secPage.getByRole('button', { name: 'Edit ECSS-E-ST-70-99C' }).click();
    const dialog = secPage.getByRole('dialog');
    await dialog.getByLabel('Address (URL)').fill('https://ecss.nl/standard/ecss-e-st-70-99c/');
    await dialog.getByLabel('Title').fill('Space engineering - Surveillance data exchange between operations centres');
    // Its standing on the publisher's list: replaced, but still marked current, is refused with what to fix.
    await dialog.getByLabel('Year').fill('2019');
    await dialog.getByLabel('Status checked on').fill('2026-11-02');
    await dialog.getByLabel('Replaced by').fill('ECSS-E-ST-10-03C Rev.1');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('set status SUPERSEDED or WITHDRAWN').waitFor();
    await dialog.getByLabel('Status', { exact: true }).selectOption('SUPERSEDED');
    await expectAccessible(secPage, 'catalogue (edit)');
    await shoot(secPage, 'catalogue-edit');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await secPage.getByRole('cell', { name: 'Space engineering - Surveillance data exchange between operations centres' }).waitFor();
    await expectAccessible(secPage, 'catalogue');
    await shoot(secPage, 'catalogue');

    const [row] = await t.db.query(`SELECT id, title, url, status, as_of::text AS "asOf", published FROM external_standard WHERE designation = 'ECSS-E-ST-70-99C'`);
    expect(row).toMatchObject({
      title: 'Space engineering - Surveillance data exchange between operations centres', url: 'https://ecss.nl/standard/ecss-e-st-70-99c/',
      status: 'SUPERSEDED', asOf: '2026-11-02', published: 2019,
    });
    const [link] = await t.db.query(`SELECT e.designation FROM external_link l JOIN external_standard e ON e.id = l.from_id WHERE l.to_id = $1 AND l.kind = 'REPLACES'`, [row.id]);
    expect(link.designation).toBe('ECSS-E-ST-10-03C Rev.1');
    const audit = await t.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [row.id]);
    expect(audit.map((a: any) => a.action)).toEqual(['external_standard.added', 'external_standard.updated']);
  });

  it('relates the standard from its desk, with the duplication check beside, and any catalogue entry by search', async () => {
    await secPage.goto(`${base}/app/standards/${standardId}`);
    await secPage.getByRole('link', { name: 'Secretariat desk' }).click();
    await secPage.waitForURL(/\/manage$/);
    const relations = secPage.locator('section', { has: secPage.getByRole('heading', { name: 'Relations to other bodies’ standards' }) });
    // The duplication check ranks the new entry among the candidates, with the terms it shares.
    const candidates = relations.getByRole('table', { name: 'Duplication check for this title and scope' });
    const candidate = candidates.getByRole('row', { name: /ECSS-E-ST-70-99C/ });
    await candidate.waitFor();
    await candidate.getByRole('button', { name: 'Relate…' }).click();
    await relations.getByLabel('Relation', { exact: true }).selectOption('ADOPTS');
    await relations.getByLabel('Note').fill('Adopted with the NATO profile of clause 2.');
    await relations.getByRole('button', { name: 'Relate', exact: true }).click();
    await relations.getByRole('table', { name: 'Declared relations' }).getByRole('row', { name: /ECSS-E-ST-70-99C/ }).waitFor();

    // An entry the check does not rank is found by searching the catalogue.
    expect(await candidates.getByRole('cell', { name: 'ECSS-E-ST-10-03C Rev.1 · Space engineering - Testing', exact: true }).count()).toBe(0);
    await relations.getByLabel('Search the whole catalogue').fill('ECSS-E-ST-10-03C Rev.1');
    await relations.getByRole('option', { name: 'ECSS-E-ST-10-03C Rev.1 · Space engineering - Testing', exact: true }).waitFor({ state: 'attached' });
    await relations.getByLabel('External standard').selectOption({ label: 'ECSS-E-ST-10-03C Rev.1 · Space engineering - Testing' });
    await relations.getByLabel('Relation', { exact: true }).selectOption('REFERENCES');
    await relations.getByRole('button', { name: 'Relate', exact: true }).click();
    await relations.getByRole('table', { name: 'Declared relations' }).getByRole('cell', { name: 'ECSS-E-ST-10-03C Rev.1 · Space engineering - Testing', exact: true }).waitFor();
    await relations.scrollIntoViewIfNeeded();
    await expectAccessible(secPage, 'relations');
    await shoot(secPage, 'relations');

    const rows = await t.db.query(
      `SELECT r.kind, e.designation, r.note FROM standard_relation r JOIN external_standard e ON e.id = r.external_id WHERE r.standard_id = $1 ORDER BY r.created_at`,
      [standardId],
    );
    expect(rows).toEqual([
      { kind: 'ADOPTS', designation: 'ECSS-E-ST-70-99C', note: 'Adopted with the NATO profile of clause 2.' },
      { kind: 'REFERENCES', designation: 'ECSS-E-ST-10-03C Rev.1', note: null },
    ]);
    // The standard's page lists them in its Relations tab, for everyone who may read it.
    await secPage.goto(`${base}/app/standards/${standardId}`);
    await secPage.getByRole('tab', { name: 'Relations (2)' }).click();
    const declared = secPage.getByRole('tabpanel');
    await declared.getByText('ECSS-E-ST-70-99C').first().waitFor();
    expect(await declared.innerText()).toContain('Adopted with the NATO profile of clause 2.');
    expect(await declared.innerText()).toContain('ECSS-E-ST-10-03C Rev.1');
  });

  it('cancels a standard with a reason, after asking once more', async () => {
    const { standardId: other } = await draft(t, sec.token, 'STANAG 4798');
    await secPage.goto(`${base}/app/standards/${other}/manage`);
    const cancel = secPage.getByRole('button', { name: 'Cancel the standard…' });
    expect(await cancel.isDisabled()).toBe(true);
    await secPage.getByLabel('Reason').fill('Superseded by ECSS-E-ST-70-99C, which the Alliance adopts.');
    await cancel.click();
    await secPage.getByRole('dialog').getByText('cannot be drafted, balloted or published again').waitFor();
    await secPage.getByRole('dialog').getByRole('button', { name: 'Cancel the standard' }).click();
    // The desk says so, and offers cancelling no more.
    await secPage.getByText(/ · cancelled$/).waitFor();
    await secPage.getByRole('heading', { name: 'Cancel the standard' }).waitFor({ state: 'detached' });
    const [s] = await t.db.query(`SELECT status FROM standard WHERE id = $1`, [other]);
    expect(s.status).toBe('CANCELLED');
    const [audit] = await t.db.query(`SELECT detail FROM audit_event WHERE entity_id = $1 AND action LIKE '%cancel%'`, [other]);
    expect(audit.detail).toContain('Superseded by ECSS-E-ST-70-99C');
  });

  it('lets an expert read the catalogue but not change it, and shows no desk link', async () => {
    const page = await signedIn(browser, base, expert.email);
    await page.goto(`${base}/app/catalogue`);
    await page.getByLabel('Search designation, title or scope').fill('ECSS-E-ST-70-99C');
    await page.getByRole('cell', { name: 'Space engineering - Surveillance data exchange between operations centres' }).waitFor();
    expect(await page.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Add an external standard' }).count()).toBe(0);
    await page.goto(`${base}/app/standards/${standardId}`);
    await page.getByRole('heading', { name: /^STANAG 4799 — / }).waitFor();
    expect(await page.getByRole('link', { name: 'Secretariat desk' }).count()).toBe(0);
  });
});
