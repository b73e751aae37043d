import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createTestApp, TestApp } from './helpers/app';

const PROPOSE = `mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`;
const START = `mutation($id:ID!){ startDrafting(standardId:$id){ id status } }`;
const CREATE_VERSION = `mutation($i:CreateVersionInput!){ createVersion(input:$i){ id number } }`;
const OPEN = `mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id status title opensAt closesAt version { number } standard { id } } }`;
const CLOSE = `mutation($r:ID!){ closeCommentRound(roundId:$r){ id status } }`;
const ADD = `mutation($i:AddCommentInput!){ addComment(input:$i){ id status type clause lineFrom lineTo body nation { code } author { displayName } round { id } } }`;
const UPDATE = `mutation($id:ID!,$i:UpdateCommentInput!){ updateComment(id:$id,input:$i){ id body clause } }`;
const DELETE = `mutation($id:ID!){ deleteComment(id:$id) }`;
const SUBMIT = `mutation($r:ID!){ submitNationalComments(roundId:$r){ nation { code } submittedBy { displayName } commentCount submittedAt } }`;
const RESOLVE = `mutation($i:ResolveCommentInput!){ resolveComment(input:$i){ id disposition resolution resolvedInVersion { number } } }`;
const IMPORT = `mutation($r:ID!,$csv:String!){ importComments(roundId:$r,csv:$csv){ imported errors } }`;
const ROUND = `query($id:ID!,$f:CommentFilter,$first:Int,$after:String){ commentRound(id:$id){ id status unresolvedCount
  submissions { nation { code } commentCount }
  comments(filter:$f,first:$first,after:$after){ totalCount pageInfo { hasNextPage endCursor } edges { node { id clause lineFrom status nation { code } body disposition } } } } }`;
const COMMENT = `query($id:ID!){ comment(id:$id){ id body status } }`;
const STANDARD_ROUNDS = `query($id:ID!){ standard(id:$id){ commentRounds { id status } } }`;

const TEXT = [
  '# Space situational awareness data exchange', //  1
  '', //                                              2
  '## 1 Scope', //                                    3
  '', //                                              4
  'This standard covers tracking data.', //          5
  '', //                                              6
  '## 2 Requirements', //                             7
  '', //                                              8
  'The provider shall deliver data within 60 seconds.', // 9
  '', //                                              10
  '### 2.1 Formats', //                               11
  '', //                                              12
  'Data shall be encoded as CCSDS OEM.', //           13
  '', //                                              14
  '## 10 Annex', //                                   15
  '', //                                              16
  'Examples may be given.', //                        17
].join('\n') + '\n';

const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

type Person = { id: string; token: string };

describe('national comment rounds', () => {
  let t: TestApp;
  let sec: Person, frExpert: Person, frDelegate: Person, frDelegate2: Person, deExpert: Person, deDelegate: Person, itDelegate: Person, vendor: Person;
  let seq = 0;

  before(async () => {
    t = await createTestApp();
    sec = await t.user('Sam Secretariat', [{ role: 'SECRETARIAT' }]);
    frExpert = await t.user('Francoise Expert', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    frDelegate = await t.user('Francois Delegate', [{ role: 'DELEGATE', nationCode: 'FRA' }]);
    frDelegate2 = await t.user('Fabienne Delegate', [{ role: 'DELEGATE', nationCode: 'FRA' }]);
    deExpert = await t.user('Dieter Expert', [{ role: 'EXPERT', nationCode: 'DEU' }]);
    deDelegate = await t.user('Doris Delegate', [{ role: 'DELEGATE', nationCode: 'DEU' }]);
    itDelegate = await t.user('Ilaria Delegate', [{ role: 'DELEGATE', nationCode: 'ITA' }]);
    const admin = await t.adminToken();
    const org = await t.ok(`mutation{ createOrganization(input:{name:"Orbit Vendor Ltd", kind:VENDOR}){ id } }`, {}, admin);
    vendor = await t.user('Vera Vendor', [{ role: 'VENDOR', organizationId: org.createOrganization.id }]);
  });
  after(() => t.close());

  /** A DRAFTING standard with one version of TEXT (and optionally a second). */
  async function draft(): Promise<{ standardId: string; v1: string }> {
    seq += 1;
    const p = await t.ok(PROPOSE, {
      i: { designation: `ASpP-C${seq}`, title: `Comment test standard ${seq} ${'xyz'.repeat(seq)}`, scope: 'Test scope', visibility: 'NATIONS',
        overlapJustification: 'A test fixture for comment rounds.' },
    }, sec.token);
    const standardId = p.proposeStandard.id;
    await t.ok(START, { id: standardId }, sec.token);
    const v = await t.ok(CREATE_VERSION, { i: { standardId, text: TEXT } }, sec.token);
    return { standardId, v1: v.createVersion.id };
  }

  async function openRound(closesIn = 3600, extra: Record<string, unknown> = {}) {
    const d = await draft();
    const r = await t.ok(OPEN, { i: { standardId: d.standardId, versionId: d.v1, title: `Round ${seq}`, closesAt: inSeconds(closesIn), ...extra } }, sec.token);
    return { ...d, roundId: r.openCommentRound.id as string, round: r.openCommentRound };
  }

  const add = (who: Person, roundId: string, extra: Record<string, unknown> = {}) =>
    t.gql(ADD, { i: { roundId, type: 'TECHNICAL', body: 'Please clarify.', ...extra } }, who.token);

  it('opens a round on a DRAFTING standard as SECRETARIAT only; closesAt after opensAt; one open round per standard', async () => {
    const d = await draft();
    const i = { standardId: d.standardId, versionId: d.v1, title: 'First round', closesAt: inSeconds(3600) };
    expect(code(await t.gql(OPEN, { i }, frDelegate.token))).toBe('FORBIDDEN');
    const bad = await t.gql(OPEN, { i: { ...i, opensAt: inSeconds(7200) } }, sec.token);
    expect(code(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].message).toMatch(/closesAt/);
    const opened = await t.gql(OPEN, { i }, sec.token);
    expect(opened.errors).toBeUndefined();
    expect(opened.data.openCommentRound).toMatchObject({ status: 'OPEN', title: 'First round', version: { number: 1 } });
    expect(code(await t.gql(OPEN, { i: { ...i, title: 'Second' } }, sec.token))).toBe('CONFLICT');
    // Even a scheduled round counts while the first is open.
    expect(code(await t.gql(OPEN, { i: { ...i, title: 'Later', opensAt: inSeconds(100), closesAt: inSeconds(200) } }, sec.token))).toBe('CONFLICT');
    const rounds = await t.ok(STANDARD_ROUNDS, { id: d.standardId }, deExpert.token);
    expect(rounds.standard.commentRounds).toEqual([{ id: opened.data.openCommentRound.id, status: 'OPEN' }]);
    // After closing, the next round may open, but not backdated over the closed one's period.
    await t.ok(CLOSE, { r: opened.data.openCommentRound.id }, sec.token);
    const backdated = await t.gql(OPEN, { i: { ...i, title: 'Backdated', opensAt: inSeconds(-600) } }, sec.token);
    expect(code(backdated)).toBe('CONFLICT');
    expect(backdated.errors![0].message).toMatch(/"First round".*must open after that one ends/);
    expect(code(await t.gql(OPEN, { i: { ...i, title: 'Second' } }, sec.token))).toBeUndefined();
  });

  it('refuses a round on a standard that is not DRAFTING, and a version of another standard', async () => {
    const a = await draft();
    const b = await draft();
    const wrongVersion = await t.gql(OPEN, { i: { standardId: a.standardId, versionId: b.v1, title: 'x', closesAt: inSeconds(60) } }, sec.token);
    expect(code(wrongVersion)).toBe('BAD_USER_INPUT');
    const p = await t.ok(PROPOSE, { i: { designation: 'ASpP-PROP', title: 'Still proposed', scope: 's', visibility: 'NATIONS', overlapJustification: 'A test fixture for comment rounds.' } }, sec.token);
    const proposed = await t.gql(OPEN, { i: { standardId: p.proposeStandard.id, versionId: a.v1, title: 'x', closesAt: inSeconds(60) } }, sec.token);
    expect(code(proposed)).toBe('INVALID_STATE');
  });

  it('opens two rounds at the same moment on one standard: exactly one wins', async () => {
    const d = await draft();
    const results = await Promise.all(
      [1, 2, 3].map((n) => t.gql(OPEN, { i: { standardId: d.standardId, versionId: d.v1, title: `Race ${n}`, closesAt: inSeconds(600) } }, sec.token)),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => code(r) === 'CONFLICT').length).toBe(2);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM comment_round WHERE standard_id = $1`, [d.standardId]);
    expect(n).toBe(1);
  });

  it('status follows the database clock: SCHEDULED, OPEN, then CLOSED at closesAt with nobody closing it', async () => {
    const d = await draft();
    const r = await t.ok(OPEN, { i: { standardId: d.standardId, versionId: d.v1, title: 'Clocked', opensAt: inSeconds(100), closesAt: inSeconds(200) } }, sec.token);
    const id = r.openCommentRound.id;
    expect(r.openCommentRound.status).toBe('SCHEDULED');
    expect(code(await add(frExpert, id))).toBe('INVALID_STATE');
    t.clock.advance(150);
    try {
      expect((await t.ok(ROUND, { id }, sec.token)).commentRound.status).toBe('OPEN');
      expect(code(await add(frExpert, id))).toBeUndefined();
      t.clock.advance(100);
      expect((await t.ok(ROUND, { id }, sec.token)).commentRound.status).toBe('CLOSED');
      expect(code(await add(frExpert, id))).toBe('DEADLINE_PASSED');
      expect(code(await t.gql(SUBMIT, { r: id }, frDelegate.token))).toBe('DEADLINE_PASSED');
      // Closed by time: a new round can open without anyone closing this one.
      expect(code(await t.gql(OPEN, { i: { standardId: d.standardId, versionId: d.v1, title: 'Next', closesAt: inSeconds(1000) } }, sec.token))).toBeUndefined();
    } finally {
      t.clock.offsetSeconds = 0;
    }
  });

  it('checks clause and lines against the version under review', async () => {
    const { roundId } = await openRound();
    expect(code(await add(frExpert, roundId, { clause: '2.1', lineFrom: 13, lineTo: 13 }))).toBeUndefined();
    const noClause = await add(frExpert, roundId, { clause: '7.4' });
    expect(code(noClause)).toBe('BAD_USER_INPUT');
    expect(noClause.errors![0].message).toMatch(/clause 7\.4/);
    const outside = await add(frExpert, roundId, { lineFrom: 5, lineTo: 18 });
    expect(code(outside)).toBe('BAD_USER_INPUT');
    expect(outside.errors![0].message).toMatch(/lines 1 to 17/);
    expect(code(await add(frExpert, roundId, { lineFrom: 9, lineTo: 5 }))).toBe('BAD_USER_INPUT');
    expect(code(await add(frExpert, roundId, { lineTo: 5 }))).toBe('BAD_USER_INPUT');
  });

  it('shows DRAFT comments to their nation only; vendors never see comments', async () => {
    const { standardId, roundId } = await openRound();
    const fr = await add(frExpert, roundId, { body: 'French draft' });
    const frId = fr.data.addComment.id;
    expect(fr.data.addComment).toMatchObject({ status: 'DRAFT', nation: { code: 'FRA' }, author: { displayName: 'Francoise Expert' } });
    await add(deExpert, roundId, { body: 'German draft' });
    const bodies = async (who: Person) =>
      (await t.ok(ROUND, { id: roundId }, who.token)).commentRound.comments.edges.map((e: any) => e.node.body).sort();
    expect(await bodies(frDelegate)).toEqual(['French draft']);
    expect(await bodies(deDelegate)).toEqual(['German draft']);
    expect(await bodies(sec)).toEqual([]);
    expect(code(await t.gql(COMMENT, { id: frId }, deExpert.token))).toBe('NOT_FOUND');
    expect(code(await t.gql(COMMENT, { id: frId }, sec.token))).toBe('NOT_FOUND');
    expect((await t.ok(COMMENT, { id: frId }, frDelegate.token)).comment.body).toBe('French draft');
    // Vendors: the round does not exist for them, nor do its comments.
    expect(code(await t.gql(ROUND, { id: roundId }, vendor.token))).toBe('NOT_FOUND');
    expect(code(await t.gql(COMMENT, { id: frId }, vendor.token))).toBe('NOT_FOUND');
    expect(code(await add(vendor, roundId))).toBe('FORBIDDEN');
    // Submitted comments are seen by every nation and the secretariat.
    await t.ok(SUBMIT, { r: roundId }, frDelegate.token);
    expect(await bodies(deExpert)).toEqual(['French draft', 'German draft']);
    expect(await bodies(sec)).toEqual(['French draft']);
    // A vendor may read a standard of INDUSTRY visibility, but not its rounds.
    await t.db.query(`UPDATE standard SET visibility = 'INDUSTRY' WHERE id = $1`, [standardId]);
    const asVendor = await t.gql(STANDARD_ROUNDS, { id: standardId }, vendor.token);
    expect(asVendor.errors).toBeUndefined();
    expect(asVendor.data.standard.commentRounds).toEqual([]);
  });

  it('lets the author edit and delete its own DRAFT until submission; then INVALID_STATE', async () => {
    const { roundId } = await openRound();
    const audited = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action LIKE 'comment.%' AND actor_id = $1`, [frExpert.id]))[0].n;
    const auditedBefore = await audited();
    const c = (await add(frExpert, roundId, { clause: '1' })).data.addComment;
    expect(code(await t.gql(UPDATE, { id: c.id, i: { body: 'Not mine' } }, frDelegate.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(UPDATE, { id: c.id, i: { body: 'Not mine' } }, deExpert.token))).toBe('NOT_FOUND');
    expect(code(await t.gql(UPDATE, { id: c.id, i: { clause: '9' } }, frExpert.token))).toBe('BAD_USER_INPUT');
    const u = await t.ok(UPDATE, { id: c.id, i: { body: 'Reworded', clause: '2.1' } }, frExpert.token);
    expect(u.updateComment).toMatchObject({ body: 'Reworded', clause: '2.1' });
    const gone = (await add(frExpert, roundId, { body: 'Withdrawn French wording' })).data.addComment;
    expect((await t.ok(DELETE, { id: gone.id }, frExpert.token)).deleteComment).toBe(true);
    // The audit log is the secretariat's: it records the deletion, not the draft's words.
    const [deleted] = await t.db.query(`SELECT detail FROM audit_event WHERE action = 'comment.deleted' AND entity_id = $1`, [gone.id]);
    expect(deleted.detail).toMatch(/FRA .*draft comment .*deleted/);
    expect(deleted.detail).not.toContain('Withdrawn French wording');
    const keep = (await add(frExpert, roundId, { body: 'Kept' })).data.addComment;

    const sub = await t.ok(SUBMIT, { r: roundId }, frDelegate.token);
    expect(sub.submitNationalComments).toMatchObject({ nation: { code: 'FRA' }, commentCount: 2, submittedBy: { displayName: 'Francois Delegate' } });
    expect(code(await t.gql(UPDATE, { id: keep.id, i: { body: 'Late' } }, frExpert.token))).toBe('INVALID_STATE');
    expect(code(await t.gql(DELETE, { id: keep.id }, frExpert.token))).toBe('INVALID_STATE');
    expect(code(await add(frExpert, roundId))).toBe('INVALID_STATE');
    expect(code(await t.gql(SUBMIT, { r: roundId }, frDelegate.token))).toBe('CONFLICT');
    // Only delegates submit.
    expect(code(await t.gql(SUBMIT, { r: roundId }, deExpert.token))).toBe('FORBIDDEN');
    // The database refuses a change to a submitted comment even from outside the service.
    await expect(t.db.query(`UPDATE comment SET body = 'tampered' WHERE id = $1`, [keep.id])).rejects.toThrow(/cannot change/);
    await expect(t.db.query(`DELETE FROM comment WHERE id = $1`, [keep.id])).rejects.toThrow(/cannot change/);
    expect((await audited()) - auditedBefore).toBe(5); // 3 added, 1 updated, 1 deleted
  });

  it('two delegates of one nation submit at the same moment: exactly one wins', async () => {
    const { roundId } = await openRound();
    await add(frExpert, roundId);
    await add(frDelegate, roundId);
    const results = await Promise.all([
      t.gql(SUBMIT, { r: roundId }, frDelegate.token),
      t.gql(SUBMIT, { r: roundId }, frDelegate2.token),
      t.gql(SUBMIT, { r: roundId }, frDelegate.token),
    ]);
    const won = results.filter((r) => !r.errors);
    expect(won.length).toBe(1);
    expect(won[0].data.submitNationalComments.commentCount).toBe(2);
    expect(results.filter((r) => code(r) === 'CONFLICT').length).toBe(2);
    const rows = await t.db.query(`SELECT nation_code FROM national_submission WHERE round_id = $1`, [roundId]);
    expect(rows.length).toBe(1);
    const [{ drafts }] = await t.db.query(`SELECT count(*) FILTER (WHERE status = 'DRAFT')::int AS drafts FROM comment WHERE round_id = $1`, [roundId]);
    expect(drafts).toBe(0);
  });

  it('a write racing the deadline: each write is decided by the database clock at the write', async () => {
    const { roundId } = await openRound(2);
    const outcomes: string[] = [];
    const deadline = Date.now() + 4000;
    while (Date.now() < deadline) {
      const batch = await Promise.all([1, 2, 3].map(() => add(frExpert, roundId, { body: 'racing' })));
      outcomes.push(...batch.map((r) => code(r) ?? 'OK'));
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(outcomes).toContain('OK');
    expect(outcomes).toContain('DEADLINE_PASSED');
    expect(outcomes.filter((o) => o !== 'OK' && o !== 'DEADLINE_PASSED')).toEqual([]);
    // Once refused, never accepted again; and nothing stored was written at or after closesAt.
    expect(outcomes.slice(outcomes.indexOf('DEADLINE_PASSED')).every((o) => o === 'DEADLINE_PASSED')).toBe(true);
    const [{ late, n }] = await t.db.query(
      `SELECT count(*) FILTER (WHERE c.created_at >= r.closes_at)::int AS late, count(*)::int AS n
         FROM comment c JOIN comment_round r ON r.id = c.round_id WHERE r.id = $1`,
      [roundId],
    );
    expect(late).toBe(0);
    expect(n).toBe(outcomes.filter((o) => o === 'OK').length);
  });

  it('closing early: the secretariat closes; then writes are DEADLINE_PASSED and only submitted comments count', async () => {
    const { roundId } = await openRound();
    await add(frExpert, roundId);
    await add(deExpert, roundId);
    await t.ok(SUBMIT, { r: roundId }, deDelegate.token);
    expect(code(await t.gql(CLOSE, { r: roundId }, frDelegate.token))).toBe('FORBIDDEN');
    expect((await t.ok(CLOSE, { r: roundId }, sec.token)).closeCommentRound.status).toBe('CLOSED');
    expect(code(await t.gql(CLOSE, { r: roundId }, sec.token))).toBe('INVALID_STATE');
    expect(code(await add(frExpert, roundId))).toBe('DEADLINE_PASSED');
    const round = (await t.ok(ROUND, { id: roundId }, sec.token)).commentRound;
    expect(round.comments.totalCount).toBe(1);
    expect(round.unresolvedCount).toBe(1);
    expect(round.submissions.map((s: any) => s.nation.code)).toEqual(['DEU']);
  });

  it('resolves submitted comments after the close with a disposition and a later version; unresolvedCount counts down', async () => {
    const { standardId, v1, roundId } = await openRound();
    const a = (await add(deExpert, roundId, { clause: '2' })).data.addComment;
    const b = (await add(deExpert, roundId, { clause: '1' })).data.addComment;
    const draftOnly = (await add(frExpert, roundId)).data.addComment;
    await t.ok(SUBMIT, { r: roundId }, deDelegate.token);
    const early = await t.gql(RESOLVE, { i: { commentId: a.id, disposition: 'ACCEPTED', resolution: 'Done' } }, sec.token);
    expect(code(early)).toBe('INVALID_STATE');
    await t.ok(CLOSE, { r: roundId }, sec.token);
    expect(code(await t.gql(RESOLVE, { i: { commentId: draftOnly.id, disposition: 'NOTED', resolution: 'x' } }, sec.token))).toBe('NOT_FOUND');
    expect(code(await t.gql(RESOLVE, { i: { commentId: a.id, disposition: 'ACCEPTED', resolution: 'x' } }, deDelegate.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(RESOLVE, { i: { commentId: a.id, disposition: 'ACCEPTED', resolution: 'x', resolvedInVersionId: v1 } }, sec.token)))
      .toBe('BAD_USER_INPUT');
    const v2 = await t.ok(CREATE_VERSION, { i: { standardId, baseVersionId: v1, text: TEXT.replace('60 seconds', '30 seconds') } }, sec.token);
    const r = await t.ok(RESOLVE, { i: { commentId: a.id, disposition: 'ACCEPTED', resolution: 'Latency tightened.', resolvedInVersionId: v2.createVersion.id } }, sec.token);
    expect(r.resolveComment).toMatchObject({ disposition: 'ACCEPTED', resolution: 'Latency tightened.', resolvedInVersion: { number: 2 } });
    let round = (await t.ok(ROUND, { id: roundId }, sec.token)).commentRound;
    expect(round.unresolvedCount).toBe(1);
    const unresolved = (await t.ok(ROUND, { id: roundId, f: { resolved: false } }, sec.token)).commentRound.comments;
    expect(unresolved.edges.map((e: any) => e.node.id)).toEqual([b.id]);
    await t.ok(RESOLVE, { i: { commentId: b.id, disposition: 'REJECTED', resolution: 'Out of scope.' } }, sec.token);
    round = (await t.ok(ROUND, { id: roundId }, sec.token)).commentRound;
    expect(round.unresolvedCount).toBe(0);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'comment.resolved' AND actor_id = $1`, [sec.id]);
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('lists comments by clause then line with cursor pages and filters by nation, type and clause', async () => {
    const { roundId } = await openRound();
    await add(frExpert, roundId, { clause: '10', type: 'EDITORIAL', body: 'c10' });
    await add(frExpert, roundId, { clause: '2', lineFrom: 9, body: 'c2-9' });
    await add(deExpert, roundId, { clause: '2.1', lineFrom: 13, body: 'c2.1' });
    await add(deExpert, roundId, { clause: '2', lineFrom: 7, body: 'c2-7' });
    await add(deExpert, roundId, { type: 'GENERAL', body: 'general' });
    await add(frExpert, roundId, { clause: '1', body: 'c1' });
    await t.ok(SUBMIT, { r: roundId }, frDelegate.token);
    await t.ok(SUBMIT, { r: roundId }, deDelegate.token);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await t.ok(ROUND, { id: roundId, first: 2, after }, sec.token)).commentRound.comments;
      expect(page.totalCount).toBe(6);
      seen.push(...page.edges.map((e: any) => e.node.body));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(['general', 'c1', 'c2-7', 'c2-9', 'c2.1', 'c10']);
    const list = async (f: Record<string, unknown>) =>
      (await t.ok(ROUND, { id: roundId, f }, sec.token)).commentRound.comments.edges.map((e: any) => e.node.body);
    expect(await list({ nationCode: 'DEU' })).toEqual(['general', 'c2-7', 'c2.1']);
    expect(await list({ type: 'EDITORIAL' })).toEqual(['c10']);
    expect(await list({ clause: '2' })).toEqual(['c2-7', 'c2-9', 'c2.1']);
    expect(await list({ resolved: true })).toEqual([]);
  });

  it('imports the ISO template: all rows or none, errors naming row and reason', async () => {
    const { roundId } = await openRound();
    const header = 'MB/NC,Line number,Clause/Subclause,Paragraph/Figure/Table,Type of comment (ge/te/ed),Comments,Proposed change,Observations of the secretariat';
    const bad = [header, 'FR,9,2,,te,Latency too loose,Use 30 s,', 'FR,5,7.4,,ed,Typo,,', 'FR,3,1,,xx,Odd,,', 'DE,,1,,ge,Wrong nation,,'].join('\n');
    // The template's ISO 3166 two-letter codes, as national bodies fill it in.
    const refused = await t.ok(IMPORT, { r: roundId, csv: bad }, frExpert.token);
    expect(refused.importComments.imported).toBe(0);
    expect(refused.importComments.errors).toEqual([
      'row 3: clause 7.4 does not exist in the version under review',
      'row 4: type of comment "xx" is not ge, te or ed',
      'row 5: MB/NC is DE, but you comment for FR (FRA)',
    ]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM comment WHERE round_id = $1`, [roundId]);
    expect(n).toBe(0);
    // Header spellings vary; matched case-insensitively and in any order. MB/NC may be FR, FRA or blank.
    const ok = ['comments,TYPE OF COMMENT,clause,line number,MB/NC', '"Say ""why"", please",te,2.1,13,FR', 'Fine,ED,1,3-5,FRA', 'Also,ed,1,4,'].join('\r\n');
    const imported = await t.ok(IMPORT, { r: roundId, csv: ok }, frExpert.token);
    expect(imported.importComments).toEqual({ imported: 3, errors: [] });
    const list = (await t.ok(ROUND, { id: roundId }, frExpert.token)).commentRound.comments.edges.map((e: any) => e.node);
    expect(list.map((c: any) => [c.clause, c.lineFrom, c.body, c.nation.code])).toEqual([
      ['1', 3, 'Fine', 'FRA'],
      ['1', 4, 'Also', 'FRA'],
      ['2.1', 13, 'Say "why", please', 'FRA'],
    ]);
    const noHeader = await t.ok(IMPORT, { r: roundId, csv: 'FRA,9,2,,te,x,,' }, frExpert.token);
    expect(noHeader.importComments.imported).toBe(0);
    expect(noHeader.importComments.errors[0]).toMatch(/^row 1: the header row needs/);
  });

  it('imports 5,000 rows in one request', async () => {
    const { roundId } = await openRound();
    const rows = ['MB/NC,Line number,Clause/Subclause,Paragraph/Figure/Table,Type of comment,Comments,Proposed change,Observations of the secretariat'];
    for (let i = 0; i < 5000; i++) rows.push(`ITA,${(i % 17) + 1},${['1', '2', '2.1', '10'][i % 4]},,${['ge', 'te', 'ed'][i % 3]},Comment number ${i},Change ${i},`);
    const started = Date.now();
    const r = await t.ok(IMPORT, { r: roundId, csv: rows.join('\n') }, itDelegate.token);
    const ms = Date.now() - started;
    expect(r.importComments).toEqual({ imported: 5000, errors: [] });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM comment WHERE round_id = $1 AND nation_code = 'ITA'`, [roundId]);
    expect(n).toBe(5000);
    process.stdout.write(`# imported 5000 rows in ${ms} ms\n`);
    expect(ms).toBeLessThan(20000);
  });
});
