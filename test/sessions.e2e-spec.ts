import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { ADMIN, createTestApp, PASSWORD, TestApp } from './helpers/app';

const LOGIN = `mutation($e:String!,$p:String!){ login(email:$e,password:$p){ accessToken expiresAt user { id email } } }`;
const REFRESH = `mutation { refreshSession { accessToken expiresAt user { id email } } }`;
const SESSIONS = `{ mySessions { id createdAt lastUsedAt userAgent ip current } }`;
const CHANGE = `mutation($c:String!,$n:String!){ changePassword(currentPassword:$c,newPassword:$n) }`;
const USERS = `query($f:UserFilter,$first:Int,$after:String){ users(filter:$f,first:$first,after:$after){
  totalCount pageInfo { hasNextPage endCursor } edges { node { id email displayName roles deactivatedAt nation { code } } } } }`;
const DEACTIVATE = `mutation($u:ID!){ deactivateUser(userId:$u){ id deactivatedAt } }`;
const REACTIVATE = `mutation($u:ID!){ reactivateUser(userId:$u){ id deactivatedAt } }`;

type Res = { status: number; body: { data?: any; errors?: { message: string; extensions: { code: string } }[] }; headers: Record<string, any> };
type Errors = { errors?: { extensions: { code: string } }[] };
/** The first error's code, of a raw response or of TestApp.gql's answer. */
const code = (r: { body: Errors } | Errors) => ('body' in r ? r.body : r).errors?.[0]?.extensions.code;
const cookies = (r: Res): string[] => r.headers['set-cookie'] ?? [];
const refreshCookie = (r: Res) => cookies(r).find((c) => c.startsWith('ssw_refresh='));
const tokenIn = (r: Res) => /^ssw_refresh=([^;]*)/.exec(refreshCookie(r) ?? '')?.[1];
const sessionOf = (accessToken: string) => (jwt.decode(accessToken) as { sid: string }).sid;

describe('sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  /** A browser: a cookie jar (supertest's agent) and the access token it holds in memory. */
  function browser(userAgent = 'TestBrowser/1.0') {
    const agent = request.agent(t.app.getHttpServer());
    const b = {
      token: '',
      post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Res> {
        const req = agent.post('/graphql').set('content-type', 'application/json').set('user-agent', userAgent);
        if (b.token) req.set('authorization', `Bearer ${b.token}`);
        for (const [k, v] of Object.entries(headers)) req.set(k, v);
        return req.send({ query, variables }) as unknown as Promise<Res>;
      },
      async login(email: string, password = PASSWORD): Promise<Res> {
        const res = await b.post(LOGIN, { e: email, p: password });
        b.token = res.body.data?.login?.accessToken ?? '';
        return res;
      },
      async refresh(headers: Record<string, string> = {}): Promise<Res> {
        const res = await b.post(REFRESH, {}, headers);
        if (res.body.data?.refreshSession) b.token = res.body.data.refreshSession.accessToken;
        return res;
      },
    };
    return b;
  }

  /** Sends a refresh with exactly this cookie, outside any browser's jar. */
  const refreshWith = (token: string) =>
    t.http.post('/graphql').set('content-type', 'application/json').set('cookie', `ssw_refresh=${token}`)
      .send({ query: REFRESH }) as unknown as Promise<Res>;

  const signedIn = async (b: ReturnType<typeof browser>) => code(await b.post(SESSIONS));

  it('login answers the access token and sets an httpOnly, SameSite=Strict refresh cookie on /graphql', async () => {
    const u = await t.user('Cookie Person');
    const b = browser();
    const res = await b.login(u.email);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.login.user.email).toBe(u.email);
    const cookie = refreshCookie(res)!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/graphql/);
    expect(cookie).not.toMatch(/Secure/); // only in production
    expect(cookie).toMatch(/Max-Age=604800/);
    // The refresh token is never in the body.
    expect(JSON.stringify(res.body)).not.toContain(tokenIn(res)!);
    expect(jwt.decode(b.token)).toMatchObject({ sub: u.id, sid: expect.any(String) });
    expect(await signedIn(b)).toBeUndefined();
  });

  it('refreshSession rotates the cookie; a used token presented again ends the whole session', async () => {
    const u = await t.user('Rotating Person');
    const b = browser();
    const first = tokenIn(await b.login(u.email))!;
    const r1 = await b.refresh();
    expect(r1.body.errors).toBeUndefined();
    expect(r1.body.data.refreshSession.user.id).toBe(u.id);
    const second = tokenIn(r1)!;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const r2 = await b.refresh();
    expect(tokenIn(r2)).not.toBe(second);
    expect(await signedIn(b)).toBeUndefined();

    t.clock.advance(60); // past the grace for two tabs refreshing at once
    try {
      const reuse = await refreshWith(first);
      expect(code(reuse)).toBe('UNAUTHENTICATED');
      expect(reuse.body.errors![0].message).toMatch(/used already/);
    } finally {
      t.clock.advance(-60);
    }
    // The thief's copy and the owner's current cookie and access token all stop at once.
    expect(code(await b.refresh())).toBe('UNAUTHENTICATED');
    expect(await signedIn(b)).toBe('UNAUTHENTICATED');
    const [row] = await t.db.query(`SELECT end_reason FROM user_session WHERE id = $1`, [sessionOf(b.token)]);
    expect(row.end_reason).toBe('TOKEN_REUSED');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'session.token_reused' AND entity_id = $1`, [u.id]);
    expect(n).toBe(1);
  });

  it('a second tab refreshing with the same cookie within the grace gets an access token and leaves the cookie alone', async () => {
    const u = await t.user('Two Tabs');
    const b = browser();
    const first = tokenIn(await b.login(u.email))!;
    const winner = await refreshWith(first);
    expect(winner.body.errors).toBeUndefined();
    const loser = await refreshWith(first);
    expect(loser.body.errors).toBeUndefined();
    expect(refreshCookie(loser)).toBeUndefined();
    // The session goes on with the winner's cookie.
    expect((await refreshWith(tokenIn(winner)!)).body.errors).toBeUndefined();
    const [row] = await t.db.query(`SELECT ended_at FROM user_session WHERE id = $1`, [sessionOf(loser.body.data.refreshSession.accessToken)]);
    expect(row.ended_at).toBeNull();
  });

  it('of two refreshes at once with one token, exactly one rotates it', async () => {
    const u = await t.user('Racing Tabs');
    const first = tokenIn(await browser().login(u.email))!;
    const results = await Promise.all(Array.from({ length: 4 }, () => refreshWith(first)));
    expect(results.map(code)).toEqual([undefined, undefined, undefined, undefined]);
    expect(results.filter((r) => refreshCookie(r)).length).toBe(1);
    const [{ live }] = await t.db.query(
      `SELECT count(*)::int AS live FROM refresh_token t JOIN user_session s ON s.id = t.session_id
        WHERE s.user_id = $1 AND t.used_at IS NULL AND s.ended_at IS NULL`,
      [u.id],
    );
    expect(live).toBe(2); // the new token of this session, and t.user's own session
  });

  it('an ended session and a used token cannot be brought back, even in SQL', async () => {
    const u = await t.user('Immutable Person');
    const b = browser();
    await b.login(u.email);
    await b.refresh();
    await b.post(`mutation { signOut }`);
    const sid = sessionOf(b.token);
    await expect(t.db.query(`UPDATE user_session SET ended_at = NULL, end_reason = NULL WHERE id = $1`, [sid])).rejects.toThrow(/immutable/);
    await expect(t.db.query(`UPDATE refresh_token SET used_at = NULL WHERE session_id = $1 AND used_at IS NOT NULL`, [sid])).rejects.toThrow(/immutable/);
  });

  it('refuses a refresh without a cookie, with an unknown cookie, and from another site', async () => {
    const u = await t.user('Cross Site');
    expect(code(await browser().refresh())).toBe('UNAUTHENTICATED');
    expect(code(await refreshWith('not-a-token'))).toBe('UNAUTHENTICATED');
    const b = browser();
    const first = tokenIn(await b.login(u.email))!;
    for (const site of ['cross-site', 'same-site']) {
      const res = await b.refresh({ 'sec-fetch-site': site });
      expect(code(res)).toBe('FORBIDDEN');
    }
    // A form post (a "simple" request) is refused before anything runs: /graphql takes JSON only (415).
    const form = await t.http.post('/graphql').set('content-type', 'text/plain').set('cookie', `ssw_refresh=${first}`)
      .send(JSON.stringify({ query: REFRESH }));
    expect(form.status).toBe(415);
    // None of these used the token up.
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM refresh_token t JOIN user_session s ON s.id = t.session_id WHERE s.user_id = $1 AND t.used_at IS NOT NULL`,
      [u.id],
    );
    expect(n).toBe(0);
    expect((await b.refresh({ 'sec-fetch-site': 'same-origin' })).body.errors).toBeUndefined();
  });

  it('a session unused for SESSION_IDLE_SECONDS cannot be refreshed', async () => {
    const u = await t.user('Idle Person');
    const b = browser();
    await b.login(u.email);
    t.clock.advance(t.config.SESSION_IDLE_SECONDS + 60);
    try {
      const res = await b.refresh();
      expect(code(res)).toBe('UNAUTHENTICATED');
      expect(res.body.errors![0].message).toMatch(/expired/);
    } finally {
      t.clock.advance(-(t.config.SESSION_IDLE_SECONDS + 60));
    }
    const [row] = await t.db.query(`SELECT end_reason FROM user_session WHERE id = $1`, [sessionOf(b.token)]);
    expect(row.end_reason).toBe('EXPIRED');
  });

  it('signOut ends this session at once and clears the cookie; other sessions go on', async () => {
    const u = await t.user('Leaving Person');
    const laptop = browser();
    const phone = browser('Phone/2.0');
    await laptop.login(u.email);
    await phone.login(u.email);
    const out = await laptop.post(`mutation { signOut }`);
    expect(out.body.data.signOut).toBe(true);
    expect(refreshCookie(out)).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(await signedIn(laptop)).toBe('UNAUTHENTICATED');
    expect(code(await laptop.refresh())).toBe('UNAUTHENTICATED');
    expect(await signedIn(phone)).toBeUndefined();
  });

  it('signOut with only the cookie (the page lost its access token) still ends the session', async () => {
    const u = await t.user('Cookie Only');
    const b = browser();
    const first = tokenIn(await b.login(u.email))!;
    const held = b.token;
    b.token = '';
    expect((await b.post(`mutation { signOut }`)).body.data.signOut).toBe(true);
    expect(code(await refreshWith(first))).toBe('UNAUTHENTICATED');
    b.token = held;
    expect(await signedIn(b)).toBe('UNAUTHENTICATED');
  });

  it('signOutEverywhere ends every session of the caller', async () => {
    const u = await t.user('Everywhere Person');
    const [a, b, c] = [browser(), browser(), browser()];
    for (const x of [a, b, c]) await x.login(u.email);
    const other = await t.user('Bystander');
    expect((await a.post(`mutation { signOutEverywhere }`)).body.data.signOutEverywhere).toBe(true);
    for (const x of [a, b, c]) {
      expect(await signedIn(x)).toBe('UNAUTHENTICATED');
      expect(code(await x.refresh())).toBe('UNAUTHENTICATED');
    }
    expect(code(await t.gql(SESSIONS, {}, other.token))).toBeUndefined();
  });

  it('mySessions lists my live sessions with the current one marked; revokeSession ends another at once', async () => {
    const u = await t.user('Many Devices');
    const laptop = browser('Laptop/1.0');
    const phone = browser('Phone/2.0');
    await laptop.login(u.email);
    await phone.login(u.email);
    const listed = (await laptop.post(SESSIONS)).body.data.mySessions;
    expect(listed).toHaveLength(3); // t.user signed in once too
    const current = listed.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0].userAgent).toBe('Laptop/1.0');
    expect(current[0].ip).toMatch(/127\.0\.0\.1/);
    const phoneSession = listed.find((s: { userAgent: string }) => s.userAgent === 'Phone/2.0');
    expect((await laptop.post(`mutation($id:ID!){ revokeSession(id:$id) }`, { id: phoneSession.id })).body.data.revokeSession).toBe(true);
    expect(await signedIn(phone)).toBe('UNAUTHENTICATED');
    expect(await signedIn(laptop)).toBeUndefined();
    expect((await laptop.post(SESSIONS)).body.data.mySessions).toHaveLength(2);

    // Someone else's session, an ended one, or nonsense: NOT_FOUND alike.
    const stranger = await t.user('Stranger');
    const [theirs] = (await t.gql(SESSIONS, {}, stranger.token)).data.mySessions;
    for (const id of [theirs.id, phoneSession.id, 'nonsense']) {
      expect(code(await laptop.post(`mutation($id:ID!){ revokeSession(id:$id) }`, { id }))).toBe('NOT_FOUND');
    }
    expect(code(await t.gql(SESSIONS, {}, stranger.token))).toBeUndefined();
    expect(code(await t.gql(SESSIONS))).toBe('UNAUTHENTICATED');
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY says which proxy to believe', async () => {
    const u = await t.user('Spoofing Person');
    const token = (await t.gql(LOGIN, { e: u.email, p: PASSWORD }, undefined, { 'x-forwarded-for': '203.0.113.77' })).data.login.accessToken;
    const mine = (await t.gql(SESSIONS, {}, token)).data.mySessions.find((s: { current: boolean }) => s.current);
    expect(mine.ip).toMatch(/127\.0\.0\.1/);
  });

  it('refuses an access token that names no session, or a session that does not exist', async () => {
    const u = await t.user('Forged Person');
    const secret = t.config.JWT_SECRET!;
    const noSid = jwt.sign({}, secret, { algorithm: 'HS256', subject: u.id, expiresIn: 600 });
    const otherSid = jwt.sign({ sid: '00000000-0000-4000-8000-000000000000' }, secret, { algorithm: 'HS256', subject: u.id, expiresIn: 600 });
    for (const token of [noSid, otherSid]) expect(code(await t.gql(SESSIONS, {}, token))).toBe('UNAUTHENTICATED');
  });

  it('changePassword needs the current password, applies the policy, and ends the other sessions', async () => {
    const u = await t.user('Changing Person');
    const here = browser();
    const there = browser();
    await here.login(u.email);
    await there.login(u.email);
    const NEW = 'Another-Str0ng-Pass!';
    const wrong = await here.post(CHANGE, { c: 'Not-The-Passw0rd!', n: NEW });
    expect(code(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.body.errors![0].message).toMatch(/current password/);
    const weak = await here.post(CHANGE, { c: PASSWORD, n: 'short' });
    expect(code(weak)).toBe('BAD_USER_INPUT');
    expect(weak.body.errors![0].message).toMatch(/12 characters/);
    expect(await signedIn(there)).toBeUndefined();

    expect((await here.post(CHANGE, { c: PASSWORD, n: NEW })).body.data.changePassword).toBe(true);
    expect(await signedIn(here)).toBeUndefined();
    expect((await here.refresh()).body.errors).toBeUndefined();
    expect(await signedIn(there)).toBe('UNAUTHENTICATED');
    expect(code(await t.gql(SESSIONS, {}, u.token))).toBe('UNAUTHENTICATED');
    expect(code(await browser().login(u.email, PASSWORD))).toBe('UNAUTHENTICATED');
    expect((await browser().login(u.email, NEW)).body.errors).toBeUndefined();
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'account.password_changed' AND entity_id = $1`, [u.id]);
    expect(n).toBe(1);
  });

  it('deactivateUser (ADMIN) ends the account’s sessions and tokens at once; reactivateUser lets it sign in again', async () => {
    const admin = await t.adminToken();
    const [{ id: adminId }] = await t.db.query(`SELECT id FROM app_user WHERE email = $1`, [ADMIN.email]);
    const u = await t.user('Leaving Delegate', [{ role: 'DELEGATE', nationCode: 'NOR' }]);
    const sec = await t.user('Secretary Sam', [{ role: 'SECRETARIAT' }]);
    const b = browser();
    await b.login(u.email);

    expect(code(await t.gql(DEACTIVATE, { u: u.id }, sec.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(DEACTIVATE, { u: 'nonsense' }, admin))).toBe('NOT_FOUND');
    expect(code(await t.gql(DEACTIVATE, { u: adminId }, admin))).toBe('CONFLICT');
    const done = await t.gql(DEACTIVATE, { u: u.id }, admin);
    expect(done.errors).toBeUndefined();
    expect(done.data.deactivateUser.deactivatedAt).toBeTruthy();
    expect(code(await t.gql(DEACTIVATE, { u: u.id }, admin))).toBe('INVALID_STATE');

    expect(await signedIn(b)).toBe('UNAUTHENTICATED');
    expect(code(await t.gql(SESSIONS, {}, u.token))).toBe('UNAUTHENTICATED');
    expect(code(await b.refresh())).toBe('UNAUTHENTICATED');
    const refused = await browser().login(u.email);
    expect(code(refused)).toBe('UNAUTHENTICATED');
    expect(refused.body.errors![0].message).toMatch(/deactivated/);
    const [{ live }] = await t.db.query(`SELECT count(*)::int AS live FROM user_session WHERE user_id = $1 AND ended_at IS NULL`, [u.id]);
    expect(live).toBe(0);
    // Only ADMIN, SECRETARIAT and the person see the state.
    const other = await t.user('Curious Expert', [{ role: 'EXPERT', nationCode: 'NOR' }]);
    const seen = await t.gql(USERS, { f: { text: 'Leaving Delegate' } }, sec.token);
    expect(seen.data.users.edges[0].node.deactivatedAt).toBeTruthy();
    expect(code(await t.gql(USERS, {}, other.token))).toBe('FORBIDDEN');

    const back = await t.gql(REACTIVATE, { u: u.id }, admin);
    expect(back.data.reactivateUser.deactivatedAt).toBeNull();
    expect(code(await t.gql(REACTIVATE, { u: u.id }, admin))).toBe('INVALID_STATE');
    // Ended sessions stay ended; a new sign-in works.
    expect(await signedIn(b)).toBe('UNAUTHENTICATED');
    expect((await browser().login(u.email)).body.errors).toBeUndefined();
    const actions = await t.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'account.%activated' ORDER BY id`, [u.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['account.deactivated', 'account.reactivated']);
  });

  it('a deactivated ADMIN does not count as the last ADMIN', async () => {
    const admin = await t.adminToken();
    const [{ id: adminId }] = await t.db.query(`SELECT id FROM app_user WHERE email = $1`, [ADMIN.email]);
    const second = await t.user('Second Admin', [{ role: 'ADMIN' }]);
    await t.ok(DEACTIVATE, { u: second.id }, admin);
    const revoke = await t.gql(`mutation($u:ID!){ revokeRole(userId:$u,role:ADMIN){ id } }`, { u: adminId }, admin);
    expect(code(revoke)).toBe('CONFLICT');
    await t.ok(REACTIVATE, { u: second.id }, admin);
  });

  it('users: ADMIN and SECRETARIAT search by name, e-mail, nation, role and organization, page by page', async () => {
    const admin = await t.adminToken();
    const org = (await t.ok(`mutation{ createOrganization(input:{name:"Orbital Widgets",kind:VENDOR}){ id } }`, {}, admin)).createOrganization.id;
    await t.user('Zelda Vendor', [{ role: 'VENDOR', organizationId: org }]);
    await t.user('Dir Expert One', [{ role: 'EXPERT', nationCode: 'DNK' }]);
    await t.user('Dir Expert Two', [{ role: 'EXPERT', nationCode: 'DNK' }, { role: 'DELEGATE', nationCode: 'DNK' }]);
    const sec = await t.user('Dir Secretary', [{ role: 'SECRETARIAT' }]);
    const names = (r: { data: any }) => r.data.users.edges.map((e: { node: { displayName: string } }) => e.node.displayName);

    expect(names(await t.gql(USERS, { f: { text: 'dir expert' } }, admin))).toEqual(['Dir Expert One', 'Dir Expert Two']);
    expect(names(await t.gql(USERS, { f: { text: 'ZELDA.VENDOR@' } }, sec.token))).toEqual(['Zelda Vendor']);
    expect(names(await t.gql(USERS, { f: { nationCode: 'DNK', role: 'DELEGATE' } }, sec.token))).toEqual(['Dir Expert Two']);
    expect(names(await t.gql(USERS, { f: { organizationId: org } }, admin))).toEqual(['Zelda Vendor']);
    const expert = (await t.gql(USERS, { f: { text: 'Dir Expert Two' } }, admin)).data.users.edges[0].node;
    expect(expert).toMatchObject({ roles: ['DELEGATE', 'EXPERT'], nation: { code: 'DNK' }, email: 'dir.expert.two@test.example' });
    // A % in the search is a character, not a wildcard.
    expect(names(await t.gql(USERS, { f: { text: '%' } }, admin))).toEqual([]);

    const all = await t.gql(USERS, {}, admin);
    const total = all.data.users.totalCount;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res: any = await t.gql(USERS, { first: 3, after }, admin);
      expect(res.data.users.totalCount).toBe(total);
      seen.push(...names(res));
      if (!res.data.users.pageInfo.hasNextPage) break;
      after = res.data.users.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const ordered = await t.db.query(`SELECT display_name FROM app_user ORDER BY lower(display_name), id`);
    expect(seen).toEqual(ordered.map((r: { display_name: string }) => r.display_name));
    expect(code(await t.gql(USERS, { first: 101 }, admin))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(USERS, { after: 'garbage' }, admin))).toBe('BAD_USER_INPUT');
  });
});
