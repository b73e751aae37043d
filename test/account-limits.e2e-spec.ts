import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createTestApp, PASSWORD, TestApp } from './helpers/app';

const LOGIN = `mutation($e:String!,$p:String!){ login(email:$e,password:$p){ accessToken } }`;
const REGISTER = `mutation($i:RegisterInput!){ register(input:$i){ id } }`;
const SESSIONS = `{ mySessions { ip current } }`;
const WRONG = 'Wrong-Passw0rd!x';

const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;

/** Behind one proxy (TRUST_PROXY=1): each request says which client it comes from. */
describe('sign-in and registration limits behind a proxy', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      TRUST_PROXY: '1',
      RATE_LIMIT_PER_ADDRESS: '3',
      RATE_LIMIT_PER_IP: '6',
      RATE_LIMIT_ADDRESS_CEILING: '8',
      RATE_LIMIT_WINDOW_SECONDS: '600',
    });
  });
  after(() => t.close());

  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const login = (ip: string, email: string, password = PASSWORD) => t.gql(LOGIN, { e: email, p: password }, undefined, from(ip));

  it('takes the client address from X-Forwarded-For through the trusted proxy', async () => {
    const u = await t.user('Proxied Person');
    const token = (await login('198.51.100.23', u.email)).data.login.accessToken;
    const sessions = (await t.gql(SESSIONS, {}, token)).data.mySessions;
    expect(sessions.find((s: { current: boolean }) => s.current).ip).toBe('198.51.100.23');
  });

  it('locks out the client typing wrong passwords, not the person whose address it is', async () => {
    const delegate = await t.user('Locked Out Delegate');
    const attacker = '203.0.113.66';
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(code(await login(attacker, delegate.email, WRONG)));
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    expect(code(await login(attacker, delegate.email))).toBe('RATE_LIMITED');
    // The delegate, from her own network, signs in as usual.
    expect(code(await login('198.51.100.7', delegate.email))).toBeUndefined();
  });

  it('counts failed attempts only: signing in often from one address is never limited', async () => {
    const u = await t.user('Frequent Person');
    for (let i = 0; i < 10; i++) expect(code(await login('198.51.100.50', u.email))).toBeUndefined();
    // Two failures and a success leave room for three more failures, not one.
    await login('198.51.100.51', u.email, WRONG);
    await login('198.51.100.51', u.email, WRONG);
    expect(code(await login('198.51.100.51', u.email))).toBeUndefined();
    for (let i = 0; i < 3; i++) expect(code(await login('198.51.100.51', u.email, WRONG))).toBe('UNAUTHENTICATED');
  });

  it('keeps a per-address ceiling over many clients, which ends with the window', async () => {
    const u = await t.user('Sprayed Person');
    // Eight clients, one wrong guess each: none is locked out, but together they reach the ceiling.
    for (let i = 1; i <= 8; i++) expect(code(await login(`192.0.2.${i}`, u.email, WRONG))).toBe('UNAUTHENTICATED');
    const capped = await login('192.0.2.200', u.email);
    expect(code(capped)).toBe('RATE_LIMITED');
    // Slow, never permanent: the wait is at most the window.
    const wait = Number(capped.errors![0].extensions.retryAfterSeconds);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(600);
  });

  it('limits registration per client and per address', async () => {
    const reg = (ip: string, email: string) =>
      t.gql(REGISTER, { i: { email, password: PASSWORD, displayName: 'Many Times' } }, undefined, from(ip));
    for (let i = 0; i < 3; i++) expect(code(await reg(`198.51.100.${100 + i}`, 'same@example.org'))).toBeUndefined();
    expect(code(await reg('198.51.100.110', 'same@example.org'))).toBe('RATE_LIMITED');
    for (let i = 0; i < 6; i++) expect(code(await reg('203.0.113.9', `many${i}@example.org`))).toBeUndefined();
    expect(code(await reg('203.0.113.9', 'many6@example.org'))).toBe('RATE_LIMITED');
  });
});
