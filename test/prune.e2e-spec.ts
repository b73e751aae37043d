import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import * as jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { PRUNE_BATCH, PruneWorker } from '../src/accounts/prune.worker';
import { DigestService } from '../src/notifications/digest.service';
import { createTestApp, PASSWORD, TestApp } from './helpers/app';

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
