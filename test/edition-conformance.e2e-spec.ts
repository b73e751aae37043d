import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createTestApp, TestApp } from './helpers/app';
import { cast, draft, openBallot, people, People, TEXT } from './helpers/ratification';

const REPORT = `query($p:ID!,$s:ID!,$v:ID){ conformanceReport(productId:$p,standardId:$s,versionId:$v){
  version { number } mandatoryTotal mandatoryMet conformant gaps { key } staleClaims { requirementKey } } }`;

/** The whole path: a ratified edition is what a vendor's report is measured against by default. */
describe('conformance against the edition in force', () => {
  let t: TestApp;
  let p: People;
  before(async () => {
    t = await createTestApp();
    p = await people(t, ['FRA']);
  });
  after(() => t.close());

  it('reports on the edition in force, not on the newer draft, until the next edition is published', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'STANAG 9301');
    const ballot = (await openBallot(t, p.secretariat, standardId, versionId, 1)).data.openBallot;
    expect((await cast(t, p.delegates.FRA, ballot.id, 'RATIFIED_IMPLEMENTING')).errors).toBeUndefined();
    await t.ok(`mutation($b:ID!){ closeBallot(ballotId:$b){ outcome } }`, { b: ballot.id }, p.secretariat);
    await t.ok(`mutation($b:ID!){ publishEdition(ballotId:$b){ number } }`, { b: ballot.id }, p.secretariat);

    const product = (await t.ok(`mutation{ registerProduct(input:{name:"OrbitFeed", productVersion:"3.0"}){ id } }`, {}, p.vendor)).registerProduct.id;
    const keys = (await t.ok(`query($id:ID!){ standardVersion(id:$id){ requirements { key obligation } } }`, { id: versionId }, p.vendor))
      .standardVersion.requirements;
    const shall = keys.filter((r: any) => r.obligation === 'SHALL').map((r: any) => r.key);
    expect(shall).toHaveLength(1);
    await t.ok(
      `mutation($i:SetConformanceInput!){ setConformance(input:$i){ id } }`,
      { i: { productId: product, standardId, versionId, claims: [{ requirementKey: shall[0], level: 'CONFORMANT', evidence: 'Test report TR-7' }] } },
      p.vendor,
    );

    // The next edition is being drafted: the SHALL requirement is tightened in version 2.
    await t.ok(`mutation($id:ID!){ startDrafting(standardId:$id){ status } }`, { id: standardId }, p.secretariat);
    const v2 = (await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id number } }`, {
      i: { standardId, baseVersionId: versionId, text: TEXT.replace('within five minutes', 'within two minutes') },
    }, p.secretariat)).createVersion;
    expect(v2.number).toBe(2);

    const byDefault = (await t.ok(REPORT, { p: product, s: standardId }, p.vendor)).conformanceReport;
    expect(byDefault).toEqual({ version: { number: 1 }, mandatoryTotal: 1, mandatoryMet: 1, conformant: true, gaps: [], staleClaims: [] });
    const onDraft = (await t.ok(REPORT, { p: product, s: standardId, v: v2.id }, p.vendor)).conformanceReport;
    expect(onDraft).toEqual({
      version: { number: 2 }, mandatoryTotal: 1, mandatoryMet: 0, conformant: false,
      gaps: [{ key: shall[0] }], staleClaims: [{ requirementKey: shall[0] }],
    });
  });
});
