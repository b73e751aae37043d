import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { parse } from 'csv-parse/sync';
import { createTestApp, TestApp } from './helpers/app';

const PROPOSE = `mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`;
const DRAFT = `mutation($s:ID!){ startDrafting(standardId:$s){ id } }`;
const VERSION = `mutation($i:CreateVersionInput!){ createVersion(input:$i){ id number } }`;
const REGISTER = `mutation($i:RegisterProductInput!){ registerProduct(input:$i){ id name productVersion organization { id name } } }`;
const SET = `mutation($i:SetConformanceInput!){ setConformance(input:$i){
  id requirementKey level evidence stale version { number } standard { designation } product { name } } }`;
const REPORT = `query($p:ID!,$s:ID!,$v:ID){ conformanceReport(productId:$p,standardId:$s,versionId:$v){
  product { id } standard { designation } version { number } draft
  mandatoryTotal mandatoryMet coverage conformant
  gaps { key text } staleClaims { requirementKey level stale version { number } } } }`;
const MATRIX = `query($s:[ID!]!,$p:[ID!]){ interoperabilityMatrix(standardIds:$s,productIds:$p){
  product { id name organization { name } } standard { id designation } coverage conformant } }`;
const PRODUCTS = `query($o:ID){ products(organizationId:$o){ id name claims { requirementKey stale } } }`;

const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;

const V1 = `# Ground terminal interface

## 1 Scope

This standard covers commercial ground terminals.

## 2 Requirements

The terminal shall log every command it receives. {#LOG}

The terminal shall encrypt telemetry with AES-256. {#ENC}

The terminal shall sign every pass report. {#SIG}

If the terminal has an IP interface, the terminal shall expose a health endpoint. {#HEALTH}

The terminal should report its temperature. {#TEMP}
`;

// Version 2 rewords ENC and SIG and removes HEALTH; LOG and TEMP stay as they were.
const V2 = V1.replace('with AES-256.', 'with AES-256-GCM.')
  .replace('every pass report.', 'every pass report with an Ed25519 key.')
  .replace('If the terminal has an IP interface, the terminal shall expose a health endpoint. {#HEALTH}\n\n', '');

const simpleText = (n: number) => `# Profile ${n}

## 1 Requirements

The service shall accept orders over HTTPS. {#ORD}

The service shall confirm each order within ${n} seconds. {#ACK}

The service may batch orders. {#BATCH}
`;

describe('conformance', () => {
  let t: TestApp;
  let admin: string;
  let expert: { id: string; token: string };
  let secretariat: { token: string };
  let delegate: { token: string };
  let vendorA: { token: string };
  let vendorB: { token: string };
  let orgA: string;
  let orgB: string;
  let std: string;
  let v1: string;
  let v2: string;
  let productA: string;
  let productB: string;

  async function standard(designation: string, text: string, visibility = 'INDUSTRY') {
    const s = await t.ok(
      PROPOSE,
      { i: { designation, title: `${designation} interface`, scope: `Scope of ${designation}.`, visibility, overlapJustification: 'Written for the conformance tests of this suite.' } },
      expert.token,
    );
    const id = s.proposeStandard.id;
    await t.ok(DRAFT, { s: id }, secretariat.token);
    const v = await t.ok(VERSION, { i: { standardId: id, text } }, expert.token);
    return { id, versionId: v.createVersion.id as string };
  }

  const setClaims = (token: string, productId: string, standardId: string, versionId: string, claims: unknown[]) =>
    t.gql(SET, { i: { productId, standardId, versionId, claims } }, token);

  before(async () => {
    t = await createTestApp();
    admin = await t.adminToken();
    orgA = (await t.ok(`mutation{ createOrganization(input:{name:"Orbital Links Ltd", kind:VENDOR}){ id } }`, {}, admin)).createOrganization.id;
    orgB = (await t.ok(`mutation{ createOrganization(input:{name:"Polar Ground AS", kind:VENDOR}){ id } }`, {}, admin)).createOrganization.id;
    expert = await t.user('Eva Expert', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    secretariat = await t.user('Sam Secretariat', [{ role: 'SECRETARIAT' }]);
    delegate = await t.user('Dag Delegate', [{ role: 'DELEGATE', nationCode: 'NOR' }]);
    vendorA = await t.user('Vera Vendor', [{ role: 'VENDOR', organizationId: orgA }]);
    vendorB = await t.user('Paul Polar', [{ role: 'VENDOR', organizationId: orgB }]);
    ({ id: std, versionId: v1 } = await standard('ASpP-90', V1));
  });
  after(() => t.close());

  it('lets a vendor register a product for its own organization only', async () => {
    const a = await t.ok(REGISTER, { i: { name: 'SkyGate', productVersion: '2.1', description: 'Ground terminal' } }, vendorA.token);
    expect(a.registerProduct).toMatchObject({ name: 'SkyGate', productVersion: '2.1', organization: { id: orgA, name: 'Orbital Links Ltd' } });
    productA = a.registerProduct.id;
    productB = (await t.ok(REGISTER, { i: { name: 'IceLink', productVersion: '1.0' } }, vendorB.token)).registerProduct.id;

    expect(code(await t.gql(REGISTER, { i: { name: 'SkyGate', productVersion: '2.1' } }, vendorA.token))).toBe('CONFLICT');
    expect(code(await t.gql(REGISTER, { i: { name: 'Expert box', productVersion: '1' } }, expert.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(REGISTER, { i: { name: '', productVersion: '1' } }, vendorA.token))).toBe('BAD_USER_INPUT');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM product`);
    expect(n).toBe(2);
  });

  it('lets only the product\'s own vendor edit it, audited, and refuses a name and release the organization has already', async () => {
    const UPDATE = `mutation($id:ID!,$i:UpdateProductInput!){ updateProduct(id:$id, input:$i){ id name productVersion description } }`;
    const spare = (await t.ok(REGISTER, { i: { name: 'SkyGate Lite', productVersion: '1.0' } }, vendorA.token)).registerProduct.id;
    expect(code(await t.gql(UPDATE, { id: spare, i: { name: 'Taken' } }, vendorB.token))).toBe('NOT_FOUND');
    expect(code(await t.gql(UPDATE, { id: spare, i: { name: 'Taken' } }, expert.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(UPDATE, { id: spare, i: { name: 'skygate', productVersion: '2.1' } }, vendorA.token))).toBe('CONFLICT');
    expect(code(await t.gql(UPDATE, { id: spare, i: { productVersion: ' ' } }, vendorA.token))).toBe('BAD_USER_INPUT');
    const done = (await t.ok(UPDATE, { id: spare, i: { productVersion: '1.1', description: 'Compact terminal' } }, vendorA.token)).updateProduct;
    expect(done).toEqual({ id: spare, name: 'SkyGate Lite', productVersion: '1.1', description: 'Compact terminal' });
    const audit = await t.db.query(`SELECT action, detail FROM audit_event WHERE entity_id = $1 ORDER BY id`, [spare]);
    expect(audit[1]).toEqual({ action: 'product.updated', detail: 'Product SkyGate Lite 1.0: productVersion 1.0 → 1.1, description changed' });
    await t.db.query(`DELETE FROM product WHERE id = $1`, [spare]);
  });

  it('reports claims made on version 1 as stale or gaps exactly where version 2 changed or removed the requirement', async () => {
    const claims = await setClaims(vendorA.token, productA, std, v1, [
      { requirementKey: 'LOG', level: 'CONFORMANT', evidence: 'Test report TR-1' },
      { requirementKey: 'ENC', level: 'CONFORMANT' },
      { requirementKey: 'SIG', level: 'CONFORMANT' },
      { requirementKey: 'HEALTH', level: 'NOT_APPLICABLE', evidence: 'No IP interface' },
      { requirementKey: 'TEMP', level: 'PARTIAL' },
    ]);
    expect(claims.errors).toBeUndefined();
    expect(claims.data.setConformance.map((c: { requirementKey: string }) => c.requirementKey)).toEqual(['LOG', 'ENC', 'SIG', 'HEALTH', 'TEMP']);
    expect(claims.data.setConformance[0]).toMatchObject({ level: 'CONFORMANT', stale: false, version: { number: 1 }, standard: { designation: 'ASpP-90' }, product: { name: 'SkyGate' } });

    const onV1 = (await t.ok(REPORT, { p: productA, s: std }, vendorA.token)).conformanceReport;
    expect(onV1).toMatchObject({ version: { number: 1 }, draft: true, mandatoryTotal: 4, mandatoryMet: 4, coverage: 1, conformant: true, gaps: [], staleClaims: [] });

    v2 = (await t.ok(VERSION, { i: { standardId: std, baseVersionId: v1, text: V2 } }, expert.token)).createVersion.id;

    // No versionId: the current version (no edition is in force).
    const onV2 = (await t.ok(REPORT, { p: productA, s: std }, vendorA.token)).conformanceReport;
    expect(onV2.version.number).toBe(2);
    expect(onV2.staleClaims.map((c: { requirementKey: string }) => c.requirementKey).sort()).toEqual(['ENC', 'HEALTH', 'SIG']);
    expect(onV2.staleClaims.every((c: { stale: boolean; version: { number: number } }) => c.stale && c.version.number === 1)).toBe(true);
    expect(onV2.gaps.map((g: { key: string }) => g.key)).toEqual(['ENC', 'SIG']);
    expect(onV2.gaps[0].text).toMatch(/AES-256-GCM/);
    expect(onV2).toMatchObject({ mandatoryTotal: 3, mandatoryMet: 1, conformant: false });
    expect(onV2.coverage).toBeCloseTo(1 / 3);

    const fields = await t.ok(`query($id:ID!,$s:ID){ product(id:$id){ claims(standardId:$s){ requirementKey stale } } }`, { id: productA, s: std }, vendorA.token);
    expect(Object.fromEntries(fields.product.claims.map((c: { requirementKey: string; stale: boolean }) => [c.requirementKey, c.stale]))).toEqual({
      LOG: false, ENC: true, SIG: true, HEALTH: true, TEMP: false,
    });
  });

  it('replaces a claim set again, audits old and new level, and judges it against the version asked for', async () => {
    const res = await setClaims(vendorA.token, productA, std, v2, [{ requirementKey: 'ENC', level: 'PARTIAL', evidence: 'GCM in release 2.2' }]);
    expect(res.errors).toBeUndefined();
    expect(res.data.setConformance).toEqual([
      expect.objectContaining({ requirementKey: 'ENC', level: 'PARTIAL', stale: false, version: { number: 2 } }),
    ]);
    const rows = await t.db.query(`SELECT level, evidence FROM conformance_claim WHERE product_id = $1 AND requirement_key = 'ENC'`, [productA]);
    expect(rows).toEqual([{ level: 'PARTIAL', evidence: 'GCM in release 2.2' }]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM conformance_claim WHERE product_id = $1`, [productA]);
    expect(n).toBe(5);
    const audit = await t.db.query(`SELECT detail FROM audit_event WHERE action = 'conformance.set' AND entity_id = $1 ORDER BY id`, [productA]);
    expect(audit).toHaveLength(2);
    expect(audit[0].detail).toMatch(/ENC none -> CONFORMANT/);
    expect(audit[1].detail).toMatch(/ASpP-90 version 2: ENC CONFORMANT -> PARTIAL/);

    const onV2 = (await t.ok(REPORT, { p: productA, s: std, v: v2 }, vendorA.token)).conformanceReport;
    expect(onV2.staleClaims.map((c: { requirementKey: string }) => c.requirementKey).sort()).toEqual(['HEALTH', 'SIG']);
    expect(onV2.gaps.map((g: { key: string }) => g.key)).toEqual(['ENC', 'SIG']);
    // The ENC claim now vouches for version 2's words, so against version 1 it is the stale one.
    const onV1 = (await t.ok(REPORT, { p: productA, s: std, v: v1 }, vendorA.token)).conformanceReport;
    expect(onV1.staleClaims.map((c: { requirementKey: string }) => c.requirementKey)).toEqual(['ENC']);
    expect(onV1).toMatchObject({ mandatoryTotal: 4, mandatoryMet: 3 });
  });

  it('refuses a set with an unknown, removed or repeated key as a whole, naming the key', async () => {
    const unknown = await setClaims(vendorA.token, productA, std, v2, [
      { requirementKey: 'LOG', level: 'NON_CONFORMANT' },
      { requirementKey: 'NOPE-7', level: 'CONFORMANT' },
    ]);
    expect(code(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].message).toContain('NOPE-7');
    expect(unknown.errors![0].extensions.keys).toEqual(['NOPE-7']);
    const removed = await setClaims(vendorA.token, productA, std, v2, [{ requirementKey: 'HEALTH', level: 'CONFORMANT' }]);
    expect(code(removed)).toBe('BAD_USER_INPUT');
    expect(removed.errors![0].message).toContain('HEALTH');
    const twice = await setClaims(vendorA.token, productA, std, v2, [
      { requirementKey: 'LOG', level: 'NON_CONFORMANT' },
      { requirementKey: 'LOG', level: 'CONFORMANT' },
    ]);
    expect(code(twice)).toBe('BAD_USER_INPUT');
    const [{ level }] = await t.db.query(`SELECT level FROM conformance_claim WHERE product_id = $1 AND requirement_key = 'LOG'`, [productA]);
    expect(level).toBe('CONFORMANT');

    const other = await standard('ASpP-91', simpleText(1));
    const mismatch = await setClaims(vendorA.token, productA, std, other.versionId, [{ requirementKey: 'ORD', level: 'CONFORMANT' }]);
    expect(code(mismatch)).toBe('BAD_USER_INPUT');
    expect(mismatch.errors![0].extensions.field).toBe('versionId');
    // The database holds the same line: a claim's version belongs to the claim's standard.
    await expect(
      t.db.query(
        `INSERT INTO conformance_claim (product_id, standard_id, version_id, requirement_key, level) VALUES ($1, $2, $3, 'ORD', 'CONFORMANT')`,
        [productA, std, other.versionId],
      ),
    ).rejects.toThrow(/not a version of standard/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'conformance.set'`);
    expect(n).toBe(2);
  });

  it('keeps two vendors apart and lets the Alliance roles read every product', async () => {
    await t.ok(SET, { i: { productId: productB, standardId: std, versionId: v2, claims: [{ requirementKey: 'LOG', level: 'PARTIAL' }] } }, vendorB.token);

    const listB = (await t.ok(PRODUCTS, {}, vendorB.token)).products;
    expect(listB.map((p: { id: string }) => p.id)).toEqual([productB]);
    expect((await t.ok(PRODUCTS, { o: orgA }, vendorB.token)).products).toEqual([]);
    expect(code(await t.gql(`query($id:ID!){ product(id:$id){ id } }`, { id: productA }, vendorB.token))).toBe('NOT_FOUND');
    expect(code(await t.gql(REPORT, { p: productA, s: std }, vendorB.token))).toBe('NOT_FOUND');
    expect(code(await setClaims(vendorB.token, productA, std, v2, [{ requirementKey: 'LOG', level: 'NON_CONFORMANT' }]))).toBe('NOT_FOUND');
    const cells = (await t.ok(MATRIX, { s: [std], p: [productA, productB] }, vendorB.token)).interoperabilityMatrix;
    expect(cells.map((c: { product: { id: string } }) => c.product.id)).toEqual([productB]);
    expect((await t.ok(MATRIX, { s: [std] }, vendorB.token)).interoperabilityMatrix).toHaveLength(1);

    for (const reader of [expert, secretariat, delegate]) {
      const all = (await t.ok(PRODUCTS, {}, reader.token)).products;
      expect(all.map((p: { id: string }) => p.id).sort()).toEqual([productA, productB].sort());
      expect((await t.ok(REPORT, { p: productA, s: std }, reader.token)).conformanceReport.mandatoryTotal).toBe(3);
    }
    expect((await t.ok(PRODUCTS, { o: orgB }, expert.token)).products.map((p: { id: string }) => p.id)).toEqual([productB]);
    // Reading is not writing: only the product's own vendor states its conformance.
    expect(code(await setClaims(expert.token, productA, std, v2, [{ requirementKey: 'LOG', level: 'NON_CONFORMANT' }]))).toBe('FORBIDDEN');

    // A draft for the nations only is as invisible to a vendor as if it did not exist.
    const nations = await standard('ASpP-92', simpleText(2), 'NATIONS');
    expect(code(await setClaims(vendorA.token, productA, nations.id, nations.versionId, [{ requirementKey: 'ORD', level: 'CONFORMANT' }]))).toBe('NOT_FOUND');
    expect(code(await t.gql(REPORT, { p: productA, s: nations.id }, vendorA.token))).toBe('NOT_FOUND');
    expect((await t.ok(MATRIX, { s: [nations.id, std] }, vendorA.token)).interoperabilityMatrix.map((c: { standard: { id: string } }) => c.standard.id)).toEqual([std]);
  });

  it('settles concurrent sets on one product in turn: one claim per key, an audit chain with no gap', async () => {
    const levels = ['CONFORMANT', 'NON_CONFORMANT', 'PARTIAL', 'NOT_APPLICABLE'];
    const results = await Promise.all(
      levels.map((level) => setClaims(vendorB.token, productB, std, v2, [{ requirementKey: 'TEMP', level }, { requirementKey: 'SIG', level }])),
    );
    expect(results.map((r) => r.errors)).toEqual(levels.map(() => undefined));
    const rows = await t.db.query(`SELECT requirement_key, level FROM conformance_claim WHERE product_id = $1 AND requirement_key IN ('TEMP','SIG')`, [productB]);
    expect(rows).toHaveLength(2);
    const audit: { detail: string }[] = await t.db.query(
      `SELECT detail FROM audit_event WHERE action = 'conformance.set' AND entity_id = $1 AND detail LIKE '%TEMP%' ORDER BY id`,
      [productB],
    );
    expect(audit).toHaveLength(4);
    // Each set saw the level the previous one wrote, so no change slips past the log.
    const steps = audit.map((a) => /TEMP (\w+) -> (\w+)/.exec(a.detail)!.slice(1));
    expect(steps[0][0]).toBe('none');
    for (let i = 1; i < steps.length; i++) expect(steps[i][0]).toBe(steps[i - 1][1]);
    expect(rows.find((r: { requirement_key: string }) => r.requirement_key === 'TEMP').level).toBe(steps[3][1]);
  });

  describe('interoperability matrix', () => {
    let standards: { id: string; versionId: string }[];
    let products: string[];

    /** Every SQL statement the application's DataSource runs during `fn`. */
    async function countQueries(fn: () => Promise<unknown>): Promise<number> {
      let n = 0;
      const spy = { beforeQuery: () => void n++ };
      t.db.subscribers.push(spy);
      try {
        await fn();
      } finally {
        t.db.subscribers.splice(t.db.subscribers.indexOf(spy), 1);
      }
      return n;
    }

    before(async () => {
      standards = [];
      for (let i = 0; i < 3; i++) standards.push(await standard(`MX-${i}`, simpleText(i + 10)));
      products = [];
      for (const [vendor, name] of [[vendorA, 'Relay'], [vendorA, 'Beacon'], [vendorB, 'Dish'], [vendorB, 'Modem']] as const) {
        products.push((await t.ok(REGISTER, { i: { name, productVersion: '1' } }, vendor.token)).registerProduct.id);
      }
      const [s0, s1] = standards;
      // Relay: all of MX-0, half of MX-1; Dish: MX-0 only partially; Modem: MX-1 with NOT_APPLICABLE on a mandatory provision.
      await setClaims(vendorA.token, products[0], s0.id, s0.versionId, [
        { requirementKey: 'ORD', level: 'CONFORMANT' }, { requirementKey: 'ACK', level: 'CONFORMANT' },
      ]);
      await setClaims(vendorA.token, products[0], s1.id, s1.versionId, [{ requirementKey: 'ORD', level: 'CONFORMANT' }]);
      await setClaims(vendorB.token, products[2], s0.id, s0.versionId, [
        { requirementKey: 'ORD', level: 'CONFORMANT' }, { requirementKey: 'ACK', level: 'PARTIAL' },
      ]);
      await setClaims(vendorB.token, products[3], s1.id, s1.versionId, [
        { requirementKey: 'ORD', level: 'NOT_APPLICABLE' }, { requirementKey: 'ACK', level: 'CONFORMANT' }, { requirementKey: 'BATCH', level: 'NON_CONFORMANT' },
      ]);
    });

    it('gives one cell per product and standard for 3 standards by 4 products', async () => {
      const cells = (await t.ok(MATRIX, { s: standards.map((s) => s.id), p: products }, expert.token)).interoperabilityMatrix;
      expect(cells).toHaveLength(12);
      const cell = (p: number, s: number) =>
        cells.find((c: { product: { id: string }; standard: { id: string } }) => c.product.id === products[p] && c.standard.id === standards[s].id);
      expect(cell(0, 0)).toMatchObject({ coverage: 1, conformant: true, product: { name: 'Relay', organization: { name: 'Orbital Links Ltd' } } });
      expect(cell(0, 1)).toMatchObject({ coverage: 0.5, conformant: false });
      expect(cell(0, 2)).toMatchObject({ coverage: 0, conformant: false });
      expect(cell(1, 0)).toMatchObject({ coverage: 0, conformant: false });
      expect(cell(2, 0)).toMatchObject({ coverage: 0.5, conformant: false });
      // N/A does not meet a mandatory (M) provision: only a conditional one whose condition is false.
      expect(cell(3, 1)).toMatchObject({ coverage: 0.5, conformant: false, product: { organization: { name: 'Polar Ground AS' } } });
      // The same figures as the report, which is the longer form of one cell.
      const report = (await t.ok(REPORT, { p: products[0], s: standards[1].id }, expert.token)).conformanceReport;
      expect(report).toMatchObject({ coverage: 0.5, conformant: false, mandatoryMet: 1, mandatoryTotal: 2 });
    });

    it('costs the same number of queries for 3 x 4 as for a matrix several times larger', async (ctx) => {
      const small = { s: standards.map((s) => s.id), p: products };
      // Warm up, so one-off work (prepared metadata, first connections) is not counted.
      await t.ok(MATRIX, small, expert.token);
      const measure = async (vars: Record<string, unknown>) => {
        const runs: number[] = [];
        // The least of three runs, so a background job's stray query cannot tip the comparison.
        for (let i = 0; i < 3; i++) runs.push(await countQueries(() => t.ok(MATRIX, vars, expert.token)));
        return Math.min(...runs);
      };
      const smallCount = await measure(small);

      const more = [...standards];
      for (let i = 3; i < 6; i++) more.push(await standard(`MX-${i}`, simpleText(i + 10)));
      const moreProducts = [...products, productA, productB];
      for (let i = 0; i < 6; i++) {
        const id = (await t.ok(REGISTER, { i: { name: `Bulk ${i}`, productVersion: '1' } }, vendorA.token)).registerProduct.id;
        for (const s of more) await setClaims(vendorA.token, id, s.id, s.versionId, [{ requirementKey: 'ORD', level: 'CONFORMANT' }]);
        moreProducts.push(id);
      }
      const large = { s: more.map((s) => s.id), p: moreProducts };
      const cells = (await t.ok(MATRIX, large, expert.token)).interoperabilityMatrix;
      expect(cells).toHaveLength(6 * 12);
      const largeCount = await measure(large);

      ctx.diagnostic(`matrix queries: 3x4 -> ${smallCount}, 6x12 -> ${largeCount}`);
      expect(smallCount).toBeGreaterThan(0);
      expect(largeCount).toBe(smallCount);
      expect(largeCount).toBeLessThanOrEqual(12);
    });
  });

  describe('PICS export', () => {
    const url = (productId: string, standardId: string, versionId?: string) =>
      `/products/${productId}/conformance.csv?standardId=${standardId}${versionId ? `&versionId=${versionId}` : ''}`;

    it('exports the statement as a formula-safe CSV in the PICS layout over HTTP with the bearer token', async () => {
      await t.ok(SET, { i: { productId: productA, standardId: std, versionId: v2, claims: [
        { requirementKey: 'LOG', level: 'CONFORMANT', evidence: '=HYPERLINK("http://evil.example","click")', valuesSupported: '256 commands/s' },
        { requirementKey: 'TEMP', level: 'PARTIAL', evidence: 'Sensor, "on board"\nsecond line' },
      ] } }, vendorA.token);

      const res = await t.http.get(url(productA, std, v2)).set('authorization', `Bearer ${vendorA.token}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="SkyGate-2.1-ASpP-90-v2-pics.csv"/);
      const lines: string[][] = parse(res.text, { bom: true, relax_column_count: true });
      const blank = lines.findIndex((l) => l.length === 1 && l[0] === '');
      const identification = Object.fromEntries(lines.slice(1, blank));
      expect(lines[0]).toEqual(['PICS identification']);
      expect(identification).toMatchObject({
        product: 'SkyGate', version: '2.1', supplier: 'Orbital Links Ltd', standard: 'ASpP-90 ASpP-90 interface',
        edition: 'DRAFT: version 2, not ratified', exceptions: 'ENC (2b); SIG (2c)',
      });
      expect(identification.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const rows = lines.slice(blank + 1);
      expect(rows[0]).toEqual(['item', 'description', 'reference', 'status', 'support', 'values', 'notes']);
      expect(rows.slice(1).map((r) => [r[0], r[2], r[3], r[4], r[5]])).toEqual([
        ['LOG', '2a', 'M', 'Yes', '256 commands/s'],
        ['ENC', '2b', 'M', 'No', ''],
        ['SIG', '2c', 'M', 'Yes (stale)', ''],
        ['TEMP', '2d', 'O', 'No', ''],
      ]);
      expect(rows[1][1]).toBe('The terminal shall log every command it receives.');
      expect(rows[2][6]).toMatch(/^Partial support \(counted as No\)\. GCM in release 2\.2/);
      // A spreadsheet must show the vendor's evidence, not run it.
      expect(rows[1][6]).toBe(`'=HYPERLINK("http://evil.example","click")`);
      expect(res.text).not.toMatch(/(^|,)=HYPERLINK/m);
      expect(rows[4][6]).toBe('Partial support (counted as No). Sensor, "on board"\nsecond line');

      // Without versionId: the current version, as for the report.
      const current = await t.http.get(url(productA, std)).set('authorization', `Bearer ${expert.token}`);
      expect(current.status).toBe(200);
      expect(parse(current.text, { bom: true, relax_column_count: true }).slice(blank + 1)).toHaveLength(5);
    });

    it('reports a mandatory provision answered N/A as not met, and accepts N/A on a conditional one', async () => {
      const hid = (await t.ok(REGISTER, { i: { name: 'NoIP', productVersion: '1' } }, vendorA.token)).registerProduct.id;
      await t.ok(SET, { i: { productId: hid, standardId: std, versionId: v1, claims: [
        { requirementKey: 'LOG', level: 'NOT_APPLICABLE' },
        { requirementKey: 'HEALTH', level: 'NOT_APPLICABLE', evidence: 'No IP interface' },
      ] } }, vendorA.token);
      const report = (await t.ok(REPORT, { p: hid, s: std, v: v1 }, vendorA.token)).conformanceReport;
      expect(report.gaps.map((g: { key: string }) => g.key)).toEqual(['LOG', 'ENC', 'SIG']);
      const res = await t.http.get(url(hid, std, v1)).set('authorization', `Bearer ${vendorA.token}`);
      const lines: string[][] = parse(res.text, { bom: true, relax_column_count: true });
      const byItem = Object.fromEntries(lines.filter((l) => l.length === 7).map((l) => [l[0], l]));
      expect(byItem.LOG[4]).toBe('N/A');
      expect(byItem.LOG[6]).toMatch(/^Not met/);
      expect(byItem.HEALTH[3]).toBe('C: the terminal has an IP interface');
      expect(byItem.HEALTH[6]).toBe('No IP interface');
      expect(Object.fromEntries(lines.filter((l) => l.length === 2)).exceptions).toBe('LOG (2a); ENC (2b); SIG (2c)');
    });

    it('refuses the export without a token, to another vendor and for malformed ids', async () => {
      expect((await t.http.get(url(productA, std))).status).toBe(401);
      const other = await t.http.get(url(productA, std)).set('authorization', `Bearer ${vendorB.token}`);
      expect(other.status).toBe(404);
      expect(other.body).toMatchObject({ code: 'NOT_FOUND' });
      expect((await t.http.get(url(productA, 'not-a-uuid')).set('authorization', `Bearer ${vendorA.token}`)).status).toBe(400);
      const unknownVersion = await t.http.get(url(productA, std, '00000000-0000-4000-8000-000000000000')).set('authorization', `Bearer ${vendorA.token}`);
      expect(unknownVersion.status).toBe(404);
    });
  });
});
