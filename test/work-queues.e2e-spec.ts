import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createTestApp, TestApp } from './helpers/app';
import { cast, draft, openBallot, people, People, TEXT } from './helpers/ratification';

const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;

const MY_WORK = `{ myWork {
  ballotsToAnswer { daysLeft allAnswered thresholdMet ballot { id } }
  ballotsReadyToClose { allAnswered thresholdMet ballot { id } }
  roundsToAdjudicate { id unresolvedCount }
  staleClaims { requirementKey product { name } }
} }`;

/** What the screens of issue 15 added to the API: response history, the role queues of myWork, audit filters and export. */
describe('response history, work queues and the audit log filters', () => {
  let t: TestApp;
  let p: People;
  let ballotId: string;

  before(async () => {
    t = await createTestApp();
    p = await people(t, ['FRA', 'DEU']);
    const d = await draft(t, p.secretariat, 'STANAG 9150');
    ballotId = (await openBallot(t, p.secretariat, d.standardId, d.versionId, 1, 3 * 86_400)).data.openBallot.id;
  });
  after(() => t.close());

  it('keeps every revision of a response, newest first, for the readers of responses only', async () => {
    expect((await cast(t, p.delegates.FRA, ballotId, 'NOT_RATIFYING')).errors).toBeUndefined();
    expect((await cast(t, p.delegates.FRA, ballotId, 'RATIFIED_IMPLEMENTING', { reservations: [{ clause: '2.1', text: 'Ten minutes.' }] })).errors).toBeUndefined();
    const q = `query($id:ID!){ ballot(id:$id){ responses { nation { code } revision history { revision response reservations { clause } castBy { displayName } } } } }`;
    const { ballot } = await t.ok(q, { id: ballotId }, p.expert);
    expect(ballot.responses[0].history.map((h: any) => [h.revision, h.response, h.reservations.length])).toEqual([
      [2, 'RATIFIED_IMPLEMENTING', 1],
      [1, 'NOT_RATIFYING', 0],
    ]);
    const vendor = await t.gql(`query($id:ID!){ ballot(id:$id){ responses { history { revision } } } }`, { id: ballotId }, p.vendor);
    expect(code(vendor)).toBe('FORBIDDEN');
    await expect(t.db.query(`UPDATE ballot_response_revision SET response = 'NOT_PARTICIPATING'`)).rejects.toThrow(/not allowed/);
    await expect(t.db.query(`DELETE FROM ballot_response_revision`)).rejects.toThrow(/not allowed/);
  });

  it('lists the ballots a delegate\'s nation has not answered, with the days left, and the ballots ready to close', async () => {
    const deu = (await t.ok(MY_WORK, {}, p.delegates.DEU)).myWork;
    expect(deu.ballotsToAnswer.map((w: any) => w.ballot.id)).toEqual([ballotId]);
    expect(deu.ballotsToAnswer[0].daysLeft).toBeGreaterThan(2.9);
    expect(deu.ballotsToAnswer[0].daysLeft).toBeLessThanOrEqual(3);
    expect(deu.ballotsReadyToClose).toEqual([]);
    const fra = (await t.ok(MY_WORK, {}, p.delegates.FRA)).myWork;
    expect(fra.ballotsToAnswer).toEqual([]);
    // FRA ratified and the threshold is 1: the secretariat sees it ready, why, and nobody else does.
    const sec = (await t.ok(MY_WORK, {}, p.secretariat)).myWork;
    expect(sec.ballotsReadyToClose).toEqual([{ allAnswered: false, thresholdMet: true, ballot: { id: ballotId } }]);
    expect(sec.ballotsToAnswer).toEqual([]);
    expect((await t.ok(MY_WORK, {}, p.vendor)).myWork.ballotsReadyToClose).toEqual([]);
  });

  it('lists closed rounds whose comments await a disposition, for the secretariat', async () => {
    const d = await draft(t, p.secretariat, 'STANAG 9151');
    const closesAt = new Date(Date.now() + 86_400_000).toISOString();
    const round = (await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, { i: { standardId: d.standardId, versionId: d.versionId, title: 'Review', closesAt } }, p.secretariat)).openCommentRound;
    const comment = (await t.ok(`mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`, { i: { roundId: round.id, type: 'EDITORIAL', body: 'Typo.' } }, p.delegates.FRA)).addComment;
    await t.ok(`mutation($r:ID!){ submitNationalComments(roundId:$r){ commentCount } }`, { r: round.id }, p.delegates.FRA);
    expect((await t.ok(MY_WORK, {}, p.secretariat)).myWork.roundsToAdjudicate).toEqual([]);
    await t.ok(`mutation($r:ID!){ closeCommentRound(roundId:$r){ id } }`, { r: round.id }, p.secretariat);
    expect((await t.ok(MY_WORK, {}, p.secretariat)).myWork.roundsToAdjudicate).toEqual([{ id: round.id, unresolvedCount: 1 }]);
    expect((await t.ok(MY_WORK, {}, p.expert)).myWork.roundsToAdjudicate).toEqual([]);
    await t.ok(`mutation($i:ResolveCommentInput!){ resolveComment(input:$i){ id } }`, { i: { commentId: comment.id, disposition: 'ACCEPTED', resolution: 'Fixed.' } }, p.secretariat);
    expect((await t.ok(MY_WORK, {}, p.secretariat)).myWork.roundsToAdjudicate).toEqual([]);
  });

  it('lists a vendor\'s stale claims once the provision changes', async () => {
    const d = await draft(t, p.secretariat, 'STANAG 9152');
    const product = (await t.ok(`mutation{ registerProduct(input:{ name:"Relay", productVersion:"1" }){ id } }`, {}, p.vendor)).registerProduct;
    const { standardVersion } = await t.ok(`query($id:ID!){ standardVersion(id:$id){ requirements { key } } }`, { id: d.versionId }, p.secretariat);
    const claims = standardVersion.requirements.map((r: any) => ({ requirementKey: r.key, level: 'CONFORMANT' }));
    await t.ok(`mutation($i:SetConformanceInput!){ setConformance(input:$i){ id } }`, { i: { productId: product.id, standardId: d.standardId, versionId: d.versionId, claims } }, p.vendor);
    expect((await t.ok(MY_WORK, {}, p.vendor)).myWork.staleClaims).toEqual([]);
    await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId: d.standardId, baseVersionId: d.versionId, text: TEXT.replace('within five minutes', 'within two minutes') } }, p.secretariat);
    const stale = (await t.ok(MY_WORK, {}, p.vendor)).myWork.staleClaims;
    expect(stale).toHaveLength(1);
    expect(stale[0].product.name).toBe('Relay');
    expect((await t.ok(MY_WORK, {}, p.secretariat)).myWork.staleClaims).toEqual([]);
  });

  it('filters the audit log by action family, actor, entity and time, and exports it with the same filters', async () => {
    const q = `query($action:String,$actorId:ID,$entityType:String,$since:DateTime,$until:DateTime){
      auditEvents(action:$action, actorId:$actorId, entityType:$entityType, since:$since, until:$until, first:100){ totalCount edges { node { action entityType actor { id } } } } }`;
    const admin = await t.adminToken();
    const ballots = (await t.ok(q, { action: 'ballot' }, admin)).auditEvents;
    expect(ballots.totalCount).toBeGreaterThanOrEqual(3);
    expect(new Set(ballots.edges.map((e: any) => e.node.action))).toEqual(new Set(['ballot.opened', 'ballot.response_cast']));
    const opened = (await t.ok(q, { action: 'ballot.opened' }, admin)).auditEvents;
    expect(opened.edges.every((e: any) => e.node.action === 'ballot.opened')).toBe(true);
    const me = (await t.ok(`{ me { id } }`, {}, p.delegates.FRA)).me.id;
    const byFra = (await t.ok(q, { actorId: me }, admin)).auditEvents;
    expect(byFra.edges.length).toBeGreaterThan(0);
    expect(byFra.edges.every((e: any) => e.node.actor.id === me)).toBe(true);
    const products = (await t.ok(q, { entityType: 'Product' }, admin)).auditEvents;
    expect(products.edges.every((e: any) => e.node.entityType === 'Product')).toBe(true);
    expect((await t.ok(q, { since: new Date(Date.now() + 86_400_000).toISOString() }, admin)).auditEvents.totalCount).toBe(0);
    expect((await t.ok(q, { until: '2000-01-01T00:00:00Z' }, admin)).auditEvents.totalCount).toBe(0);
    expect(code(await t.gql(q, { actorId: 'not-a-uuid' }, admin))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(q, {}, p.expert))).toBe('FORBIDDEN');

    const csv = await t.http.get('/audit/events.csv?action=ballot.opened').set('authorization', `Bearer ${admin}`);
    expect(csv.status).toBe(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('id,at,actorId,action,entityType,entityId,detail');
    expect(lines.length - 1).toBe(opened.totalCount);
    expect((await t.http.get('/audit/events.csv').set('authorization', `Bearer ${p.expert}`)).status).toBe(403);
    expect((await t.http.get('/audit/events.csv')).status).toBe(401);
    expect((await t.http.get('/audit/events.csv?since=yesterday').set('authorization', `Bearer ${admin}`)).status).toBe(400);
  });
});
