import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { cast, dbNow, draft, openBallot, people, People, TEXT } from './helpers/ratification';
import { createTestApp, TestApp } from './helpers/app';

const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;

const CHANGE = `id sequence kind response implementationDate nationalReference changedAt
  reservations { clause text } withdrawnReservation { clause text } nation { code } changedBy { displayName }`;
const RATIFY = `mutation($i:RatifyEditionInput!){ ratifyEdition(input:$i){ ${CHANGE} } }`;
const IMPLEMENT = `mutation($i:ChangeImplementationInput!){ changeImplementation(input:$i){ ${CHANGE} } }`;
const WITHDRAW = `mutation($i:WithdrawReservationInput!){ withdrawReservation(input:$i){ ${CHANGE} } }`;
const CORRECT = `mutation($i:PromulgateCorrectionInput!){ promulgateCorrection(input:$i){ id number versionNumber label status correctionReason url version { number } } }`;
const STATE = `id label status versionNumber
  ratification { nation { code } response implementationDate reservations { clause text } }
  currentRatification { nation { code } response implementationDate reservations { clause text } revision }
  ratificationChanges { nation { code } kind sequence response }`;

/** NATO practice after promulgation: ratification goes on, corrections, cancellation and supersession, stages, ballot extensions. */
describe('NATO lifecycle after promulgation', () => {
  let t: TestApp;
  let p: People;

  before(async () => {
    t = await createTestApp();
    p = await people(t, ['FRA', 'DEU', 'ITA', 'POL', 'ESP']);
  });
  after(() => t.close());

  /** A PUBLIC standard promulgated as Edition 1: FRA implementing with two reservations, DEU future, ITA not ratifying; POL and ESP silent. */
  async function promulgated(designation: string): Promise<{ standardId: string; editionId: string; ballotId: string }> {
    const { standardId, versionId } = await draft(t, p.secretariat, designation);
    const b = (await openBallot(t, p.secretariat, standardId, versionId, 2)).data.openBallot;
    await cast(t, p.delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING', {
      reservations: [{ clause: '2.1', text: 'Ten minutes, not five.' }, { text: 'Applies to military systems only.' }],
    });
    await cast(t, p.delegates.DEU, b.id, 'RATIFIED_FUTURE_IMPLEMENTATION', { implementationDate: '2028-01-01T00:00:00.000Z' });
    await cast(t, p.delegates.ITA, b.id, 'NOT_RATIFYING');
    await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ outcome } }`, { id: b.id }, p.secretariat);
    const e = await t.ok(`mutation($id:ID!){ publishEdition(ballotId:$id){ id } }`, { id: b.id }, p.secretariat);
    return { standardId, editionId: e.publishEdition.id, ballotId: b.id };
  }

  it('lets ratification go on after promulgation: late ratification, implementation changes, withdrawn reservations, each dated, audited and shown', async () => {
    const { editionId, ballotId } = await promulgated('ASpP-81');
    const before = await t.ok(`query($id:ID!){ edition(id:$id){ ${STATE} } }`, { id: editionId }, p.expert);
    const start = await dbNow(t);

    // POL had not answered: it ratifies now.
    const late = await t.gql(RATIFY, { i: { editionId, response: 'RATIFIED_NOT_IMPLEMENTING', nationalReference: 'PL-2026-4' } }, p.delegates.POL);
    expect(late.errors).toBeUndefined();
    expect(late.data.ratifyEdition).toMatchObject({
      sequence: 1, kind: 'RATIFIED', response: 'RATIFIED_NOT_IMPLEMENTING', nationalReference: 'PL-2026-4', reservations: [],
      nation: { code: 'POL' }, changedBy: { displayName: 'Delegate POL' }, withdrawnReservation: null,
    });
    expect(new Date(late.data.ratifyEdition.changedAt).getTime()).toBeGreaterThanOrEqual(start.getTime() - 1000);
    expect(code(await t.gql(RATIFY, { i: { editionId, response: 'RATIFIED_IMPLEMENTING', implementationDate: '2026-01-01T00:00:00Z' } }, p.delegates.POL))).toBe('INVALID_STATE');
    // ITA had answered NOT_RATIFYING: it may ratify too, with a reservation on a clause of the ratified text.
    expect(code(await t.gql(RATIFY, { i: { editionId, response: 'RATIFIED_NOT_IMPLEMENTING', reservations: [{ clause: '9.9', text: 'x' }] } }, p.delegates.ITA))).toBe('BAD_USER_INPUT');
    const ita = await t.ok(RATIFY, { i: { editionId, response: 'RATIFIED_NOT_IMPLEMENTING', reservations: [{ clause: '2.2', text: 'Weekly.' }] } }, p.delegates.ITA);
    expect(ita.ratifyEdition.reservations).toEqual([{ clause: '2.2', text: 'Weekly.' }]);
    expect(code(await t.gql(RATIFY, { i: { editionId, response: 'NOT_RATIFYING' } }, p.delegates.ESP))).toBe('BAD_USER_INPUT');

    // DEU moves from future implementation to implementing, with the actual date.
    expect(code(await t.gql(IMPLEMENT, { i: { editionId, response: 'RATIFIED_IMPLEMENTING' } }, p.delegates.DEU))).toBe('BAD_USER_INPUT');
    const deu = await t.ok(IMPLEMENT, { i: { editionId, response: 'RATIFIED_IMPLEMENTING', implementationDate: '2026-10-01T00:00:00.000Z' } }, p.delegates.DEU);
    expect(deu.changeImplementation).toMatchObject({ kind: 'IMPLEMENTATION_CHANGED', response: 'RATIFIED_IMPLEMENTING', implementationDate: '2026-10-01T00:00:00.000Z', sequence: 1 });
    expect(code(await t.gql(IMPLEMENT, { i: { editionId, response: 'RATIFIED_IMPLEMENTING', implementationDate: '2026-10-01T00:00:00.000Z' } }, p.delegates.DEU))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(IMPLEMENT, { i: { editionId, response: 'RATIFIED_IMPLEMENTING', implementationDate: '2026-10-01T00:00:00.000Z' } }, p.delegates.ESP))).toBe('INVALID_STATE');

    // FRA withdraws its whole-document reservation (the second).
    expect(code(await t.gql(WITHDRAW, { i: { editionId, index: 3 } }, p.delegates.FRA))).toBe('BAD_USER_INPUT');
    const fra = await t.ok(WITHDRAW, { i: { editionId, index: 2 } }, p.delegates.FRA);
    expect(fra.withdrawReservation).toMatchObject({
      kind: 'RESERVATION_WITHDRAWN', response: 'RATIFIED_IMPLEMENTING', reservations: [{ clause: '2.1', text: 'Ten minutes, not five.' }],
      withdrawnReservation: { clause: null, text: 'Applies to military systems only.' },
    });
    expect(code(await t.gql(WITHDRAW, { i: { editionId, index: 1 } }, p.delegates.ESP))).toBe('INVALID_STATE');

    // Only a nation's delegate changes its ratification.
    for (const token of [p.expert, p.secretariat, p.vendor]) {
      expect(code(await t.gql(RATIFY, { i: { editionId, response: 'RATIFIED_NOT_IMPLEMENTING' } }, token))).toBe('FORBIDDEN');
    }

    const now = await t.ok(`query($id:ID!){ edition(id:$id){ ${STATE} } }`, { id: editionId }, p.expert);
    // The snapshot at promulgation is untouched; the current state has every change.
    expect(now.edition.ratification).toEqual(before.edition.ratification);
    expect(now.edition.currentRatification.map((r: { nation: { code: string }; response: string }) => [r.nation.code, r.response])).toEqual([
      ['DEU', 'RATIFIED_IMPLEMENTING'], ['FRA', 'RATIFIED_IMPLEMENTING'], ['ITA', 'RATIFIED_NOT_IMPLEMENTING'], ['POL', 'RATIFIED_NOT_IMPLEMENTING'],
    ]);
    expect(now.edition.currentRatification[1]).toMatchObject({ reservations: [{ clause: '2.1', text: 'Ten minutes, not five.' }], revision: 2 });
    expect(now.edition.ratificationChanges.map((c: { nation: { code: string }; kind: string }) => `${c.nation.code} ${c.kind}`)).toEqual([
      'POL RATIFIED', 'ITA RATIFIED', 'DEU IMPLEMENTATION_CHANGED', 'FRA RESERVATION_WITHDRAWN',
    ]);
    const audit = await t.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'edition.ratification_%' ORDER BY id`, [editionId]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'edition.ratification_ratified', 'edition.ratification_ratified', 'edition.ratification_implementation_changed', 'edition.ratification_reservation_withdrawn',
    ]);

    // The database holds the rules, whatever code writes: the snapshot is immutable, changes are checked and append-only.
    await expect(t.db.query(`UPDATE edition SET ratification = '[]'::jsonb WHERE id = $1`, [editionId])).rejects.toThrow(/immutable/);
    const [{ id: someone }] = await t.db.query(`SELECT id FROM app_user LIMIT 1`);
    await expect(t.db.query(
      `INSERT INTO ratification_change (ballot_id, nation_code, seq, kind, response, reservations, implementation_date, changed_by, changed_at)
       VALUES ($1, 'ESP', 0, 'IMPLEMENTATION_CHANGED', 'RATIFIED_IMPLEMENTING', '[]', now(), $2, now())`, [ballotId, someone],
    )).rejects.toThrow(/has not ratified/);
    await expect(t.db.query(
      `INSERT INTO ratification_change (ballot_id, nation_code, seq, kind, response, reservations, withdrawn, changed_by, changed_at)
       VALUES ($1, 'FRA', 0, 'RESERVATION_WITHDRAWN', 'RATIFIED_IMPLEMENTING', '[]', '{"clause":null,"text":"Invented."}', $2, now())`, [ballotId, someone],
    )).rejects.toThrow(/exactly one/);
    await expect(t.db.query(`DELETE FROM ratification_change WHERE ballot_id = $1`, [ballotId])).rejects.toThrow(/immutable/);

    // The edition page shows the state now and its history, beside the record at promulgation.
    const page = (await t.http.get('/standards/ASpP-81/editions/1')).text;
    expect(page).toContain('<caption>National responses now</caption>');
    expect(page).toContain('Now: 4 of 32 Allied nations have ratified.');
    expect(page).toMatch(/<caption>Changes since promulgation<\/caption>.*Poland<\/th><td>Ratified after promulgation.*Italy.*Germany<\/th><td>Implementation status changed<\/td><td>Ratified, implementing<\/td><td><time datetime="2026-10-01T00:00:00.000Z">2026-10-01<\/time>.*France<\/th><td>Reservation withdrawn: whole document, “Applies to military systems only.”/s);
    expect(page).toContain('2 of 32 Allied nations ratified; 3 responded.');
    // The Record of Reservations is what was recorded at promulgation.
    expect(page).toMatch(/Record of Specific Reservations.*Applies to military systems only\./s);
  });

  it('promulgates a correction as the next Version of the same edition, with its reason, without ratification', async () => {
    const { standardId, editionId } = await promulgated('ASpP-82');
    await t.ok(IMPLEMENT, { i: { editionId, response: 'RATIFIED_IMPLEMENTING', implementationDate: '2026-09-01T00:00:00.000Z' } }, p.delegates.DEU);
    const corrected = TEXT.replace('daily', 'every day');
    const input = { editionId, text: corrected, reason: 'Editorial: "daily" read as "working days" by two nations.' };
    expect(code(await t.gql(CORRECT, { i: input }, p.delegates.FRA))).toBe('FORBIDDEN');
    expect(code(await t.gql(CORRECT, { i: { ...input, reason: '  ' } }, p.secretariat))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(CORRECT, { i: { ...input, text: TEXT } }, p.secretariat))).toBe('BAD_USER_INPUT');
    const v2 = (await t.ok(CORRECT, { i: input }, p.secretariat)).promulgateCorrection;
    expect(v2).toMatchObject({
      number: 1, versionNumber: 2, label: 'ASpP-82 Edition A Version 2', status: 'IN_FORCE', correctionReason: input.reason,
      url: '/standards/ASpP-82/editions/1', version: { number: 2 },
    });
    // Version 1 is superseded; the correction cannot be made twice to it; the standard stays PROMULGATED.
    const stages = await t.ok(`query($id:ID!){ standard(id:$id){ versions { number stage } } }`, { id: standardId }, p.expert);
    expect(stages.standard.versions).toEqual([{ number: 1, stage: 'RATIFICATION_DRAFT' }, { number: 2, stage: 'CORRECTION' }]);
    const s = await t.ok(`query($id:ID!){ standard(id:$id){ status stage editions { label status versionNumber correctionReason } currentEdition { ${STATE} } } }`, { id: standardId }, p.expert);
    expect(s.standard.status).toBe('PROMULGATED');
    expect(s.standard.editions.map((e: { label: string; status: string }) => `${e.label} ${e.status}`)).toEqual([
      'ASpP-82 Edition A Version 1 SUPERSEDED', 'ASpP-82 Edition A Version 2 IN_FORCE',
    ]);
    expect(code(await t.gql(CORRECT, { i: { ...input, text: corrected + '\nMore.\n' } }, p.secretariat))).toBe('INVALID_STATE');
    // Same ratification: the snapshot, and the changes made before the correction, carry over.
    expect(s.standard.currentEdition.ratificationChanges).toEqual([{ nation: { code: 'DEU' }, kind: 'IMPLEMENTATION_CHANGED', sequence: 1, response: 'RATIFIED_IMPLEMENTING' }]);
    expect(s.standard.currentEdition.ratification.map((r: { nation: { code: string } }) => r.nation.code)).toEqual(['DEU', 'FRA', 'ITA']);
    const [event] = await t.db.query(`SELECT detail FROM audit_event WHERE entity_id = $1 AND action = 'edition.corrected'`, [v2.id]);
    expect(event.detail).toMatch(/ASpP-82 Edition A Version 2 promulgated without ratification .*superseding ASpP-82 Edition A Version 1: Editorial/);
    // The database refuses a Version that does not follow its edition's last one with the same ratification.
    await expect(t.db.query(
      `INSERT INTO edition (standard_id, version_id, ballot_id, number, version_number, label, published_by, content_hash, html, ratification, correction_reason)
       SELECT standard_id, version_id, ballot_id, number, 3, 'x', published_by, content_hash, html, '[]', 'x' FROM edition WHERE id = $1`, [v2.id],
    )).rejects.toThrow(/must follow version 2/);

    const page = (await t.http.get(v2.url)).text;
    expect(page).toContain('<h1>ASpP-82 Edition A Version 2</h1>');
    expect(page).toContain('<dt>Correction</dt><dd>Version 2, promulgated without ratification: Editorial: &quot;daily&quot; read as &quot;working days&quot; by two nations.</dd>');
    expect(page).toMatch(/Versions of this edition.*ASpP-82 Edition A Version 1<\/th><td>.*Ratified text.*ASpP-82 Edition A Version 2<\/th>/s);
    expect(page).toContain('every day');
    expect((await t.http.get('/standards/ASpP-82/editions/1.md')).text).toBe(corrected);
  });

  it('names the stages and holds the lifecycle as a state machine in the database too', async () => {
    const STAGE = `query($id:ID!){ standard(id:$id){ status stage } }`;
    const { standardId, versionId } = await draft(t, p.secretariat, 'ASpP-83');
    expect((await t.ok(STAGE, { id: standardId }, p.expert)).standard).toEqual({ status: 'DRAFTING', stage: 'STUDY_DRAFT' });
    const VERSION_STAGE = `query($id:ID!){ standardVersion(id:$id){ stage } }`;
    expect((await t.ok(VERSION_STAGE, { id: versionId }, p.expert)).standardVersion.stage).toBe('STUDY_DRAFT');
    const b = (await openBallot(t, p.secretariat, standardId, versionId, 1)).data.openBallot;
    expect((await t.ok(STAGE, { id: standardId }, p.expert)).standard).toEqual({ status: 'IN_RATIFICATION', stage: 'RATIFICATION_DRAFT' });
    expect((await t.ok(VERSION_STAGE, { id: versionId }, p.expert)).standardVersion.stage).toBe('RATIFICATION_DRAFT');
    await cast(t, p.delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING');
    await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ outcome } }`, { id: b.id }, p.secretariat);
    await t.ok(`mutation($id:ID!){ publishEdition(ballotId:$id){ id } }`, { id: b.id }, p.secretariat);
    expect((await t.ok(STAGE, { id: standardId }, p.expert)).standard).toEqual({ status: 'PROMULGATED', stage: 'PROMULGATED' });
    await expect(t.db.query(`UPDATE standard SET status = 'PROPOSED' WHERE id = $1`, [standardId])).rejects.toThrow(/cannot go from PROMULGATED to PROPOSED/);
    const proposed = await t.ok(`mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id stage } }`, {
      i: { designation: 'ASpP-84', title: 'Proposal', scope: 'A proposal.', visibility: 'PUBLIC', overlapJustification: 'Test standard; overlaps are acceptable in this suite.' },
    }, p.secretariat);
    expect(proposed.proposeStandard.stage).toBe('PROPOSAL');
  });

  it('cancels a promulgated standard with reason and date, and supersedes one by its replacement, on the API and the pages', async () => {
    const old = await promulgated('ASpP-85');
    const replacement = await promulgated('ASpP-86');
    const SUPERSEDE = `mutation($s:ID!,$r:ID!,$why:String!){ supersedeStandard(standardId:$s, replacementId:$r, reason:$why){
      status stage supersededAt supersessionReason supersededBy { designation } currentEdition { id } editions { status } } }`;
    const args = { s: old.standardId, r: replacement.standardId, why: 'Merged into ASpP-86.' };
    expect(code(await t.gql(SUPERSEDE, args, p.delegates.FRA))).toBe('FORBIDDEN');
    expect(code(await t.gql(SUPERSEDE, { ...args, r: old.standardId }, p.secretariat))).toBe('BAD_USER_INPUT');
    const start = await dbNow(t);
    const done = (await t.ok(SUPERSEDE, args, p.secretariat)).supersedeStandard;
    expect(done).toMatchObject({
      status: 'SUPERSEDED', stage: 'SUPERSEDED', supersessionReason: 'by ASpP-86: Merged into ASpP-86.', supersededBy: { designation: 'ASpP-86' },
      currentEdition: null, editions: [{ status: 'SUPERSEDED' }],
    });
    expect(new Date(done.supersededAt).getTime()).toBeGreaterThanOrEqual(start.getTime() - 1000);
    expect(code(await t.gql(SUPERSEDE, args, p.secretariat))).toBe('INVALID_STATE');
    // Ratification changes are for editions in force.
    expect(code(await t.gql(RATIFY, { i: { editionId: old.editionId, response: 'RATIFIED_NOT_IMPLEMENTING' } }, p.delegates.POL))).toBe('INVALID_STATE');
    const oldPage = (await t.http.get('/standards/ASpP-85/editions/1')).text;
    expect(oldPage).toMatch(/<strong>Superseded<\/strong> by <a href="\/standards\/ASpP-86">ASpP-86<\/a> on <time[^>]*>\d{4}-\d\d-\d\d<\/time>: by ASpP-86: Merged into ASpP-86\./);
    expect((await t.http.get('/standards/ASpP-85')).text).toContain('<strong>Superseded</strong> by');

    const CANCEL = `mutation($s:ID!,$why:String!){ cancelStandard(standardId:$s, reason:$why){ status stage cancelledAt cancellationReason editions { status } } }`;
    const cancelled = (await t.ok(CANCEL, { s: replacement.standardId, why: 'No longer needed: the capability is retired.' }, p.secretariat)).cancelStandard;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', stage: 'CANCELLED', cancellationReason: 'No longer needed: the capability is retired.', editions: [{ status: 'CANCELLED' }] });
    expect(cancelled.cancelledAt).toBeTruthy();
    const page = (await t.http.get('/standards/ASpP-86/editions/1')).text;
    expect(page).toMatch(/<strong>Cancelled<\/strong> on <time[^>]*>\d{4}-\d\d-\d\d<\/time>: No longer needed: the capability is retired\./);
    expect(page).toContain('<span class="status CANCELLED">Cancelled</span>');
    expect((await t.http.get('/')).text).not.toContain('ASpP-86');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = ANY($1::text[]) AND action IN ('standard.supersede','standard.cancel')`, [[old.standardId, replacement.standardId]]);
    expect(n).toBe(2);
  });

  it('extends a ballot short of its threshold (dated, audited, only later, only while open), and defaults the threshold to a majority of the Allies', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'ASpP-87');
    const closesAt = new Date((await dbNow(t)).getTime() + 600_000).toISOString();
    const opened = await t.ok(`mutation($i:OpenBallotInput!){ openBallot(input:$i){ id threshold closesAt } }`, { i: { standardId, versionId, closesAt } }, p.secretariat);
    const b = opened.openBallot;
    expect(b.threshold).toBe(17);
    const EXTEND = `mutation($b:ID!,$c:DateTime!,$r:String!){ extendBallot(ballotId:$b, closesAt:$c, reason:$r){
      closesAt status extensions { previousClosesAt closesAt reason extendedAt extendedBy { displayName } } } }`;
    const later = new Date(Date.parse(closesAt) + 7 * 86400_000).toISOString();
    expect(code(await t.gql(EXTEND, { b: b.id, c: later, r: 'Too few answers.' }, p.delegates.FRA))).toBe('FORBIDDEN');
    expect(code(await t.gql(EXTEND, { b: b.id, c: new Date(Date.parse(closesAt) - 60_000).toISOString(), r: 'Shorter.' }, p.secretariat))).toBe('BAD_USER_INPUT');
    const extended = (await t.ok(EXTEND, { b: b.id, c: later, r: 'Only 3 of 17 ratifications so far.' }, p.secretariat)).extendBallot;
    expect(extended).toMatchObject({
      closesAt: later, status: 'OPEN',
      extensions: [{ previousClosesAt: closesAt, closesAt: later, reason: 'Only 3 of 17 ratifications so far.', extendedBy: { displayName: 'Sec Retariat' } }],
    });
    const [event] = await t.db.query(`SELECT detail FROM audit_event WHERE entity_id = $1 AND action = 'ballot.extended'`, [b.id]);
    expect(event.detail).toContain(`extended from ${closesAt} to ${later}: Only 3 of 17`);
    // The old deadline no longer closes it.
    t.clock.advance(900);
    try {
      expect((await cast(t, p.delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING')).errors).toBeUndefined();
    } finally {
      t.clock.advance(-900);
    }
    // Only with its extension row, only later.
    await expect(t.db.query(`UPDATE ballot SET closes_at = closes_at + interval '1 day' WHERE id = $1`, [b.id])).rejects.toThrow(/recorded extension/);
    // After the deadline the outcome is decided and nothing extends it.
    t.clock.advance(8 * 86400);
    try {
      expect(code(await t.gql(EXTEND, { b: b.id, c: new Date(Date.parse(later) + 86400_000 * 30).toISOString(), r: 'Late.' }, p.secretariat))).toBe('DEADLINE_PASSED');
    } finally {
      t.clock.advance(-8 * 86400);
    }
  });

  it('holds a ballot opened with AWAIT_DECISION that is short at closesAt, for the secretariat to extend or close as FAILED', async () => {
    const OPEN = `mutation($i:OpenBallotInput!){ openBallot(input:$i){ id onShortfall } }`;
    const READ = `query($id:ID!){ ballot(id:$id){ status outcome closesAt standard { status } } }`;
    const hold = async (designation: string) => {
      const { standardId, versionId } = await draft(t, p.secretariat, designation);
      const closesAt = new Date((await dbNow(t)).getTime() + 60_000).toISOString();
      const b = (await t.ok(OPEN, { i: { standardId, versionId, closesAt, threshold: 2, onShortfall: 'AWAIT_DECISION' } }, p.secretariat)).openBallot;
      expect(b.onShortfall).toBe('AWAIT_DECISION');
      await cast(t, p.delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING');
      return b.id as string;
    };
    const extended = await hold('ASpP-88');
    const closed = await hold('ASpP-89');
    t.clock.advance(120);
    try {
      for (const id of [extended, closed]) {
        expect((await t.ok(READ, { id }, p.expert)).ballot).toMatchObject({ status: 'AWAITING_DECISION', outcome: 'PENDING', standard: { status: 'IN_RATIFICATION' } });
      }
      // Nobody answers while it waits, and nothing is published from it.
      expect(code(await cast(t, p.delegates.DEU, extended, 'RATIFIED_IMPLEMENTING'))).toBe('DEADLINE_PASSED');
      expect(code(await t.gql(`mutation($id:ID!){ publishEdition(ballotId:$id){ id } }`, { id: extended }, p.secretariat))).toBe('INVALID_STATE');
      // Extended: open again, DEU ratifies, and the new deadline passes it.
      const later = new Date((await dbNow(t)).getTime() + 60_000).toISOString();
      const x = await t.ok(`mutation($b:ID!,$c:DateTime!){ extendBallot(ballotId:$b, closesAt:$c, reason:"One ratification short."){ status } }`, { b: extended, c: later }, p.secretariat);
      expect(x.extendBallot.status).toBe('OPEN');
      expect((await cast(t, p.delegates.DEU, extended, 'RATIFIED_IMPLEMENTING')).errors).toBeUndefined();
      // Closed as FAILED by the secretariat: the standard returns to drafting.
      const c = await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ status outcome standard { status } } }`, { id: closed }, p.secretariat);
      expect(c.closeBallot).toEqual({ status: 'CLOSED', outcome: 'FAILED', standard: { status: 'DRAFTING' } });
      const [event] = await t.db.query(`SELECT detail FROM audit_event WHERE entity_id = $1 AND action = 'ballot.closed'`, [closed]);
      expect(event.detail).toMatch(/closed by the secretariat after falling short at its deadline: FAILED, 1 ratifying of threshold 2/);
      t.clock.advance(120);
      expect((await t.ok(READ, { id: extended }, p.expert)).ballot).toMatchObject({ status: 'CLOSED', outcome: 'PASSED' });
    } finally {
      t.clock.advance(-240);
    }
  });
});
