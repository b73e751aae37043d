import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createTestApp, TestApp } from './helpers/app';
import { CREATE_VERSION, draftingStandard, PROPOSE, SAMPLE, START } from './helpers/standards';

const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;
const STANDARD = `query($id:ID){ standard(id:$id){ id designation status visibility editors { displayName } currentVersion { number } versions { number } } }`;
const VERSION = `query($id:ID!){ standardVersion(id:$id){ id number text html contentHash summary basedOn { number } author { displayName }
  clauses { number title level line } requirements { key clause obligation text line change } } }`;

describe('drafting', () => {
  let t: TestApp;
  let expert: { id: string; token: string; email: string };
  let secretariat: { id: string; token: string };
  before(async () => {
    t = await createTestApp({ MAX_TEXT_BYTES: '300000', MAX_BODY_BYTES: '600000' });
    expert = await t.user('Ines Expert', [{ role: 'EXPERT', nationCode: 'PRT' }]);
    secretariat = await t.user('Sam Secretariat', [{ role: 'SECRETARIAT' }]);
  });
  after(() => t.close());

  it('runs the lifecycle as a state machine, audits every transition and refuses the rest', async () => {
    const p = await t.gql(PROPOSE, { i: { designation: 'ASpP-90', title: 'Launch Manifest Exchange', scope: 'Exchange of launch manifests.', visibility: 'NATIONS' } }, expert.token);
    expect(p.data.proposeStandard.status).toBe('PROPOSED');
    const id = p.data.proposeStandard.id;
    const s = await t.ok(STANDARD, { id }, expert.token);
    expect(s.standard.editors).toEqual([{ displayName: 'Ines Expert' }]);
    expect(code(await t.gql(CREATE_VERSION, { i: { standardId: id, text: SAMPLE } }, expert.token))).toBe('INVALID_STATE');
    expect(code(await t.gql(START, { id }, expert.token))).toBe('FORBIDDEN');
    expect((await t.gql(START, { id }, secretariat.token)).data.startDrafting.status).toBe('DRAFTING');
    const again = await t.gql(START, { id }, secretariat.token);
    expect(code(again)).toBe('INVALID_STATE');
    expect(again.errors![0].message).toMatch(/DRAFTING/);
    const cancel = `mutation($id:ID!,$r:String!){ cancelStandard(standardId:$id, reason:$r){ status } }`;
    expect(code(await t.gql(cancel, { id, r: '  ' }, secretariat.token))).toBe('BAD_USER_INPUT');
    expect((await t.gql(cancel, { id, r: 'Covered by CCSDS 503.0-B' }, secretariat.token)).data.cancelStandard.status).toBe('CANCELLED');
    expect(code(await t.gql(cancel, { id, r: 'again' }, secretariat.token))).toBe('INVALID_STATE');
    expect(code(await t.gql(START, { id }, secretariat.token))).toBe('INVALID_STATE');
    const audit = await t.ok(`query($id:ID){ auditEvents(entityId:$id){ edges { node { action detail } } } }`, { id }, secretariat.token);
    expect(audit.auditEvents.edges.map((e: any) => e.node.action)).toEqual(['standard.cancel', 'standard.start_drafting', 'standard.proposed']);
    expect(audit.auditEvents.edges[0].node.detail).toBe('ASpP-90 is now CANCELLED: Covered by CCSDS 503.0-B');
  });

  it('keeps designations unique whatever the case, and refuses proposals from vendors', async () => {
    await t.ok(PROPOSE, { i: { designation: 'STANAG 4901', title: 'A', scope: 'B', visibility: 'PUBLIC' } }, expert.token);
    const dup = await t.gql(PROPOSE, { i: { designation: 'stanag 4901', title: 'A', scope: 'B', visibility: 'PUBLIC' } }, expert.token);
    expect(code(dup)).toBe('CONFLICT');
    const admin = await t.adminToken();
    const org = await t.ok(`mutation{ createOrganization(input:{name:"Vendor One", kind:VENDOR}){ id } }`, {}, admin);
    const vendor = await t.user('Vera Vendor', [{ role: 'VENDOR', organizationId: org.createOrganization.id }]);
    expect(code(await t.gql(PROPOSE, { i: { designation: 'X-1', title: 'A', scope: 'B', visibility: 'PUBLIC' } }, vendor.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(PROPOSE, { i: { designation: '', title: 'A', scope: 'B', visibility: 'PUBLIC' } }, expert.token))).toBe('BAD_USER_INPUT');
  });

  it('numbers versions, hashes their text, and lets only editors and the secretariat write them', async () => {
    const { id, v1 } = await draftingStandard(t, expert.token, { designation: 'ASpP-91' });
    const version = await t.ok(VERSION, { id: v1 }, expert.token);
    expect(version.standardVersion).toMatchObject({ number: 1, text: SAMPLE, author: { displayName: 'Ines Expert' }, basedOn: null });
    expect(version.standardVersion.contentHash).toBe(createHash('sha256').update(SAMPLE).digest('hex'));
    expect(version.standardVersion.clauses).toEqual([
      { number: '1', title: 'Scope', level: 1, line: 3 },
      { number: '2', title: 'Requirements', level: 1, line: 7 },
      { number: '2.1', title: 'Formats', level: 2, line: 13 },
    ]);
    expect(version.standardVersion.requirements.map((r: any) => [r.key, r.clause, r.obligation, r.line, r.change])).toEqual([
      ['TDX-LAT', '2', 'SHALL', 9, 'ADDED'],
      ['R-001', '2', 'SHOULD', 11, 'ADDED'],
      ['R-002', '2.1', 'SHALL', 15, 'ADDED'],
      ['R-003', '2.1', 'MAY', 17, 'ADDED'],
    ]);
    expect(version.standardVersion.html).toContain('The provider shall deliver tracking data within 60 seconds.');
    expect(version.standardVersion.html).not.toContain('{#TDX-LAT}');

    const other = await t.user('Otto Expert', [{ role: 'EXPERT', nationCode: 'DEU' }]);
    const text2 = SAMPLE.replace('within 60 seconds', 'within 30 seconds');
    expect(code(await t.gql(CREATE_VERSION, { i: { standardId: id, baseVersionId: v1, text: text2 } }, other.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(CREATE_VERSION, { i: { standardId: id, text: text2 } }, expert.token))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(CREATE_VERSION, { i: { standardId: id, baseVersionId: v1, text: SAMPLE } }, expert.token))).toBe('BAD_USER_INPUT');
    await t.ok(`mutation($s:ID!,$u:ID!){ addEditor(standardId:$s, userId:$u){ id } }`, { s: id, u: other.id }, secretariat.token);
    const v2 = await t.ok(CREATE_VERSION, { i: { standardId: id, baseVersionId: v1, text: text2, summary: 'Latency halved' } }, other.token);
    expect(v2.createVersion.number).toBe(2);
    const reqs = await t.ok(VERSION, { id: v2.createVersion.id }, expert.token);
    expect(reqs.standardVersion.requirements.map((r: any) => [r.key, r.change])).toEqual([
      ['TDX-LAT', 'MODIFIED'], ['R-001', 'UNCHANGED'], ['R-002', 'UNCHANGED'], ['R-003', 'UNCHANGED'],
    ]);
    const huge = `# Big\n\n${'Filler text line.\n'.repeat(20000)}`;
    const big = await t.gql(CREATE_VERSION, { i: { standardId: id, baseVersionId: v2.createVersion.id, text: huge } }, expert.token);
    expect(code(big)).toBe('BAD_USER_INPUT');
    expect(big.errors![0].message).toMatch(/limit is 300000 bytes/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM standard_version WHERE standard_id = $1`, [id]);
    expect(n).toBe(2);
  });

  it('never reuses a removed requirement key', async () => {
    const { id, v1 } = await draftingStandard(t, expert.token, { designation: 'ASpP-92' });
    const without = SAMPLE.replace('The provider should sign every message.\n\n', '');
    const v2 = await t.ok(CREATE_VERSION, { i: { standardId: id, baseVersionId: v1, text: without } }, expert.token);
    const added = `${without}\nThe consumer shall acknowledge each message.\n`;
    const v3 = await t.ok(CREATE_VERSION, { i: { standardId: id, baseVersionId: v2.createVersion.id, text: added } }, expert.token);
    const r = await t.ok(VERSION, { id: v3.createVersion.id }, expert.token);
    const keys = r.standardVersion.requirements.map((x: any) => x.key);
    expect(keys).not.toContain('R-001');
    expect(r.standardVersion.requirements.at(-1)).toMatchObject({ key: 'R-004', change: 'ADDED', text: 'The consumer shall acknowledge each message.' });
  });

  it('saves a version with drafting errors, shows them as warnings, and gives provisions their kind, identifier and PICS status', async () => {
    const { id, v1 } = await draftingStandard(t, expert.token, { designation: 'ASpP-WARN' });
    const text = [
      '# Warnings', '', '## 1 Scope', '', 'This document shall not be read as a requirement.', '',
      '## 2 Rules', '', 'The provider must log. The provider shall sign.', '',
      'If a label is given, the provider shall apply it. The provider may not retry.', '',
      'NOTE The provider should keep logs.', '', 'The consumer can cancel. It is recommended that logs be kept.', '',
    ].join('\n');
    const v2 = await t.ok(CREATE_VERSION, { i: { standardId: id, baseVersionId: v1, text } }, expert.token);
    const r = await t.ok(
      `query($id:ID!){ standardVersion(id:$id){ warnings { code clause line message }
        requirements { identifier kind obligation status condition text } clauses { number informative } } }`,
      { id: v2.createVersion.id },
      expert.token,
    );
    const v = r.standardVersion;
    expect(v.warnings.map((w: any) => [w.code, w.clause, w.line])).toEqual([
      ['PROVISION_IN_INFORMATIVE', '1', 5],
      ['MUST', '2', 9],
      ['MAY_NOT', '2', 11],
      ['PROVISION_IN_INFORMATIVE', '2', 13],
    ]);
    expect(v.warnings[1].message).toMatch(/write "shall"/);
    expect(v.requirements.map((q: any) => [q.identifier, q.kind, q.obligation, q.status, q.condition])).toEqual([
      ['2a', 'REQUIREMENT', 'SHALL', 'M', null],
      ['2b', 'REQUIREMENT', 'SHALL', 'C', 'a label is given'],
      ['2c', 'PERMISSION', 'MAY', 'O', null],
      ['2d', 'POSSIBILITY', 'CAN', null, null],
      ['2e', 'RECOMMENDATION', 'SHOULD', 'O', null],
    ]);
    expect(v.clauses).toEqual([{ number: '1', informative: true }, { number: '2', informative: false }]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM requirement WHERE version_id = $1 AND identifier LIKE '2_'`, [v2.createVersion.id]);
    expect(n).toBe(5);
  });

  it('refuses to change or delete stored versions, blocks and requirements in SQL', async () => {
    const { v1 } = await draftingStandard(t, expert.token, { designation: 'ASpP-93' });
    await expect(t.db.query(`UPDATE standard_version SET label = 'x' WHERE id = $1`, [v1])).rejects.toThrow(/not allowed/);
    await expect(t.db.query(`DELETE FROM standard_version WHERE id = $1`, [v1])).rejects.toThrow(/not allowed/);
    await expect(t.db.query(`UPDATE text_block SET content = 'x'`)).rejects.toThrow(/not allowed/);
    await expect(t.db.query(`DELETE FROM requirement WHERE version_id = $1`, [v1])).rejects.toThrow(/not allowed/);
    // A requirement belongs to a stored version (checked once per insert statement, not per row).
    await expect(t.db.query(
      `INSERT INTO requirement (version_id, key, clause, obligation, text, line, change, ord, identifier, status)
       VALUES ($1, 'R-900', '1', 'SHALL', 'x', 1, 'ADDED', 0, '1a', 'M'), (gen_random_uuid(), 'R-901', '1', 'SHALL', 'x', 1, 'ADDED', 1, '1b', 'M')`,
      [v1],
    )).rejects.toThrow(/version that does not exist/);
    const text = (await t.ok(VERSION, { id: v1 }, expert.token)).standardVersion.text;
    expect(text).toBe(SAMPLE);
  });

  it('merges an edit from an older base cleanly, and refuses overlapping edits with the clauses in conflict', async () => {
    const { id, v1 } = await draftingStandard(t, expert.token, { designation: 'ASpP-94' });
    const a = SAMPLE.replace('how tracking data is exchanged', 'how tracking and orbit data are exchanged');
    await t.ok(CREATE_VERSION, { i: { standardId: id, baseVersionId: v1, text: a } }, expert.token);
    const b = SAMPLE.replace('compressed delivery', 'compressed or batched delivery');
    const merged = await t.ok(CREATE_VERSION, { i: { standardId: id, baseVersionId: v1, text: b, summary: 'Batching' } }, expert.token);
    expect(merged.createVersion.number).toBe(3);
    expect(merged.createVersion.summary).toBe('Batching Merged with version 2.');
    const v3 = await t.ok(VERSION, { id: merged.createVersion.id }, expert.token);
    expect(v3.standardVersion.text).toBe(SAMPLE.replace('how tracking data is exchanged', 'how tracking and orbit data are exchanged').replace('compressed delivery', 'compressed or batched delivery'));
    const c = SAMPLE.replace('how tracking data is exchanged', 'how ephemeris data is exchanged');
    const conflict = await t.gql(CREATE_VERSION, { i: { standardId: id, baseVersionId: v1, text: c } }, expert.token);
    expect(code(conflict)).toBe('VERSION_CONFLICT');
    expect(conflict.errors![0].extensions.conflictClauses).toEqual(['1']);
    expect(conflict.errors![0].extensions.currentVersionNumber).toBe(3);
  });

  it('lands concurrent saves from the same base merged, never losing text, and refuses the overlapping one', async () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => `Paragraph ${i} is informative text about topic ${i}.`);
    const text = `# Concurrency\n\n## 1 Body\n\n${paragraphs.join('\n\n')}\n`;
    const { id, v1 } = await draftingStandard(t, expert.token, { designation: 'ASpP-95', text });
    const edits = paragraphs.map((p, i) => text.replace(p, `Paragraph ${i} was edited by editor ${i}.`));
    const results = await Promise.all(edits.map((e) => t.gql(CREATE_VERSION, { i: { standardId: id, baseVersionId: v1, text: e } }, expert.token)));
    expect(results.map((r) => r.errors)).toEqual(results.map(() => undefined));
    expect(results.map((r) => r.data.createVersion.number).sort()).toEqual([2, 3, 4, 5, 6, 7]);
    const last = await t.ok(`query($id:ID){ standard(id:$id){ currentVersion { number text } } }`, { id }, expert.token);
    expect(last.standard.currentVersion.number).toBe(7);
    for (let i = 0; i < 6; i++) expect(last.standard.currentVersion.text).toContain(`Paragraph ${i} was edited by editor ${i}.`);

    const v7 = (await t.ok(`query($id:ID){ standard(id:$id){ currentVersion { id text } } }`, { id }, expert.token)).standard.currentVersion;
    const x = v7.text.replace('Paragraph 0 was edited by editor 0.', 'Paragraph 0, first rewrite.');
    const y = v7.text.replace('Paragraph 0 was edited by editor 0.', 'Paragraph 0, second rewrite.');
    const race = await Promise.all([x, y].map((e) => t.gql(CREATE_VERSION, { i: { standardId: id, baseVersionId: v7.id, text: e } }, expert.token)));
    expect(race.map(code).sort()).toEqual([undefined, 'VERSION_CONFLICT'].sort());
  });

  it('stores 50 versions of a large document for little more than one, and reads each back byte for byte', async () => {
    const paragraphs = Array.from({ length: 400 }, (_, i) => `Informative paragraph ${i}: ${'orbit determination and tracking '.repeat(12)}`);
    const base = `# Large\r\n\r\n## 1 Body\r\n\r\n${paragraphs.join('\r\n\r\n')}`;
    const { id, v1 } = await draftingStandard(t, expert.token, { designation: 'ASpP-96', text: base });
    let prev = v1;
    let text = base;
    const texts = [base];
    for (let n = 2; n <= 50; n++) {
      text = text.replace(`Informative paragraph ${n}:`, `Informative paragraph ${n} (revised in version ${n}):`);
      texts.push(text);
      prev = (await t.ok(CREATE_VERSION, { i: { standardId: id, baseVersionId: prev, text } }, expert.token)).createVersion.id;
    }
    const [{ stored, logical }] = await t.db.query(
      `SELECT (SELECT sum(octet_length(content)) FROM text_block b WHERE b.hash IN (SELECT unnest(blocks) FROM standard_version WHERE standard_id = $1))::int AS stored,
              (SELECT sum(byte_length) FROM standard_version WHERE standard_id = $1)::int AS logical`,
      [id],
    );
    const one = Buffer.byteLength(base);
    process.stdout.write(`# storage: 50 versions of ${one} bytes = ${logical} bytes of text stored in ${stored} bytes of blocks (${(stored / one).toFixed(2)}x one version)\n`);
    expect(stored).toBeLessThan(one * 1.5);
    const all = await t.ok(`query($id:ID){ standard(id:$id){ versions { number text } } }`, { id }, expert.token);
    expect(all.standard.versions.map((v: any) => v.text)).toEqual(texts);
  });

  it('gives a redline between any two versions: diff -u, word-level HTML, counts, clauses and requirement deltas', async () => {
    const { id, v1 } = await draftingStandard(t, expert.token, { designation: 'ASpP-97' });
    const text2 = SAMPLE
      .replace('within 60 seconds', 'within 30 seconds')
      .replace('The provider should sign every message.\n\n', '')
      .replace('The consumer may request compressed delivery.\n', 'The consumer may request compressed delivery.\n\nThe consumer shall not resend unchanged data.\n');
    const v2 = (await t.ok(CREATE_VERSION, { i: { standardId: id, baseVersionId: v1, text: text2 } }, expert.token)).createVersion.id;
    const r = await t.ok(
      `query($a:ID!,$b:ID!){ redline(fromVersionId:$a, toVersionId:$b){ from { number } to { number } unified html stats { wordsInserted wordsDeleted changedClauses } requirementChanges { key change before after } } }`,
      { a: v1, b: v2 }, expert.token,
    );
    expect(r.redline.unified).toBe(
      [
        '--- ASpP-97 version 1', '+++ ASpP-97 version 2', '@@ -6,12 +6,12 @@', ' ', ' ## 2 Requirements', ' ',
        '-The provider shall deliver tracking data within 60 seconds. {#TDX-LAT}', '-', '-The provider should sign every message.',
        '+The provider shall deliver tracking data within 30 seconds. {#TDX-LAT}', ' ', ' ### 2.1 Formats', ' ',
        ' Messages shall use the CCSDS Tracking Data Message format.', ' ', ' The consumer may request compressed delivery.',
        '+', '+The consumer shall not resend unchanged data.', '',
      ].join('\n'),
    );
    expect(r.redline.html).toMatch(/<del>60<\/del>/);
    expect(r.redline.html).toMatch(/<ins>30<\/ins>/);
    expect(r.redline.stats).toEqual({ wordsInserted: 8, wordsDeleted: 7, changedClauses: ['2', '2.1'] });
    expect(r.redline.requirementChanges).toEqual([
      { key: 'TDX-LAT', change: 'MODIFIED', before: 'The provider shall deliver tracking data within 60 seconds.', after: 'The provider shall deliver tracking data within 30 seconds.' },
      { key: 'R-004', change: 'ADDED', before: null, after: 'The consumer shall not resend unchanged data.' },
      { key: 'R-001', change: 'REMOVED', before: 'The provider should sign every message.', after: null },
    ]);
    const other = await draftingStandard(t, expert.token, { designation: 'ASpP-98' });
    expect(code(await t.gql(`query($a:ID!,$b:ID!){ redline(fromVersionId:$a, toVersionId:$b){ unified } }`, { a: v1, b: other.v1 }, expert.token))).toBe('BAD_USER_INPUT');
  });

  it('renders raw HTML and script links harmlessly', async () => {
    const evil = `# Evil\n\n## 1 Scope\n\n<script>alert(1)</script> and [click](javascript:alert(1)) and <img src=x onerror=alert(1)>\n`;
    const { v1 } = await draftingStandard(t, expert.token, { designation: 'ASpP-99', text: evil });
    const html = (await t.ok(VERSION, { id: v1 }, expert.token)).standardVersion.html;
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('pages through standards with a total count', async () => {
    const first = await t.ok(`{ standards(first:2){ totalCount pageInfo { hasNextPage endCursor } edges { node { designation } } } }`, {}, expert.token);
    expect(first.standards.totalCount).toBeGreaterThan(4);
    const next = await t.ok(`query($a:String){ standards(first:2, after:$a){ edges { node { designation } } } }`, { a: first.standards.pageInfo.endCursor }, expert.token);
    const names = [...first.standards.edges, ...next.standards.edges].map((e: any) => e.node.designation);
    expect(new Set(names).size).toBe(4);
    expect([...names].sort()).toEqual(names);
    const drafting = await t.ok(`{ standards(filter:{status:CANCELLED}){ totalCount edges { node { designation } } } }`, {}, expert.token);
    expect(drafting.standards.edges.map((e: any) => e.node.designation)).toEqual(['ASpP-90']);
  });
});

describe('visibility', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  before(async () => {
    t = await createTestApp();
    const expert = await t.user('Vis Expert', [{ role: 'EXPERT', nationCode: 'NLD' }]);
    for (const visibility of ['NATIONS', 'INDUSTRY', 'PUBLIC']) {
      ids[visibility] = (await draftingStandard(t, expert.token, {
        designation: `VIS-${visibility}`, visibility, title: `Quasar ranging ${visibility}`,
        text: `# Quasar ranging\n\n## 1 Scope\n\nQuasar ranging <b>campaigns</b> shall be logged.\n`,
      })).id;
    }
    const admin = await t.adminToken();
    const org = await t.ok(`mutation{ createOrganization(input:{name:"Vis Vendor", kind:VENDOR}){ id } }`, {}, admin);
    tokens.EXPERT = expert.token;
    tokens.DELEGATE = (await t.user('Vis Delegate', [{ role: 'DELEGATE', nationCode: 'BEL' }])).token;
    tokens.SECRETARIAT = (await t.user('Vis Secretariat', [{ role: 'SECRETARIAT' }])).token;
    tokens.ADMIN = admin;
    tokens.VENDOR = (await t.user('Vis Vendor', [{ role: 'VENDOR', organizationId: org.createOrganization.id }])).token;
    tokens.NONE = (await t.user('Vis Nobody')).token;
  });
  after(() => t.close());

  const expected: Record<string, string[]> = {
    ADMIN: ['INDUSTRY', 'NATIONS', 'PUBLIC'], SECRETARIAT: ['INDUSTRY', 'NATIONS', 'PUBLIC'], EXPERT: ['INDUSTRY', 'NATIONS', 'PUBLIC'],
    DELEGATE: ['INDUSTRY', 'NATIONS', 'PUBLIC'], VENDOR: ['INDUSTRY', 'PUBLIC'], NONE: ['PUBLIC'],
  };
  for (const role of Object.keys(expected)) {
    it(`shows ${role} exactly the standards it may see, in lists, lookups and search`, async () => {
      const list = await t.ok(`{ standards(first:50){ edges { node { visibility } } } }`, {}, tokens[role]);
      expect(list.standards.edges.map((e: any) => e.node.visibility).sort()).toEqual(expected[role]);
      const hits = await t.ok(`{ search(query:"quasar ranging"){ standard { visibility } snippet } }`, {}, tokens[role]);
      expect(hits.search.map((h: any) => h.standard.visibility).sort()).toEqual(expected[role]);
      for (const h of hits.search) {
        expect(h.snippet).toMatch(/<mark>[Qq]uasar<\/mark>/);
        expect(h.snippet).not.toContain('<b>');
      }
      for (const visibility of ['NATIONS', 'INDUSTRY', 'PUBLIC']) {
        const one = await t.gql(`query($id:ID){ standard(id:$id){ id versions { id } } }`, { id: ids[visibility] }, tokens[role]);
        if (expected[role].includes(visibility)) expect(one.data.standard.id).toBe(ids[visibility]);
        else expect(code(one)).toBe('NOT_FOUND');
      }
    });
  }

  it('refuses anonymous reads of drafts', async () => {
    expect(code(await t.gql(`{ standards { totalCount } }`))).toBe('UNAUTHENTICATED');
  });
});
