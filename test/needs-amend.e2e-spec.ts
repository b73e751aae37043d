import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createTestApp, TestApp } from './helpers/app';
import { draft } from './helpers/ratification';

/**
 * Amending a need through HTTP: who may amend in each state, the revisions
 * kept (and refused UPDATE and DELETE by the database), two amendments of the
 * same revision racing, the supporting nations told, the audit record, and
 * nothing written when the amendment fails halfway.
 */
const NEED = `id reference title statement missionArea priority visibility status revision updatedAt
  revisions { number reason amendedAt amendedBy { displayName } changes { field before after } }`;
const RAISE = `mutation($i:RaiseNeedInput!){ raiseNeed(input:$i){ ${NEED} } }`;
const AMEND = `mutation($i:AmendNeedInput!){ amendNeed(input:$i){ ${NEED} } }`;
const ONE = `query($id:ID!){ interoperabilityNeed(id:$id){ ${NEED} } }`;
const step = (name: string) => `mutation($id:ID!){ ${name}(needId:$id){ id status } }`;

const code = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code ?? 'OK';
const message = (res: { errors?: { message: string }[] }) => res.errors?.[0]?.message ?? '';

describe('amending interoperability needs', () => {
  let t: TestApp;
  let sec: string, fra: string, fra2: string, fraDelegate: string, deu: string, ita: string, vendor: string, admin: string;
  let serial = 0;

  const raise = async (token: string, extra: Record<string, unknown> = {}) =>
    (await t.ok(RAISE, {
      i: {
        title: `Orbit data need ${++serial}`, statement: 'Allied centres need one format for orbit data.',
        missionArea: 'SPACE_DOMAIN_AWARENESS', priority: 'HIGH', visibility: 'PUBLIC', ...extra,
      },
    }, token)).raiseNeed;
  const amend = (token: string | undefined, needId: string, fields: Record<string, unknown>, expectedRevision = 0) =>
    t.gql(AMEND, { i: { needId, expectedRevision, ...fields } }, token);

  before(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_ADDRESS: '100000', RATE_LIMIT_PER_IP: '100000', WEBHOOK_POLL_MS: '0' });
    admin = await t.adminToken();
    const org = (await t.ok(`mutation{ createOrganization(input:{ name:"Amend Vendor Ltd", kind:VENDOR }){ id } }`, {}, admin)).createOrganization.id;
    sec = (await t.user('Amend Secretariat', [{ role: 'SECRETARIAT' }])).token;
    fra = (await t.user('Amend Expert Fra', [{ role: 'EXPERT', nationCode: 'FRA' }])).token;
    fra2 = (await t.user('Amend Other Expert Fra', [{ role: 'EXPERT', nationCode: 'FRA' }])).token;
    fraDelegate = (await t.user('Amend Delegate Fra', [{ role: 'DELEGATE', nationCode: 'FRA' }])).token;
    deu = (await t.user('Amend Delegate Deu', [{ role: 'DELEGATE', nationCode: 'DEU' }])).token;
    ita = (await t.user('Amend Expert Ita', [{ role: 'EXPERT', nationCode: 'ITA' }])).token;
    vendor = (await t.user('Amend Vendor', [{ role: 'VENDOR', organizationId: org }])).token;
  });
  after(() => t?.close());

  it('lets the raiser, a delegate of its nation or the secretariat amend a RAISED need, and nobody else', async () => {
    const n = await raise(fra);
    expect(n.revision).toBe(0);
    expect(n.revisions).toEqual([]);
    // Not allowed: another expert of the same nation, another nation's delegate, a vendor, the administrator, anonymous.
    for (const [token, want] of [[fra2, 'FORBIDDEN'], [deu, 'FORBIDDEN'], [vendor, 'FORBIDDEN'], [admin, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      expect({ want, got: code(await amend(token, n.id, { title: 'Not mine to change' })) }).toEqual({ want, got: want });
    }
    expect(message(await amend(fra2, n.id, { title: 'Not mine to change' }))).toMatch(/only the person who raised it, a delegate of FRA or the secretariat/);
    // Allowed, one after the other, each on the revision it saw.
    const byRaiser = (await t.ok(AMEND, { i: { needId: n.id, expectedRevision: 0, title: 'Orbit data exchange between centres' } }, fra)).amendNeed;
    expect(byRaiser).toMatchObject({ revision: 1, title: 'Orbit data exchange between centres', statement: n.statement });
    const byDelegate = (await t.ok(AMEND, { i: { needId: n.id, expectedRevision: 1, priority: 'CRITICAL' } }, fraDelegate)).amendNeed;
    expect(byDelegate).toMatchObject({ revision: 2, priority: 'CRITICAL' });
    const bySecretariat = (await t.ok(AMEND, { i: { needId: n.id, expectedRevision: 2, missionArea: 'SATCOM', reason: 'Filed under the wrong area.' } }, sec)).amendNeed;
    expect(bySecretariat).toMatchObject({ revision: 3, missionArea: 'SATCOM' });
    // A need the caller may not read does not exist for it; an unknown need neither.
    const hidden = await raise(sec, { visibility: 'NATIONS' });
    expect(code(await amend(sec, '00000000-0000-4000-8000-000000000000', { title: 'Nothing' }))).toBe('NOT_FOUND');
    expect(code(await amend(vendor, hidden.id, { title: 'Nothing' }))).toBe('FORBIDDEN');
    // A need raised by the secretariat has no nation: only the secretariat amends it.
    expect(code(await amend(fraDelegate, hidden.id, { title: 'Not ours' }))).toBe('FORBIDDEN');
    expect(code(await amend(sec, hidden.id, { title: 'Ours to change' }))).toBe('OK');
  });

  it('lets only the secretariat amend an ACCEPTED need, with a reason, and never an ADDRESSED, CLOSED or REJECTED one', async () => {
    const n = await raise(fra);
    await t.ok(step('acceptNeed'), { id: n.id }, sec);
    for (const token of [fra, fraDelegate, deu]) {
      const res = await amend(token, n.id, { title: 'Changed in the work programme' });
      expect(code(res)).toBe('FORBIDDEN');
      expect(message(res)).toMatch(/ACCEPTED \(in the work programme\): only the secretariat may amend it now/);
    }
    for (const reason of [undefined, '   ']) {
      const res = await amend(sec, n.id, { title: 'Changed in the work programme', reason });
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(message(res)).toMatch(/say why it is amended/);
    }
    const ok = (await t.ok(AMEND, { i: { needId: n.id, expectedRevision: 0, statement: 'Allied centres need one format and one protocol for orbit data.', reason: 'Agreed at the March meeting.' } }, sec)).amendNeed;
    expect(ok.revisions).toEqual([expect.objectContaining({ number: 1, reason: 'Agreed at the March meeting.', amendedBy: { displayName: 'Amend Secretariat' } })]);

    // Rejected, addressed, closed: never, for anyone, with a message that says why.
    const rejected = await raise(fra);
    await t.ok(`mutation($id:ID!){ rejectNeed(needId:$id, reason:"Covered by ECSS."){ id } }`, { id: rejected.id }, sec);
    const addressed = await raise(fra);
    const { standardId } = await draft(t, sec, 'AMEND 1');
    await t.ok(step('acceptNeed'), { id: addressed.id }, sec);
    await t.ok(`mutation($id:ID!,$s:ID!){ linkStandardToNeed(needId:$id, standardId:$s){ id } }`, { id: addressed.id, s: standardId }, sec);
    await t.ok(step('markNeedAddressed'), { id: addressed.id }, sec);
    const closed = await raise(fra);
    await t.ok(step('acceptNeed'), { id: closed.id }, sec);
    await t.ok(`mutation($id:ID!,$s:ID!){ linkStandardToNeed(needId:$id, standardId:$s){ id } }`, { id: closed.id, s: standardId }, sec);
    await t.ok(step('markNeedAddressed'), { id: closed.id }, sec);
    await t.ok(step('closeNeed'), { id: closed.id }, sec);
    for (const [need, status, why] of [[rejected, 'REJECTED', /never amended; raise a new need/], [addressed, 'ADDRESSED', /no longer amended/], [closed, 'CLOSED', /kept for the record/]] as const) {
      for (const token of [sec, fra]) {
        const res = await amend(token, need.id, { title: 'Too late', reason: 'Trying anyway.' });
        expect({ status, code: code(res) }).toEqual({ status, code: 'INVALID_STATE' });
        expect(message(res)).toMatch(new RegExp(`NEED-\\d+ is ${status}: `));
        expect(message(res)).toMatch(why);
      }
    }
    const [{ n: revisions }] = await t.db.query(`SELECT count(*)::int AS n FROM need_revision WHERE need_id = ANY($1::uuid[])`, [[rejected.id, addressed.id, closed.id]]);
    expect(revisions).toBe(0);
  });

  it('keeps every revision with the text before and after, by the database clock, oldest first', async () => {
    const n = await raise(fra, { title: 'Space weather alerts', statement: 'Nations need space weather alerts in one format.' });
    await t.ok(AMEND, { i: { needId: n.id, expectedRevision: 0, title: 'Space weather alerts exchange', statement: 'Nations need space weather alerts in one format and one protocol.' } }, fra);
    const second = (await t.ok(AMEND, { i: { needId: n.id, expectedRevision: 1, priority: 'LOW', reason: 'Less urgent now.' } }, fraDelegate)).amendNeed;
    expect(second.revision).toBe(2);
    expect(second.revisions).toEqual([
      {
        number: 1, reason: null, amendedAt: expect.any(String), amendedBy: { displayName: 'Amend Expert Fra' },
        changes: [
          { field: 'TITLE', before: 'Space weather alerts', after: 'Space weather alerts exchange' },
          { field: 'STATEMENT', before: 'Nations need space weather alerts in one format.', after: 'Nations need space weather alerts in one format and one protocol.' },
        ],
      },
      { number: 2, reason: 'Less urgent now.', amendedAt: expect.any(String), amendedBy: { displayName: 'Amend Delegate Fra' }, changes: [{ field: 'PRIORITY', before: 'HIGH', after: 'LOW' }] },
    ]);
    // The rows themselves, written by the database clock (the transaction's now()).
    const rows = await t.db.query(
      `SELECT r.number, r.title_before, r.title_after, r.statement_after IS NOT NULL AS statement, r.mission_area_before, r.priority_before, r.priority_after, r.reason,
              u.display_name AS by, r.amended_at <= now() AND r.amended_at > now() - interval '5 minutes' AS recent, r.amended_at = n.updated_at AS last
         FROM need_revision r JOIN app_user u ON u.id = r.amended_by JOIN interoperability_need n ON n.id = r.need_id WHERE r.need_id = $1 ORDER BY r.number`,
      [n.id],
    );
    expect(rows).toEqual([
      { number: 1, title_before: 'Space weather alerts', title_after: 'Space weather alerts exchange', statement: true, mission_area_before: null, priority_before: null, priority_after: null, reason: null, by: 'Amend Expert Fra', recent: true, last: false },
      { number: 2, title_before: null, title_after: null, statement: false, mission_area_before: null, priority_before: 'HIGH', priority_after: 'LOW', reason: 'Less urgent now.', by: 'Amend Delegate Fra', recent: true, last: true },
    ]);
    // Anyone reads the history of a PUBLIC need; who amended it is for signed-in readers, as who raised it.
    const anon = (await t.ok(ONE, { id: n.id })).interoperabilityNeed;
    expect(anon.revisions.map((r: { number: number; amendedBy: unknown }) => [r.number, r.amendedBy])).toEqual([[1, null], [2, null]]);
    // The search follows the amended text.
    const found = (await t.ok(`{ interoperabilityNeeds(filter:{ text:"protocol space weather" }){ edges { node { id } } } }`, {}, fra)).interoperabilityNeeds.edges;
    expect(found.map((e: { node: { id: string } }) => e.node.id)).toContain(n.id);
  });

  it('validates as raiseNeed does, refuses an amendment that changes nothing, and a stale one with CONFLICT', async () => {
    const n = await raise(fra);
    const both = async (fields: Record<string, unknown>) => {
      const raised = await t.gql(RAISE, { i: { title: 'T', statement: 'S', missionArea: 'PNT', priority: 'LOW', visibility: 'PUBLIC', ...fields } }, fra);
      const amended = await amend(fra, n.id, fields);
      return { raise: [code(raised), message(raised)], amend: [code(amended), message(amended)] };
    };
    for (const fields of [{ title: '   ' }, { statement: ' \n ' }, { title: 'x'.repeat(301) }, { statement: 'y'.repeat(10001) }, { title: '' }]) {
      const got = await both(fields);
      expect(got.amend[0]).toBe('BAD_USER_INPUT');
      expect(got.amend).toEqual(got.raise);
    }
    expect(code(await amend(fra, n.id, { reason: 'r'.repeat(2001), title: 'Fine' }))).toBe('BAD_USER_INPUT');
    // Not amendable fields are not in the input at all.
    expect(code(await amend(fra, n.id, { visibility: 'NATIONS' }))).not.toBe('OK');
    expect(code(await amend(fra, n.id, { sharingNationCodes: ['DEU'] }))).not.toBe('OK');
    // Nothing to change: no field, or the same values (spaces around a title are not a change).
    for (const fields of [{}, { title: `  ${n.title} ` }, { priority: n.priority, missionArea: n.missionArea }]) {
      const res = await amend(fra, n.id, fields);
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(message(res)).toMatch(/^nothing to change/);
    }
    await t.ok(AMEND, { i: { needId: n.id, expectedRevision: 0, title: 'First change' } }, fra);
    const stale = await amend(fraDelegate, n.id, { title: 'Second change on an old revision' }, 0);
    expect(code(stale)).toBe('CONFLICT');
    expect(message(stale)).toMatch(/amended meanwhile: it is at revision 1, and you amended revision 0\. Reload it/);
    expect(code(await amend(fraDelegate, n.id, { title: 'Ahead of time' }, 5))).toBe('CONFLICT');
    const [row] = await t.db.query(`SELECT title, revision, (SELECT count(*)::int FROM need_revision WHERE need_id = $1) AS rows FROM interoperability_need WHERE id = $1`, [n.id]);
    expect(row).toEqual({ title: 'First change', revision: 1, rows: 1 });
  });

  it('lets exactly one of truly concurrent amendments of the same revision land', async () => {
    const n = await raise(fra);
    const tokens = [fra, fraDelegate, sec, fra, fraDelegate, sec];
    const results = await Promise.all(tokens.map((token, i) => amend(token, n.id, { title: `Concurrent title ${i}`, reason: 'Race.' })));
    const codes = results.map(code);
    expect([...codes].sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    const winner = codes.indexOf('OK');
    const [row] = await t.db.query(
      `SELECT title, revision, (SELECT count(*)::int FROM need_revision WHERE need_id = $1) AS rows,
              (SELECT count(*)::int FROM audit_event WHERE entity_id = $1::text AND action = 'need.amended') AS audited
         FROM interoperability_need WHERE id = $1`,
      [n.id],
    );
    expect(row).toEqual({ title: `Concurrent title ${winner}`, revision: 1, rows: 1, audited: 1 });
    // Again, on revision 1: again one.
    const again = await Promise.all(tokens.map((token, i) => amend(token, n.id, { statement: `Concurrent statement ${i}.`, reason: 'Race.' }, 1)));
    expect(again.map(code).filter((c) => c === 'OK')).toHaveLength(1);
    const [{ rows }] = await t.db.query(`SELECT count(*)::int AS rows FROM need_revision WHERE need_id = $1`, [n.id]);
    expect(rows).toBe(2);
  });

  it('tells the other supporting nations and the need\'s followers in the app and the digest, never the amender\'s own nation, and audits it', async () => {
    const n = await raise(fra, { visibility: 'NATIONS' });
    await t.ok(step('supportNeed'), { id: n.id }, deu);
    await t.ok(step('supportNeed'), { id: n.id }, ita);
    // A reader of a nation that does not support it, following the need.
    const follower = (await t.user('Amend Follower Esp', [{ role: 'EXPERT', nationCode: 'ESP' }])).token;
    await t.ok(`mutation($n:ID!){ subscribe(input:{ needId:$n }){ __typename } }`, { n: n.id }, follower);
    const rows = (revision: number) => t.db.query(
      `SELECT u.display_name AS who, n.channel, n.title, n.link FROM notification n JOIN app_user u ON u.id = n.user_id
        WHERE n.kind = 'NEED_AMENDED' AND n.subject_id = $1 AND n.event_key = $2 ORDER BY u.display_name`,
      [n.id, `NEED_AMENDED:${n.id}:${revision}`],
    );
    await t.ok(AMEND, { i: { needId: n.id, expectedRevision: 0, statement: 'Allied centres need one format, and one protocol, for orbit data.' } }, fra);
    // DEU's delegate, ITA's expert and the follower; FRA (the amender's nation, three people) is not told.
    expect(await rows(1)).toEqual([
      { who: 'Amend Delegate Deu', channel: 'DIGEST', title: `${n.reference} amended`, link: `/app/needs/${n.id}` },
      { who: 'Amend Expert Ita', channel: 'DIGEST', title: `${n.reference} amended`, link: `/app/needs/${n.id}` },
      { who: 'Amend Follower Esp', channel: 'DIGEST', title: `${n.reference} amended`, link: `/app/needs/${n.id}` },
    ]);
    const [note] = (await t.ok(`{ notifications(first:5){ edges { node { kind subjectId body } } } }`, {}, ita)).notifications.edges;
    expect(note.node).toMatchObject({ kind: 'NEED_AMENDED', subjectId: n.id });
    expect(note.node.body).toMatch(/was amended \(revision 1\): its statement changed\. A nation that supports it can withdraw its support if the change no longer suits it\./);
    const fraNotes = (await t.ok(`{ notifications(first:100){ edges { node { subjectId } } } }`, {}, fraDelegate)).notifications.edges;
    expect(fraNotes.filter((e: { node: { subjectId: string } }) => e.node.subjectId === n.id)).toEqual([]);
    // Supporters keep their support.
    expect((await t.ok(`query($id:ID!){ interoperabilityNeed(id:$id){ supportCount } }`, { id: n.id }, sec)).interoperabilityNeed.supportCount).toBe(3);
    // Amended by the secretariat (no nation): every supporting nation, FRA's three people included, and the follower.
    await t.ok(AMEND, { i: { needId: n.id, expectedRevision: 1, priority: 'MEDIUM' } }, sec);
    expect((await rows(2)).map((r: { who: string }) => r.who)).toEqual(['Amend Delegate Deu', 'Amend Delegate Fra', 'Amend Expert Fra', 'Amend Expert Ita', 'Amend Follower Esp', 'Amend Other Expert Fra']);
    // Not mailed at once: the weekly digest carries it, as the other kinds that are not deadlines.
    const [{ mails }] = await t.db.query(`SELECT count(*)::int AS mails FROM mail_outbox WHERE idempotency_key LIKE 'NEED_AMENDED:%'`);
    expect(mails).toBe(0);
    // Audited like the other need mutations.
    const audit = await t.db.query(`SELECT action, detail FROM audit_event WHERE entity_id = $1 AND action = 'need.amended' ORDER BY id`, [n.id]);
    expect(audit).toEqual([
      { action: 'need.amended', detail: `${n.reference} amended to revision 1 (statement)` },
      { action: 'need.amended', detail: `${n.reference} amended to revision 2 (priority)` },
    ]);
    const listed = (await t.ok(`query($id:ID){ auditEvents(entityId:$id, action:"need.amended", first:5){ totalCount } }`, { id: n.id }, sec)).auditEvents;
    expect(listed.totalCount).toBe(2);
  });

  it('writes nothing when the amendment fails halfway, and the database keeps the history immutable', async () => {
    const n = await raise(fra);
    await t.ok(step('supportNeed'), { id: n.id }, deu);
    // The last write of the amendment (DEU's notification) fails: the change, the revision and the audit record go with it.
    await t.db.query(`
      CREATE FUNCTION test_refuse_need_amended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'notification refused by the test'; END $$`);
    await t.db.query(`CREATE TRIGGER test_refuse_need_amended BEFORE INSERT ON notification FOR EACH ROW WHEN (NEW.kind = 'NEED_AMENDED') EXECUTE FUNCTION test_refuse_need_amended()`);
    try {
      const res = await amend(fra, n.id, { title: 'Half written', reason: 'Failing.' });
      expect(code(res)).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await t.db.query(`DROP TRIGGER test_refuse_need_amended ON notification`);
      await t.db.query(`DROP FUNCTION test_refuse_need_amended()`);
    }
    const state = async () => (await t.db.query(
      `SELECT title, revision, (SELECT count(*)::int FROM need_revision WHERE need_id = $1) AS revisions,
              (SELECT count(*)::int FROM audit_event WHERE entity_id = $1::text AND action = 'need.amended') AS audited,
              (SELECT count(*)::int FROM notification WHERE subject_id = $1::text AND kind = 'NEED_AMENDED') AS notified
         FROM interoperability_need WHERE id = $1`,
      [n.id],
    ))[0];
    expect(await state()).toEqual({ title: n.title, revision: 0, revisions: 0, audited: 0, notified: 0 });
    // The same amendment, on the same revision, then lands whole.
    expect(code(await amend(fra, n.id, { title: 'Written whole', reason: 'Again.' }))).toBe('OK');
    expect(await state()).toEqual({ title: 'Written whole', revision: 1, revisions: 1, audited: 1, notified: 1 });

    // Revisions never change, and the text never changes without one.
    await expect(t.db.query(`UPDATE need_revision SET reason = 'rewritten' WHERE need_id = $1`, [n.id])).rejects.toThrow(/UPDATE on need_revision is not allowed/);
    await expect(t.db.query(`DELETE FROM need_revision WHERE need_id = $1`, [n.id])).rejects.toThrow(/DELETE on need_revision is not allowed/);
    await expect(t.db.query(`TRUNCATE need_revision`)).rejects.toThrow(/TRUNCATE on need_revision is not allowed/);
    await expect(t.db.query(`UPDATE interoperability_need SET title = 'Quietly changed' WHERE id = $1`, [n.id])).rejects.toThrow(/changed only by an amendment/);
    await expect(t.db.query(`UPDATE interoperability_need SET revision = 5 WHERE id = $1`, [n.id])).rejects.toThrow(/revision goes from 1 to 2 only/);
    await expect(t.db.query(`UPDATE interoperability_need SET title = 'No row', revision = 2 WHERE id = $1`, [n.id])).rejects.toThrow(/revision 2 of need .* has no revision row/);
    await expect(t.db.query(`INSERT INTO need_revision (need_id, number, title_before, title_after, amended_by, amended_at) SELECT $1, 3, 'a', 'a', raised_by, now() FROM interoperability_need WHERE id = $1`, [n.id]))
      .rejects.toThrow(/check/);
    expect(await state()).toEqual({ title: 'Written whole', revision: 1, revisions: 1, audited: 1, notified: 1 });
  });
});
