import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createTestApp, TestApp } from './helpers/app';
import { draftingStandard } from './helpers/standards';

/** The API the web application added: updateStandard, removeEditor, myWork and the list filters. */
describe('web application API', () => {
  let t: TestApp;
  let expert: { id: string; token: string };
  let other: { id: string; token: string };
  let secretariat: { id: string; token: string };
  let standardId: string;
  let v1: string;

  before(async () => {
    t = await createTestApp();
    expert = await t.user('Web Expert', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    other = await t.user('Other Expert', [{ role: 'EXPERT', nationCode: 'DEU' }]);
    secretariat = await t.user('Web Secretariat', [{ role: 'SECRETARIAT' }]);
    ({ id: standardId, v1 } = await draftingStandard(t, expert.token, { designation: 'ASpP-77' }));
  });
  after(() => t.close());

  const UPDATE = `mutation($i:UpdateStandardInput!){ updateStandard(input:$i){ id title scope visibility } }`;

  it('lets an editor change title, scope and visibility, audited', async () => {
    const r = await t.ok(UPDATE, { i: { standardId, title: 'Tracking exchange', visibility: 'INDUSTRY' } }, expert.token);
    expect(r.updateStandard).toMatchObject({ title: 'Tracking exchange', visibility: 'INDUSTRY' });
    const [row] = await t.db.query(`SELECT title, visibility FROM standard WHERE id = $1`, [standardId]);
    expect(row).toEqual({ title: 'Tracking exchange', visibility: 'INDUSTRY' });
    const audit = await t.db.query(`SELECT detail FROM audit_event WHERE action = 'standard.updated' AND entity_id = $1`, [standardId]);
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toContain('visibility NATIONS → INDUSTRY');
  });

  it('refuses someone who is not an editor, and blank words', async () => {
    const denied = await t.gql(UPDATE, { i: { standardId, title: 'Hijacked' } }, other.token);
    expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const blank = await t.gql(UPDATE, { i: { standardId, title: '' } }, expert.token);
    expect(blank.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('filters the list by visibility, proposer nation and "mine"', async () => {
    const LIST = `query($f:StandardFilter){ standards(filter:$f){ totalCount edges{ node{ designation } } } }`;
    await draftingStandard(t, other.token, { designation: 'ASpP-78' });
    const count = async (f: object, token = expert.token) => (await t.ok(LIST, { f }, token)).standards.totalCount;
    expect(await count({ mine: true })).toBe(1);
    expect(await count({ mine: true }, other.token)).toBe(1);
    expect(await count({ nationCode: 'fra' })).toBe(1);
    expect(await count({ nationCode: 'DEU' })).toBe(1);
    expect(await count({ visibility: 'INDUSTRY' })).toBe(1);
    expect(await count({})).toBe(2);
  });

  it('myWork lists open rounds with the nation\'s drafts, standards I edit and unsubmitted comments', async () => {
    const round = await t.ok(
      `mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`,
      { i: { standardId, versionId: v1, title: 'Review 1', closesAt: new Date(Date.now() + 86_400_000).toISOString() } },
      secretariat.token,
    );
    const roundId = round.openCommentRound.id;
    await t.ok(`mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`, { i: { roundId, type: 'EDITORIAL', body: 'Typo in 1.', clause: '1' } }, expert.token);
    await t.ok(`mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`, { i: { roundId, type: 'GENERAL', body: 'German view.' } }, other.token);
    const MY_WORK = `{ myWork { openRounds { draftCount submitted round { id title } } editing { designation } unsubmittedComments { body nation { code } } } }`;
    const mine = (await t.ok(MY_WORK, {}, expert.token)).myWork;
    expect(mine.openRounds).toEqual([{ draftCount: 1, submitted: false, round: { id: roundId, title: 'Review 1' } }]);
    expect(mine.editing).toEqual([{ designation: 'ASpP-77' }]);
    expect(mine.unsubmittedComments).toEqual([{ body: 'Typo in 1.', nation: { code: 'FRA' } }]);
    const secretariatView = (await t.ok(MY_WORK, {}, secretariat.token)).myWork;
    expect(secretariatView.openRounds).toEqual([{ draftCount: 0, submitted: false, round: { id: roundId, title: 'Review 1' } }]);
    expect(secretariatView.unsubmittedComments).toEqual([]);
  });

  it('lets the secretariat remove an editor, audited; editors no longer edit', async () => {
    const REMOVE = `mutation($s:ID!,$u:ID!){ removeEditor(standardId:$s, userId:$u){ id editors { id } } }`;
    const denied = await t.gql(REMOVE, { s: standardId, u: expert.id }, expert.token);
    expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const r = await t.ok(REMOVE, { s: standardId, u: expert.id }, secretariat.token);
    expect(r.removeEditor.editors).toEqual([]);
    const again = await t.gql(REMOVE, { s: standardId, u: expert.id }, secretariat.token);
    expect(again.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'standard.editor_removed' AND entity_id = $1`, [standardId])).toHaveLength(1);
    const after = await t.gql(UPDATE, { i: { standardId, scope: 'New scope.' } }, expert.token);
    expect(after.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
