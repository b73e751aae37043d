import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import * as jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { PRUNE_BATCH, PruneWorker } from '../src/accounts/prune.worker';
import { DigestService } from '../src/notifications/digest.service';
import { createTestApp, PASSWORD, TestApp } from './helpers/app';
import { draftingStandard } from './helpers/standards';

const LOGIN = `mutation($e:String!,$p:String!){ login(email:$e,password:$p){ accessToken } }`;
const REFRESH = `mutation { refreshSession { accessToken } }`;
const DAY = 86_400;

type Res = { status: number; body: { data?: any; errors?: { extensions: { code: string } }[] }; headers: Record<string, any> };
const tokenIn = (r: Res) => /ssw_refresh=([^;]*)/.exec((r.headers['set-cookie'] ?? []).join('\n'))?.[1] ?? '';

/**
 * What stopped working PRUNE_AFTER_DAYS (30) ago goes; what is live, or
 * stopped more recently, stays, and reuse detection still works on the tokens kept.
 */
describe('pruning of ended sessions, refresh tokens, codes and unconfirmed digest sign-ups', () => {
  let t: TestApp;
  let prune: PruneWorker;
  before(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://ssw.example' });
    prune = t.app.get(PruneWorker);
  });
  after(() => t.close());

  const post = (query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}) => {
    const req = t.http.post('/graphql').set('content-type', 'application/json');
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req.send({ query, variables }) as unknown as Promise<Res>;
  };
  const login = async (email: string) => {
    const res = await post(LOGIN, {}, { e: email, p: PASSWORD });
    return { access: res.body.data.login.accessToken as string, refresh: tokenIn(res), sid: (jwt.decode(res.body.data.login.accessToken) as { sid: string }).sid };
  };
  const refresh = (token: string) => post(REFRESH, { cookie: `ssw_refresh=${token}` });
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params))[0].n as number;
  const sessionRows = (sid: string) => count(`SELECT count(*)::int AS n FROM user_session WHERE id = $1`, [sid]);
  const tokenRows = (sid: string) => count(`SELECT count(*)::int AS n FROM refresh_token WHERE session_id = $1`, [sid]);

  it('deletes what stopped working more than 30 days ago, keeps the rest, and reuse detection still holds', async () => {
    const signedOut = await t.user('Signed Out');
    const idle = await t.user('Idle Person');
    const live = await t.user('Live Person');
    // t.user signed each in once: those sessions stay live (untouched) and idle-expire 7 days from now.
    const out = await login(signedOut.email);
    expect((await post(`mutation { signOut }`, { authorization: `Bearer ${out.access}` })).body.data.signOut).toBe(true);
    const idleSession = await login(idle.email);
    expect(await tokenRows(out.sid)).toBe(1);
    // The digest: one address confirms, one never does.
    await t.http.post('/digest').type('form').send('email=never%40example.org');
    await t.http.post('/digest').type('form').send('email=kept%40example.org');
    const [kept] = await t.db.query(`SELECT confirmation_token_hash FROM digest_subscriber WHERE email = 'kept@example.org'`);
    await t.db.query(`UPDATE digest_subscriber SET confirmed_at = now(), confirmation_token_hash = NULL, confirmation_expires_at = NULL WHERE confirmation_token_hash = $1`, [kept.confirmation_token_hash]);
    const codesAtStart = await count(`SELECT count(*)::int AS n FROM verification_code`);
    expect(codesAtStart).toBeGreaterThanOrEqual(3);

    // Nothing is old enough yet.
    expect(await prune.runOnce()).toBe(0);

    // 31 days on: the sign-out is 31 days old; the idle session expired 24 days ago; the codes were used 31 days ago.
    t.clock.advance(31 * DAY);
    const fresh = await login(live.email);
    const r1 = await refresh(fresh.refresh);
    expect(r1.body.errors).toBeUndefined();
    const current = tokenIn(r1);
    expect(await tokenRows(fresh.sid)).toBe(2); // the used first token and the current one
    await t.ok(`mutation($i:RegisterInput!){ register(input:$i){ id } }`, { i: { email: 'new.person@test.example', password: PASSWORD, displayName: 'New Person' } });
    await t.waitForMail('new.person@test.example', 1);

    const pruned = await prune.runOnce();
    expect(await sessionRows(out.sid)).toBe(0);
    expect(await tokenRows(out.sid)).toBe(0);
    expect(await sessionRows(idleSession.sid)).toBe(1); // expired only 24 days ago
    expect(await tokenRows(fresh.sid)).toBe(2); // live: its used token is kept for reuse detection
    // The used codes of the three people went; the new pending one stays.
    expect(await count(`SELECT count(*)::int AS n FROM verification_code`)).toBe(1);
    expect(pruned).toBe(1 + codesAtStart);
    expect(await prune.runOnce()).toBe(0);

    // The live session still refreshes, and its used token presented again is still taken for a stolen copy.
    t.clock.advance(60); // past the grace for two tabs refreshing at once
    const reused = await refresh(fresh.refresh);
    expect(reused.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(await count(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'session.token_reused' AND entity_id = $1`, [live.id])).toBe(1);
    expect((await refresh(current)).body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED'); // the whole session ended
    // A signed-out session's token is refused as before, now that its row is gone.
    expect((await refresh(out.refresh)).body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');

    // Seven days on, the idle session's expiry is 31 days old: it goes too.
    t.clock.advance(7 * DAY);
    expect(await prune.runOnce()).toBeGreaterThanOrEqual(1);
    expect(await sessionRows(idleSession.sid)).toBe(0);

    // The unconfirmed sign-up's link expired 72 hours after it was made, 35 days ago: the weekly run forgets the address.
    // (The run is due from Monday 08:00 UTC by the moved clock: a Monday morning waits a day.)
    const digest = t.app.get(DigestService);
    const runs = () => count(`SELECT count(*)::int AS n FROM digest_run`);
    await digest.runDue();
    if (!(await runs())) {
      t.clock.advance(DAY);
      await digest.runDue();
    }
    expect(await runs()).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM digest_subscriber WHERE email = 'never@example.org'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM digest_subscriber WHERE email = 'kept@example.org'`)).toBe(1);
    t.clock.offsetSeconds = 0;
  });

  it('two replicas pruning at once delete each row once, in batches, without waiting on each other', async () => {
    const u = await t.user('Many Sessions');
    const many = 2 * PRUNE_BATCH + 500;
    await t.db.query(
      `INSERT INTO user_session (user_id, created_at, last_used_at, ended_at, end_reason)
       SELECT $1, now() - interval '60 days', now() - interval '60 days', now() - interval '59 days', 'SIGNED_OUT' FROM generate_series(1, $2)`,
      [u.id, many],
    );
    await t.db.query(
      `INSERT INTO refresh_token (token_hash, session_id, created_at, used_at)
       SELECT md5(id::text), id, created_at, created_at FROM user_session WHERE user_id = $1 AND ended_at IS NOT NULL`,
      [u.id],
    );
    const other = new PruneWorker(t.app.get(DataSource), t.clock, t.config);
    const [a, b] = await Promise.all([prune.runOnce(), other.runOnce()]);
    expect(a + b).toBe(many);
    expect(await count(`SELECT count(*)::int AS n FROM user_session WHERE user_id = $1`, [u.id])).toBe(1); // its live sign-in
    expect(await count(`SELECT count(*)::int AS n FROM refresh_token t JOIN user_session s ON s.id = t.session_id WHERE s.user_id = $1`, [u.id])).toBe(1);
  });
});

/**
 * Finished work goes PRUNE_AFTER_DAYS (30) after it finished: mails sent or
 * given up, webhook deliveries delivered or given up, and the reminder claims
 * of deadlines past or of rounds and ballots ended early. Pending work stays
 * however old, and so do the claims of a deadline still ahead.
 * Rows are written in SQL at set ages: 31 days is past the period, 29 within it.
 */
describe('pruning of finished mail, webhook deliveries and reminder claims', () => {
  let t: TestApp;
  let prune: PruneWorker;
  before(async () => {
    // The workers stay off: a delivery or mail must keep the status the test gave it.
    t = await createTestApp({ WEBHOOK_POLL_MS: '0' });
    prune = t.app.get(PruneWorker);
  });
  after(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params))[0].n as number;
  const ago = (days: number) => `now() - make_interval(days => ${days})`;

  /** n mails (or deliveries) finished `days` ago with this status; PENDING ones were created then. */
  const mails = (status: string, days: number, n: number, tag: string) =>
    t.db.query(
      `INSERT INTO mail_outbox (idempotency_key, recipient, subject, body, kind, created_at, status, attempts, next_attempt_at, last_attempt_at, sent_at)
       SELECT 'prune-test:' || $1 || ':' || g, 'someone@example.org', 'Subject', 'A body that names someone', 'TEST',
              ${ago(days + 1)}, $2, 1, ${ago(days)}, ${ago(days)}, CASE WHEN $2 = 'SENT' THEN ${ago(days)} END
         FROM generate_series(1, $3) g`,
      [tag, status, n],
    );
  const deliveries = (webhookId: string, status: string, days: number, n: number) =>
    t.db.query(
      `INSERT INTO webhook_delivery (webhook_id, event, payload, created_at, status, attempts, next_attempt_at, last_attempt_at, response_status, delivered_at)
       SELECT $1, 'edition.published', '{}'::jsonb, ${ago(days + 1)}, $2, 1, ${ago(days)}, ${ago(days)}, 200, CASE WHEN $2 = 'DELIVERED' THEN ${ago(days)} END
         FROM generate_series(1, $3)`,
      [webhookId, status, n],
    );

  it('deletes mail, deliveries and reminder claims finished more than 30 days ago, and keeps the rest', async () => {
    const adminToken = await t.adminToken();
    const [{ id: adminId }] = await t.db.query(`SELECT id FROM app_user WHERE email = 'admin@test.example'`);

    // The outbox: 3 sent and 2 given up 31 days ago go; 1 of each 29 days ago, and a pending one of 90 days, stay.
    await mails('SENT', 31, 3, 'old-sent');
    await mails('FAILED', 31, 2, 'old-failed');
    await mails('SENT', 29, 1, 'new-sent');
    await mails('FAILED', 29, 1, 'new-failed');
    await mails('PENDING', 90, 1, 'pending');

    // A webhook's deliveries, the same ages.
    const org = await t.ok(`mutation($i:CreateOrganizationInput!){ createOrganization(input:$i){ id } }`, { i: { name: 'Pruned Hooks Ltd', kind: 'VENDOR' } }, adminToken);
    const [hook] = await t.db.query(
      `INSERT INTO webhook (organization_id, url, events, secret, created_by, created_at)
       VALUES ($1, 'https://hooks.example.org/ssw', ARRAY['edition.published'], 'secret', $2, ${ago(100)}) RETURNING id`,
      [org.createOrganization.id, adminId],
    );
    await deliveries(hook.id, 'DELIVERED', 31, 3);
    await deliveries(hook.id, 'FAILED', 31, 2);
    await deliveries(hook.id, 'DELIVERED', 29, 1);
    await deliveries(hook.id, 'FAILED', 29, 1);
    await deliveries(hook.id, 'PENDING', 90, 1);
    const [gone] = await t.db.query(`SELECT id FROM webhook_delivery WHERE webhook_id = $1 AND status = 'DELIVERED' AND delivered_at < ${ago(30)} LIMIT 1`, [hook.id]);

    // Rounds and ballots, and the reminder claims of two nations at both offsets for a deadline of each (4 claims).
    const expert = await t.user('Pruned Expert', [{ role: 'EXPERT', nationCode: 'NLD' }]);
    const first = await draftingStandard(t, expert.token, { designation: 'PR 1' });
    const second = await draftingStandard(t, expert.token, { designation: 'PR 2' });
    type Subject = { type: string; id: string; closes: number };
    const round = async (opens: number, closes: number, closed: number | null): Promise<Subject> => ({
      type: 'CommentRound', closes,
      id: (await t.db.query(
        `INSERT INTO comment_round (standard_id, version_id, title, opens_at, closes_at, closed_at, opened_by)
         VALUES ($1, $2, 'Round', ${ago(opens)}, ${ago(closes)}, ${closed === null ? 'NULL' : ago(closed)}, $3) RETURNING id`,
        [first.id, first.v1, adminId],
      ))[0].id,
    });
    const ballot = async (standard: { id: string; v1: string }, opens: number, closes: number, decided: number | null): Promise<Subject> => ({
      type: 'Ballot', closes,
      id: (await t.db.query(
        `INSERT INTO ballot (standard_id, version_id, opens_at, closes_at, threshold, opened_by, closed_at, outcome)
         VALUES ($1, $2, ${ago(opens)}, ${ago(closes)}, 2, $3, ${decided === null ? 'NULL' : ago(decided)}, ${decided === null ? `'PENDING'` : `'FAILED'`}) RETURNING id`,
        [standard.id, standard.v1, adminId],
      ))[0].id,
    });
    const claims = (s: Subject, closes = s.closes) =>
      t.db.query(
        `INSERT INTO notification_reminder (subject_type, subject_id, nation_code, offset_days, closes_at, sent_at)
         SELECT $1, $2, n, d, ${ago(closes)}, ${ago(closes)} - make_interval(days => d) FROM unnest(ARRAY['NLD', 'FRA']) n, unnest(ARRAY[3, 1]) d`,
        [s.type, s.id],
      );
    const orphan: Subject = { type: 'Ballot', id: '00000000-0000-4000-8000-000000000001', closes: 0 };
    const extended = await ballot(second, 70, -3, null); // undecided, extended: its deadline now 3 days ahead
    const ended: Subject[] = [
      await round(100, 60, null), // its deadline passed 60 days ago
      await round(45, -5, 35), // closed early 35 days ago, its deadline still ahead
      await ballot(first, 70, -5, 40), // decided early 40 days ago, its deadline still ahead
      await ballot(first, 60, 40, null), // undecided, its deadline passed 40 days ago: a reminder for a new deadline would need an extension
    ];
    const live: Subject[] = [
      await round(20, 10, null), // its deadline passed 10 days ago: within the period
      await round(1, -2, null), // open
      await ballot(first, 20, 8, 5), // decided 5 days ago
    ];
    for (const s of [...ended, ...live]) await claims(s);
    await claims(extended, 40); // for the deadline before the extension, 40 days ago: goes
    await claims(extended); // for the new deadline: stays
    // Claims whose subject is not found go by their deadline alone.
    await claims(orphan, 40);
    await claims(orphan, 10);
    const claimsOf = (subjects: Subject[]) =>
      count(`SELECT count(*)::int AS n FROM notification_reminder WHERE subject_id = ANY($1::uuid[])`, [subjects.map((s) => s.id)]);
    expect(await claimsOf(ended)).toBe(16);
    const prunedClaims = 16 + 4 + 4;

    const mailCount = (status: string) => count(`SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'TEST' AND status = $1`, [status]);
    const deliveryCount = (status: string) => count(`SELECT count(*)::int AS n FROM webhook_delivery WHERE webhook_id = $1 AND status = $2`, [hook.id, status]);

    expect(await prune.runOnce()).toBe(5 + 5 + prunedClaims);
    expect([await mailCount('SENT'), await mailCount('FAILED'), await mailCount('PENDING')]).toEqual([1, 1, 1]);
    expect([await deliveryCount('DELIVERED'), await deliveryCount('FAILED'), await deliveryCount('PENDING')]).toEqual([1, 1, 1]);
    expect(await claimsOf(ended)).toBe(0);
    expect(await claimsOf(live)).toBe(12);
    const deadlinesLeft = async (s: Subject) =>
      (await t.db.query(`SELECT DISTINCT closes_at > now() AS ahead, count(*)::int AS n FROM notification_reminder WHERE subject_id = $1 GROUP BY 1`, [s.id]));
    expect(await deadlinesLeft(extended)).toEqual([{ ahead: true, n: 4 }]);
    expect(await deadlinesLeft(orphan)).toEqual([{ ahead: false, n: 4 }]);
    expect(await count(`SELECT count(*)::int AS n FROM notification_reminder`)).toBe(12 + 4 + 4);
    expect(await prune.runOnce()).toBe(0);

    // The API's delivery log holds what the period keeps; a pruned delivery is no longer found to resend.
    const log = await t.ok(`query($w:ID!){ webhookDeliveries(webhookId:$w, first:100){ id status } }`, { w: hook.id }, adminToken);
    expect(log.webhookDeliveries.map((d: { status: string }) => d.status).sort()).toEqual(['DELIVERED', 'FAILED', 'PENDING']);
    const resend = await t.gql(`mutation($i:ID!){ resendWebhookDelivery(id:$i){ id } }`, { i: gone.id }, adminToken);
    expect(resend.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // Two days on, what finished 29 days ago is past the period; the pending rows and the live subjects' claims stay.
    t.clock.advance(2 * DAY);
    expect(await prune.runOnce()).toBe(2 + 2);
    expect([await mailCount('SENT'), await mailCount('FAILED'), await mailCount('PENDING')]).toEqual([0, 0, 1]);
    expect([await deliveryCount('DELIVERED'), await deliveryCount('FAILED'), await deliveryCount('PENDING')]).toEqual([0, 0, 1]);
    expect(await claimsOf([...live, extended, orphan])).toBe(12 + 4 + 4);
    t.clock.offsetSeconds = 0;
  });

  it('two replicas pruning mail at once delete each row once, in batches', async () => {
    const many = 2 * PRUNE_BATCH + 500;
    await mails('SENT', 40, many, 'many');
    const other = new PruneWorker(t.app.get(DataSource), t.clock, t.config);
    const [a, b] = await Promise.all([prune.runOnce(), other.runOnce()]);
    expect(a + b).toBe(many);
    expect(await count(`SELECT count(*)::int AS n FROM mail_outbox WHERE idempotency_key LIKE 'prune-test:many:%'`)).toBe(0);
  });
});
