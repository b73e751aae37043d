import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import * as jwt from 'jsonwebtoken';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, createTestApp, PASSWORD, TestApp } from './helpers/app';

const REGISTER = `mutation($i:RegisterInput!){ register(input:$i){ id email displayName emailVerified roles } }`;
const VERIFY = `mutation($e:String!,$c:String!){ verifyEmail(email:$e,code:$c) }`;
const RESEND = `mutation($e:String!){ resendVerificationCode(email:$e) }`;
const LOGIN = `mutation($e:String!,$p:String!){ login(email:$e,password:$p){ accessToken expiresAt user { id email roles } } }`;
const RESET_REQ = `mutation($e:String!){ requestPasswordReset(email:$e) }`;
const RESET = `mutation($e:String!,$c:String!,$p:String!){ resetPassword(email:$e,code:$c,newPassword:$p) }`;
const GRANT = `mutation($i:GrantRoleInput!){ grantRole(input:$i){ id roles nation { code name } organization { id name } } }`;
const REVOKE = `mutation($u:ID!,$r:Role!){ revokeRole(userId:$u,role:$r){ id roles nation { code } } }`;
const ME = `{ me { id email displayName roles emailVerified nation { code } } }`;

const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;

describe('accounts', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const register = (email: string, password = PASSWORD, displayName = 'Ana Expert') =>
    t.gql(REGISTER, { i: { email, password, displayName } });

  it('registers, refuses sign-in until verified, verifies with the mailed code, then signs in', async () => {
    const reg = await register('Ana@Example.org');
    expect(reg.errors).toBeUndefined();
    expect(reg.data.register).toMatchObject({ email: 'ana@example.org', emailVerified: false, roles: [] });
    await t.waitForMail('ana@example.org', 1);
    const before = await t.gql(LOGIN, { e: 'ana@example.org', p: PASSWORD });
    expect(code(before)).toBe('UNAUTHENTICATED');
    expect(before.errors![0].message).toMatch(/verify/i);
    const wrong = await t.gql(VERIFY, { e: 'ana@example.org', c: t.lastCode('ana@example.org') === '000000' ? '111111' : '000000' });
    expect(code(wrong)).toBe('BAD_USER_INPUT');
    expect((await t.gql(VERIFY, { e: 'ANA@example.org', c: t.lastCode('ana@example.org') })).data.verifyEmail).toBe(true);
    const login = await t.gql(LOGIN, { e: 'ana@example.org', p: PASSWORD });
    expect(login.errors).toBeUndefined();
    // The request is anonymous until the token is used, but the person who signed in owns the address.
    expect(login.data.login.user.email).toBe('ana@example.org');
    const exp = new Date(login.data.login.expiresAt).getTime();
    expect(exp - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(exp - Date.now()).toBeLessThanOrEqual(15 * 60_000 + 2000);
    const me = await t.gql(ME, {}, login.data.login.accessToken);
    expect(me.data.me).toMatchObject({ email: 'ana@example.org', displayName: 'Ana Expert', emailVerified: true });
  });

  it('answers a second registration of an address as a first one, and mails the owner instead', async () => {
    const first = await register('twice@example.org');
    await t.waitForMail('twice@example.org', 1);
    const firstCode = t.lastCode('twice@example.org');
    const again = await register('TWICE@example.org', 'Other-Passw0rd!!', 'Someone Else');
    // Same shape, no CONFLICT: a user that was never saved, with the name and address typed.
    expect(again.errors).toBeUndefined();
    expect(Object.keys(again.data.register)).toEqual(Object.keys(first.data.register));
    expect(again.data.register).toMatchObject({ email: 'twice@example.org', displayName: 'Someone Else', emailVerified: false, roles: [] });
    expect(again.data.register.id).not.toBe(first.data.register.id);
    await t.waitForMail('twice@example.org', 2);
    const outbox = join(t.config.DATA_DIR, 'outbox');
    const last = readdirSync(outbox).filter((f) => f.endsWith('-twice@example.org.eml')).sort().at(-1)!;
    expect(readFileSync(join(outbox, last), 'utf8')).toMatch(/already has an account/);
    const [row] = await t.db.query(`SELECT count(*)::int AS n, min(display_name) AS name FROM app_user WHERE email = 'twice@example.org'`);
    expect(row).toEqual({ n: 1, name: 'Ana Expert' });
    // The first registration's code still verifies; the second password was not stored.
    await t.ok(VERIFY, { e: 'twice@example.org', c: firstCode });
    expect(code(await t.gql(LOGIN, { e: 'twice@example.org', p: 'Other-Passw0rd!!' }))).toBe('UNAUTHENTICATED');
    expect(code(await t.gql(LOGIN, { e: 'twice@example.org', p: PASSWORD }))).toBeUndefined();
  });

  for (const [why, password, rule] of [
    ['too short', 'Aa1!aaaaaaa', /12 characters/],
    ['no upper case', 'aaaaaaaaaa1!x', /upper/],
    ['no lower case', 'AAAAAAAAAA1!X', /lower/],
    ['no digit', 'Aaaaaaaaaaa!x', /digits/],
    ['no symbol', 'Aaaaaaaaaaa1x', /symbols/],
    ['a space', 'Aaaaaa aaaa1!x', /spaces/],
  ] as const) {
    it(`refuses a password with ${why}, naming the field, and stores nothing`, async () => {
      const email = `policy-${why.replace(/\W/g, '')}@example.org`;
      const res = await register(email, password);
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/password/);
      expect(res.errors![0].message).toMatch(rule);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE email = $1`, [email]);
      expect(n).toBe(0);
    });
  }

  it('accepts a password that meets every rule', async () => {
    expect((await register('strong@example.org', 'Zx9#qwertyuiop')).errors).toBeUndefined();
  });

  it('expires a code after 30 minutes by the database clock; a resend replaces it', async () => {
    const email = 'late@example.org';
    await register(email);
    await t.waitForMail(email, 1);
    const first = t.lastCode(email);
    t.clock.advance(31 * 60);
    try {
      const late = await t.gql(VERIFY, { e: email, c: first });
      expect(code(late)).toBe('BAD_USER_INPUT');
      expect(late.errors![0].message).toMatch(/expired/);
      expect((await t.gql(RESEND, { e: email })).data.resendVerificationCode).toBe(true);
    } finally {
      t.clock.advance(-31 * 60);
    }
    await t.waitForMail(email, 2);
    const second = t.lastCode(email);
    expect(t.mailCount(email)).toBe(2);
    if (second !== first) expect(code(await t.gql(VERIFY, { e: email, c: first }))).toBe('BAD_USER_INPUT');
    expect((await t.gql(VERIFY, { e: email, c: second })).data.verifyEmail).toBe(true);
  });

  it('locks a code after 5 wrong tries, even against the right code, until a resend', async () => {
    const email = 'guess@example.org';
    await register(email);
    await t.waitForMail(email, 1);
    const right = t.lastCode(email);
    const wrong = right === '123456' ? '654321' : '123456';
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(code(await t.gql(VERIFY, { e: email, c: wrong })));
    expect(codes).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'INVALID_STATE']);
    expect(code(await t.gql(VERIFY, { e: email, c: right }))).toBe('INVALID_STATE');
    await t.gql(RESEND, { e: email });
    await t.waitForMail(email, 2);
    expect((await t.gql(VERIFY, { e: email, c: t.lastCode(email) })).data.verifyEmail).toBe(true);
  });

  it('uses a code once: verified is verified, and a reset code cannot reset twice', async () => {
    const u = await t.user('Reuse Person');
    const again = await t.gql(VERIFY, { e: u.email, c: t.lastCode(u.email) });
    // The same answer as for an unknown address: nothing tells that this one is verified.
    const unknown = await t.gql(VERIFY, { e: 'nobody-here@example.org', c: '123456' });
    expect(code(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0].message).toBe(unknown.errors![0].message);
    await t.gql(RESET_REQ, { e: u.email });
    await t.waitForMail(u.email, 2);
    const reset = t.lastCode(u.email);
    expect((await t.gql(RESET, { e: u.email, c: reset, p: 'New-Passw0rd!long' })).data.resetPassword).toBe(true);
    expect(code(await t.gql(RESET, { e: u.email, c: reset, p: 'Other-Passw0rd!long' }))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(LOGIN, { e: u.email, p: PASSWORD }))).toBe('UNAUTHENTICATED');
    expect((await t.gql(LOGIN, { e: u.email, p: 'New-Passw0rd!long' })).errors).toBeUndefined();
  });

  it('answers a reset request the same whether or not the address has an account', async () => {
    const u = await t.user('Reset Person');
    const mails = t.mailCount(u.email);
    const known = await t.http.post('/graphql').send({ query: RESET_REQ, variables: { e: u.email } });
    const unknown = await t.http.post('/graphql').send({ query: RESET_REQ, variables: { e: 'nobody@example.org' } });
    expect(known.status).toBe(unknown.status);
    expect(known.body).toEqual(unknown.body);
    await t.waitForMail(u.email, mails + 1);
    expect(t.mailCount(u.email)).toBe(mails + 1);
    expect(() => t.mailCount('nobody@example.org')).not.toThrow();
    expect(t.mailCount('nobody@example.org')).toBe(0);
  });

  it('refuses a reset to a password that breaks the policy', async () => {
    const u = await t.user('Weak Reset');
    await t.gql(RESET_REQ, { e: u.email });
    await t.waitForMail(u.email, 2);
    const res = await t.gql(RESET, { e: u.email, c: t.lastCode(u.email), p: 'short' });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/newPassword/);
  });

  it('gives the same refusal for a wrong password and an unknown address', async () => {
    const u = await t.user('Login Person');
    const wrong = await t.gql(LOGIN, { e: u.email, p: 'Wrong-Passw0rd!x' });
    const unknown = await t.gql(LOGIN, { e: 'ghost@example.org', p: 'Wrong-Passw0rd!x' });
    expect(code(wrong)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
  });

  it('refuses a token with alg none, a tampered token and an expired token', async () => {
    const u = await t.user('Token Person');
    const [header, payload, signature] = u.token.split('.');
    const none = jwt.sign({ sub: u.id }, '', { algorithm: 'none' });
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = [header, Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-0000-0000-000000000000' })).toString('base64url'), signature].join('.');
    const expired = jwt.sign({ sub: u.id }, t.config.JWT_SECRET!, { algorithm: 'HS256', expiresIn: -10 });
    const otherAlg = jwt.sign({ sub: u.id }, t.config.JWT_SECRET!, { algorithm: 'HS512' });
    for (const token of [none, tampered, expired, otherAlg]) {
      const res = await t.gql(`{ organizations { id } }`, {}, token);
      expect(code(res)).toBe('UNAUTHENTICATED');
    }
    expect((await t.gql(`{ organizations { id } }`, {}, u.token)).errors).toBeUndefined();
  });

  it('lets an ADMIN grant and revoke roles, binding nations and vendors, and audits each change', async () => {
    const admin = await t.adminToken();
    const u = await t.user('Role Person');
    const noNation = await t.gql(GRANT, { i: { userId: u.id, role: 'EXPERT' } }, admin);
    expect(code(noNation)).toBe('BAD_USER_INPUT');
    expect(noNation.errors![0].message).toMatch(/nationCode/);
    const badNation = await t.gql(GRANT, { i: { userId: u.id, role: 'EXPERT', nationCode: 'XXX' } }, admin);
    expect(code(badNation)).toBe('BAD_USER_INPUT');
    const granted = await t.gql(GRANT, { i: { userId: u.id, role: 'EXPERT', nationCode: 'FRA' } }, admin);
    expect(granted.data.grantRole).toMatchObject({ roles: ['EXPERT'], nation: { code: 'FRA', name: 'France' } });
    const twice = await t.gql(GRANT, { i: { userId: u.id, role: 'EXPERT', nationCode: 'FRA' } }, admin);
    expect(code(twice)).toBe('CONFLICT');
    const otherNation = await t.gql(GRANT, { i: { userId: u.id, role: 'DELEGATE', nationCode: 'DEU' } }, admin);
    expect(code(otherNation)).toBe('CONFLICT');
    const delegate = await t.gql(GRANT, { i: { userId: u.id, role: 'DELEGATE', nationCode: 'FRA' } }, admin);
    expect(delegate.data.grantRole.roles).toEqual(['DELEGATE', 'EXPERT']);
    // The new role is effective on the existing token at once.
    expect((await t.gql(ME, {}, u.token)).data.me.roles).toEqual(['DELEGATE', 'EXPERT']);

    const vendorNoOrg = await t.gql(GRANT, { i: { userId: u.id, role: 'VENDOR' } }, admin);
    expect(code(vendorNoOrg)).toBe('BAD_USER_INPUT');
    const org = await t.ok(`mutation{ createOrganization(input:{name:"Orbital Links Ltd", kind:VENDOR}){ id kind } }`, {}, admin);
    const vendor = await t.gql(GRANT, { i: { userId: u.id, role: 'VENDOR', organizationId: org.createOrganization.id } }, admin);
    expect(vendor.data.grantRole.organization.name).toBe('Orbital Links Ltd');

    const revoked = await t.gql(REVOKE, { u: u.id, r: 'EXPERT' }, admin);
    expect(revoked.data.revokeRole.roles).toEqual(['DELEGATE', 'VENDOR']);
    expect(revoked.data.revokeRole.nation.code).toBe('FRA');
    const revoked2 = await t.gql(REVOKE, { u: u.id, r: 'DELEGATE' }, admin);
    expect(revoked2.data.revokeRole).toMatchObject({ roles: ['VENDOR'], nation: null });

    const events = await t.ok(
      `query($id:ID){ auditEvents(entityId:$id, first:10){ totalCount edges { node { action detail entityType actor { email } } } } }`,
      { id: u.id }, admin,
    );
    const actions = events.auditEvents.edges.map((e: any) => e.node.action);
    expect(actions).toEqual(['role.revoked', 'role.revoked', 'role.granted', 'role.granted', 'role.granted', 'account.verified', 'account.registered']);
    expect(events.auditEvents.edges[0].node).toMatchObject({ detail: 'DELEGATE revoked from Role Person', actor: { email: ADMIN.email } });
    expect(events.auditEvents.edges[2].node.detail).toMatch(/^VENDOR granted to Role Person for organization /);
  });

  it('refuses role changes from anyone but an ADMIN, and unknown users with NOT_FOUND', async () => {
    const u = await t.user('Plain Person');
    expect(code(await t.gql(GRANT, { i: { userId: u.id, role: 'ADMIN' } }, u.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(GRANT, { i: { userId: u.id, role: 'ADMIN' } }))).toBe('UNAUTHENTICATED');
    const admin = await t.adminToken();
    const missing = await t.gql(GRANT, { i: { userId: '00000000-0000-4000-8000-000000000000', role: 'ADMIN' } }, admin);
    expect(code(missing)).toBe('NOT_FOUND');
    expect(code(await t.gql(GRANT, { i: { userId: 'not-an-id', role: 'ADMIN' } }, admin))).toBe('BAD_USER_INPUT');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM user_role WHERE user_id = $1`, [u.id]);
    expect(n).toBe(0);
  });

  it('keeps the last ADMIN', async () => {
    const admin = await t.adminToken();
    const me = await t.ok(ME, {}, admin);
    expect(code(await t.gql(REVOKE, { u: me.me.id, r: 'ADMIN' }, admin))).toBe('CONFLICT');
  });

  it('keeps the last ADMIN when two admins give up ADMIN at the same moment', async () => {
    const admin = await t.adminToken();
    const first = (await t.ok(ME, {}, admin)).me.id;
    const second = await t.user('Second Admin', [{ role: 'ADMIN' }]);
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all([
        t.gql(REVOKE, { u: first, r: 'ADMIN' }, admin),
        t.gql(REVOKE, { u: second.id, r: 'ADMIN' }, second.token),
      ]);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM user_role WHERE role = 'ADMIN'`);
      expect(n).toBe(1);
      expect(results.map(code).sort()).toEqual(['CONFLICT', undefined]);
      // Whoever kept ADMIN gives it back for the next round.
      const [keeper, loser] = results[0].errors ? [admin, second.id] : [second.token, first];
      await t.ok(GRANT, { i: { userId: loser, role: 'ADMIN' } }, keeper);
    }
    await t.ok(REVOKE, { u: second.id, r: 'ADMIN' }, admin);
  });

  it('shows an e-mail address only to its owner, ADMIN and SECRETARIAT', async () => {
    const a = await t.user('Visible A', [{ role: 'EXPERT', nationCode: 'ITA' }]);
    const b = await t.user('Visible B', [{ role: 'SECRETARIAT' }]);
    const q = `query($id:ID){ auditEvents(entityId:$id, first:1){ edges { node { actor { email displayName } } } } }`;
    // The actor of a's registration is a; b (SECRETARIAT) may read the audit log and sees the address.
    const seen = await t.ok(q, { id: a.id }, b.token);
    expect(seen.auditEvents.edges[0].node.actor.email).not.toBe('');
    const own = await t.ok(ME, {}, a.token);
    expect(own.me.email).toBe(a.email);
  });

  it('reads the audit log only as SECRETARIAT or ADMIN, a page at a time', async () => {
    const expert = await t.user('Audit Reader', [{ role: 'EXPERT', nationCode: 'NOR' }]);
    expect(code(await t.gql(`{ auditEvents { totalCount } }`, {}, expert.token))).toBe('FORBIDDEN');
    const admin = await t.adminToken();
    const first = await t.ok(`{ auditEvents(first:2){ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`, {}, admin);
    expect(first.auditEvents.edges).toHaveLength(2);
    expect(first.auditEvents.pageInfo.hasNextPage).toBe(true);
    const next = await t.ok(`query($a:String){ auditEvents(first:2, after:$a){ edges { node { id } } } }`, { a: first.auditEvents.pageInfo.endCursor }, admin);
    expect(Number(next.auditEvents.edges[0].node.id)).toBeLessThan(Number(first.auditEvents.edges[1].node.id));
    expect(code(await t.gql(`{ auditEvents(first:1000){ totalCount } }`, {}, admin))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(`{ auditEvents(after:"garbage"){ totalCount } }`, {}, admin))).toBe('BAD_USER_INPUT');
  });

  it('has an audit table that refuses UPDATE, DELETE and TRUNCATE in SQL', async () => {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event`);
    expect(n).toBeGreaterThan(0);
    await expect(t.db.query(`UPDATE audit_event SET detail = 'rewritten'`)).rejects.toThrow(/not allowed/);
    await expect(t.db.query(`DELETE FROM audit_event`)).rejects.toThrow(/not allowed/);
    await expect(t.db.query(`TRUNCATE audit_event`)).rejects.toThrow(/not allowed/);
    const [{ m }] = await t.db.query(`SELECT count(*)::int AS m FROM audit_event WHERE detail = 'rewritten'`);
    expect(m).toBe(0);
  });
});

describe('request limits', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_ADDRESS: '3', RATE_LIMIT_PER_IP: '1000', GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_ALIASES: '5' });
  });
  after(() => t.close());

  it('rate-limits sign-in per address and says when to try again', async () => {
    const u = await t.user('Limited Person');
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(code(await t.gql(LOGIN, { e: u.email, p: 'Wrong-Passw0rd!x' })));
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    const limited = await t.gql(LOGIN, { e: u.email, p: PASSWORD });
    expect(code(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0].message).toMatch(/Try again in \d+ seconds/);
  });

  it('counts every alias of a mutation in one request', async () => {
    const u = await t.user('Alias Person');
    const aliases = Array.from({ length: 5 }, (_, i) => `a${i}: requestPasswordReset(email:"${u.email}")`).join('\n');
    const mails = t.mailCount(u.email);
    const res = await t.gql(`mutation { ${aliases} }`);
    // Mutations run one after another; the fourth alias is over the limit of 3 and stops the rest.
    expect(res.errors!.map((e) => [e.path, e.extensions.code])).toEqual([[['a3'], 'RATE_LIMITED']]);
    await t.waitForMail(u.email, mails + 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(t.mailCount(u.email)).toBe(mails + 3);
  });

  it('refuses a query over the depth or alias limit before it runs', async () => {
    const deep = await t.gql(`{ me { organization { nation { code } } nation { code } } auditEvents { edges { node { actor { organization { nation { name } } } } } } }`);
    expect(code(deep)).toBe('GRAPHQL_VALIDATION_FAILED');
    const aliases = Array.from({ length: 6 }, (_, i) => `n${i}: nations { code }`).join(' ');
    expect(code(await t.gql(`{ ${aliases} }`))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(code(await t.gql(`{ nations { code `))).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses a body over the size limit, and a form post (CSRF)', async () => {
    const big = await t.http.post('/graphql').set('content-type', 'application/json')
      .send(JSON.stringify({ query: '{ nations { code } }', variables: { x: 'x'.repeat(t.config.MAX_BODY_BYTES) } }));
    expect(big.status).toBe(413);
    const form = await t.http.post('/graphql').set('content-type', 'text/plain').send('{"query":"{ nations { code } }"}');
    expect(form.status).toBe(415);
    expect(JSON.stringify(form.body)).not.toMatch(/at .*\.js/);
  });

  it('reports health', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: { kind: 'postgresql', status: 'up' } });
    expect(res.headers['x-request-id']).toMatch(/^[\w-]+$/);
  });

  it('reports 503 when the database is gone', async () => {
    await t.db.destroy();
    const res = await t.http.get('/health');
    expect(res.status).toBe(503);
    expect(res.body.database.status).toBe('down');
  });
});

describe('production mode', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ NODE_ENV: 'production' });
  });
  after(() => t.close());

  it('turns introspection and field suggestions off', async () => {
    const intro = await t.gql(`{ __schema { types { name } } }`);
    expect(code(intro)).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await t.gql(`{ nation { code } }`);
    expect(code(typo)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.errors![0].message).not.toMatch(/Did you mean/i);
    expect((await t.gql(`{ nations { code } }`)).data.nations).toHaveLength(32);
  });

  it('marks the refresh cookie Secure', async () => {
    const u = await t.user('Secure Person');
    const res = await t.http.post('/graphql').set('content-type', 'application/json')
      .send({ query: LOGIN, variables: { e: u.email, p: PASSWORD } });
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ssw_refresh='));
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
  });
});
