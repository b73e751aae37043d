import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { NeedsService } from '../src/needs/needs.service';
import { createTestApp, TestApp } from './helpers/app';
import { cast, draft, openBallot } from './helpers/ratification';

/**
 * The interoperability needs register through HTTP: the lifecycle and every
 * refused transition, who may do what, visibility (anonymous, vendor, another
 * nation), support counting under truly concurrent supports, the links from
 * proposeStandard, the front-door pages and the Atom feeds.
 */
const NEED = `id number reference title status supportCount rejectionReason visibility missionArea priority
  supportingNations { code } sharingNations { code } raisingNation { code } supportedByMyNation standards { id designation }
  history { from to reason }`;
const RAISE = `mutation($i:RaiseNeedInput!){ raiseNeed(input:$i){ ${NEED} } }`;
const ONE = `query($id:ID!){ interoperabilityNeed(id:$id){ ${NEED} } }`;
const act = (name: string, extra = '') => `mutation($id:ID!${extra ? `, ${extra}` : ''}){ ${name}(needId:$id${extra ? ', reason:$reason' : ''}){ ${NEED} } }`;
const ACCEPT = act('acceptNeed');
const REJECT = act('rejectNeed', '$reason:String!');
const CLOSE = act('closeNeed');
const MARK = act('markNeedAddressed');
const SUPPORT = act('supportNeed');
const WITHDRAW = act('withdrawNeedSupport');
const LINK = `mutation($id:ID!,$s:ID!){ linkStandardToNeed(needId:$id, standardId:$s){ ${NEED} } }`;
const UNLINK = `mutation($id:ID!,$s:ID!){ unlinkStandardFromNeed(needId:$id, standardId:$s){ ${NEED} } }`;
const LIST = `query($f:InteroperabilityNeedFilter,$s:NeedSort,$first:Int,$after:String){ interoperabilityNeeds(filter:$f, sort:$s, first:$first, after:$after){ totalCount edges { cursor node { id title supportCount status } } pageInfo { hasNextPage endCursor } } }`;

const need = (title: string, extra: Record<string, unknown> = {}) => ({
  i: {
    title, statement: `${title}: the Alliance needs a common way to exchange this between operations centres.`,
    missionArea: 'SPACE_DOMAIN_AWARENESS', priority: 'HIGH', visibility: 'PUBLIC', ...extra,
  },
});
const code = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code ?? 'OK';

describe('interoperability needs', () => {
  let t: TestApp;
  let sec: string, fra: string, fraDelegate: string, deu: string, ita: string, vendor: string;

  before(async () => {
    // No webhook poll: the statement count below must not take the worker's for the page's.
    t = await createTestApp({ RATE_LIMIT_PER_ADDRESS: '100000', RATE_LIMIT_PER_IP: '100000', WEBHOOK_POLL_MS: '0' });
    const org = (await t.ok(`mutation{ createOrganization(input:{ name:"Orbital Vendor Ltd", kind:VENDOR }){ id } }`, {}, await t.adminToken())).createOrganization.id;
    sec = (await t.user('Needs Secretariat', [{ role: 'SECRETARIAT' }])).token;
    fra = (await t.user('Needs Expert Fra', [{ role: 'EXPERT', nationCode: 'FRA' }])).token;
    fraDelegate = (await t.user('Needs Delegate Fra', [{ role: 'DELEGATE', nationCode: 'FRA' }])).token;
    deu = (await t.user('Needs Delegate Deu', [{ role: 'DELEGATE', nationCode: 'DEU' }])).token;
    ita = (await t.user('Needs Expert Ita', [{ role: 'EXPERT', nationCode: 'ITA' }])).token;
    vendor = (await t.user('Needs Vendor', [{ role: 'VENDOR', organizationId: org }])).token;
  });
  after(() => t?.close());

  it('raises a need for the nation, which supports it at once, and audits it', async () => {
    const n = (await t.ok(RAISE, need('Conjunction data exchange', { sharingNationCodes: ['deu', 'ITA'] }), fra)).raiseNeed;
    expect(n).toMatchObject({ status: 'RAISED', supportCount: 1, raisingNation: { code: 'FRA' }, supportedByMyNation: true, history: [{ from: null, to: 'RAISED', reason: null }] });
    expect(n.reference).toBe(`NEED-${n.number}`);
    expect(n.sharingNations.map((x: { code: string }) => x.code)).toEqual(['DEU', 'FRA', 'ITA']);
    const [audit] = await t.db.query(`SELECT action, detail FROM audit_event WHERE entity_id = $1 ORDER BY id`, [n.id]);
    expect(audit.action).toBe('need.raised');
    // The secretariat raises for the Alliance: no nation, no support.
    const s = (await t.ok(RAISE, need('Launch manifest format'), sec)).raiseNeed;
    expect(s).toMatchObject({ raisingNation: null, supportCount: 0 });
    // Vendors and anonymous callers may not raise; bad input is refused by name.
    expect(code(await t.gql(RAISE, need('Vendor need'), vendor))).toBe('FORBIDDEN');
    expect(code(await t.gql(RAISE, need('Anonymous need')))).toBe('UNAUTHENTICATED');
    expect(code(await t.gql(RAISE, need('Bad nations', { sharingNationCodes: ['XXX'] }), fra))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(RAISE, need('   '), fra))).toBe('BAD_USER_INPUT');
  });

  it('walks every allowed transition and refuses every other one with INVALID_STATE', async () => {
    const { standardId, versionId } = await draft(t, sec, 'NEED-LIFE 1');
    const fresh = async () => (await t.ok(RAISE, need(`Lifecycle ${Math.random()}`), fra)).raiseNeed.id as string;

    // RAISED: close and mark addressed are refused; accept and reject are allowed.
    const a = await fresh();
    expect(code(await t.gql(CLOSE, { id: a }, sec))).toBe('INVALID_STATE');
    expect(code(await t.gql(MARK, { id: a }, sec))).toBe('INVALID_STATE');
    expect(code(await t.gql(REJECT, { id: a, reason: '  ' }, sec))).toBe('BAD_USER_INPUT');
    expect((await t.ok(REJECT, { id: a, reason: 'Covered by ECSS already.' }, sec)).rejectNeed).toMatchObject({ status: 'REJECTED', rejectionReason: 'Covered by ECSS already.' });
    // REJECTED is final.
    for (const q of [ACCEPT, CLOSE, MARK]) expect(code(await t.gql(q, { id: a }, sec))).toBe('INVALID_STATE');
    expect(code(await t.gql(REJECT, { id: a, reason: 'Again.' }, sec))).toBe('INVALID_STATE');
    expect(code(await t.gql(SUPPORT, { id: a }, deu))).toBe('INVALID_STATE');

    // Links come and go while the need is open; a link that is not there is NOT_FOUND.
    const l = await fresh();
    expect((await t.ok(LINK, { id: l, s: standardId }, sec)).linkStandardToNeed.standards).toHaveLength(1);
    expect((await t.ok(UNLINK, { id: l, s: standardId }, sec)).unlinkStandardFromNeed.standards).toHaveLength(0);
    expect(code(await t.gql(UNLINK, { id: l, s: standardId }, sec))).toBe('NOT_FOUND');
    expect(code(await t.gql(LINK, { id: l, s: '00000000-0000-4000-8000-000000000000' }, sec))).toBe('NOT_FOUND');

    // RAISED → ACCEPTED → (REJECTED allowed from ACCEPTED).
    const b = await fresh();
    expect((await t.ok(ACCEPT, { id: b }, sec)).acceptNeed.status).toBe('ACCEPTED');
    expect(code(await t.gql(ACCEPT, { id: b }, sec))).toBe('INVALID_STATE');
    expect(code(await t.gql(CLOSE, { id: b }, sec))).toBe('INVALID_STATE');
    // Marking addressed wants a linked standard.
    expect(code(await t.gql(MARK, { id: b }, sec))).toBe('INVALID_STATE');
    expect((await t.ok(REJECT, { id: b, reason: 'Overtaken by events.' }, sec)).rejectNeed.status).toBe('REJECTED');

    // ACCEPTED + a linked drafting standard, marked addressed by the secretariat, then closed.
    const c = await fresh();
    await t.ok(ACCEPT, { id: c }, sec);
    const linked = (await t.ok(LINK, { id: c, s: standardId }, sec)).linkStandardToNeed;
    expect(linked).toMatchObject({ status: 'ACCEPTED', standards: [{ id: standardId }] });
    expect(code(await t.gql(LINK, { id: c, s: standardId }, sec))).toBe('CONFLICT');
    const marked = (await t.ok(MARK, { id: c }, sec)).markNeedAddressed;
    expect(marked.status).toBe('ADDRESSED');
    expect(code(await t.gql(REJECT, { id: c, reason: 'Too late.' }, sec))).toBe('INVALID_STATE');
    expect(code(await t.gql(ACCEPT, { id: c }, sec))).toBe('INVALID_STATE');
    expect(code(await t.gql(SUPPORT, { id: c }, deu))).toBe('INVALID_STATE');
    // An ADDRESSED need keeps its last standard.
    expect(code(await t.gql(UNLINK, { id: c, s: standardId }, sec))).toBe('INVALID_STATE');
    expect((await t.ok(CLOSE, { id: c }, sec)).closeNeed.status).toBe('CLOSED');
    for (const q of [ACCEPT, CLOSE, MARK]) expect(code(await t.gql(q, { id: c }, sec))).toBe('INVALID_STATE');
    expect(code(await t.gql(LINK, { id: c, s: standardId }, sec))).toBe('INVALID_STATE');
    const history = (await t.ok(ONE, { id: c }, sec)).interoperabilityNeed.history;
    expect(history.map((h: { to: string }) => h.to)).toEqual(['RAISED', 'ACCEPTED', 'ADDRESSED', 'CLOSED']);

    // Publishing an edition of a linked standard addresses the ACCEPTED need (and not a RAISED one).
    const d = await fresh();
    const e = await fresh();
    await t.ok(ACCEPT, { id: d }, sec);
    await t.ok(LINK, { id: d, s: standardId }, sec);
    await t.ok(LINK, { id: e, s: standardId }, sec);
    const ballot = (await openBallot(t, sec, standardId, versionId, 1)).data.openBallot;
    await cast(t, fraDelegate, ballot.id, 'RATIFIED_IMPLEMENTING');
    await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ id } }`, { id: ballot.id }, sec);
    await t.ok(`mutation($id:ID!){ publishEdition(ballotId:$id){ id } }`, { id: ballot.id }, sec);
    expect((await t.ok(ONE, { id: d }, sec)).interoperabilityNeed.status).toBe('ADDRESSED');
    expect((await t.ok(ONE, { id: e }, sec)).interoperabilityNeed.status).toBe('RAISED');
    // Accepted later, a need whose linked standard is promulgated already is addressed at once.
    const accepted = (await t.ok(ACCEPT, { id: e }, sec)).acceptNeed;
    expect(accepted.status).toBe('ADDRESSED');
    expect(accepted.history.map((h: { to: string }) => h.to)).toEqual(['RAISED', 'ACCEPTED', 'ADDRESSED']);
    // Accepting later and linking the promulgated standard again addresses at once.
    const f = await fresh();
    await t.ok(ACCEPT, { id: f }, sec);
    expect((await t.ok(LINK, { id: f, s: standardId }, sec)).linkStandardToNeed.status).toBe('ADDRESSED');
    const [{ addressed }] = await t.db.query(`SELECT count(*)::int AS addressed FROM audit_event WHERE action = 'need.address'`);
    expect(addressed).toBe(4);
  });

  it('tells the raiser, the supporting nations and the readers who follow it when it is addressed, and feeds the digest', async () => {
    const { standardId } = await draft(t, sec, 'NEED-NOTIFY 1');
    const gbr = (await t.user('Needs Expert Gbr', [{ role: 'EXPERT', nationCode: 'GBR' }])).token;
    const follower = (await t.user('Needs Follower Ita', [{ role: 'EXPERT', nationCode: 'ITA' }])).token;
    const kinds = async (token: string) =>
      (await t.ok(`{ notifications(first:50){ edges { node { kind subjectId title } } } }`, {}, token)).notifications.edges
        .map((e: { node: { kind: string; subjectId: string; title: string } }) => e.node)
        .filter((n: { kind: string; subjectId: string }) => n.kind === 'NEED_ADDRESSED' && n.subjectId === id);
    const id = (await t.ok(RAISE, need('Shared ephemeris format', { visibility: 'NATIONS' }), fra)).raiseNeed.id as string;
    await t.ok(SUPPORT, { id }, deu);
    await t.ok(`mutation($n:ID!){ subscribe(input:{ needId:$n }){ __typename } }`, { n: id }, follower);
    // A vendor may not read a NATIONS need, so it cannot follow it either.
    expect(code(await t.gql(`mutation($n:ID!){ subscribe(input:{ needId:$n }){ __typename } }`, { n: id }, vendor))).not.toBe('OK');
    await t.ok(ACCEPT, { id }, sec);
    await t.ok(LINK, { id, s: standardId }, sec);
    await t.ok(MARK, { id }, sec);
    for (const token of [fra, fraDelegate, deu, follower]) {
      const got = await kinds(token);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ subjectId: id, title: expect.stringMatching(/^NEED-\d+ addressed$/) });
    }
    // Not a supporter, not a follower: not told.
    expect(await kinds(gbr)).toHaveLength(0);
    expect(await kinds(vendor)).toHaveLength(0);
    // Written in the transaction of the transition, once per person, in the app and the digest (not mailed by default).
    const [{ rows, mails }] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM notification WHERE kind = 'NEED_ADDRESSED' AND subject_id = $1) AS rows,
              (SELECT count(*)::int FROM mail_outbox WHERE idempotency_key LIKE 'NEED_ADDRESSED:' || $1 || '%') AS mails`,
      [id],
    );
    expect({ rows, mails }).toEqual({ rows: 4, mails: 0 });

    // The weekly digest lists PUBLIC needs raised since a time, never a NATIONS one.
    const since = (await t.db.query(`SELECT now() - interval '1 minute' AS at`))[0].at;
    const open = (await t.ok(RAISE, need('Open launch manifest exchange'), fra)).raiseNeed;
    const digest = await t.app.get(NeedsService).newPublicNeeds(t.app.get(DataSource).manager, since);
    expect(digest.map((d) => d.title)).toContain(`${open.reference}: Open launch manifest exchange`);
    expect(digest.find((d) => d.title.includes('Shared ephemeris format'))).toBeUndefined();
    expect(digest.find((d) => d.title.startsWith(open.reference))!.link).toMatch(new RegExp(`/needs/${open.reference}$`));
  });

  it('keeps the lifecycle, the rejection reason and the history in the database too', async () => {
    const n = (await t.ok(RAISE, need('Database guard'), fra)).raiseNeed;
    await expect(t.db.query(`UPDATE interoperability_need SET status = 'CLOSED' WHERE id = $1`, [n.id])).rejects.toThrow(/cannot go from RAISED to CLOSED/);
    await expect(t.db.query(`UPDATE interoperability_need SET status = 'REJECTED' WHERE id = $1`, [n.id])).rejects.toThrow(/interoperability_need_rejection/);
    await expect(t.db.query(`UPDATE interoperability_need SET status = 'LOST' WHERE id = $1`, [n.id])).rejects.toThrow(/cannot go from RAISED to LOST|check/);
    await expect(t.db.query(`UPDATE need_transition SET reason = 'rewritten' WHERE need_id = $1`, [n.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM need_transition WHERE need_id = $1`, [n.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`INSERT INTO need_support (need_id, nation_code, supported_by) SELECT $1, 'FRA', raised_by FROM interoperability_need WHERE id = $1`, [n.id]))
      .rejects.toThrow(/duplicate key/);
  });

  it('lets only the secretariat decide, and a nation support once', async () => {
    const n = (await t.ok(RAISE, need('Permissions'), fra)).raiseNeed;
    for (const [q, vars] of [[ACCEPT, { id: n.id }], [REJECT, { id: n.id, reason: 'No.' }], [CLOSE, { id: n.id }], [MARK, { id: n.id }]] as const) {
      expect(code(await t.gql(q, vars, fra))).toBe('FORBIDDEN');
      expect(code(await t.gql(q, vars, deu))).toBe('FORBIDDEN');
      expect(code(await t.gql(q, vars, vendor))).toBe('FORBIDDEN');
      expect(code(await t.gql(q, vars))).toBe('UNAUTHENTICATED');
    }
    expect(code(await t.gql(SUPPORT, { id: n.id }, sec))).toBe('FORBIDDEN');
    expect(code(await t.gql(SUPPORT, { id: n.id }, vendor))).toBe('FORBIDDEN');
    // FRA supports already (it raised it): its delegate is refused, DEU is counted once.
    expect(code(await t.gql(SUPPORT, { id: n.id }, fraDelegate))).toBe('CONFLICT');
    const supported = (await t.ok(SUPPORT, { id: n.id }, deu)).supportNeed;
    expect(supported).toMatchObject({ supportCount: 2, supportedByMyNation: true });
    expect(supported.supportingNations.map((x: { code: string }) => x.code)).toEqual(['FRA', 'DEU']);
    expect(code(await t.gql(SUPPORT, { id: n.id }, deu))).toBe('CONFLICT');
    expect((await t.ok(WITHDRAW, { id: n.id }, deu)).withdrawNeedSupport).toMatchObject({ supportCount: 1, supportedByMyNation: false });
    expect(code(await t.gql(WITHDRAW, { id: n.id }, deu))).toBe('NOT_FOUND');
    expect(code(await t.gql(SUPPORT, { id: '00000000-0000-4000-8000-000000000000' }, deu))).toBe('NOT_FOUND');
  });

  it('counts truly concurrent supports of one nation once, and of several nations each', async () => {
    const n = (await t.ok(RAISE, need('Concurrency'), sec)).raiseNeed;
    const ita2 = (await t.user('Needs Delegate Ita', [{ role: 'DELEGATE', nationCode: 'ITA' }])).token;
    // Two people of ITA and one of DEU, all at once, twice over.
    const results = await Promise.all([ita, ita2, deu, ita, deu, ita2].map((tok) => t.gql(SUPPORT, { id: n.id }, tok)));
    const codes = results.map(code).sort();
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK', 'OK']);
    const [row] = await t.db.query(`SELECT support_count, (SELECT count(*)::int FROM need_support WHERE need_id = $1) AS rows FROM interoperability_need WHERE id = $1`, [n.id]);
    expect(row).toEqual({ support_count: 2, rows: 2 });
    // Concurrent withdrawals: one removes, the other finds nothing.
    const withdrawn = await Promise.all([ita, ita2].map((tok) => t.gql(WITHDRAW, { id: n.id }, tok)));
    expect(withdrawn.map(code).sort()).toEqual(['NOT_FOUND', 'OK']);
    expect((await t.ok(ONE, { id: n.id }, sec)).interoperabilityNeed.supportCount).toBe(1);
  });

  it('shows each reader the needs of its visibility, and nothing else', async () => {
    const ids: Record<string, string> = {};
    for (const v of ['NATIONS', 'INDUSTRY', 'PUBLIC']) ids[v] = (await t.ok(RAISE, need(`Visibility ${v}`, { visibility: v }), fra)).raiseNeed.id;
    const sees = async (token?: string) => {
      const out: string[] = [];
      for (const v of ['NATIONS', 'INDUSTRY', 'PUBLIC']) if ((await t.gql(ONE, { id: ids[v] }, token)).data?.interoperabilityNeed) out.push(v);
      return out;
    };
    expect(await sees()).toEqual(['PUBLIC']);
    expect(await sees(vendor)).toEqual(['INDUSTRY', 'PUBLIC']);
    expect(await sees(ita)).toEqual(['NATIONS', 'INDUSTRY', 'PUBLIC']);
    expect(await sees(sec)).toEqual(['NATIONS', 'INDUSTRY', 'PUBLIC']);
    // Lists too: a vendor never sees a NATIONS need; a hidden need cannot be supported or linked (NOT_FOUND).
    const listed = (await t.ok(LIST, { f: { text: 'Visibility' }, first: 100 }, vendor)).interoperabilityNeeds;
    expect(listed.edges.map((e: { node: { title: string } }) => e.node.title).sort()).toEqual(['Visibility INDUSTRY', 'Visibility PUBLIC']);
    const anon = (await t.ok(LIST, { f: { text: 'Visibility' }, first: 100 })).interoperabilityNeeds;
    expect(anon.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual(['Visibility PUBLIC']);
    // Another nation's expert reads it and may support it.
    expect((await t.ok(SUPPORT, { id: ids.NATIONS }, ita)).supportNeed.supportCount).toBe(2);
  });

  it('filters by status, mission area and words, and sorts by supporting nations with stable pages', async () => {
    const area = 'PNT';
    const made: string[] = [];
    for (let i = 0; i < 4; i++) made.push((await t.ok(RAISE, need(`Timing need ${i}`, { missionArea: area }), sec)).raiseNeed.id);
    // Support: need 2 by three nations, need 0 by one.
    for (const tok of [fra, deu, ita]) await t.ok(SUPPORT, { id: made[2] }, tok);
    await t.ok(SUPPORT, { id: made[0] }, deu);
    await t.ok(ACCEPT, { id: made[3] }, sec);
    const all = (await t.ok(LIST, { f: { missionArea: area }, s: 'SUPPORT', first: 100 }, sec)).interoperabilityNeeds;
    expect(all.totalCount).toBe(4);
    expect(all.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([made[2], made[0], made[3], made[1]]);
    // Page by two: the same order, no repeats.
    const p1 = (await t.ok(LIST, { f: { missionArea: area }, first: 2 }, sec)).interoperabilityNeeds;
    const p2 = (await t.ok(LIST, { f: { missionArea: area }, first: 2, after: p1.pageInfo.endCursor }, sec)).interoperabilityNeeds;
    expect([...p1.edges, ...p2.edges].map((e: { node: { id: string } }) => e.node.id)).toEqual([made[2], made[0], made[3], made[1]]);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    const accepted = (await t.ok(LIST, { f: { missionArea: area, status: 'ACCEPTED' } }, sec)).interoperabilityNeeds;
    expect(accepted.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([made[3]]);
    const words = (await t.ok(LIST, { f: { text: 'timing need 1' } }, sec)).interoperabilityNeeds;
    expect(words.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(made[1]);
    const newest = (await t.ok(LIST, { f: { missionArea: area }, s: 'NEWEST' }, sec)).interoperabilityNeeds;
    expect(newest.edges[0].node.id).toBe(made[3]);
  });

  it('links a proposal to the needs it addresses in its own transaction, and finds similar needs', async () => {
    const n1 = (await t.ok(RAISE, need('Space weather alerts exchange'), fra)).raiseNeed.id;
    const n2 = (await t.ok(RAISE, need('Ground station scheduling'), fra)).raiseNeed.id;
    const rejected = (await t.ok(RAISE, need('Rejected one'), fra)).raiseNeed.id;
    await t.ok(REJECT, { id: rejected, reason: 'Not ours.' }, sec);
    const hidden = (await t.ok(RAISE, need('Hidden from vendors', { visibility: 'NATIONS' }), sec)).raiseNeed.id;
    const propose = (designation: string, needIds: string[], token = fra) =>
      t.gql(`mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id needs { id } } }`, {
        i: { designation, title: 'Space weather alert messages', scope: 'Messages to exchange space weather alerts.', visibility: 'PUBLIC', overlapJustification: 'Test proposal; overlaps are acceptable here.', needIds },
      }, token);
    const ok = await propose('NEED-PROP 1', [n1, n2, n1]);
    expect(code(ok)).toBe('OK');
    expect(ok.data.proposeStandard.needs.map((x: { id: string }) => x.id).sort()).toEqual([n1, n2].sort());
    expect((await t.ok(ONE, { id: n1 }, sec)).interoperabilityNeed.standards.map((s: { designation: string }) => s.designation)).toEqual(['NEED-PROP 1']);
    // A rejected need refuses the whole proposal: no standard, no link.
    expect(code(await propose('NEED-PROP 2', [n1, rejected]))).toBe('INVALID_STATE');
    expect(await t.db.query(`SELECT 1 FROM standard WHERE designation = 'NEED-PROP 2'`)).toHaveLength(0);
    expect(code(await propose('NEED-PROP 3', ['00000000-0000-4000-8000-000000000000']))).toBe('NOT_FOUND');
    expect(code(await propose('NEED-PROP 4', ['not-a-uuid']))).toBe('BAD_USER_INPUT');
    // The similar-needs query beside duplicationCheck.
    const similar = (await t.ok(`query{ similarNeeds(title:"Space weather alert messages", scope:"exchange of space weather alerts"){ score need { id } } }`, {}, fra)).similarNeeds;
    expect(similar[0].need.id).toBe(n1);
    expect(similar[0].score).toBeGreaterThan(0.2);
    const forVendor = (await t.ok(`query{ similarNeeds(title:"Hidden from vendors", scope:"vendors"){ need { id } } }`, {}, vendor)).similarNeeds;
    expect(forVendor.map((s: { need: { id: string } }) => s.need.id)).not.toContain(hidden);
  });

  it('publishes the front door and valid Atom feeds with stable ids, never a NATIONS need', async () => {
    const pub = (await t.ok(RAISE, need('Front door public need'), fra)).raiseNeed;
    const industry = (await t.ok(RAISE, need('Front door industry need', { visibility: 'INDUSTRY' }), fra)).raiseNeed;
    const nations = (await t.ok(RAISE, need('Front door nations need', { visibility: 'NATIONS' }), fra)).raiseNeed;
    const { standardId, versionId } = await draft(t, sec, 'NEED-FEED 1');
    await t.ok(ACCEPT, { id: pub.id }, sec);
    await t.ok(LINK, { id: pub.id, s: standardId }, sec);
    const ballot = (await openBallot(t, sec, standardId, versionId, 1)).data.openBallot;
    await cast(t, deu, ballot.id, 'RATIFIED_IMPLEMENTING');
    await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ id } }`, { id: ballot.id }, sec);
    await t.ok(`mutation($id:ID!){ publishEdition(ballotId:$id){ id } }`, { id: ballot.id }, sec);

    const list = await t.http.get('/needs');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Front door public need');
    expect(list.text).not.toContain('Front door industry need');
    expect(list.text).not.toContain('Front door nations need');
    expect(list.text).toContain('<link rel="alternate" type="application/atom+xml" title="Interoperability needs" href="/feeds/needs.atom">');
    expect(list.text).not.toMatch(/<script/i);
    const vendorList = await t.http.get('/needs').set('authorization', `Bearer ${vendor}`);
    expect(vendorList.text).toContain('Front door industry need');
    expect(vendorList.text).not.toContain('Front door nations need');
    const page = await t.http.get(`/needs/${pub.number}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('What the Alliance needs');
    expect(page.text).toContain('NEED-FEED 1 Edition A');
    expect(page.text).toContain('Addressed');
    expect((await t.http.get(`/needs/NEED-${pub.number}`)).status).toBe(200);
    expect(page.text).toContain('No product claims conformance yet.');

    // Products claiming the answering standard are named as in the provider directory: once their provider opted in.
    const admin = await t.adminToken();
    const makeVendor = async (name: string) => {
      const org = (await t.ok(`mutation($n:String!){ createOrganization(input:{ name:$n, kind:VENDOR }){ id } }`, { n: name }, admin)).createOrganization.id;
      return { org, token: (await t.user(`${name} staff`, [{ role: 'VENDOR', organizationId: org }])).token };
    };
    const [listed, quiet] = [await makeVendor('Listed Orbits SA'), await makeVendor('Quiet Orbits SA')];
    const [{ key }] = (await t.ok(`query($s:ID!){ standard(id:$s){ currentVersion { requirements { key } } } }`, { s: standardId }, sec)).standard.currentVersion.requirements;
    for (const [v, product] of [[listed, 'Listed Tracker'], [quiet, 'Quiet Tracker']] as const) {
      const id = (await t.ok(`mutation($n:String!){ registerProduct(input:{ name:$n, productVersion:"1.0" }){ id } }`, { n: product }, v.token)).registerProduct.id;
      await t.ok(`mutation($i:SetConformanceInput!){ setConformance(input:$i){ id } }`,
        { i: { productId: id, standardId, versionId, claims: [{ requirementKey: key, level: 'CONFORMANT' }] } }, v.token);
    }
    await t.db.query(`UPDATE organization SET public_listing = true WHERE id = $1`, [listed.org]);
    const claimed = (await t.http.get(`/needs/${pub.number}`)).text;
    expect(claimed).toContain('Listed Tracker 1.0');
    expect(claimed).not.toContain('Quiet');
    expect(claimed).toContain('1 more product claims conformance from providers not listed in public');
    // The quiet provider's own vendor, and the Alliance, see it named.
    expect((await t.http.get(`/needs/${pub.number}`).set('authorization', `Bearer ${quiet.token}`)).text).toContain('Quiet Tracker 1.0');
    expect((await t.http.get(`/needs/${pub.number}`).set('authorization', `Bearer ${sec}`)).text).toContain('Quiet Orbits SA');
    expect((await t.http.get(`/needs/${industry.number}`)).status).toBe(404);
    expect((await t.http.get(`/needs/${nations.number}`).set('authorization', `Bearer ${sec}`)).status).toBe(404);
    expect((await t.http.get('/needs/x1')).status).toBe(404);

    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' || name === 'link' });
    const fetchFeed = async (path: string) => {
      const res = await t.http.get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
      const xml = res.text;
      expect(XMLValidator.validate(xml)).toBe(true);
      const feed = parser.parse(xml).feed;
      // RFC 4287: the feed has id, title, updated, an author (or every entry has one); each entry id, title, updated.
      expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
      for (const k of ['id', 'title', 'updated', 'author']) expect(feed[k]).toBeDefined();
      expect(feed.link.some((l: Record<string, string>) => l['@_rel'] === 'self')).toBe(true);
      for (const e of feed.entry ?? []) {
        for (const k of ['id', 'title', 'updated', 'link']) expect(e[k]).toBeDefined();
        expect(e.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
        expect(Number.isNaN(Date.parse(e.updated))).toBe(false);
      }
      return { feed, xml };
    };
    const needs1 = await fetchFeed('/feeds/needs.atom');
    const needs2 = await fetchFeed('/feeds/needs.atom');
    const ids = (f: { entry?: { id: string }[] }) => (f.entry ?? []).map((e) => e.id);
    expect(ids(needs2.feed)).toEqual(ids(needs1.feed));
    expect(ids(needs1.feed)).toContain(`urn:uuid:${pub.id}`);
    expect(ids(needs1.feed)).not.toContain(`urn:uuid:${industry.id}`);
    expect(ids(needs1.feed)).not.toContain(`urn:uuid:${nations.id}`);
    expect(needs1.xml).not.toContain('Front door nations need');
    // Signed in or not, the feed is the public one.
    expect((await t.http.get('/feeds/needs.atom').set('authorization', `Bearer ${sec}`)).text).not.toContain('Front door nations need');

    const editions1 = await fetchFeed('/feeds/editions.atom');
    const editions2 = await fetchFeed('/feeds/editions.atom');
    expect(ids(editions1.feed)).toEqual(ids(editions2.feed));
    const [edition] = await t.db.query(`SELECT id FROM edition WHERE standard_id = $1`, [standardId]);
    expect(ids(editions1.feed)).toContain(`urn:uuid:${edition.id}`);
    expect(editions1.feed.entry.find((e: { id: string }) => e.id === `urn:uuid:${edition.id}`).link[0]['@_href']).toMatch(/\/standards\/NEED-FEED-1\/editions\/1$/);
    // A NATIONS standard's edition is not in the public feed.
    const hidden = await draft(t, sec, 'NEED-FEED 2', 'NATIONS');
    const hb = (await openBallot(t, sec, hidden.standardId, hidden.versionId, 1)).data.openBallot;
    await cast(t, deu, hb.id, 'RATIFIED_IMPLEMENTING');
    await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ id } }`, { id: hb.id }, sec);
    await t.ok(`mutation($id:ID!){ publishEdition(ballotId:$id){ id } }`, { id: hb.id }, sec);
    expect((await fetchFeed('/feeds/editions.atom')).xml).not.toContain('NEED-FEED 2');
  });

  it('reads a page of needs with every field in the same number of statements for 5 and for 50 needs', async () => {
    const [{ id: userId }] = await t.db.query(`SELECT id FROM app_user WHERE display_name = 'Needs Expert Fra'`);
    const [{ id: standardId }] = await t.db.query(`SELECT id FROM standard ORDER BY designation LIMIT 1`);
    await t.db.query(
      `WITH n AS (
         INSERT INTO interoperability_need (title, statement, mission_area, priority, visibility, raised_by, raised_by_nation)
         SELECT 'Counted need ' || g, 'Counted.', 'LAUNCH', 'LOW', 'PUBLIC', $1, 'FRA' FROM generate_series(1, 60) g RETURNING id),
       a AS (INSERT INTO interoperability_need_nation (need_id, nation_code) SELECT id, c FROM n, unnest(ARRAY['FRA','DEU']) c),
       b AS (INSERT INTO need_support (need_id, nation_code, supported_by) SELECT id, 'FRA', $1 FROM n)
       INSERT INTO need_standard (need_id, standard_id, linked_by) SELECT id, $2, $1 FROM n`,
      [userId, standardId],
    );
    const query = `query($n:Int){ interoperabilityNeeds(filter:{ missionArea: LAUNCH }, first:$n){ totalCount edges { node { ${NEED} raisedBy { displayName } } } } }`;
    let statements = 0;
    const real = Client.prototype.query;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      statements++;
      return (real as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
    const count = async (n: number) => {
      statements = 0;
      const res = await t.ok(query, { n }, ita);
      expect(res.interoperabilityNeeds.edges).toHaveLength(n);
      return statements;
    };
    try {
      await count(5); // warm the caches (the caller's session) out of the count
      const five = await count(5);
      const fifty = await count(50);
      // eslint-disable-next-line no-console -- the figure is reported in the test output
      console.log(`needs list with every field: ${five} statements for 5 needs, ${fifty} for 50`);
      expect(fifty).toBe(five);
    } finally {
      Client.prototype.query = real;
    }
  });
});
