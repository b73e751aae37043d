import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import * as jwt from 'jsonwebtoken';
import { PubSub } from '../src/common/pubsub';
import { COMMENT_ADDED } from '../src/comments/comments.service';
import { createTestApp, TestApp } from './helpers/app';
import { draft } from './helpers/ratification';
import { TestSocket } from './helpers/socket';

const WATCH = `subscription($r:ID!){ commentAdded(roundId:$r){ id body } }`;
const codesOf = (errors: any[]) => errors.map((e) => e.extensions?.code);

describe('the websocket endpoint', () => {
  let t: TestApp;
  let sec: { id: string; token: string };
  let expert: { id: string; token: string };
  let roundId: string;

  before(async () => {
    // A fast re-check and a short queue, so that what takes a minute or a flood in production takes a second here.
    t = await createTestApp({ WS_RECHECK_SECONDS: '1', LIVE_QUEUE_LIMIT: '3' });
    await t.app.listen(0, '127.0.0.1');
    sec = await t.user('Sam Secretariat', [{ role: 'SECRETARIAT' }]);
    expert = await t.user('Fran Expert', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    const { standardId, versionId } = await draft(t, sec.token, 'ASpP-WS');
    roundId = (await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, {
      i: { standardId, versionId, title: 'Socket round', closesAt: new Date(Date.now() + 3600_000).toISOString() },
    }, sec.token)).openCommentRound.id;
  });
  after(() => t.close());

  const addComment = (token: string, body: string) =>
    t.ok(`mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`, { i: { roundId, type: 'GENERAL', body } }, token);

  it('refuses a connection without a token (4401): no subscription of the contract is public', async () => {
    const s = await TestSocket.open(t, null);
    expect(await s.acknowledged()).toBe(4401);
  });

  it('runs only subscriptions: a query or an ADMIN mutation over the socket is refused', async () => {
    const admin = await t.adminToken();
    const s = await TestSocket.open(t, admin);
    expect(await s.acknowledged()).toBe(true);
    const grant = s.subscribe(`mutation($i:GrantRoleInput!){ grantRole(input:$i){ id } }`, { i: { userId: expert.id, role: 'SECRETARIAT' } });
    const query = s.subscribe(`{ me { id } }`);
    expect(codesOf(await s.errorOf(grant))).toEqual(['BAD_REQUEST']);
    expect(codesOf(await s.errorOf(query))).toEqual(['BAD_REQUEST']);
    const roles = await t.db.query(`SELECT role FROM user_role WHERE user_id = $1`, [expert.id]);
    expect(roles.map((r: any) => r.role)).toEqual(['EXPERT']);
    s.close();
  });

  it('refuses a message larger than WS_MAX_PAYLOAD_BYTES by closing the socket (1009)', async () => {
    const s = await TestSocket.open(t, sec.token);
    expect(await s.acknowledged()).toBe(true);
    s.subscribe(WATCH, { r: roundId, padding: 'x'.repeat(t.config.WS_MAX_PAYLOAD_BYTES) });
    expect(await s.closeCode()).toBe(1009);
  });

  it('re-reads the roles for each operation and each event: a revoked EXPERT gets nothing more', async () => {
    const person = await t.user('Rita Revoked', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    const s = await TestSocket.open(t, person.token);
    expect(await s.acknowledged()).toBe(true);
    const watching = s.subscribe(WATCH, { r: roundId });
    await new Promise((r) => setTimeout(r, 300));
    const first = (await addComment(expert.token, 'Seen while EXPERT')).addComment.id;
    await s.until((m) => m.id === watching && m.type === 'next');

    await t.ok(`mutation($u:ID!){ revokeRole(userId:$u, role:EXPERT){ id } }`, { u: person.id }, await t.adminToken());
    await addComment(expert.token, 'Not for a former expert');
    // The open subscription ends with FORBIDDEN instead of delivering the second comment ...
    expect(codesOf(await s.errorOf(watching))).toEqual(['FORBIDDEN']);
    expect(s.of(watching).filter((m) => m.type === 'next').map((m) => m.payload.data.commentAdded.id)).toEqual([first]);
    // ... and a new subscription on the same socket is refused with the roles as they are now.
    const again = s.subscribe(WATCH, { r: roundId });
    expect(codesOf(await s.errorOf(again))).toEqual(['FORBIDDEN']);
    s.close();
  });

  it('closes the socket with 4401 when its access token expires', async () => {
    // The claims of a real token (its session included), signed again to expire in two seconds.
    const claims = jwt.decode(sec.token, { json: true })!;
    const token = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) + 2 }, t.config.JWT_SECRET!, { algorithm: 'HS256' });
    const s = await TestSocket.open(t, token);
    expect(await s.acknowledged()).toBe(true);
    s.subscribe(WATCH, { r: roundId });
    expect(await s.closeCode(5000)).toBe(4401);
  });

  it('closes the socket with 4403 once the account is deactivated, even while idle', async () => {
    const person = await t.user('Ida Idle', [{ role: 'SECRETARIAT' }]);
    const s = await TestSocket.open(t, person.token);
    expect(await s.acknowledged()).toBe(true);
    s.subscribe(WATCH, { r: roundId });
    await t.ok(`mutation($u:ID!){ deactivateUser(userId:$u){ id } }`, { u: person.id }, await t.adminToken());
    expect(await s.closeCode(5000)).toBe(4403);
  });

  it('disconnects a subscriber that falls more than LIVE_QUEUE_LIMIT events behind (4429)', async () => {
    // A French expert reads French drafts, so every event costs the subscriber a read of the comment.
    const s = await TestSocket.open(t, expert.token);
    expect(await s.acknowledged()).toBe(true);
    s.subscribe(WATCH, { r: roundId });
    await new Promise((r) => setTimeout(r, 300));
    const id = (await addComment(expert.token, 'Flooded')).addComment.id;
    // A burst of 20 events in one transaction, as a bulk import sends them.
    // PostgreSQL folds identical notifications of one transaction into one, so each carries its number.
    const events = Array.from({ length: 20 }, (_, n) => ({ id, roundId, nationCode: 'FRA', status: 'DRAFT', n }));
    await t.db.transaction((m) => t.app.get(PubSub).publishMany(m, COMMENT_ADDED, events));
    expect(await s.closeCode()).toBe(4429);
  });
});
