import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { MailService } from '../src/accounts/mail.service';
import { DigestService } from '../src/notifications/digest.service';
import { MailOutboxWorker } from '../src/notifications/mail-outbox.worker';
import { NotificationKind } from '../src/notifications/notification-kind';
import { NotificationsService } from '../src/notifications/notifications.service';
import { RemindersWorker } from '../src/notifications/reminders.worker';
import { MissionArea } from '../src/common/mission-area';
import { createTestApp, GqlResult, TestApp } from './helpers/app';
import { Mail, mailsTo } from './helpers/mail';
import { cast, dbNow, draft, openBallot, TEXT } from './helpers/ratification';

const code = (r: GqlResult) => r.errors?.[0]?.extensions.code ?? 'OK';
const LIST = `query($u:Boolean,$f:Int,$a:String){ notifications(unread:$u,first:$f,after:$a){ totalCount unreadCount pageInfo { hasNextPage endCursor }
  edges { node { id kind channel subjectType subjectId standardId title body link readAt } } } }`;
const PREFS = `mutation($p:[NotificationPreferenceInput!]!){ updateNotificationPreferences(preferences:$p){ kind channel isDefault } }`;
const SUBSCRIBE = `mutation($i:SubscribeInput!){ subscribe(input:$i){ confirmationSent subscription { id standardId needId missionArea } } }`;
const UNSUBSCRIBE = `mutation($i:UnsubscribeInput!){ unsubscribe(input:$i) }`;
const OPEN_ROUND = `mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`;

describe('notifications', () => {
  let t: TestApp;
  let outbox: string;
  let worker: MailOutboxWorker;
  let reminders: RemindersWorker;
  let service: NotificationsService;
  let sec: { id: string; email: string; token: string };
  let frDelegate: { id: string; email: string; token: string };
  let frExpert: { id: string; email: string; token: string };
  let deDelegate: { id: string; email: string; token: string };
  let vendor: { id: string; email: string; token: string };

  const mails = (email: string): Mail[] => mailsTo(outbox, email);
  const rows = (where: string, params: unknown[] = []) =>
    t.db.query(`SELECT id, recipient, kind, subject, status, attempts, idempotency_key AS key FROM mail_outbox WHERE ${where} ORDER BY created_at, id`, params);
  const notes = async (token: string, unread?: boolean) => (await t.ok(LIST, { u: unread ?? null, f: 100 }, token)).notifications;
  const inSeconds = async (s: number) => new Date((await dbNow(t)).getTime() + s * 1000).toISOString();
  /** A PUBLIC standard through a passed ballot to its published edition. */
  const publish = async (standardId: string, versionId: string) => {
    const ballot = (await openBallot(t, sec.token, standardId, versionId, 1)).data.openBallot;
    await cast(t, frDelegate.token, ballot.id, 'RATIFIED_IMPLEMENTING');
    await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ outcome } }`, { id: ballot.id }, sec.token);
    return (await t.ok(`mutation($id:ID!){ publishEdition(ballotId:$id){ id } }`, { id: ballot.id }, sec.token)).publishEdition.id as string;
  };

  before(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://ssw.example', NOTIFY_LEASE_SECONDS: '60', NOTIFY_RETRY_BASE_SECONDS: '30', NOTIFY_MAX_ATTEMPTS: '3' });
    outbox = join(t.config.DATA_DIR, 'outbox');
    worker = t.app.get(MailOutboxWorker);
    reminders = t.app.get(RemindersWorker);
    service = t.app.get(NotificationsService);
    const admin = await t.adminToken();
    const org = (await t.ok(`mutation{ createOrganization(input:{ name:"Orbit Relay", kind:VENDOR }){ id } }`, {}, admin)).createOrganization.id;
    sec = await t.user('Sofia Secretariat', [{ role: 'SECRETARIAT' }]);
    frDelegate = await t.user('Francois Delegate', [{ role: 'DELEGATE', nationCode: 'FRA' }]);
    frExpert = await t.user('Fanny Expert', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    deDelegate = await t.user('Dieter Delegate', [{ role: 'DELEGATE', nationCode: 'DEU' }]);
    vendor = await t.user('Vera Vendor', [{ role: 'VENDOR', organizationId: org }]);
  });
  after(async () => {
    await t?.close();
  });

  it('e-mails a round opening at once to every expert and delegate (outbox row with the round, then the mail), not to vendors', async () => {
    const { standardId, versionId } = await draft(t, sec.token, 'STANAG 4901');
    const closesAt = await inSeconds(10 * 86_400);
    const roundId = (await t.ok(OPEN_ROUND, { i: { standardId, versionId, title: 'Review of 4901', closesAt } }, sec.token)).openCommentRound.id;
    // Written in the round's transaction: there before any worker ran.
    const queued = await rows(`kind = 'ROUND_OPENED' AND idempotency_key LIKE $1`, [`ROUND_OPENED:${roundId}:%`]);
    expect(queued.map((r: { recipient: string }) => r.recipient).sort()).toEqual([deDelegate.email, frExpert.email, frDelegate.email].sort());
    expect(queued.every((r: { status: string }) => r.status === 'PENDING')).toBe(true);
    const [note] = (await notes(frDelegate.token)).edges.map((e: any) => e.node);
    expect(note).toMatchObject({ kind: 'ROUND_OPENED', channel: 'EMAIL', subjectType: 'CommentRound', subjectId: roundId, standardId, link: `/app/rounds/${roundId}`, readAt: null });
    expect(note.title).toContain(`${closesAt.slice(0, 16).replace('T', ' ')} UTC`);
    expect((await notes(vendor.token)).totalCount).toBe(0);
    expect((await notes(sec.token)).totalCount).toBe(0);

    expect(await worker.drain()).toBeGreaterThanOrEqual(3);
    const [mail] = mails(frDelegate.email).filter((m) => m.headers.subject.startsWith('Comment round opened'));
    const row = queued.find((r: { recipient: string }) => r.recipient === frDelegate.email);
    expect(mail.headers['message-id']).toBe(`<${row.id}@workbench.invalid>`);
    expect(mail.body).toContain(`https://ssw.example/app/rounds/${roundId}`);
    expect(mail.body).toContain(`${closesAt.slice(0, 16).replace('T', ' ')} UTC`);
    expect((await rows(`id = $1`, [row.id]))[0]).toMatchObject({ status: 'SENT', attempts: 1 });
    // An event is mailed once: the same notify again writes nothing.
    await t.db.transaction((m) => service.notify(m, {
      kind: NotificationKind.ROUND_OPENED, key: `ROUND_OPENED:${roundId}`, subjectType: 'CommentRound', subjectId: roundId, standardId,
      title: 'again', body: 'again', link: '/', to: { nations: 'ALL' },
    })).then((r) => expect(r).toEqual({ notified: 0, mailed: 0 }));
  });

  it('every kind: the notification, and with EMAIL the outbox row then the mail; defaults put the rest in the app and the digest; OFF and IN_APP honoured', async () => {
    const kinds = Object.values(NotificationKind);
    const all = kinds.map((kind) => ({ kind, channel: 'EMAIL' }));
    expect((await t.ok(PREFS, { p: all }, frDelegate.token)).updateNotificationPreferences.every((p: any) => p.channel === 'EMAIL' && !p.isDefault)).toBe(true);
    await t.ok(PREFS, { p: all }, vendor.token);
    await t.ok(PREFS, { p: [{ kind: 'BALLOT_CLOSED', channel: 'OFF' }, { kind: 'EDITION_PUBLISHED', channel: 'IN_APP' }] }, frExpert.token);
    expect(code(await t.gql(PREFS, { p: [{ kind: 'BALLOT_CLOSED', channel: 'OFF' }, { kind: 'BALLOT_CLOSED', channel: 'EMAIL' }] }, frExpert.token))).toBe('BAD_USER_INPUT');
    const defaults = (await t.ok(`{ notificationPreferences { kind channel isDefault } }`, {}, deDelegate.token)).notificationPreferences;
    expect(defaults).toHaveLength(kinds.length);
    expect(defaults.filter((p: any) => p.channel === 'EMAIL').map((p: any) => p.kind).sort()).toEqual(['BALLOT_OPENED', 'ROUND_OPENED']);
    expect(defaults.every((p: any) => p.isDefault && ['EMAIL', 'DIGEST'].includes(p.channel))).toBe(true);

    // COMMENT_DISPOSED: the French delegate's comment gets a disposition.
    const a = await draft(t, sec.token, 'STANAG 4902');
    const roundId = (await t.ok(OPEN_ROUND, { i: { standardId: a.standardId, versionId: a.versionId, title: 'Round 4902', closesAt: await inSeconds(86_400 * 10) } }, sec.token)).openCommentRound.id;
    const commentId = (await t.ok(`mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`, { i: { roundId, type: 'TECHNICAL', body: 'Say which time system.' } }, frDelegate.token)).addComment.id;
    await t.ok(`mutation($r:ID!){ submitNationalComments(roundId:$r){ commentCount } }`, { r: roundId }, frDelegate.token);
    await t.ok(`mutation($r:ID!){ closeCommentRound(roundId:$r){ id } }`, { r: roundId }, sec.token);
    await t.ok(`mutation($i:ResolveCommentInput!){ resolveComment(input:$i){ id } }`, { i: { commentId, disposition: 'ACCEPTED', resolution: 'UTC is named.' } }, sec.token);

    // CLAIM_STALE: the vendor's claim on the tracking provision goes stale with version 2.
    const product = (await t.ok(`mutation{ registerProduct(input:{ name:"Relay", productVersion:"1" }){ id } }`, {}, vendor.token)).registerProduct.id;
    const reqs = (await t.ok(`query($id:ID!){ standardVersion(id:$id){ requirements { key text } } }`, { id: a.versionId }, sec.token)).standardVersion.requirements;
    const tracking = reqs.find((r: { text: string }) => r.text.includes('tracking')).key;
    await t.ok(`mutation($i:SetConformanceInput!){ setConformance(input:$i){ id } }`, { i: { productId: product, standardId: a.standardId, versionId: a.versionId, claims: [{ requirementKey: tracking, level: 'CONFORMANT' }] } }, vendor.token);
    const v2 = (await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId: a.standardId, baseVersionId: a.versionId, text: TEXT.replace('within five minutes', 'within two minutes') } }, sec.token)).createVersion.id;

    // BALLOT_OPENED, BALLOT_CLOSED, EDITION_PUBLISHED; then a second edition supersedes the first: EDITION_SUPERSEDED.
    await publish(a.standardId, v2);
    await t.ok(`mutation($id:ID!){ startDrafting(standardId:$id){ id } }`, { id: a.standardId }, sec.token);
    const v3 = (await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId: a.standardId, baseVersionId: v2, text: TEXT.replace('daily', 'hourly') } }, sec.token)).createVersion.id;
    await publish(a.standardId, v3);
    // STANDARD_CANCELLED.
    const b = await draft(t, sec.token, 'STANAG 4903');
    await t.ok(`mutation($id:ID!){ cancelStandard(standardId:$id, reason:"Merged into STANAG 4902"){ id } }`, { id: b.standardId }, sec.token);
    // NEED_ADDRESSED and JOIN_REQUEST_WAITING come from modules above this one: reported the same way, in a transaction.
    await t.db.transaction(async (m) => {
      await service.notify(m, { kind: NotificationKind.NEED_ADDRESSED, key: 'NEED_ADDRESSED:n1', subjectType: 'Need', subjectId: '7f1c0e6e-0000-4000-8000-000000000001', title: 'A need you support was addressed', body: 'By STANAG 4902.', link: '/app/needs/n1', to: { userIds: [frDelegate.id] } });
      await service.notify(m, { kind: NotificationKind.JOIN_REQUEST_WAITING, key: 'JOIN_REQUEST_WAITING:j1', subjectType: 'JoinRequest', subjectId: '7f1c0e6e-0000-4000-8000-000000000002', title: 'A join request waits', body: 'Orbit Two asks to join.', link: '/app/join-requests', to: { roles: ['SECRETARIAT' as never], userIds: [frDelegate.id] } });
    });

    const expected = ['BALLOT_CLOSED', 'BALLOT_OPENED', 'COMMENT_DISPOSED', 'EDITION_PUBLISHED', 'EDITION_SUPERSEDED', 'JOIN_REQUEST_WAITING', 'NEED_ADDRESSED', 'ROUND_OPENED', 'STANDARD_CANCELLED'];
    const queued = await rows(`recipient = $1 AND status = 'PENDING'`, [frDelegate.email]);
    expect([...new Set(queued.map((r: { kind: string }) => r.kind))].sort()).toEqual(expected);
    const stale = await rows(`recipient = $1 AND kind = 'CLAIM_STALE'`, [vendor.email]);
    expect(stale).toHaveLength(1);
    await worker.drain();
    const subjects = mails(frDelegate.email).map((m) => m.headers.subject);
    for (const s of ['Your comment on STANAG 4902 was accepted', 'Ratification ballot opened on STANAG 4902', 'Ballot on STANAG 4902 closed: PASSED',
      'STANAG 4902 Edition 1 published', 'STANAG 4902 Edition 1 superseded by STANAG 4902 Edition 2', 'STANAG 4903 cancelled', 'A need you support was addressed', 'A join request waits']) {
      expect([s, subjects.some((x) => x.startsWith(s))]).toEqual([s, true]);
    }
    expect(mails(vendor.email).some((m) => /1 conformance claim on STANAG 4902 went stale/.test(m.headers.subject))).toBe(true);
    expect((await rows(`recipient IN ($1, $2) AND status <> 'SENT'`, [frDelegate.email, vendor.email]))).toEqual([]);

    // Defaults: the German delegate has them in the app (DIGEST channel) and no mail but the openings.
    const de = (await notes(deDelegate.token)).edges.map((e: any) => e.node);
    expect(de.find((n: any) => n.kind === 'EDITION_PUBLISHED')).toMatchObject({ channel: 'DIGEST' });
    expect([...new Set((await rows(`recipient = $1`, [deDelegate.email])).map((r: { kind: string }) => r.kind))].sort()).toEqual(['BALLOT_OPENED', 'ROUND_OPENED']);
    // OFF: no notification at all; IN_APP: a notification and no mail.
    const fr = (await notes(frExpert.token)).edges.map((e: any) => e.node);
    expect(fr.some((n: any) => n.kind === 'BALLOT_CLOSED')).toBe(false);
    expect(fr.find((n: any) => n.kind === 'EDITION_PUBLISHED')).toMatchObject({ channel: 'IN_APP' });
    expect((await rows(`recipient = $1 AND kind = 'EDITION_PUBLISHED'`, [frExpert.email]))).toEqual([]);
    // The secretariat hears of the join request, not of the round.
    expect((await notes(sec.token)).edges.map((e: any) => e.node.kind)).toEqual(expect.arrayContaining(['JOIN_REQUEST_WAITING', 'BALLOT_CLOSED']));
  });

  it('lists the caller\'s own notifications with unread filter and count; marks them read by id or all; others\' ids are ignored', async () => {
    const page = await notes(frDelegate.token);
    expect(page.unreadCount).toBe(page.totalCount);
    const [first, second] = page.edges.map((e: any) => e.node);
    // Paged by cursor, newest first.
    const one = (await t.ok(LIST, { f: 1 }, frDelegate.token)).notifications;
    expect(one.edges[0].node.id).toBe(first.id);
    expect((await t.ok(LIST, { f: 1, a: one.pageInfo.endCursor }, frDelegate.token)).notifications.edges[0].node.id).toBe(second.id);
    expect(code(await t.gql(LIST, { a: 'nonsense' }, frDelegate.token))).toBe('BAD_USER_INPUT');
    // Another person's id changes nothing.
    expect((await t.ok(`mutation($i:MarkNotificationsReadInput!){ markNotificationsRead(input:$i) }`, { i: { ids: [first.id] } }, deDelegate.token)).markNotificationsRead).toBe(0);
    expect((await t.ok(`mutation($i:MarkNotificationsReadInput!){ markNotificationsRead(input:$i) }`, { i: { ids: [first.id] } }, frDelegate.token)).markNotificationsRead).toBe(1);
    const unread = await notes(frDelegate.token, true);
    expect(unread.totalCount).toBe(page.totalCount - 1);
    expect(unread.unreadCount).toBe(page.totalCount - 1);
    expect(unread.edges.some((e: any) => e.node.id === first.id)).toBe(false);
    expect(code(await t.gql(`mutation{ markNotificationsRead(input:{}) }`, {}, frDelegate.token))).toBe('BAD_USER_INPUT');
    expect((await t.ok(`mutation{ markNotificationsRead(input:{ all:true }) }`, {}, frDelegate.token)).markNotificationsRead).toBe(page.totalCount - 1);
    expect((await notes(frDelegate.token, true)).totalCount).toBe(0);
    expect(code(await t.gql(`{ notifications { totalCount } }`))).toBe('UNAUTHENTICATED');
  });

  it('follows a standard or a mission area: its events reach the follower; only readers of the standard may follow it', async () => {
    const pub = await draft(t, sec.token, 'STANAG 4904', 'PUBLIC');
    const nat = await draft(t, sec.token, 'STANAG 4905', 'NATIONS');
    const s = (await t.ok(SUBSCRIBE, { i: { standardId: pub.standardId } }, vendor.token)).subscribe;
    expect(s).toMatchObject({ confirmationSent: false, subscription: { standardId: pub.standardId, needId: null, missionArea: null } });
    expect(code(await t.gql(SUBSCRIBE, { i: { standardId: pub.standardId } }, vendor.token))).toBe('CONFLICT');
    expect(code(await t.gql(SUBSCRIBE, { i: { standardId: nat.standardId } }, vendor.token))).toBe('NOT_FOUND');
    expect(code(await t.gql(SUBSCRIBE, { i: { standardId: pub.standardId } }))).toBe('UNAUTHENTICATED');
    expect(code(await t.gql(SUBSCRIBE, { i: { standardId: pub.standardId, missionArea: 'PNT' } }, vendor.token))).toBe('BAD_USER_INPUT');
    await t.ok(SUBSCRIBE, { i: { missionArea: 'SATCOM' } }, vendor.token);
    expect((await t.ok(`{ mySubscriptions { standardId missionArea } }`, {}, vendor.token)).mySubscriptions).toEqual([
      { standardId: pub.standardId, missionArea: null }, { standardId: null, missionArea: 'SATCOM' }]);

    await publish(pub.standardId, pub.versionId);
    const got = (await notes(vendor.token)).edges.map((e: any) => e.node);
    expect(got.find((n: any) => n.kind === 'EDITION_PUBLISHED' && n.standardId === pub.standardId)).toBeTruthy();
    // Rounds and ballots are the nations' business: a vendor following the standard is not told of them.
    expect(got.some((n: any) => n.kind === 'BALLOT_OPENED' || n.kind === 'BALLOT_CLOSED')).toBe(false);
    await t.db.transaction((m) => service.notify(m, {
      kind: NotificationKind.NEED_ADDRESSED, key: 'NEED_ADDRESSED:satcom', subjectType: 'Need', subjectId: '7f1c0e6e-0000-4000-8000-000000000003',
      missionArea: MissionArea.SATCOM, title: 'A SATCOM need was addressed', body: '.', link: '/', to: { subscriberRoles: ['VENDOR' as never] },
    }));
    expect((await notes(vendor.token)).edges.some((e: any) => e.node.title === 'A SATCOM need was addressed')).toBe(true);
    expect((await t.ok(UNSUBSCRIBE, { i: { standardId: pub.standardId } }, vendor.token)).unsubscribe).toBe(true);
    expect((await t.ok(UNSUBSCRIBE, { i: { standardId: pub.standardId } }, vendor.token)).unsubscribe).toBe(false);
    expect(code(await t.gql(UNSUBSCRIBE, { i: { missionArea: 'SATCOM' } }))).toBe('UNAUTHENTICATED');
  });

  it('two senders at once (SKIP LOCKED) send each message exactly once', async () => {
    await worker.drain();
    const ids: string[] = [];
    await t.db.transaction(async (m) => {
      for (let i = 0; i < 40; i++) {
        await t.app.get(MailService).enqueue(m, { key: `race:${i}`, to: `race${i % 4}@test.example`, subject: `Race ${i}`, text: 'x', kind: 'TEST' });
      }
    });
    for (const r of await rows(`idempotency_key LIKE 'race:%'`)) ids.push(r.id);
    const mail = t.app.get(MailService);
    const a = new MailOutboxWorker(t.db, t.clock, t.config, mail);
    const b = new MailOutboxWorker(t.db, t.clock, t.config, mail);
    const [na, nb] = await Promise.all([a.drain(), b.drain()]);
    expect(na + nb).toBe(40);
    expect(na).toBeGreaterThan(0);
    expect(nb).toBeGreaterThan(0);
    const sent = [0, 1, 2, 3].flatMap((i) => mails(`race${i}@test.example`)).map((m) => m.headers['message-id']);
    expect(sent).toHaveLength(40);
    expect(new Set(sent)).toEqual(new Set(ids.map((id) => `<${id}@workbench.invalid>`)));
    expect((await rows(`idempotency_key LIKE 'race:%' AND (status <> 'SENT' OR attempts <> 1)`))).toEqual([]);
  });

  it('retries a failed send with exponential backoff, and gives up after the last attempt', async () => {
    await t.db.transaction((m) => t.app.get(MailService).enqueue(m, { key: 'flaky', to: 'flaky@test.example', subject: 'Flaky', text: 'x', kind: 'TEST' }));
    const mail = t.app.get(MailService);
    const send = mail.send;
    mail.send = async () => {
      throw new Error('SMTP 451 try later');
    };
    try {
      expect(await worker.runOnce()).toBe(1);
      expect(await worker.runOnce()).toBe(0);
      t.clock.advance(31);
      expect(await worker.runOnce()).toBe(1);
      t.clock.advance(31);
      // The second retry waits 60 s.
      expect(await worker.runOnce()).toBe(0);
      t.clock.advance(30);
      expect(await worker.runOnce()).toBe(1);
    } finally {
      mail.send = send;
    }
    const [row] = await t.db.query(`SELECT status, attempts, last_error FROM mail_outbox WHERE idempotency_key = 'flaky'`);
    expect(row).toEqual({ status: 'FAILED', attempts: 3, last_error: 'SMTP 451 try later' });
  });

  it('crash test: a sender killed mid-batch (SIGKILL) loses nothing and sends nothing twice', async () => {
    const total = 40;
    await t.db.transaction(async (m) => {
      for (let i = 0; i < total; i++) await t.app.get(MailService).enqueue(m, { key: `crash:${i}`, to: `crash${i % 5}@test.example`, subject: `Crash ${i}`, text: 'x', kind: 'TEST' });
    });
    const ids: string[] = (await rows(`idempotency_key LIKE 'crash:%'`)).map((r: { id: string }) => r.id);
    const sentFiles = () => [0, 1, 2, 3, 4].flatMap((i) => mails(`crash${i}@test.example`));
    const child = spawn(process.execPath, [join(__dirname, 'helpers', 'notify-sender.js')], {
      env: { ...process.env, DATABASE_URL: t.config.DATABASE_URL, DATA_DIR: t.config.DATA_DIR, SEND_DELAY_MS: '40', CLOCK_OFFSET_SECONDS: String(t.clock.offsetSeconds), NOTIFY_LEASE_SECONDS: '60' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((r) => child.on('exit', r));
    for (let waited = 0; sentFiles().length < 8; waited += 10) {
      if (waited > 20_000) throw new Error('the sender sent nothing');
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await exited;
    const before = await rows(`idempotency_key LIKE 'crash:%'`);
    const sentBefore = before.filter((r: { status: string }) => r.status === 'SENT').length;
    const claimedUnsent = before.filter((r: { status: string; attempts: number }) => r.status === 'PENDING' && r.attempts === 1).length;
    // Killed mid-batch: some sent, some claimed under its lease and not sent.
    expect(sentBefore).toBeGreaterThanOrEqual(7);
    expect(sentBefore).toBeLessThan(total);
    expect(claimedUnsent).toBeGreaterThan(0);
    // Rows it had not claimed go at once; its claimed rows wait for the lease to end.
    await worker.drain();
    expect((await rows(`idempotency_key LIKE 'crash:%' AND status = 'PENDING'`)).length).toBe(claimedUnsent);
    t.clock.advance(61);
    await worker.drain();
    expect(await rows(`idempotency_key LIKE 'crash:%' AND status <> 'SENT'`)).toEqual([]);
    const files = sentFiles();
    const distinct = new Set(files.map((m) => m.headers['message-id']));
    // Nothing lost: every outbox row is a message. Nothing twice: as many files as messages, unless the kill fell
    // between the write of one message and its SENT mark, which the same Message-ID then names (README: at-least-once).
    expect(distinct).toEqual(new Set(ids.map((id) => `<${id}@workbench.invalid>`)));
    expect(files.length - distinct.size).toBeLessThanOrEqual(1);
    // eslint-disable-next-line no-console
    console.log(`crash test: ${sentBefore} sent before the kill, ${claimedUnsent} held by its lease, ${files.length} files for ${distinct.size} messages`);
  });

  it('reminds a nation 3 days and 1 day before a round or ballot closes, by the database clock, once, and not once it has answered', async () => {
    const r = await draft(t, sec.token, 'STANAG 4906');
    const roundId = (await t.ok(OPEN_ROUND, { i: { standardId: r.standardId, versionId: r.versionId, title: 'Reminded round', closesAt: await inSeconds(5 * 86_400) } }, sec.token)).openCommentRound.id;
    await t.ok(`mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`, { i: { roundId, type: 'GENERAL', body: 'Fine.' } }, frDelegate.token);
    await t.ok(`mutation($r:ID!){ submitNationalComments(roundId:$r){ commentCount } }`, { r: roundId }, frDelegate.token);
    const b = await draft(t, sec.token, 'STANAG 4907');
    const ballotId = (await openBallot(t, sec.token, b.standardId, b.versionId, 1, 5 * 86_400)).data.openBallot.id;
    await cast(t, deDelegate.token, ballotId, 'RATIFIED_IMPLEMENTING');
    const deadline = async (table: string, id: string) => ((await t.db.query(`SELECT closes_at FROM ${table} WHERE id = $1`, [id]))[0].closes_at as Date).toISOString();
    const roundCloses = await deadline('comment_round', roundId);
    const ballotCloses = await deadline('ballot', ballotId);
    const reminded = async (kind: string, subject: string) =>
      (await t.db.query(`SELECT u.email, n.event_key AS key FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.kind = $1 AND n.subject_id = $2 ORDER BY u.email`, [kind, subject]));

    expect(await reminders.sendReminders()).toBe(0);
    t.clock.advance(2 * 86_400 + 60);
    // Two replicas at once: the reminder rows are the claim, so each reminder is written once.
    const [x, y] = await Promise.all([reminders.sendReminders(), t.app.get(RemindersWorker).sendReminders()]);
    expect(x + y).toBeGreaterThanOrEqual(2);
    // The round: Germany has not submitted, France has. The ballot: France has not responded, Germany has.
    expect(await reminded('ROUND_REMINDER', roundId)).toEqual([{ email: deDelegate.email, key: `ROUND_REMINDER:${roundId}:DEU:3:${roundCloses}` }]);
    expect(await reminded('BALLOT_REMINDER', ballotId)).toEqual([
      { email: frExpert.email, key: `BALLOT_REMINDER:${ballotId}:FRA:3:${ballotCloses}` }, { email: frDelegate.email, key: `BALLOT_REMINDER:${ballotId}:FRA:3:${ballotCloses}` }]);
    expect(await reminders.sendReminders()).toBe(0);
    t.clock.advance(2 * 86_400);
    await reminders.sendReminders();
    // Both rows are the same person's, so they are compared as a set.
    expect((await reminded('ROUND_REMINDER', roundId)).map((n: { key: string }) => n.key).sort()).toEqual([`ROUND_REMINDER:${roundId}:DEU:1:${roundCloses}`, `ROUND_REMINDER:${roundId}:DEU:3:${roundCloses}`]);
    expect((await reminded('BALLOT_REMINDER', ballotId)).filter((n: { key: string }) => n.key === `BALLOT_REMINDER:${ballotId}:FRA:1:${ballotCloses}`)).toHaveLength(2);
    expect(await reminders.sendReminders()).toBe(0);
    // The French delegate chose EMAIL for everything: the reminder reaches the outbox, then the mail.
    await worker.drain();
    expect(mails(frDelegate.email).filter((m) => m.headers.subject.includes('left: ballot on STANAG 4907')).map((m) => m.headers.subject.slice(0, 8))).toEqual(['3 days l', 'One day ']);
    // After the close, nothing more.
    t.clock.advance(86_400);
    expect(await reminders.sendReminders()).toBe(0);
  });

  it('reminds again before the new deadline of an extended ballot, and never with more days than are left', async () => {
    const b = await draft(t, sec.token, 'STANAG 4910');
    const ballotId = (await openBallot(t, sec.token, b.standardId, b.versionId, 2, 5 * 86_400)).data.openBallot.id;
    await cast(t, deDelegate.token, ballotId, 'RATIFIED_IMPLEMENTING');
    const EXTEND = `mutation($b:ID!,$c:DateTime!,$r:String!){ extendBallot(ballotId:$b, closesAt:$c, reason:$r){ closesAt } }`;
    /** France's reminders of this ballot, as (offset, deadline), in the order they were written. */
    const franceReminded = async () =>
      (await t.db.query(`SELECT n.event_key AS key FROM notification n WHERE n.kind = 'BALLOT_REMINDER' AND n.subject_id = $1 AND n.user_id = $2 ORDER BY n.created_at, n.id`, [ballotId, frDelegate.id]))
        .map((n: { key: string }) => n.key.split(':').slice(3).join(':'));
    const firstClose = ((await t.db.query(`SELECT closes_at FROM ballot WHERE id = $1`, [ballotId]))[0].closes_at as Date).toISOString();

    t.clock.advance(4 * 86_400 + 60);
    await reminders.sendReminders();
    expect(await franceReminded()).toEqual([`1:${firstClose}`]);
    // Ten more days: France, which has not answered, is reminded 3 days and 1 day before the new close; Germany, which has, is not.
    const secondClose = (await t.ok(EXTEND, { b: ballotId, c: await inSeconds(10 * 86_400), r: 'Eleven nations still consulting.' }, sec.token)).extendBallot.closesAt;
    expect(await reminders.sendReminders()).toBe(0);
    t.clock.advance(7 * 86_400 + 60);
    await reminders.sendReminders();
    t.clock.advance(2 * 86_400);
    await reminders.sendReminders();
    expect(await franceReminded()).toEqual([`1:${firstClose}`, `3:${secondClose}`, `1:${secondClose}`]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.kind = 'BALLOT_REMINDER' AND n.subject_id = $1 AND u.nation_code = 'DEU'`, [ballotId]))[0].n).toBe(0);
    // A short extension, to two days from now: the 3-day moment was before the extension, so only the 1-day reminder.
    const thirdClose = (await t.ok(EXTEND, { b: ballotId, c: await inSeconds(2 * 86_400), r: 'Two days more.' }, sec.token)).extendBallot.closesAt;
    expect(await reminders.sendReminders()).toBe(0);
    t.clock.advance(86_400 + 60);
    await reminders.sendReminders();
    expect(await franceReminded()).toEqual([`1:${firstClose}`, `3:${secondClose}`, `1:${secondClose}`, `1:${thirdClose}`]);
    expect(await reminders.sendReminders()).toBe(0);
  });

  it('weekly digest: double opt-in, nothing before confirmation, List-Unsubscribe one-click POST and a GET page, once a week', async () => {
    const digest = t.app.get(DigestService);
    expect((await t.ok(SUBSCRIBE, { i: { email: 'Reader@Example.org' } })).subscribe).toEqual({ confirmationSent: true, subscription: null });
    expect((await t.ok(SUBSCRIBE, { i: { email: 'late@example.org' } })).subscribe.confirmationSent).toBe(true);
    expect(code(await t.gql(SUBSCRIBE, { i: { email: 'not-an-address' } }))).toBe('BAD_USER_INPUT');
    await worker.drain();
    const [confirmation] = mails('reader@example.org');
    expect(confirmation.headers.subject).toMatch(/Confirm your subscription/);
    const link = /https:\/\/ssw\.example(\/digest\/confirm\?token=[\w-]+)/.exec(confirmation.body)![1];
    // The token is kept hashed.
    const token = link.split('=')[1];
    expect((await t.db.query(`SELECT count(*)::int AS n FROM digest_subscriber WHERE confirmation_token_hash = $1 OR unsubscribe_token = $1`, [token]))[0].n).toBe(0);

    // This week's digest (due since Monday 08:00 UTC) goes out, to nobody confirmed yet; the next is a week later.
    await digest.runDue();
    expect(await digest.runDue()).toBe(0);
    await worker.drain();
    expect(mails('reader@example.org')).toHaveLength(1);
    const [{ s }] = await t.db.query(`SELECT extract(epoch FROM (date_trunc('week', ${t.clock.now()}) + interval '1 week 8 hours') - ${t.clock.now()})::int AS s`);
    // The GET page asks; it does not confirm (mail scanners follow links).
    expect((await t.http.get(link)).text).toContain('<button type="submit">Confirm</button>');
    expect((await t.db.query(`SELECT confirmed_at FROM digest_subscriber WHERE email = 'reader@example.org'`))[0].confirmed_at).toBeNull();
    // A new PUBLIC edition for next week's digest.
    const e = await draft(t, sec.token, 'STANAG 4908');
    await publish(e.standardId, e.versionId);
    const confirmed = await t.http.post(link);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('Subscribed');
    expect((await t.http.post(link)).status).toBe(404);
    expect((await t.ok(`mutation{ confirmSubscription(token:"nope") }`)).confirmSubscription).toBe(false);

    t.clock.advance(Number(s) + 1);
    const queued = await digest.runDue();
    expect(await digest.runDue()).toBe(0); // once a week
    expect(queued).toBeGreaterThanOrEqual(2);
    await worker.drain();
    expect(mails('late@example.org')).toHaveLength(1); // the confirmation only
    const weekly = mails('reader@example.org')[1];
    expect(weekly.headers.subject).toMatch(/^Space Standards Workbench: the week of \d{4}-\d{2}-\d{2}$/);
    expect(weekly.body).toContain('STANAG 4908 Edition 1');
    expect(weekly.body).toContain('https://ssw.example/standards/stanag-4908');
    expect(weekly.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<https:\/\/ssw\.example(\/digest\/unsubscribe\?token=[\w-]+)>$/.exec(weekly.headers['list-unsubscribe'])![1];
    // Signed-in people get their DIGEST-channel notifications of the week in one mail.
    const personal = mails(deDelegate.email).filter((m) => m.headers.subject.startsWith('Your week at the Space Standards Workbench'));
    expect(personal).toHaveLength(2);
    expect(personal[0].body).toContain('STANAG 4902 Edition 1 published');
    expect(personal[1].body).toContain('STANAG 4908 Edition 1 published');
    expect(personal[1].body).not.toContain('STANAG 4902 Edition 1 published');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = $1 AND n.channel = 'DIGEST' AND n.digested_at IS NULL`, [deDelegate.email]))[0].n).toBe(0);

    // GET shows a button and unsubscribes nothing; the one-click POST (RFC 8058), without any sign-in, does.
    expect((await t.http.get(unsubscribe)).text).toContain('<button type="submit">Unsubscribe</button>');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM digest_subscriber WHERE email = 'reader@example.org'`))[0].n).toBe(1);
    const one = await t.http.post(unsubscribe).type('form').send('List-Unsubscribe=One-Click');
    expect(one.status).toBe(200);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM digest_subscriber WHERE email = 'reader@example.org'`))[0].n).toBe(0);
    // The public sign-up form, server-rendered.
    expect((await t.http.get('/digest')).text).toContain('<form method="post" action="/digest">');
    const form = await t.http.post('/digest').type('form').send('email=form%40example.org');
    expect(form.status).toBe(200);
    expect((await t.db.query(`SELECT confirmed_at FROM digest_subscriber WHERE email = 'form@example.org'`))).toHaveLength(1);
    // unsubscribe(token) through the API works as well; an unknown token answers false.
    const [late] = await t.db.query(`SELECT unsubscribe_token AS token FROM digest_subscriber WHERE email = 'late@example.org'`);
    expect((await t.ok(UNSUBSCRIBE, { i: { token: late.token } })).unsubscribe).toBe(true);
    expect((await t.ok(UNSUBSCRIBE, { i: { token: late.token } })).unsubscribe).toBe(false);
  });
});
