import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Browser } from 'playwright-core';
import { ADMIN, type TestApp } from '../../test/helpers/app';
import { expectAccessible, expectFieldsInLine, shoot, signedIn, stage } from './browser';

/** An ADMIN finds a person in the directory and grants a role; that person's next screen reflects it. */
describe('story: an ADMIN grants a role', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let pat: { id: string; email: string };

  before(async () => {
    ({ t, base, browser, close } = await stage());
    pat = await t.user('Pat Newcomer');
    await t.user('Quinn Other');
  });
  after(() => close?.());

  it('finds the user, grants EXPERT for France, and the user can propose at once', async () => {
    const patPage = await signedIn(browser, base, pat.email);
    await patPage.getByRole('navigation').getByRole('link', { name: 'Standards' }).waitFor();
    expect(await patPage.getByRole('navigation').getByRole('link', { name: 'Propose' }).count()).toBe(0);

    const admin = await signedIn(browser, base, ADMIN.email, ADMIN.password);
    await admin.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await admin.getByLabel('Name or e-mail').fill('newcomer');
    await admin.getByRole('table').getByText('1 person').waitFor();
    await admin.getByRole('button', { name: 'Pat Newcomer' }).click();
    const panel = admin.locator('section', { has: admin.getByRole('heading', { name: 'Pat Newcomer' }) });
    await panel.getByLabel('Role to grant').selectOption('EXPERT');
    await panel.getByLabel('Nation', { exact: true }).selectOption('FRA');
    await expectAccessible(admin, 'users');
    await panel.getByRole('button', { name: 'Grant', exact: true }).click();
    await admin.getByRole('button', { name: 'Revoke national expert' }).waitFor();
    // The role shown is the role Grant sends: another one now, and no nation asked for an administrator.
    expect(await panel.getByLabel('Role to grant').inputValue()).toBe('ADMIN');
    expect(await panel.getByLabel('Nation', { exact: true }).count()).toBe(0);
    await shoot(admin, 'admin-users');
    const roles = await t.db.query(`SELECT r.role, u.nation_code FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE r.user_id = $1`, [pat.id]);
    expect(roles.map((r: any) => [r.role, r.nation_code?.trim()])).toEqual([['EXPERT', 'FRA']]);

    // Pat's next screen: the app asks the service who Pat is, and Propose appears.
    await patPage.reload();
    await patPage.getByRole('navigation').getByRole('link', { name: 'Propose' }).waitFor();

    await admin.getByRole('link', { name: 'Audit log' }).first().click();
    await admin.getByLabel('Action').fill('role');
    await admin.getByText('EXPERT granted to Pat Newcomer').waitFor();
    await expectAccessible(admin, 'audit');
    await shoot(admin, 'admin-audit');
    const download = admin.waitForEvent('download');
    await admin.getByRole('button', { name: 'Export CSV' }).click();
    expect(await (await download).failure()).toBeNull();
  });

  it('creates a vendor organization, binds a person to it, finds people by organization and nation, and deactivates an account at once', async () => {
    const admin = await signedIn(browser, base, ADMIN.email, ADMIN.password);
    await admin.goto(`${base}/app/admin/users`);
    const orgForm = admin.locator('form', { has: admin.getByRole('heading', { name: 'Create an organization' }) });
    await orgForm.getByLabel('Name').fill('Orbital Relay GmbH');
    await orgForm.getByLabel('Kind').selectOption('VENDOR');
    await orgForm.getByRole('button', { name: 'Create' }).click();
    await admin.getByText('Orbital Relay GmbH created.').waitFor();
    const [org] = await t.db.query(`SELECT id, kind FROM organization WHERE name = 'Orbital Relay GmbH'`);
    expect(org.kind).toBe('VENDOR');

    const search = admin.getByRole('search', { name: 'Find people' });
    await search.getByLabel('Name or e-mail').fill('quinn');
    await admin.getByRole('button', { name: 'Quinn Other' }).click();
    const panel = admin.locator('section', { has: admin.getByRole('heading', { name: 'Quinn Other' }) });
    await panel.getByLabel('Role to grant').selectOption('VENDOR');
    await panel.getByLabel('Organization').selectOption({ label: 'Orbital Relay GmbH' });
    await panel.getByRole('button', { name: 'Grant', exact: true }).click();
    await admin.getByRole('button', { name: 'Revoke VENDOR' }).waitFor();

    // The directory by organization, then by nation and role: each finds the one person it should.
    await search.getByLabel('Name or e-mail').fill('');
    await search.getByLabel('Organization').selectOption({ label: 'Orbital Relay GmbH' });
    await admin.getByRole('table').getByText('1 person').waitFor();
    await admin.getByRole('button', { name: 'Quinn Other' }).waitFor();
    await search.getByLabel('Organization').selectOption('');
    await search.getByLabel('Nation').selectOption('FRA');
    await search.getByLabel('Role').selectOption('EXPERT');
    await admin.getByRole('table').getByText('1 person').waitFor();

    // Deactivating Pat ends Pat's session at once: Pat's next screen is the sign-in.
    const patPage = await signedIn(browser, base, pat.email);
    await admin.getByRole('button', { name: 'Pat Newcomer' }).click();
    const patPanel = admin.locator('section', { has: admin.getByRole('heading', { name: 'Pat Newcomer' }) });
    await patPanel.getByRole('button', { name: 'Deactivate the account' }).click();
    await admin.getByRole('dialog').getByText('every session ends at once').waitFor();
    await admin.getByRole('dialog').getByRole('button', { name: 'Deactivate the account' }).click();
    await patPanel.getByRole('button', { name: 'Reactivate the account' }).waitFor();
    const [live] = await t.db.query(`SELECT count(*)::int AS n FROM user_session WHERE user_id = $1 AND ended_at IS NULL`, [pat.id]);
    expect(live.n).toBe(0);
    await patPage.reload();
    await patPage.waitForURL(/\/sign-in/);

    await patPanel.getByRole('button', { name: 'Reactivate the account' }).click();
    await patPanel.getByRole('button', { name: 'Deactivate the account' }).waitFor();
    const [user] = await t.db.query(`SELECT deactivated_at FROM app_user WHERE id = $1`, [pat.id]);
    expect(user.deactivated_at).toBeNull();
    await signedIn(browser, base, pat.email);

    // Revoking Pat's role takes Pat out of the directory filtered by that role.
    await patPanel.getByRole('button', { name: 'Revoke national expert' }).click();
    await admin.getByText('Nobody matches.').waitFor();
    expect(await t.db.query(`SELECT role FROM user_role WHERE user_id = $1`, [pat.id])).toEqual([]);

    // The audit log by actor, entity and day: the ADMIN's account changes of today, and none from tomorrow on.
    const [{ display_name: adminName }] = await t.db.query(`SELECT display_name FROM app_user WHERE lower(email) = lower($1)`, [ADMIN.email]);
    await admin.getByRole('link', { name: 'Audit log' }).first().click();
    const filters = admin.getByRole('search', { name: 'Filter the audit log' });
    // Five filters in a row, one with a hint under its box, two dates: labels and boxes still line up.
    await expectFieldsInLine(filters);
    await filters.getByLabel('Actor').selectOption({ label: adminName });
    await filters.getByLabel('Entity').selectOption('User');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
    await filters.getByLabel('From', { exact: true }).fill(day(0));
    await filters.getByLabel('To', { exact: true }).fill(day(0));
    await admin.getByRole('cell', { name: 'account.deactivated' }).waitFor();
    await admin.getByRole('cell', { name: 'account.reactivated' }).waitFor();
    expect(await admin.getByRole('cell', { name: 'organization.created' }).count()).toBe(0);
    await filters.getByLabel('From', { exact: true }).fill(day(1));
    await filters.getByLabel('To', { exact: true }).fill(day(1));
    await admin.getByText('No event matches.').waitFor();
  });
});
