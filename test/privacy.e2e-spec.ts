import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Pool } from 'pg';
import { createTestApp, TestApp } from './helpers/app';
import { cast, dbNow, draft, openBallot, people, People } from './helpers/ratification';

const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;
const AUDIT = `{ auditEvents(first:100){ edges { node { action entityType entityId detail } } } }`;
type Event = { action: string; entityType: string; entityId: string; detail: string };

/** Issue 11, "Privacy" and "Smaller defects found": who reads what, through every door. */
describe('privacy', () => {
  let t: TestApp;
  let p: People;
  let admin: string;
  before(async () => {
    t = await createTestApp();
    p = await people(t, ['FRA', 'DEU']);
    admin = await t.adminToken();
  });
  after(() => t.close());

  const events = async (token: string): Promise<Event[]> => (await t.ok(AUDIT, {}, token)).auditEvents.edges.map((e: { node: Event }) => e.node);
  const closesIn = async (seconds: number) => new Date((await dbNow(t)).getTime() + seconds * 1000).toISOString();

  describe('the audit log reads events as their subjects are read', () => {
    let roundId: string;
    let kept: string;
    let deleted: string;
    let german: string;

    before(async () => {
      const { standardId, versionId } = await draft(t, p.secretariat, 'AUDIT 1', 'NATIONS');
      roundId = (await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`,
        { i: { standardId, versionId, title: 'First round', closesAt: await closesIn(3600) } }, p.secretariat)).openCommentRound.id;
      const add = (token: string, body: string) =>
        t.ok(`mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`, { i: { roundId, clause: '2.1', type: 'TECHNICAL', body } }, token);
      kept = (await add(p.delegates.FRA, 'Five minutes is too long.')).addComment.id;
      deleted = (await add(p.expert, 'A thought France kept to itself.')).addComment.id;
      await t.ok(`mutation($id:ID!){ deleteComment(id:$id) }`, { id: deleted }, p.expert);
      german = (await add(p.delegates.DEU, 'Germany is still drafting.')).addComment.id;
    });

    it('keeps every event, but shows a nation\'s DRAFT comments to nobody else until it submits', async () => {
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = ANY($1)`, [[kept, deleted, german]]);
      expect(n).toBe(4);
      const before = await events(p.secretariat);
      expect(before.filter((e) => [kept, deleted, german].includes(e.entityId))).toEqual([]);
      expect(before.map((e) => e.action)).toContain('comment_round.opened');

      await t.ok(`mutation($r:ID!){ submitNationalComments(roundId:$r){ commentCount } }`, { r: roundId }, p.delegates.FRA);
      const afterSubmission = await events(p.secretariat);
      expect(afterSubmission.filter((e) => e.entityId === kept).map((e) => e.action)).toEqual(['comment.added']);
      // The deleted draft never reached the secretariat; Germany has not submitted.
      expect(afterSubmission.filter((e) => [deleted, german].includes(e.entityId))).toEqual([]);
      expect(afterSubmission.find((e) => e.action === 'comments.submitted')?.detail).toMatch(/^FRA submitted 1 comments/);
    });

    it('shows comment events to no one who may not read comments (ADMIN)', async () => {
      const seen = await events(admin);
      expect(seen.filter((e) => e.entityType === 'Comment' || e.entityType === 'CommentRound')).toEqual([]);
      expect(seen.map((e) => e.action)).toContain('standard.proposed');
    });

    it('shows who voted what, and the counts, only to those who read the responses', async () => {
      const { standardId, versionId } = await draft(t, p.secretariat, 'AUDIT 2', 'NATIONS');
      const ballot = (await openBallot(t, p.secretariat, standardId, versionId, 1)).data.openBallot;
      await cast(t, p.delegates.FRA, ballot.id, 'NOT_RATIFYING');
      await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ outcome } }`, { id: ballot.id }, p.secretariat);
      const detailOf = async (token: string) => (await events(token)).filter((e) => e.entityId === ballot.id).map((e) => e.detail);
      expect(await detailOf(p.secretariat)).toEqual([
        'Ballot on AUDIT 2 closed by the secretariat: FAILED, 0 ratifying of threshold 1',
        'FRA NOT_RATIFYING on AUDIT 2 (revision 1)',
        expect.stringMatching(/^Ballot on AUDIT 2 version 1, threshold 1/),
      ]);
      expect(await detailOf(admin)).toEqual([
        'Ballot on AUDIT 2 closed by the secretariat: FAILED',
        'A national response on AUDIT 2 was recorded',
        expect.stringMatching(/^Ballot on AUDIT 2 version 1, threshold 1/),
      ]);
    });
  });

  it('keeps a VENDOR to its own organization whatever other roles it holds', async () => {
    const org = async (name: string) =>
      (await t.ok(`mutation($i:CreateOrganizationInput!){ createOrganization(input:$i){ id } }`, { i: { name, kind: 'VENDOR' } }, admin)).createOrganization.id;
    const [orgA, orgB] = [await org('Alpha Orbital'), await org('Beta Orbital')];
    const both = await t.user('Vera Vendor-Expert', [{ role: 'VENDOR', organizationId: orgA }, { role: 'EXPERT', nationCode: 'FRA' }]);
    const other = await t.user('Otto Vendor', [{ role: 'VENDOR', organizationId: orgB }]);
    const register = (token: string, name: string) =>
      t.ok(`mutation($i:RegisterProductInput!){ registerProduct(input:$i){ id } }`, { i: { name, productVersion: '1' } }, token);
    const mine = (await register(both.token, 'Alpha Link')).registerProduct.id;
    const theirs = (await register(other.token, 'Beta Link')).registerProduct.id;
    await t.ok(`mutation($i:RegisterProductInput!){ registerProduct(input:$i){ id } }`, { i: { name: 'Gamma Link', productVersion: '1' } }, p.vendor);

    expect((await t.ok(`{ products { id } }`, {}, both.token)).products).toEqual([{ id: mine }]);
    expect((await t.gql(`query($id:ID!){ product(id:$id){ id } }`, { id: theirs }, both.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    const { standardId } = await draft(t, p.secretariat, 'VENDOR 1', 'INDUSTRY');
    const cells = (await t.ok(`query($s:[ID!]!){ interoperabilityMatrix(standardIds:$s){ product { id } } }`, { s: [standardId] }, both.token))
      .interoperabilityMatrix;
    expect(cells).toEqual([{ product: { id: mine } }]);
    // The Alliance's roles without a vendor role still read every product.
    expect((await t.ok(`{ products { id } }`, {}, p.expert)).products).toHaveLength(3);
  });

  it('gives anonymous readers of an edition the nation and the response, not the person', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'PUBLIC 1', 'PUBLIC');
    const ballot = (await openBallot(t, p.secretariat, standardId, versionId, 1)).data.openBallot;
    await cast(t, p.delegates.FRA, ballot.id, 'RATIFIED_IMPLEMENTING');
    await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ outcome } }`, { id: ballot.id }, p.secretariat);
    const id = (await t.ok(`mutation($id:ID!){ publishEdition(ballotId:$id){ id } }`, { id: ballot.id }, p.secretariat)).publishEdition.id;

    const anonymous = await t.ok(`query($id:ID!){ edition(id:$id){ ratification { nation { code } response } } }`, { id });
    expect(anonymous.edition.ratification).toEqual([{ nation: { code: 'FRA' }, response: 'RATIFIED_IMPLEMENTING' }]);
    const named = await t.gql(`query($id:ID!){ edition(id:$id){ ratification { nation { code } castBy { displayName } } } }`, { id });
    expect(code(named)).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(named)).not.toContain('Delegate FRA');
    const signedIn = await t.ok(`query($id:ID!){ edition(id:$id){ ratification { castBy { displayName } } } }`, { id }, p.vendor);
    expect(signedIn.edition.ratification).toEqual([{ castBy: { displayName: 'Delegate FRA' } }]);
  });

  it('gives each standard its own page address: the second designation on one address is a CONFLICT', async () => {
    const propose = (designation: string, token = p.secretariat) =>
      t.gql(`mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id designation } }`, {
        i: { designation, title: `Slug test ${designation}`, scope: 'Page addresses.', visibility: 'PUBLIC', overlapJustification: 'Testing page addresses, overlap intended.' },
      }, token);
    expect((await propose('STANAG 4790')).errors).toBeUndefined();
    for (const clash of ['STANAG-4790', 'stanag  4790', 'Stanag 4790']) {
      const refused = await propose(clash);
      expect(code(refused)).toBe('CONFLICT');
      expect(refused.errors![0].message).toContain('STANAG 4790');
    }
    // The database holds the rule too, whoever writes.
    await expect(t.db.query(`INSERT INTO standard (designation, title, scope, visibility) VALUES ('STANAG-4790', 't', 's', 'PUBLIC')`))
      .rejects.toThrow(/standard_slug_key/);
    expect(await t.db.query(`SELECT designation FROM standard WHERE slug = 'stanag-4790'`)).toEqual([{ designation: 'STANAG 4790' }]);
  });

  it('lets pages load images from the service itself and data: figures only', async () => {
    const res = await t.http.get('/');
    expect(res.headers['content-security-policy']).toContain(`img-src 'self' data:;`);
    expect(res.headers['content-security-policy']).not.toContain('https:');
  });

  it('lets a DELEGATE propose a standard, as an expert does', async () => {
    const res = await t.gql(`mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ designation editors { displayName } } }`, {
      i: { designation: 'DELEG 1', title: 'Proposed by a delegate', scope: 'Anything a delegate proposes.', visibility: 'NATIONS', overlapJustification: 'Testing who may propose; overlap intended.' },
    }, p.delegates.DEU);
    expect(res.errors).toBeUndefined();
    expect(res.data.proposeStandard.editors).toEqual([{ displayName: 'Delegate DEU' }]);
  });

  it('limits every free-text argument, and names the field that is too long', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'LIMIT 1', 'NATIONS');
    const roundId = (await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`,
      { i: { standardId, versionId, title: 'Round', closesAt: await closesIn(3600) } }, p.secretariat)).openCommentRound.id;
    const x = (n: number) => 'x'.repeat(n);
    const refused = async (field: string, rule: RegExp, query: string, variables: Record<string, unknown>, token = p.secretariat) => {
      const res = await t.gql(query, variables, token);
      expect({ code: code(res), field: res.errors?.[0].extensions.field }).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(res.errors![0].message).toMatch(rule);
    };
    const CANCEL = `mutation($s:ID!,$r:String!){ cancelStandard(standardId:$s, reason:$r){ status } }`;
    await refused('reason', /reason must be 1 to 2000 characters/, CANCEL, { s: standardId, r: x(2001) });
    await refused('designation', /designation must be at most 60 characters/, `query($d:String){ standard(designation:$d){ id } }`, { d: x(61) });
    await refused('after', /after must be at most 1000 characters/, `query($a:String){ standards(after:$a){ totalCount } }`, { a: x(1001) });
    await refused('text', /filter.text must be at most 200 characters/, `query($t:String){ standards(filter:{text:$t}){ totalCount } }`, { t: x(201) });
    await refused('label', /label must be at most 200 characters/, `mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`,
      { i: { standardId, baseVersionId: versionId, text: '# T\n', label: x(201) } });
    const COMMENTS = `query($r:ID!,$f:CommentFilter){ commentRound(id:$r){ comments(filter:$f){ totalCount } } }`;
    await refused('clause', /filter.clause must be at most 40 characters/, COMMENTS, { r: roundId, f: { clause: x(41) } });
    await refused('nationCode', /filter.nationCode must be an ISO 3166-1 alpha-3 code/, COMMENTS, { r: roundId, f: { nationCode: x(5000) } });
    await refused('csv', /csv must be at most 5000000 characters/, `mutation($r:ID!,$c:String!){ importComments(roundId:$r, csv:$c){ imported } }`,
      { r: roundId, c: x(5_000_001) }, p.expert);
    // Within the limits the same calls work.
    expect((await t.ok(CANCEL, { s: standardId, r: x(2000) }, p.secretariat)).cancelStandard.status).toBe('CANCELLED');
  });

  it('does not disguise a failure while checking visibility as NOT_FOUND', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'FAULT 1', 'NATIONS');
    const round = (await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`,
      { i: { standardId, versionId, title: 'Round', closesAt: await closesIn(3600) } }, p.secretariat)).openCommentRound.id;
    const other = await draft(t, p.secretariat, 'FAULT 2', 'NATIONS');
    const ballot = (await openBallot(t, p.secretariat, other.standardId, other.versionId, 1)).data.openBallot.id;
    // A round and a ballot are read with their standard's visibility in one statement: that statement fails.
    const pool = (t.db.driver as unknown as { master: Pool }).master;
    const query = pool.query;
    pool.query = function (this: Pool, config: string | { text: string }, ...rest: unknown[]) {
      if ((typeof config === 'string' ? config : config.text).includes('"standardVisibility"')) return Promise.reject(new Error('connection to the database was lost'));
      return (query as (...a: unknown[]) => unknown).call(this, config, ...rest);
    } as typeof pool.query;
    try {
      expect(code(await t.gql(`query($id:ID!){ commentRound(id:$id){ id } }`, { id: round }, p.secretariat))).toBe('INTERNAL_SERVER_ERROR');
      expect(code(await t.gql(`query($id:ID!){ ballot(id:$id){ id } }`, { id: ballot }, p.secretariat))).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      pool.query = query;
    }
  });
});
