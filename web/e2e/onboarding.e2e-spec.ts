import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Browser } from 'playwright-core';
import { MailOutboxWorker } from '../../src/notifications/mail-outbox.worker';
import type { TestApp } from '../../test/helpers/app';
import { expectAccessible, expectNoProblems, openPage, shoot, signedIn, stage } from './browser';

/**
 * A commercial provider asks to join; the secretariat approves; the new
 * VENDOR_ADMIN lists the organization publicly and invites a colleague, who
 * accepts from the mailed link; the directory shows the provider.
 */
describe('story: a provider joins and invites a colleague', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let sec: { email: string };
  let pia: { id: string; email: string };
  let quinn: { id: string; email: string };

  before(async () => {
    ({ t, base, browser, close } = await stage());
    sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    // Registered and verified as anyone registers (account.e2e-spec.ts shows those screens).
    pia = await t.user('Pia Provider');
    quinn = await t.user('Quinn Colleague');
  });
  after(() => close?.());

  it('asks to join from the home page', async () => {
    const page = await signedIn(browser, base, pia.email);
    await page.getByRole('link', { name: /Ask to join as a provider/ }).click();
    await page.getByLabel('Company').fill('Pia Space SAS');
    await page.getByLabel('Nation').selectOption({ label: 'France' });
    await page.getByLabel('Website').fill('https://pia-space.example.com');
    await page.getByLabel('Why you want to join').fill('We operate a constellation of SAR satellites and want to state conformance to STANAG 4791.');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByRole('status').filter({ hasText: 'waits for the secretariat' }).waitFor();
    await expectAccessible(page, 'join');
    await shoot(page, 'join');
    const [row] = await t.db.query(`SELECT status, nation_code FROM join_request WHERE applicant_id = $1`, [pia.id]);
    expect(row).toEqual({ status: 'PENDING', nation_code: 'FRA' });
    expectNoProblems(page);
  });

  it('the secretariat approves it from the queue', async () => {
    const page = await signedIn(browser, base, sec.email);
    await page.getByRole('link', { name: 'Join requests' }).click();
    await page.getByRole('cell', { name: /Pia Space SAS/ }).waitFor();
    await expectAccessible(page, 'join requests');
    await shoot(page, 'join-requests');
    await page.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Organization').inputValue()).resolves.toBe('');
    await expectAccessible(page, 'approve a join request');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('No request.').waitFor();
    const roles = await t.db.query(`SELECT role FROM user_role WHERE user_id = $1 ORDER BY role`, [pia.id]);
    expect(roles.map((r: { role: string }) => r.role)).toEqual(['VENDOR', 'VENDOR_ADMIN']);
    // The decision's mail waits in the outbox (written by the approval's transaction) for the worker.
    await t.app.get(MailOutboxWorker).drain();
    await t.waitForMail(pia.email, 2);
    expect(t.lastMail(pia.email)).toContain('was approved');
    expectNoProblems(page);
  });

  it('the new VENDOR_ADMIN lists the organization publicly and invites a colleague, who accepts', async () => {
    const page = await signedIn(browser, base, pia.email);
    await page.getByRole('link', { name: 'My organization' }).click();
    await page.getByRole('heading', { name: 'Pia Space SAS' }).waitFor();
    await page.getByLabel('List our organization in the public provider directory').check();
    await page.getByLabel('E-mail address').fill(quinn.email);
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByRole('cell', { name: quinn.email }).waitFor();
    await expectAccessible(page, 'organization');
    await shoot(page, 'organization');
    const [org] = await t.db.query(`SELECT public_listing FROM organization WHERE name = 'Pia Space SAS'`);
    expect(org.public_listing).toBe(true);

    const link = /(https?:\/\/\S+\/app\/invitation\?token=[\w-]+)/.exec(t.lastMail(quinn.email))![1];
    const colleague = await signedIn(browser, base, quinn.email);
    await colleague.goto(`${base}/app/invitation?token=${new URL(link).searchParams.get('token')}`);
    await colleague.getByText(/Pia Space SAS invites/).waitFor();
    await expectAccessible(colleague, 'invitation');
    await shoot(colleague, 'invitation');
    await colleague.getByRole('button', { name: 'Accept the invitation' }).click();
    await colleague.getByRole('status').filter({ hasText: 'You are now a member of Pia Space SAS' }).waitFor();
    expect(await t.db.query(`SELECT role FROM user_role WHERE user_id = $1`, [quinn.id])).toEqual([{ role: 'VENDOR' }]);
    // The admin sees it accepted.
    await page.reload();
    await page.getByRole('cell', { name: 'Accepted' }).waitFor();
    expectNoProblems(page);
    expectNoProblems(colleague);
  });

  it('the directory shows the provider, in the app and on the public page', async () => {
    const page = await signedIn(browser, base, sec.email);
    await page.getByRole('link', { name: 'Providers' }).click();
    await page.getByRole('cell', { name: /Pia Space SAS/ }).waitFor();
    await expectAccessible(page, 'providers');
    await shoot(page, 'providers');
    const visitor = await openPage(browser);
    await visitor.goto(`${base}/providers`);
    await visitor.getByRole('heading', { name: 'Pia Space SAS' }).waitFor();
    await expectAccessible(visitor, 'public providers');
    expectNoProblems(visitor);
  });
});
