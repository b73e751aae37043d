import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../../test/helpers/app';
import { dbNow, draft } from '../../test/helpers/ratification';
import { expectAccessible, expectNoProblems, shoot, signedIn, stage } from './browser';

/**
 * France's delegate sees the bell count a round opening for her nation,
 * reads the notification, follows it to the round, marks the rest read, and
 * chooses to hear of ballot results by e-mail. She follows a standard from
 * its page, a need from its page, and a mission area from her preferences,
 * where she also stops following the need.
 */
describe('story: a delegate reads her notifications and sets her preferences', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let delegate: { email: string; token: string };
  let roundId: string;
  let standardId: string;
  let page: Page;

  before(async () => {
    ({ t, base, browser, close } = await stage());
    const sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    delegate = await t.user('Helene Durand', [{ role: 'DELEGATE', nationCode: 'FRA' }]);
    ({ standardId } = await draft(t, sec.token, 'STANAG 4712'));
    const other = await draft(t, sec.token, 'STANAG 4713');
    const closesAt = new Date((await dbNow(t)).getTime() + 10 * 86_400_000).toISOString();
    const open = `mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`;
    roundId = (await t.ok(open, { i: { standardId, versionId: (await t.ok(`query($id:ID!){ standard(id:$id){ currentVersion { id } } }`, { id: standardId }, sec.token)).standard.currentVersion.id, title: 'National review of STANAG 4712', closesAt } }, sec.token)).openCommentRound.id;
    await t.ok(`mutation($id:ID!){ cancelStandard(standardId:$id, reason:"Merged into STANAG 4712."){ id } }`, { id: other.standardId }, sec.token);
  });
  after(() => close?.());

  it('sees the unread count on the bell, reads the round opening, follows it to the round and marks all read', async () => {
    page = await signedIn(browser, base, delegate.email);
    const bell = page.getByRole('link', { name: 'Notifications, 2 unread' });
    await bell.waitFor();
    await bell.click();
    await page.waitForURL(`${base}/app/notifications`);
    await page.getByText('2 unread of 2.').waitFor();
    const waiting = page.getByRole('region', { name: 'Waiting on you' });
    const opening = waiting.getByRole('listitem').filter({ hasText: 'Comment round opened on STANAG 4712' });
    await opening.waitFor();
    await expect(opening.innerText()).resolves.toMatch(/comments due \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    // The cancellation is for information, apart from what waits on her.
    await page.getByRole('region', { name: 'For your information' }).getByText('STANAG 4713 cancelled').waitFor();
    await expectAccessible(page, 'notifications');
    await shoot(page, 'notifications');

    await opening.getByRole('button', { name: /^Mark read: Comment round opened on STANAG 4712/ }).click();
    await page.getByText('1 unread of 2.').waitFor();
    await page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();
    await page.getByLabel('Unread only').check();
    await page.getByText('Comment round opened on STANAG 4712').waitFor({ state: 'detached' });
    await page.getByLabel('Unread only').uncheck();
    await page.getByRole('link', { name: /^Comment round opened on STANAG 4712/ }).click();
    await page.waitForURL(`${base}/app/rounds/${roundId}`);
    await page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByText('0 unread of 2.').waitFor();
    await page.getByRole('link', { name: 'Notifications, 0 unread' }).waitFor();
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = $1 AND n.read_at IS NULL`, [delegate.email]);
    expect(n).toBe(0);
    expectNoProblems(page);
  });

  it('chooses to hear of ballot results by e-mail and of cancellations not at all', async () => {
    await page.getByRole('link', { name: 'Preferences' }).click();
    await page.waitForURL(`${base}/app/notifications/preferences`);
    const opened = page.getByLabel('Comment round opened: E-mail at once');
    await opened.waitFor();
    expect(await opened.isChecked()).toBe(true);
    expect(await page.getByLabel('Ballot closed: Weekly digest').isChecked()).toBe(true);
    await page.getByLabel('Ballot closed: E-mail at once').check();
    await page.getByLabel('Standard cancelled: Off').check();
    await page.getByRole('button', { name: 'Save the preferences' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    await expectAccessible(page, 'notification preferences');
    const prefs = (await t.ok(`{ notificationPreferences { kind channel isDefault } }`, {}, delegate.token)).notificationPreferences;
    expect(prefs.filter((p: { isDefault: boolean }) => !p.isDefault)).toEqual([
      { kind: 'BALLOT_CLOSED', channel: 'EMAIL', isDefault: false },
      { kind: 'STANDARD_CANCELLED', channel: 'OFF', isDefault: false },
    ]);
    expectNoProblems(page);
  });

  it('follows a standard from its page', async () => {
    await page.goto(`${base}/app/standards/${standardId}`);
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByRole('button', { name: 'Following ✓' }).waitFor();
    const subs = (await t.ok(`{ mySubscriptions { standardId } }`, {}, delegate.token)).mySubscriptions;
    expect(subs).toEqual([{ standardId }]);
    await page.getByRole('button', { name: 'Following ✓' }).click();
    await page.getByRole('button', { name: 'Follow', exact: true }).waitFor();
    expect((await t.ok(`{ mySubscriptions { standardId } }`, {}, delegate.token)).mySubscriptions).toEqual([]);
  });

  it('follows a need from its page and a mission area from her preferences, and unfollows the need there', async () => {
    const expert = await t.user('Dieter Weber', [{ role: 'EXPERT', nationCode: 'DEU' }]);
    const needId = (await t.ok(`mutation($i:RaiseNeedInput!){ raiseNeed(input:$i){ id } }`, {
      i: { title: 'Shared SATCOM link budget format', statement: 'Nations exchange link budgets in one format.', missionArea: 'SATCOM', priority: 'HIGH', visibility: 'NATIONS' },
    }, expert.token)).raiseNeed.id as string;
    await page.goto(`${base}/app/needs/${needId}`);
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByRole('button', { name: 'Following ✓', pressed: true }).waitFor();
    expect((await t.ok(`{ mySubscriptions { standardId needId missionArea } }`, {}, delegate.token)).mySubscriptions)
      .toEqual([{ standardId: null, needId, missionArea: null }]);
    await page.reload();
    await page.getByRole('button', { name: 'Following ✓', pressed: true }).waitFor();

    await page.goto(`${base}/app/notifications/preferences`);
    const areas = page.getByRole('group', { name: 'Mission areas you follow' });
    const satcom = areas.getByLabel('Satellite communications');
    await satcom.waitFor();
    expect(await satcom.isChecked()).toBe(false);
    await satcom.click(); // checked once the server has it: check() would want it at once
    await areas.locator('input:checked:enabled').waitFor();
    const following = page.getByRole('region', { name: 'Standards and needs you follow' });
    await following.getByRole('link', { name: /Shared SATCOM link budget format$/ }).waitFor();
    expect((await t.ok(`{ mySubscriptions { missionArea } }`, {}, delegate.token)).mySubscriptions.map((s: { missionArea: string | null }) => s.missionArea).sort())
      .toEqual(['SATCOM', null]);
    await page.reload();
    await areas.locator('input:checked:enabled').waitFor();
    expect(await areas.getByLabel('Satellite communications').isChecked()).toBe(true);
    expect(await areas.getByLabel('Launch').isChecked()).toBe(false);
    await following.getByRole('link', { name: /Shared SATCOM link budget format$/ }).waitFor();
    await expectAccessible(page, 'notification preferences');
    await shoot(page, 'notification-preferences');

    await page.setViewportSize({ width: 1280, height: 800 });
    await following.getByRole('button', { name: /^Unfollow .*Shared SATCOM link budget format$/ }).click();
    await following.getByText('You follow no standard or need yet').waitFor();
    expect((await t.ok(`{ mySubscriptions { standardId needId missionArea } }`, {}, delegate.token)).mySubscriptions)
      .toEqual([{ standardId: null, needId: null, missionArea: 'SATCOM' }]);
    expectNoProblems(page);
  });
});
