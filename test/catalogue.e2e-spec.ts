import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { CATALOGUE_FILE, readCatalogue } from '../src/catalogue/catalogue-file';
import { CatalogueService } from '../src/catalogue/catalogue.service';
import { createTestApp, TestApp } from './helpers/app';

const PROPOSE = `mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id designation overlapJustification } }`;
const ADD = `mutation($i:ExternalStandardInput!){ addExternalStandard(input:$i){ id body designation title scope url equivalents{ designation } } }`;
const RELATE = `mutation($i:RelateStandardInput!){ relateStandard(input:$i){ id kind note external{ designation } } }`;
const CHECK = `query($t:String!,$s:String!,$x:String,$f:Int){ duplicationCheck(title:$t, scope:$s, text:$x, first:$f){
  score sharedTerms external{ id body designation equivalents{ designation } } standard{ id designation } } }`;

/** Close to CCSDS 502.0-B (Orbit Data Messages) and its ISO twin, in other words. */
const ORBIT = {
  title: 'Orbit data messages for exchanging spacecraft ephemerides',
  scope: 'Message formats for exchanging orbit state vectors, mean orbital elements and ephemerides with covariance between space agencies and satellite operators.',
};
const CLEAN = {
  title: 'Canteen menu planning for multinational headquarters',
  scope: 'Rules for planning meals, dietary needs and kitchen staffing in multinational headquarters.',
};

describe('external catalogue, duplication check and relations', () => {
  let t: TestApp;
  let secretariat: string;
  let expert: { id: string; token: string };
  let otherExpert: { id: string; token: string };
  let vendor: string;
  let plain: string;
  let odmId: string;

  const external = async (designation: string) =>
    (await t.db.query(`SELECT id FROM external_standard WHERE designation = $1`, [designation]))[0].id as string;

  before(async () => {
    t = await createTestApp();
    secretariat = (await t.user('Sec Retariat', [{ role: 'SECRETARIAT' }])).token;
    expert = await t.user('Elena Expert', [{ role: 'EXPERT', nationCode: 'FRA' }]);
    otherExpert = await t.user('Otto Other', [{ role: 'EXPERT', nationCode: 'DEU' }]);
    const org = await t.ok(`mutation{ createOrganization(input:{name:"Orbital Vendor Ltd", kind:VENDOR}){ id } }`, {}, await t.adminToken());
    vendor = (await t.user('Vera Vendor', [{ role: 'VENDOR', organizationId: org.createOrganization.id }])).token;
    plain = (await t.user('Paul Plain')).token;
    odmId = await external('CCSDS 502.0-B');
  });
  after(() => t?.close());

  describe('catalogue seed', () => {
    it('is loaded at start although SEED_STANDARDS is false, with twins grouped both ways', async () => {
      expect(t.config.SEED_STANDARDS).toBe(false);
      const rows = readCatalogue(CATALOGUE_FILE);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM external_standard`);
      expect(n).toBe(rows.length);
      const data = await t.ok(`{ externalStandards(body:ECSS, text:"ECSS-E-ST-10-03C"){ designation equivalents{ designation } } }`, {}, plain);
      // EN 16603-10-03 names ECSS-E-ST-10-03C Rev.1 but not the other way round: still twins. The superseded issue has none.
      expect(data.externalStandards).toEqual([
        { designation: 'ECSS-E-ST-10-03C', equivalents: [] },
        { designation: 'ECSS-E-ST-10-03C Rev.1', equivalents: [{ designation: 'EN 16603-10-03' }] },
      ]);
      const [{ n: docs }] = await t.db.query(`SELECT ndoc AS n FROM catalogue_lexeme WHERE lexeme = ''`);
      expect(docs).toBe(rows.length);
    });

    it('loads only into an empty catalogue', async () => {
      const loaded = await t.app.get(CatalogueService).loadIfEmpty(readCatalogue(CATALOGUE_FILE));
      expect(loaded).toBe(0);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM external_standard`);
      expect(n).toBe(readCatalogue(CATALOGUE_FILE).length);
    });

    it('is listed by body and text for any signed-in person, not anonymously', async () => {
      const etsi = await t.ok(`{ externalStandards(body:ETSI){ body } }`, {}, plain);
      expect(etsi.externalStandards.length).toBeGreaterThan(5);
      expect(etsi.externalStandards.every((e: { body: string }) => e.body === 'ETSI')).toBe(true);
      const orbit = await t.ok(`{ externalStandards(text:"orbit data messages"){ designation } }`, {}, plain);
      expect(orbit.externalStandards.map((e: { designation: string }) => e.designation)).toContain('CCSDS 502.0-B');
      const anon = await t.gql(`{ externalStandards{ id } }`);
      expect(anon.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('addExternalStandard', () => {
    const input = { body: 'ISO', designation: 'ISO 99999-1', title: 'Space systems - Test entry', scope: 'A test entry.', url: 'https://www.iso.org/' };

    it('is for the secretariat only', async () => {
      for (const token of [expert.token, vendor, plain]) {
        const res = await t.gql(ADD, { i: input }, token);
        expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
      }
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM external_standard WHERE designation = 'ISO 99999-1'`);
      expect(n).toBe(0);
    });

    it('adds, audits, and refuses the same designation of the same body as CONFLICT (also when racing)', async () => {
      const [{ n: before }] = await t.db.query(`SELECT ndoc AS n FROM catalogue_lexeme WHERE lexeme = ''`);
      const added = (await t.ok(ADD, { i: input }, secretariat)).addExternalStandard;
      expect(added).toMatchObject({ body: 'ISO', designation: 'ISO 99999-1', equivalents: [] });
      const audit = await t.db.query(`SELECT action FROM audit_event WHERE entity_id = $1`, [added.id]);
      expect(audit).toEqual([{ action: 'external_standard.added' }]);
      const [{ n: afterCount }] = await t.db.query(`SELECT ndoc AS n FROM catalogue_lexeme WHERE lexeme = ''`);
      expect(afterCount).toBe(before + 1);

      const again = await t.gql(ADD, { i: { ...input, designation: 'iso 99999-1' } }, secretariat);
      expect(again.errors?.[0].extensions.code).toBe('CONFLICT');
      // Another body may use the same designation.
      await t.ok(ADD, { i: { ...input, body: 'OTHER' } }, secretariat);

      const race = await Promise.all([1, 2, 3].map(() => t.gql(ADD, { i: { ...input, designation: 'ISO 99999-2' } }, secretariat)));
      expect(race.filter((r) => !r.errors).length).toBe(1);
      expect(race.filter((r) => r.errors?.[0].extensions.code === 'CONFLICT').length).toBe(2);
    });

    it('joins the twin group named by equivalentTo', async () => {
      const data = await t.ok(ADD, { i: { body: 'CENELEC', designation: 'EN 99502', title: 'Orbit data messages (European edition)', equivalentTo: odmId } }, secretariat);
      expect(data.addExternalStandard.equivalents.map((e: { designation: string }) => e.designation).sort()).toEqual(['CCSDS 502.0-B', 'ISO 26900']);
    });

    it('refuses bad input as BAD_USER_INPUT naming the field', async () => {
      for (const [i, field] of [
        [{ ...input, designation: 'X-1', title: '' }, 'title'],
        [{ ...input, designation: 'X-2', url: 'javascript:alert(1)' }, 'url'],
        [{ ...input, designation: 'x'.repeat(101) }, 'designation'],
      ] as const) {
        const res = await t.gql(ADD, { i }, secretariat);
        expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0].message).toContain(field);
      }
    });
  });

  describe('updateExternalStandard', () => {
    const UPDATE = `mutation($id:ID!,$i:UpdateExternalStandardInput!){ updateExternalStandard(id:$id, input:$i){ id body designation title scope url } }`;

    it('corrects an entry for the secretariat only, audited, keeping its relations and the search in step', async () => {
      const id = (await t.ok(ADD, { i: { body: 'ISO', designation: 'ISO 99999-7', title: 'Space systems - Entry to correct', url: 'https://www.iso.org/old' } }, secretariat)).addExternalStandard.id;
      for (const token of [expert.token, vendor, plain]) {
        expect((await t.gql(UPDATE, { id, i: { title: 'Hijacked' } }, token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      }
      const done = (await t.ok(UPDATE, { id, i: { title: 'Space systems - Quasar beacon timing', scope: 'Timing of quasar beacons.', url: null } }, secretariat)).updateExternalStandard;
      expect(done).toEqual({ id, body: 'ISO', designation: 'ISO 99999-7', title: 'Space systems - Quasar beacon timing', scope: 'Timing of quasar beacons.', url: null });
      const [audit] = await t.db.query(`SELECT detail FROM audit_event WHERE entity_id = $1 AND action = 'external_standard.updated'`, [id]);
      expect(audit.detail).toBe('ISO ISO 99999-7: title changed, scope changed, url https://www.iso.org/old → (none)');
      // The generated search column and the lexeme counts follow the new title.
      const found = (await t.ok(`{ externalStandards(text:"quasar"){ id } }`, {}, secretariat)).externalStandards;
      expect(found.map((e: { id: string }) => e.id)).toContain(id);
      const [{ n }] = await t.db.query(`SELECT ndoc AS n FROM catalogue_lexeme WHERE lexeme = 'quasar'`);
      expect(n).toBe(1);
      // Nothing changed: nothing audited.
      await t.ok(UPDATE, { id, i: { title: ' Space systems - Quasar beacon timing ' } }, secretariat);
      const [{ n: audits }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1`, [id]);
      expect(audits).toBe(2);
    });

    it('refuses a designation another entry of the body holds, a blank title, a bad url and an unknown id', async () => {
      const id = (await t.ok(ADD, { i: { body: 'ISO', designation: 'ISO 99999-8', title: 'Space systems - Another entry' } }, secretariat)).addExternalStandard.id;
      const clash = await t.gql(UPDATE, { id, i: { designation: 'iso 99999-7' } }, secretariat);
      expect(clash.errors?.[0].extensions.code).toBe('CONFLICT');
      for (const [i, field] of [[{ title: '  ' }, 'title'], [{ url: 'ftp://example.org/' }, 'url']] as const) {
        const res = await t.gql(UPDATE, { id, i }, secretariat);
        expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0].message).toContain(field);
      }
      expect((await t.gql(UPDATE, { id: '00000000-0000-4000-8000-000000000000', i: { title: 'X' } }, secretariat)).errors?.[0].extensions.code).toBe('NOT_FOUND');
      const [row] = await t.db.query(`SELECT designation, title FROM external_standard WHERE id = $1`, [id]);
      expect(row).toEqual({ designation: 'ISO 99999-8', title: 'Space systems - Another entry' });
    });
  });

  describe('duplicationCheck', () => {
    it('ranks the overlapping external standard first, once for its twins, with a score and shared terms', async () => {
      const data = await t.ok(CHECK, { t: ORBIT.title, s: ORBIT.scope, f: 10 }, plain);
      const [top, ...rest] = data.duplicationCheck;
      expect(['CCSDS 502.0-B', 'ISO 26900', 'EN 99502']).toContain(top.external.designation);
      expect(top.standard).toBeNull();
      expect(top.score).toBeGreaterThanOrEqual(t.config.DUPLICATE_THRESHOLD);
      expect(top.score).toBeLessThanOrEqual(1);
      expect(top.sharedTerms).toEqual(expect.arrayContaining(['orbit']));
      const twins = [top, ...rest].filter((c: { external: { designation: string } | null }) =>
        ['CCSDS 502.0-B', 'ISO 26900', 'EN 99502'].includes(c.external?.designation ?? ''));
      expect(twins.length).toBe(1);
      const scores = data.duplicationCheck.map((c: { score: number }) => c.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('weighs the text too, below title and scope', async () => {
      const text = '# Draft\n\n## 1 Scope\n\nThis standard uses conjunction data messages with miss distance and probability of collision. '.repeat(3);
      const without = (await t.ok(CHECK, { t: 'Allied space operations interface', s: 'Interfaces between operations centres.', f: 10 }, plain)).duplicationCheck;
      const withText = (await t.ok(CHECK, { t: 'Allied space operations interface', s: 'Interfaces between operations centres.', x: text, f: 10 }, plain)).duplicationCheck;
      const cdm = (list: { external: { designation: string } | null; score: number }[]) =>
        list.find((c) => ['CCSDS 508.0-B-1', 'ISO 19389:2014'].includes(c.external?.designation ?? ''))?.score ?? 0;
      expect(cdm(withText)).toBeGreaterThan(cdm(without));
    });

    it('refuses bad input as BAD_USER_INPUT naming the field', async () => {
      for (const [vars, field] of [
        [{ t: '', s: 'x' }, 'title'],
        [{ t: '   ', s: 'x' }, 'title'],
        [{ t: 'x'.repeat(301), s: 'x' }, 'title'],
        [{ t: 'Orbit', s: 'x'.repeat(5001) }, 'scope'],
        [{ t: 'Orbit', s: 'x', x: 'orbit '.repeat(20000) }, 'text'],
        [{ t: 'Orbit', s: 'x', f: 0 }, 'first'],
        [{ t: 'Orbit', s: 'x', f: 51 }, 'first'],
      ] as const) {
        const res = await t.gql(CHECK, vars, plain);
        expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0].extensions.field).toBe(field);
      }
      const anon = await t.gql(CHECK, { t: 'Orbit', s: 'x' });
      expect(anon.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('does not let standards the caller may not see crowd a visible one out of the candidates', async () => {
      const title = 'Zorblax quinteron vexillary handshake';
      const scope = 'Zorblax quinteron vexillary handshake between ground segments.';
      // More hidden look-alikes than the check takes candidates, all sorting before the visible one.
      await t.db.query(
        `INSERT INTO standard (designation, title, scope, visibility)
         SELECT 'HID-' || g, $1, $2, 'NATIONS' FROM generate_series(1, 60) g`,
        [title, scope],
      );
      const visibleId = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
      await t.db.query(`INSERT INTO standard (id, designation, title, scope, visibility) VALUES ($1, 'VIS-1', $2, $3, 'INDUSTRY')`, [visibleId, title, scope]);
      const seen = (await t.ok(CHECK, { t: title, s: scope, f: 50 }, vendor)).duplicationCheck;
      const standards = seen.flatMap((c: { standard: { id: string } | null }) => (c.standard ? [c.standard.id] : []));
      expect(standards).toEqual([visibleId]);
      await t.db.query(`DELETE FROM standard WHERE designation LIKE 'HID-%' OR id = $1`, [visibleId]);
    });

    it('copes with punctuation and quotes in the proposal', async () => {
      const data = await t.ok(CHECK, { t: `O'Brien's "orbit" \\ data: & | ! <-> (messages)`, s: `it's a 'test' \\'`, f: 5 }, plain);
      expect(Array.isArray(data.duplicationCheck)).toBe(true);
    });
  });

  describe('the POSSIBLE_DUPLICATE gate on proposeStandard', () => {
    let justifiedId: string;

    it('refuses an overlapping proposal, naming candidates and scores, and creates nothing', async () => {
      const res = await t.gql(PROPOSE, { i: { designation: 'ASpP-90', ...ORBIT, visibility: 'NATIONS' } }, expert.token);
      expect(res.errors?.[0].extensions.code).toBe('POSSIBLE_DUPLICATE');
      const candidates = res.errors![0].extensions.candidates as { name: string; title: string; score: number }[];
      expect(candidates.length).toBeGreaterThan(0);
      // One entry for the three twins, naming all of them.
      expect(candidates[0].name).toMatch(/^(CCSDS CCSDS 502\.0-B|ISO ISO 26900|CENELEC EN 99502) \(also /);
      for (const d of ['502.0-B', 'ISO 26900', 'EN 99502']) expect(candidates[0].name).toContain(d);
      expect(candidates.filter((c) => /502\.0-B|ISO 26900|EN 99502/.test(c.name)).length).toBe(1);
      expect(candidates.every((c) => c.score >= t.config.DUPLICATE_THRESHOLD)).toBe(true);
      expect(res.errors![0].message).toContain(candidates[0].name);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM standard WHERE designation = 'ASpP-90'`);
      expect(n).toBe(0);
    });

    it('lets it through with a justification, which is stored, audited and shown', async () => {
      const why = 'The Alliance needs a classified profile with national releasability markings.';
      const data = await t.ok(PROPOSE, { i: { designation: 'ASpP-90', ...ORBIT, visibility: 'NATIONS', overlapJustification: why } }, expert.token);
      justifiedId = data.proposeStandard.id;
      expect(data.proposeStandard.overlapJustification).toBe(why);
      const shown = await t.ok(`query($id:ID!){ standard(id:$id){ overlapJustification } }`, { id: justifiedId }, otherExpert.token);
      expect(shown.standard.overlapJustification).toBe(why);
      const [audit] = await t.db.query(`SELECT detail FROM audit_event WHERE entity_id = $1 AND action = 'standard.proposed'`, [justifiedId]);
      expect(audit.detail).toContain(why);
      expect(audit.detail).toContain('502.0-B');
    });

    it('lets a proposal with no overlap through without a justification', async () => {
      const data = await t.ok(PROPOSE, { i: { designation: 'ASpP-91', ...CLEAN, visibility: 'PUBLIC' } }, expert.token);
      expect(data.proposeStandard.overlapJustification).toBeNull();
    });

    it('respects DUPLICATE_THRESHOLD: at 1 nothing short of identical trips it', async () => {
      const strict = await createTestApp({ DUPLICATE_THRESHOLD: '1' });
      try {
        const e = await strict.user('Strict Expert', [{ role: 'EXPERT', nationCode: 'ITA' }]);
        const data = await strict.ok(PROPOSE, { i: { designation: 'ASpP-92', ...ORBIT, visibility: 'NATIONS' } }, e.token);
        expect(data.proposeStandard.overlapJustification).toBeNull();
      } finally {
        await strict.close();
      }
    });

    it('counts internal standards the caller may see, and only those', async () => {
      const similar = { title: 'Orbit data messages for exchanging spacecraft ephemerides among Allies', scope: ORBIT.scope };
      const seen = (await t.ok(CHECK, { t: similar.title, s: similar.scope, f: 10 }, otherExpert.token)).duplicationCheck;
      const own = seen.find((c: { standard: { id: string } | null }) => c.standard?.id === justifiedId);
      expect(own).toBeDefined();
      expect(own.external).toBeNull();
      expect(own.score).toBeGreaterThanOrEqual(t.config.DUPLICATE_THRESHOLD);
      // ASpP-90 is NATIONS: a vendor and a person without a role do not see it, not even as a candidate.
      for (const token of [vendor, plain]) {
        const hidden = (await t.ok(CHECK, { t: similar.title, s: similar.scope, f: 50 }, token)).duplicationCheck;
        expect(hidden.some((c: { standard: unknown }) => c.standard)).toBe(false);
      }
      const res = await t.gql(PROPOSE, { i: { designation: 'ASpP-93', ...similar, visibility: 'NATIONS' } }, otherExpert.token);
      expect(res.errors?.[0].extensions.code).toBe('POSSIBLE_DUPLICATE');
      expect((res.errors![0].extensions.candidates as { name: string }[]).map((c) => c.name)).toContain('ASpP-90');
    });

    it('leaves cancelled standards out', async () => {
      await t.ok(`mutation($id:ID!){ cancelStandard(standardId:$id, reason:"superseded by adoption of CCSDS 502.0-B"){ id } }`, { id: justifiedId }, secretariat);
      const seen = (await t.ok(CHECK, { t: ORBIT.title, s: ORBIT.scope, f: 50 }, otherExpert.token)).duplicationCheck;
      expect(seen.some((c: { standard: { id: string } | null }) => c.standard?.id === justifiedId)).toBe(false);
    });
  });

  describe('relateStandard', () => {
    let standardId: string;
    let hiddenId: string;

    before(async () => {
      standardId = (await t.ok(PROPOSE, { i: { designation: 'ASpP-95', title: 'Allied profile of space link security', scope: 'Profile of link security for Allied missions.', visibility: 'INDUSTRY', overlapJustification: 'A profile for Allied key management is needed.' } }, expert.token)).proposeStandard.id;
      hiddenId = (await t.ok(PROPOSE, { i: { designation: 'ASpP-96', title: 'Nation-only planning guide', scope: 'Planning guidance for national staffs.', visibility: 'NATIONS', overlapJustification: 'Planning guidance is needed for staffs.' } }, expert.token)).proposeStandard.id;
    });

    it('lets an editor relate the standard; the relation shows on the standard and is audited', async () => {
      const sdls = await external('CCSDS 355.0-B');
      const data = await t.ok(RELATE, { i: { standardId, externalId: sdls, kind: 'PROFILES', note: 'Profiles the extended procedures.' } }, expert.token);
      expect(data.relateStandard).toMatchObject({ kind: 'PROFILES', note: 'Profiles the extended procedures.', external: { designation: 'CCSDS 355.0-B' } });
      const shown = await t.ok(`query($id:ID!){ standard(id:$id){ relations{ kind note external{ body designation } } } }`, { id: standardId }, vendor);
      expect(shown.standard.relations).toEqual([{ kind: 'PROFILES', note: 'Profiles the extended procedures.', external: { body: 'CCSDS', designation: 'CCSDS 355.0-B' } }]);
      const [audit] = await t.db.query(`SELECT actor_id, detail FROM audit_event WHERE entity_id = $1 AND action = 'standard.related'`, [standardId]);
      expect(audit).toEqual({ actor_id: expert.id, detail: 'ASpP-95 PROFILES CCSDS CCSDS 355.0-B: Profiles the extended procedures.' });
    });

    it('lets the secretariat relate any standard', async () => {
      const data = await t.ok(RELATE, { i: { standardId, externalId: await external('CCSDS 352.0-B'), kind: 'REFERENCES' } }, secretariat);
      expect(data.relateStandard.note).toBeNull();
    });

    it('refuses others: an expert who is not an editor, a vendor, a person without a role', async () => {
      const i = { standardId, externalId: await external('CCSDS 232.0-B'), kind: 'OVERLAPS' };
      expect((await t.gql(RELATE, { i }, otherExpert.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(RELATE, { i }, vendor)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(RELATE, { i }, plain)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(RELATE, { i })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM standard_relation WHERE standard_id = $1`, [standardId]);
      expect(n).toBe(2);
    });

    it('refuses a second relation to the same external standard as CONFLICT, also when racing', async () => {
      const again = await t.gql(RELATE, { i: { standardId, externalId: await external('CCSDS 355.0-B'), kind: 'REFERENCES' } }, secretariat);
      expect(again.errors?.[0].extensions.code).toBe('CONFLICT');
      const externalId = await external('ISO 16290:2013');
      const race = await Promise.all([1, 2, 3].map(() => t.gql(RELATE, { i: { standardId, externalId, kind: 'REFERENCES' } }, expert.token)));
      expect(race.filter((r) => !r.errors).length).toBe(1);
      expect(race.filter((r) => r.errors?.[0].extensions.code === 'CONFLICT').length).toBe(2);
    });

    it('answers NOT_FOUND for unknown ids and standards the caller may not see, BAD_USER_INPUT for malformed ones', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await t.gql(RELATE, { i: { standardId, externalId: unknown, kind: 'ADOPTS' } }, expert.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect((await t.gql(RELATE, { i: { standardId: unknown, externalId: odmId, kind: 'ADOPTS' } }, secretariat)).errors?.[0].extensions.code).toBe('NOT_FOUND');
      // Vendors are refused by role before the standard is looked at; an expert of another nation sees NATIONS drafts but edits none.
      expect((await t.gql(RELATE, { i: { standardId: hiddenId, externalId: odmId, kind: 'ADOPTS' } }, otherExpert.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      const bad = await t.gql(RELATE, { i: { standardId: 'nope', externalId: odmId, kind: 'ADOPTS' } }, secretariat);
      expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const badKind = await t.gql(RELATE, { i: { standardId, externalId: odmId, kind: 'COPIES' } }, secretariat);
      expect(badKind.errors?.[0].extensions.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    });
  });
});
