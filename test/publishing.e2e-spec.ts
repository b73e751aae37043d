import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { EDITION_IN_FORCE, EditionInForce } from '../src/conformance/edition-in-force';
import { cast, draft, openBallot, people, People, TEXT } from './helpers/ratification';
import { createTestApp, TestApp } from './helpers/app';

const EDITION = `id number label status contentHash html url promulgatedAt publishedBy { displayName }
  standard { designation status } version { number }
  ratification { nation { code name } response implementationDate revision reservations { clause text } castBy { displayName } }`;

const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A ballot on the standard's current version, ratified by FRA and DEU (threshold 2) and closed. */
async function passedBallot(t: TestApp, p: People, standardId: string, versionId: string): Promise<string> {
  const b = (await openBallot(t, p.secretariat, standardId, versionId, 2)).data.openBallot;
  await cast(t, p.delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING', { reservations: [{ clause: '2.1', text: 'Ten minutes <not five>.' }] });
  await cast(t, p.delegates.DEU, b.id, 'RATIFIED_FUTURE_IMPLEMENTATION', { implementationDate: '2028-01-01T00:00:00.000Z' });
  await cast(t, p.delegates.ITA, b.id, 'NOT_RATIFYING');
  await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ outcome } }`, { id: b.id }, p.secretariat);
  return b.id;
}

describe('promulgation and published editions', () => {
  let t: TestApp;
  let p: People;

  before(async () => {
    t = await createTestApp();
    p = await people(t, ['FRA', 'DEU', 'ITA']);
  });
  after(() => t.close());

  const publish = (ballotId: string, token = p.secretariat) =>
    t.gql(`mutation($id:ID!){ publishEdition(ballotId:$id){ ${EDITION} } }`, { id: ballotId }, token);

  it('publishes only a PASSED, closed ballot, and only by the secretariat', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'STANAG 9201');
    const b = (await openBallot(t, p.secretariat, standardId, versionId, 1)).data.openBallot;
    await cast(t, p.delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING');
    const open = await publish(b.id);
    expect(code(open)).toBe('INVALID_STATE');
    expect(open.errors![0].message).toMatch(/OPEN/);
    expect(code(await publish(b.id, p.delegates.FRA))).toBe('FORBIDDEN');

    const failing = await draft(t, p.secretariat, 'STANAG 9202');
    const fb = (await openBallot(t, p.secretariat, failing.standardId, failing.versionId, 5)).data.openBallot;
    await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ outcome } }`, { id: fb.id }, p.secretariat);
    const failed = await publish(fb.id);
    expect(code(failed)).toBe('INVALID_STATE');
    expect(failed.errors![0].message).toMatch(/FAILED/);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM edition`)).toEqual([{ n: 0 }]);
  });

  it('publishes two editions in a row: numbers, label, hash, snapshot, and the first superseded', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'STANAG 9203');
    const ballot1 = await passedBallot(t, p, standardId, versionId);
    const first = await publish(ballot1);
    expect(first.errors).toBeUndefined();
    const e1 = first.data.publishEdition;
    expect(e1).toMatchObject({
      number: 1, label: 'STANAG 9203 Edition 1', status: 'IN_FORCE', url: '/standards/STANAG-9203/editions/1',
      contentHash: sha256(TEXT), standard: { status: 'PROMULGATED' }, version: { number: 1 }, publishedBy: { displayName: 'Sec Retariat' },
    });
    expect(e1.html).toContain('<h3 id="clause-2-1">');
    expect(e1.ratification.map((r: { nation: { code: string }; response: string }) => [r.nation.code, r.response])).toEqual([
      ['DEU', 'RATIFIED_FUTURE_IMPLEMENTATION'], ['FRA', 'RATIFIED_IMPLEMENTING'], ['ITA', 'NOT_RATIFYING'],
    ]);
    expect(e1.ratification[1].reservations).toEqual([{ clause: '2.1', text: 'Ten minutes <not five>.' }]);
    expect(e1.ratification[0].implementationDate).toBe('2028-01-01T00:00:00.000Z');
    expect(code(await publish(ballot1))).toBe('CONFLICT');

    // The next edition: drafting again, a new version, a new ballot.
    await t.ok(`mutation($id:ID!){ startDrafting(standardId:$id){ id } }`, { id: standardId }, p.secretariat);
    const text2 = TEXT.replace('five minutes', 'three minutes');
    const v2 = await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId, baseVersionId: versionId, text: text2 } }, p.secretariat);
    const during = await t.ok(`query($id:ID!){ standard(id:$id){ status currentEdition { number } } }`, { id: standardId }, p.expert);
    expect(during.standard).toEqual({ status: 'DRAFTING', currentEdition: { number: 1 } });
    const ballot2 = await passedBallot(t, p, standardId, v2.createVersion.id);
    const e2 = (await publish(ballot2)).data.publishEdition;
    expect(e2).toMatchObject({ number: 2, label: 'STANAG 9203 Edition 2', status: 'IN_FORCE', contentHash: sha256(text2), version: { number: 2 } });

    const standard = await t.ok(`query($id:ID!){ standard(id:$id){ status editions { number status } currentEdition { number } } }`, { id: standardId }, p.expert);
    expect(standard.standard).toEqual({
      status: 'PROMULGATED', editions: [{ number: 1, status: 'SUPERSEDED' }, { number: 2, status: 'IN_FORCE' }], currentEdition: { number: 2 },
    });
    // The first edition's text and snapshot are as they were.
    const again = await t.ok(`query($id:ID!){ edition(id:$id){ status html contentHash } }`, { id: e1.id });
    expect(again.edition).toEqual({ status: 'SUPERSEDED', html: e1.html, contentHash: e1.contentHash });
    const inForce = t.app.get<symbol, EditionInForce>(EDITION_IN_FORCE);
    expect((await inForce.versionsInForce([standardId], t.db.manager)).get(standardId)).toBe(v2.createVersion.id);
    const [folded] = await t.db.query(`SELECT ${inForce.versionInForceSql('$1::uuid')} AS version, ${inForce.editionLabelSql('$2::uuid')} AS label`, [standardId, v2.createVersion.id]);
    expect(folded).toEqual({ version: v2.createVersion.id, label: 'STANAG 9203 Edition 2' });
  });

  it('lets the database refuse any change to an edition but IN_FORCE -> SUPERSEDED', async () => {
    const [edition] = await t.db.query(`SELECT id, status FROM edition ORDER BY number DESC LIMIT 1`);
    await expect(t.db.query(`UPDATE edition SET html = '<p>tampered</p>' WHERE id = $1`, [edition.id])).rejects.toThrow(/immutable/);
    await expect(t.db.query(`UPDATE edition SET status = 'SUPERSEDED', label = 'x' WHERE id = $1`, [edition.id])).rejects.toThrow(/immutable/);
    await expect(t.db.query(`DELETE FROM edition WHERE id = $1`, [edition.id])).rejects.toThrow(/immutable/);
    const [superseded] = await t.db.query(`SELECT id FROM edition WHERE status = 'SUPERSEDED' LIMIT 1`);
    await expect(t.db.query(`UPDATE edition SET status = 'IN_FORCE' WHERE id = $1`, [superseded.id])).rejects.toThrow(/immutable/);
    await expect(t.db.query(`TRUNCATE edition CASCADE`)).rejects.toThrow(/immutable/);
  });

  it('shows editions of PUBLIC standards to anyone, others only to readers of the standard', async () => {
    const secret = await draft(t, p.secretariat, 'STANAG 9204', 'NATIONS');
    const e = (await publish(await passedBallot(t, p, secret.standardId, secret.versionId))).data.publishEdition;
    const anonymous = await t.ok(`{ publishedEditions { label ratification { nation { code } response } } }`);
    const labels = anonymous.publishedEditions.map((x: { label: string }) => x.label);
    expect(labels).toEqual(['STANAG 9203 Edition 2', 'STANAG 9203 Edition 1']);
    expect(anonymous.publishedEditions[0].ratification).toHaveLength(3);
    expect(code(await t.gql(`query($id:ID!){ edition(id:$id){ id } }`, { id: e.id }))).toBe('NOT_FOUND');
    expect(code(await t.gql(`query($id:ID!){ edition(id:$id){ id } }`, { id: e.id }, p.vendor))).toBe('NOT_FOUND');
    expect((await t.ok(`query($id:ID!){ edition(id:$id){ label } }`, { id: e.id }, p.expert)).edition.label).toBe('STANAG 9204 Edition 1');
    const page1 = await t.ok(`{ publishedEditions(first: 2) { id label } }`, {}, p.expert);
    expect(page1.publishedEditions.map((x: { label: string }) => x.label)).toEqual(['STANAG 9204 Edition 1', 'STANAG 9203 Edition 2']);
    const page2 = await t.ok(`query($a:String){ publishedEditions(first: 2, after: $a) { label } }`, { a: page1.publishedEditions[1].id }, p.expert);
    expect(page2.publishedEditions).toEqual([{ label: 'STANAG 9203 Edition 1' }]);
  });

  it('serves the public pages with escaped text, the ratification table and the Markdown source', async () => {
    const home = await t.http.get('/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(home.text).toContain('STANAG 9203 Edition 2');
    expect(home.text).not.toContain('STANAG 9203 Edition 1<');
    expect(home.text).not.toContain('STANAG 9204');
    expect((await t.http.get('/').set('authorization', `Bearer ${p.expert}`)).text).toContain('STANAG 9204 Edition 1');

    const page = await t.http.get('/standards/STANAG-9203/editions/1');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>STANAG 9203 Edition 1</h1>');
    expect(page.text).toContain('Superseded');
    expect(page.text).toContain('href="#clause-2-1"');
    expect(page.text).toContain('Ten minutes &lt;not five&gt;.');
    expect(page.text).not.toContain('<not five>');
    expect(page.text).toContain(`sha256:${sha256(TEXT)}`);
    expect(page.text).toContain('href="/standards/STANAG-9203/editions/1.md"');

    const source = await t.http.get('/standards/STANAG-9203/editions/1.md');
    expect(source.status).toBe(200);
    expect(source.headers['content-type']).toMatch(/text\/markdown/);
    expect(sha256(source.text)).toBe(sha256(TEXT));

    const list = await t.http.get('/standards/stanag-9203');
    expect(list.status).toBe(200);
    expect(list.text).toContain('/standards/STANAG-9203/editions/2');

    expect((await t.http.get('/standards/STANAG-9204/editions/1')).status).toBe(404);
    // A PUBLIC standard with nothing published is still a draft: anonymous readers do not learn it exists.
    await draft(t, p.secretariat, 'STANAG 9205', 'PUBLIC');
    const unpublished = await t.http.get('/standards/STANAG-9205');
    expect(unpublished.status).toBe(404);
    expect(unpublished.text).not.toContain('STANAG 9205');
    expect((await t.http.get('/standards/STANAG-9205').set('authorization', `Bearer ${p.expert}`)).status).toBe(200);
    expect((await t.http.get('/standards/STANAG-9204/editions/1').set('authorization', `Bearer ${p.vendor}`)).status).toBe(404);
    expect((await t.http.get('/standards/STANAG-9204/editions/1').set('authorization', `Bearer ${p.expert}`)).status).toBe(200);
    expect((await t.http.get('/standards/STANAG-9204/editions/1').set('authorization', 'Bearer not-a-token')).status).toBe(401);
    expect((await t.http.get('/standards/STANAG-9203/editions/9')).status).toBe(404);
    expect((await t.http.get('/standards/STANAG-9203/editions/x1')).status).toBe(404);
    expect((await t.http.get('/health')).body.status).toBe('ok');
  });

  it('labels an Allied Publication "Edition A Version 1" beside its covering STANAG, and shows the promulgation front matter', async () => {
    const proposed = await t.ok(`mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id stanag } }`, {
      i: { designation: 'ASpP-77', stanag: 'STANAG  4777', title: 'Orbital data exchange AP', scope: 'Exchange of surveillance data.', visibility: 'PUBLIC',
        overlapJustification: 'Test standard; overlaps are acceptable in this suite.' },
    }, p.secretariat);
    expect(proposed.proposeStandard.stanag).toBe('STANAG 4777');
    const bad = await t.gql(`mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`, {
      i: { designation: 'ASpP-78', stanag: '4777', title: 'x', scope: 'x', visibility: 'PUBLIC', overlapJustification: 'Test standard; overlaps are acceptable.' },
    }, p.secretariat);
    expect(code(bad)).toBe('BAD_USER_INPUT');
    const standardId = proposed.proposeStandard.id;
    await t.ok(`mutation($id:ID!){ startDrafting(standardId:$id){ id } }`, { id: standardId }, p.secretariat);
    const versionId = (await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId, text: TEXT } }, p.secretariat)).createVersion.id;
    const ballotId = await passedBallot(t, p, standardId, versionId);
    const published = await t.ok(
      `mutation($id:ID!,$d:String){ publishEdition(ballotId:$id, effectiveDate:$d){ label editionLetter versionNumber stanagEdition effectiveDate url } }`,
      { id: ballotId, d: '2027-01-01' },
      p.secretariat,
    );
    expect(published.publishEdition).toEqual({
      label: 'ASpP-77 Edition A Version 1', editionLetter: 'A', versionNumber: 1, stanagEdition: 'STANAG 4777 Edition 1',
      effectiveDate: '2027-01-01', url: '/standards/ASpP-77/editions/1',
    });
    const page = (await t.http.get(published.publishEdition.url)).text;
    expect(page).toContain('<h1>ASpP-77 Edition A Version 1</h1>');
    expect(page).toContain('<dt>Covering agreement</dt><dd>STANAG 4777 Edition 1</dd>');
    expect(page).toContain('The agreement of nations to use this publication is recorded by STANAG 4777 Edition 1.');
    expect(page).toContain('ASpP-77, Edition A, Version 1 is effective on 2027-01-01.');
    expect(page).toMatch(/<h2 id="record-of-reservations">Record of Reservations<\/h2>\s*<table>.*<th scope="row"><a href="#clause-2-1">Clause 2.1<\/a><\/th><td>France<\/td>/s);
    expect(page).toMatch(/Record of Specific Reservations.*<th scope="row">France<\/th><td><strong><a href="#clause-2-1">Clause 2.1<\/a>:<\/strong> Ten minutes &lt;not five&gt;.<\/td>/s);
    expect(page).toContain('NATO UNCLASSIFIED. Releasable to the public.');
    expect(page).toContain('Ratified, future implementation');
    expect(page).toMatch(/<nav class="toc".*href="#promulgation".*href="#clause-1".*href="#ratification"/s);

    // The next ratified edition is B; a standard designated by its STANAG keeps numbered editions.
    await t.ok(`mutation($id:ID!){ startDrafting(standardId:$id){ id } }`, { id: standardId }, p.secretariat);
    const v2 = (await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`,
      { i: { standardId, baseVersionId: versionId, text: TEXT.replace('daily', 'twice a day') } }, p.secretariat)).createVersion.id;
    const second = await t.ok(`mutation($id:ID!){ publishEdition(ballotId:$id){ label effectiveDate } }`, { id: await passedBallot(t, p, standardId, v2) }, p.secretariat);
    expect(second.publishEdition).toEqual({ label: 'ASpP-77 Edition B Version 1', effectiveDate: null });
    const audit = await t.db.query(`SELECT detail FROM audit_event WHERE action = 'edition.published' ORDER BY id DESC LIMIT 1`);
    expect(audit[0].detail).toMatch(/ASpP-77 Edition B Version 1 published .* \(STANAG 4777 Edition 2\); effective on receipt; ASpP-77 Edition A superseded/);
  });

  it('escapes every dynamic string on the pages', async () => {
    const hostile = await draft(t, p.secretariat, 'ASpP-<b>9</b>', 'PUBLIC', '# T\n\n## 1 Scope\n\n<script>alert(1)</script> The provider shall be safe.\n');
    const e = (await publish(await passedBallot2(t, p, hostile.standardId, hostile.versionId))).data.publishEdition;
    const page = await t.http.get(e.url);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>');
    expect(page.text).not.toContain('<b>9</b>');
    expect(page.text).not.toContain('<img');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).toContain('ASpP-&lt;b&gt;9&lt;/b&gt; Edition A Version 1');
  });
});

/** Like passedBallot, without clause-named reservations (for texts without clause 2.1). */
async function passedBallot2(t: TestApp, p: People, standardId: string, versionId: string): Promise<string> {
  const b = (await openBallot(t, p.secretariat, standardId, versionId, 1)).data.openBallot;
  await cast(t, p.delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING', { reservations: [{ text: '<img src=x onerror=alert(1)>' }] });
  await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ outcome } }`, { id: b.id }, p.secretariat);
  return b.id;
}
