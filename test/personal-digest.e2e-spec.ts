import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { DigestService } from '../src/notifications/digest.service';
import { MailOutboxWorker } from '../src/notifications/mail-outbox.worker';
import { NotificationKind } from '../src/notifications/notification-kind';
import { NotificationsService } from '../src/notifications/notifications.service';
import { createTestApp, TestApp } from './helpers/app';
import { mailsTo } from './helpers/mail';

const PREFS = `{ notificationPreferences { kind channel isDefault } }`;
const SET_PREFS = `mutation($p:[NotificationPreferenceInput!]!){ updateNotificationPreferences(preferences:$p){ kind } }`;
const LIST = `{ notifications(first: 50) { edges { node { title channel } } } }`;

describe('the personal weekly digest: List-Unsubscribe with one click (RFC 8058)', () => {
  let t: TestApp;
  let digest: DigestService;
  let worker: MailOutboxWorker;
  before(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://ssw.example' });
    digest = t.app.get(DigestService);
    worker = t.app.get(MailOutboxWorker);
  });
  after(() => t.close());

  const mails = (email: string) => mailsTo(join(t.config.DATA_DIR, 'outbox'), email);
  /** An event for these people, as a feature module reports it. */
  const event = (n: number, userIds: string[], kind = NotificationKind.EDITION_PUBLISHED) =>
    t.db.transaction((m) => t.app.get(NotificationsService).notify(m, {
      kind, key: `TEST:${kind}:${n}`, subjectType: 'Standard', subjectId: '00000000-0000-4000-8000-00000000000' + n,
      title: `Event ${n} happened`, body: `Event ${n}.`, link: `/app/standards/${n}`, to: { userIds },
    }));
  /** Runs this week's digest (due from Monday 08:00 UTC: a Monday morning waits a day) and sends it. */
  const weekly = async () => {
    const runs = async () => (await t.db.query(`SELECT count(*)::int AS n FROM digest_run`))[0].n as number;
    const before = await runs();
    await digest.runDue();
    if ((await runs()) === before) {
      t.clock.advance(86_400);
      await digest.runDue();
    }
    expect(await runs()).toBe(before + 1);
    await worker.drain();
  };

  it('carries List-Unsubscribe and List-Unsubscribe-Post; the one-click POST without a session turns the digest off; a forged token is refused', async () => {
    const ana = await t.user('Ana Reader');
    const bo = await t.user('Bo Reader');
    // Ana chose DIGEST for one kind that is EMAIL by default; the rest are DIGEST by default.
    await t.ok(SET_PREFS, { p: [{ kind: 'ROUND_OPENED', channel: 'DIGEST' }, { kind: 'CLAIM_STALE', channel: 'OFF' }] }, ana.token);
    await event(1, [ana.id, bo.id]);
    await weekly();
    const [mail] = mails(ana.email).filter((m) => m.headers.subject.startsWith('Your week at the Space Standards Workbench'));
    expect(mail.body).toContain('Event 1 happened');
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const url = /^<(https:\/\/ssw\.example\/digest\/personal\/unsubscribe\?token=[\w.-]+)>$/.exec(mail.headers['list-unsubscribe'])?.[1];
    expect(url).toBeDefined();
    expect(mail.body).toContain(url);
    const path = url!.slice('https://ssw.example'.length);
    const token = new URL(url!).searchParams.get('token')!;
    // Per person and unguessable: Bo's differs, and neither is stored anywhere.
    const [boMail] = mails(bo.email).filter((m) => m.headers.subject.startsWith('Your week'));
    expect(boMail.headers['list-unsubscribe']).not.toBe(mail.headers['list-unsubscribe']);
    expect(token).not.toContain(ana.email);

    // Forged: Bo's id with Ana's signature, an altered signature, a bare id, garbage. Each is refused and changes nothing.
    const [, sig] = token.split('.');
    const flipped = `${sig.slice(0, -2)}${sig.at(-2) === 'A' ? 'B' : 'A'}${sig.at(-1)}`;
    for (const forged of [`${bo.id}.${sig}`, `${ana.id}.${flipped}`, ana.id, 'nonsense', '']) {
      const res = await t.http.post(`/digest/personal/unsubscribe?token=${encodeURIComponent(forged)}`).type('form').send('List-Unsubscribe=One-Click');
      expect(res.status).toBe(400);
      expect(res.text).toContain('Link not valid');
    }
    expect((await t.http.get(`/digest/personal/unsubscribe?token=${bo.id}.${sig}`)).status).toBe(400);
    expect((await t.ok(PREFS, {}, bo.token)).notificationPreferences.every((p: { isDefault: boolean }) => p.isDefault)).toBe(true);

    // The GET page (a mail scanner following the link) asks and changes nothing.
    const page = await t.http.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<button type="submit">Stop the weekly digest</button>');
    expect((await t.ok(PREFS, {}, ana.token)).notificationPreferences.find((p: { kind: string }) => p.kind === 'EDITION_PUBLISHED').channel).toBe('DIGEST');

    // Something waits for next week's digest when Ana unsubscribes.
    await event(2, [ana.id, bo.id]);
    // The mail client's one-click POST: no cookie, no token, no session.
    const one = await t.http.post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(one.status).toBe(200);
    expect(one.text).toContain('Weekly digest stopped');
    const prefs: { kind: string; channel: string; isDefault: boolean }[] = (await t.ok(PREFS, {}, ana.token)).notificationPreferences;
    expect(prefs.filter((p) => p.channel === 'DIGEST')).toEqual([]);
    // What was DIGEST is now in the app only; her other choices stand.
    expect(prefs.find((p) => p.kind === 'EDITION_PUBLISHED')).toEqual({ kind: 'EDITION_PUBLISHED', channel: 'IN_APP', isDefault: false });
    expect(prefs.find((p) => p.kind === 'ROUND_OPENED')!.channel).toBe('IN_APP');
    expect(prefs.find((p) => p.kind === 'CLAIM_STALE')!.channel).toBe('OFF');
    expect(prefs.find((p) => p.kind === 'BALLOT_OPENED')).toMatchObject({ channel: 'EMAIL', isDefault: true });
    // The waiting event stays in her app.
    expect((await t.ok(LIST, {}, ana.token)).notifications.edges.map((e: any) => e.node)).toContainEqual({ title: 'Event 2 happened', channel: 'IN_APP' });
    const audits: { detail: string }[] = await t.db.query(`SELECT detail FROM audit_event WHERE action = 'notification.preferences_updated' AND entity_id = $1`, [ana.id]);
    expect(audits.map((a) => a.detail)).toContainEqual(expect.stringContaining('weekly digest turned off by its unsubscribe link: '));
    // A second POST (a client retrying) is fine.
    expect((await t.http.post(path).type('form').send('List-Unsubscribe=One-Click')).status).toBe(200);

    // Next week: Bo gets his digest with event 2, Ana none.
    t.clock.advance(7 * 86_400);
    await event(3, [ana.id, bo.id]);
    await weekly();
    expect(mails(ana.email).filter((m) => m.headers.subject.startsWith('Your week'))).toHaveLength(1);
    const boWeeks = mails(bo.email).filter((m) => m.headers.subject.startsWith('Your week'));
    expect(boWeeks).toHaveLength(2);
    expect(boWeeks[1].body).toContain('Event 2 happened');
    expect(boWeeks[1].body).toContain('Event 3 happened');
    t.clock.offsetSeconds = 0;
  });
});
