import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { expect } from 'expect';
import { CATALOGUE_FILE } from '../src/catalogue/catalogue-file';
import { createDataSource } from '../src/database/data-source';
import { runMigrations } from '../src/database/migrate';
import { createDatabase, createTestApp, TestApp } from './helpers/app';

/**
 * Issue 13, "External catalogue": the catalogue as the ECSS active-standards
 * list, CCSDS and ISO have it. Statuses, as-of dates, current issues,
 * replacements and adoption notices after the seed; current documents first
 * in the duplication check, naming the replacement of a superseded one.
 */
const ENTRY = `designation status asOf published
  replacedBy{ designation status } replaces{ designation }
  equivalents{ designation }
  adoptions{ adopter{ designation } adopted{ designation } modified }`;
const CHECK = `query($t:String!,$s:String!,$f:Int){ duplicationCheck(title:$t, scope:$s, first:$f){
  score external{ designation status } standard{ designation } replacedBy{ designation status } } }`;

interface Entry {
  designation: string;
  status: string;
  asOf: string;
  published: number | null;
  replacedBy: { designation: string; status: string }[];
  replaces: { designation: string }[];
  equivalents: { designation: string }[];
  adoptions: { adopter: { designation: string }; adopted: { designation: string }; modified: boolean }[];
}

describe('external catalogue fidelity (issue 13)', () => {
  let t: TestApp;
  let token: string;
  const entry = async (designation: string): Promise<Entry> => {
    const data = await t.ok(`query($x:String!){ externalStandards(text:$x, first:50){ ${ENTRY} } }`, { x: designation }, token);
    const found = data.externalStandards.find((e: Entry) => e.designation === designation);
    if (!found) throw new Error(`${designation} is not in the catalogue`);
    return found;
  };
  const names = (list: { designation: string }[]) => list.map((e) => e.designation);

  before(async () => {
    t = await createTestApp();
    token = (await t.user('Cata Logue', [{ role: 'EXPERT', nationCode: 'BEL' }])).token;
  });
  after(() => t?.close());

  it('gives every row of the file and of the catalogue a status and an as-of date', async () => {
    const raw: Record<string, string>[] = parse(readFileSync(CATALOGUE_FILE, 'utf8'), { columns: true });
    expect(raw.filter((r) => !['CURRENT', 'SUPERSEDED', 'WITHDRAWN'].includes(r.status) || !/^\d{4}-\d{2}-\d{2}$/.test(r.as_of))).toEqual([]);
    // The whole catalogue with its links in one request: the links are small lists to the cost limit, and batched.
    const data = await t.ok(
      `{ externalStandards(first:200){ status asOf replacedBy{ designation } replaces{ designation } adoptions{ adopter{ designation } adopted{ designation } } } }`,
      {}, token,
    );
    expect(data.externalStandards.length).toBe(raw.length);
    for (const e of data.externalStandards) {
      expect(['CURRENT', 'SUPERSEDED', 'WITHDRAWN']).toContain(e.status);
      expect(e.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('marks ECSS-E-ST-50-03C superseded by the adoption notices of CCSDS 132.0-B and 732.0-B, each linked as ADOPTS', async () => {
    const old = await entry('ECSS-E-ST-50-03C');
    expect(old.status).toBe('SUPERSEDED');
    expect(old.replacedBy).toEqual([
      { designation: 'ECSS-E-AS-50-22C Rev.1', status: 'CURRENT' },
      { designation: 'ECSS-E-AS-50-23C Rev.1', status: 'CURRENT' },
    ]);
    const tm = await entry('ECSS-E-AS-50-22C Rev.1');
    expect(names(tm.replaces)).toEqual(['ECSS-E-ST-50-03C']);
    expect(tm.adoptions).toEqual([{ adopter: { designation: 'ECSS-E-AS-50-22C Rev.1' }, adopted: { designation: 'CCSDS 132.0-B' }, modified: true }]);
    const aos = await entry('CCSDS 732.0-B');
    expect(aos.adoptions.map((a) => a.adopter.designation)).toEqual(['ECSS-E-AS-50-23C Rev.1']);
  });

  it('holds the ECSS adoption notices -50-21C to -50-26C of CCSDS 131.0, 132.0, 732.0, 231.0, 232.0 and 232.1', async () => {
    const data = await t.ok(`{ externalStandards(body:ECSS, text:"ECSS-E-AS-50", first:20){ ${ENTRY} } }`, {}, token);
    const adopted = Object.fromEntries(data.externalStandards.map((e: Entry) => [e.designation, e.adoptions.map((a) => a.adopted.designation)]));
    expect(adopted).toEqual({
      'ECSS-E-AS-50-21C Rev.1': ['CCSDS 131.0-B'],
      'ECSS-E-AS-50-22C Rev.1': ['CCSDS 132.0-B'],
      'ECSS-E-AS-50-23C Rev.1': ['CCSDS 732.0-B'],
      'ECSS-E-AS-50-24C Rev.1': ['CCSDS 231.0-B'],
      'ECSS-E-AS-50-25C Rev.1': ['CCSDS 232.0-B'],
      'ECSS-E-AS-50-26C': ['CCSDS 232.1-B'],
    });
    expect(data.externalStandards.every((e: Entry) => e.status === 'CURRENT')).toBe(true);
    // The other two space data link standards they cancelled.
    expect(names((await entry('ECSS-E-ST-50-01C')).replacedBy)).toEqual(['ECSS-E-AS-50-21C Rev.1']);
    expect(names((await entry('ECSS-E-ST-50-04C')).replacedBy)).toEqual(['ECSS-E-AS-50-24C Rev.1', 'ECSS-E-AS-50-25C Rev.1', 'ECSS-E-AS-50-26C']);
  });

  it('lists the current issues: -10-02C Rev.1 (2018), -10-03C Rev.1 (2022), -10-04C Rev.1 (2020), ECSS-U-AS-10C Rev.2 (2024)', async () => {
    for (const [d, year, en] of [
      ['ECSS-E-ST-10-02C', 2018, 'EN 16603-10-02'],
      ['ECSS-E-ST-10-03C', 2022, 'EN 16603-10-03'],
      ['ECSS-E-ST-10-04C', 2020, 'EN 16603-10-04'],
      ['ECSS-U-AS-10C', 2024, null],
    ] as const) {
      const current = await entry(`${d} ${d.startsWith('ECSS-U') ? 'Rev.2' : 'Rev.1'}`);
      expect({ status: current.status, published: current.published }).toEqual({ status: 'CURRENT', published: year });
      expect(names(current.equivalents)).toEqual(en ? [en] : []);
      const old = await entry(d);
      expect(old.status).toBe('SUPERSEDED');
      expect(old.replacedBy).toEqual([{ designation: current.designation, status: 'CURRENT' }]);
      expect(old.equivalents).toEqual([]);
    }
  });

  it('models ECSS-U-AS-10C as a modified adoption of ISO 24113, not the same document', async () => {
    const iso = await entry('ISO 24113');
    expect(iso.equivalents).toEqual([]);
    expect(iso.adoptions).toEqual([
      { adopter: { designation: 'ECSS-U-AS-10C' }, adopted: { designation: 'ISO 24113' }, modified: true },
      { adopter: { designation: 'ECSS-U-AS-10C Rev.2' }, adopted: { designation: 'ISO 24113' }, modified: true },
    ]);
  });

  it('links ISO 16290 to ECSS-E-AS-11C, and the EN editions of ECSS standards as identical adoptions that stay twins', async () => {
    const trl = await entry('ISO 16290:2013');
    expect(trl.adoptions.map((a) => [a.adopter.designation, a.modified])).toEqual([['ECSS-E-AS-11C', true]]);
    const en = await entry('EN 16603-50');
    expect(en.adoptions).toEqual([{ adopter: { designation: 'EN 16603-50' }, adopted: { designation: 'ECSS-E-ST-50C' }, modified: false }]);
    expect(names(en.equivalents)).toEqual(['ECSS-E-ST-50C']);
  });

  it('gives EN 303 413 its full title with both bands, and ISO 26900:2024 its four messages', async () => {
    const data = await t.ok(`{ externalStandards(body:ETSI, text:"EN 303 413"){ designation title scope } }`, {}, token);
    const gnss = data.externalStandards.find((e: { designation: string }) => e.designation === 'ETSI EN 303 413');
    expect(gnss.title).toContain('1 164 MHz to 1 300 MHz and 1 559 MHz to 1 610 MHz');
    expect(gnss.title).toContain('Harmonised Standard');
    expect(gnss.scope).toContain('1 164 MHz to 1 300 MHz and 1 559 MHz to 1 610 MHz');
    const odm = await t.ok(`{ externalStandards(body:ISO, text:"ISO 26900"){ designation published scope } }`, {}, token);
    expect(odm.externalStandards).toEqual([expect.objectContaining({ designation: 'ISO 26900', published: 2024 })]);
    expect(odm.externalStandards[0].scope).toContain('four messages');
    expect(odm.externalStandards[0].scope).toContain('Orbit Comprehensive Message');
  });

  it('filters by status', async () => {
    const data = await t.ok(`{ externalStandards(status:SUPERSEDED, first:50){ designation status } }`, {}, token);
    expect(names(data.externalStandards)).toEqual(expect.arrayContaining(['ECSS-E-ST-50-03C', 'ECSS-E-ST-10-03C', 'Decision No 541/2014/EU']));
    expect(data.externalStandards.every((e: Entry) => e.status === 'SUPERSEDED')).toBe(true);
  });

  it('refuses in the database to call a replaced document current', async () => {
    await expect(t.db.query(`UPDATE external_standard SET status = 'CURRENT' WHERE designation = 'ECSS-E-ST-50-03C'`)).rejects.toThrow(/SUPERSEDED or WITHDRAWN/);
    const [{ status }] = await t.db.query(`SELECT status FROM external_standard WHERE designation = 'ECSS-E-ST-50-03C'`);
    expect(status).toBe('SUPERSEDED');
  });

  describe('duplicationCheck', () => {
    /** In the words of the cancelled ECSS-E-ST-50-03C. */
    const FRAMES = {
      title: 'Space data links - Telemetry transfer frame protocol',
      scope: 'The telemetry transfer frame and the data link layer services that carry telemetry from spacecraft to ground: master and virtual channels, frame headers and the operational control field used for command acknowledgement.',
    };

    it('ranks current documents first and names the replacement of a superseded one', async () => {
      const list = (await t.ok(CHECK, { t: FRAMES.title, s: FRAMES.scope, f: 15 }, token)).duplicationCheck;
      const status = (c: { external: { status: string } | null }) => c.external?.status ?? 'CURRENT';
      const firstOld = list.findIndex((c: { external: { status: string } | null }) => status(c) !== 'CURRENT');
      expect(firstOld).toBeGreaterThan(0);
      expect(list.slice(firstOld).every((c: { external: { status: string } | null }) => status(c) !== 'CURRENT')).toBe(true);
      // The old standard scores highest of all (its own words), yet comes after every current one.
      const old = list.find((c: { external: { designation: string } | null }) => c.external?.designation === 'ECSS-E-ST-50-03C');
      expect(old.score).toBe(Math.max(...list.map((c: { score: number }) => c.score)));
      expect(old.replacedBy).toEqual([
        { designation: 'ECSS-E-AS-50-22C Rev.1', status: 'CURRENT' },
        { designation: 'ECSS-E-AS-50-23C Rev.1', status: 'CURRENT' },
      ]);
      for (const c of list.slice(0, firstOld)) expect(c.replacedBy).toEqual([]);
      // Within each part, most alike first.
      for (const part of [list.slice(0, firstOld), list.slice(firstOld)]) {
        const scores = part.map((c: { score: number }) => c.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      }
      expect(names(list.slice(0, firstOld).flatMap((c: { external: { designation: string } | null }) => (c.external ? [c.external] : [])))).toContain('ECSS-E-AS-50-22C Rev.1');
    });

    it('names the replacement in the POSSIBLE_DUPLICATE refusal', async () => {
      const res = await t.gql(
        `mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`,
        { i: { designation: 'ASpP-91', ...FRAMES, visibility: 'NATIONS' } },
        token,
      );
      expect(res.errors?.[0].extensions.code).toBe('POSSIBLE_DUPLICATE');
      expect(res.errors![0].message).toContain('ECSS ECSS-E-ST-50-03C (superseded by ECSS ECSS-E-AS-50-22C Rev.1 and ECSS ECSS-E-AS-50-23C Rev.1)');
      // Current candidates first.
      const old = (res.errors![0].extensions.candidates as { name: string }[]).map((c) => c.name.includes('(superseded by') || c.name.includes('(withdrawn)'));
      expect(old.indexOf(true)).toBeGreaterThan(0);
      expect(old.slice(old.indexOf(true)).every(Boolean)).toBe(true);
    });
  });
});

/** An installation that had the catalogue before issue 13 gets it corrected by the migration. */
describe('catalogue fidelity migration on an existing catalogue', () => {
  it('marks, adds, untwins and links what the review found', async () => {
    const db = await createDatabase();
    const ds = createDataSource(db.url, 2);
    try {
      await ds.initialize();
      await runMigrations(ds);
      while ((await ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`))[0].name !== 'CatalogueFidelity1764000613000') {
        await ds.undoLastMigration({ transaction: 'each' });
      }
      await ds.undoLastMigration({ transaction: 'each' });
      // The catalogue as it was: ECSS-U-AS-10C a twin of ISO 24113, EN 16603-10-03 of the 2012 issue.
      await ds.query(`INSERT INTO external_standard (body, designation, title, twin_group) VALUES
        ('ECSS', 'ECSS-E-ST-50-03C', 'Space engineering - Space data links - Telemetry transfer frame protocol', gen_random_uuid()),
        ('ECSS', 'ECSS-U-AS-10C', 'Space sustainability - Adoption notice of ISO 24113', '00000000-0000-4000-8000-000000000001'),
        ('ISO', 'ISO 24113', 'Space systems - Space debris mitigation requirements', '00000000-0000-4000-8000-000000000001'),
        ('ECSS', 'ECSS-E-ST-10-03C', 'Space engineering - Testing', '00000000-0000-4000-8000-000000000002'),
        ('CEN', 'EN 16603-10-03', 'Space engineering - Testing', '00000000-0000-4000-8000-000000000002'),
        ('OTHER', 'SECRETARIAT-1', 'An entry the secretariat added', gen_random_uuid())`);
      await runMigrations(ds);
      const rows = await ds.query(`SELECT designation, status FROM external_standard
        WHERE designation IN ('ECSS-E-ST-50-03C', 'ECSS-E-AS-50-22C Rev.1', 'SECRETARIAT-1') ORDER BY designation`);
      expect(rows).toEqual([
        { designation: 'ECSS-E-AS-50-22C Rev.1', status: 'CURRENT' },
        { designation: 'ECSS-E-ST-50-03C', status: 'SUPERSEDED' },
        { designation: 'SECRETARIAT-1', status: 'CURRENT' },
      ]);
      const twins = async (d: string) =>
        (await ds.query(`SELECT o.designation FROM external_standard e JOIN external_standard o ON o.twin_group = e.twin_group AND o.id <> e.id
                          WHERE e.designation = $1 ORDER BY 1`, [d])).map((r: { designation: string }) => r.designation);
      expect(await twins('ISO 24113')).toEqual([]);
      expect(await twins('ECSS-E-ST-10-03C')).toEqual([]);
      expect(await twins('EN 16603-10-03')).toEqual(['ECSS-E-ST-10-03C Rev.1']);
      const links = await ds.query(`SELECT f.designation AS "from", l.kind, t.designation AS "to" FROM external_link l
        JOIN external_standard f ON f.id = l.from_id JOIN external_standard t ON t.id = l.to_id
        WHERE t.designation IN ('ECSS-E-ST-50-03C', 'ISO 24113') ORDER BY 1, 2`);
      expect(links).toEqual([
        { from: 'ECSS-E-AS-50-22C Rev.1', kind: 'REPLACES', to: 'ECSS-E-ST-50-03C' },
        { from: 'ECSS-E-AS-50-23C Rev.1', kind: 'REPLACES', to: 'ECSS-E-ST-50-03C' },
        { from: 'ECSS-U-AS-10C', kind: 'ADOPTS', to: 'ISO 24113' },
        { from: 'ECSS-U-AS-10C Rev.2', kind: 'ADOPTS', to: 'ISO 24113' },
      ]);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await db.drop();
    }
  });
});
