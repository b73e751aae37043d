import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestApp, TestApp } from './helpers/app';
import { BALLOT, cast, dbNow, draft, openBallot, people, People, TEXT } from './helpers/ratification';

const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;

describe('ratification ballots', () => {
  let t: TestApp;
  let p: People;

  before(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    p = await people(t, ['FRA', 'DEU', 'ITA', 'NLD', 'POL']);
  });
  after(() => t.close());

  const ballot = async (id: string, token = p.secretariat) => (await t.ok(`query($id:ID!){ ballot(id:$id){ ${BALLOT} } }`, { id }, token)).ballot;

  it('opens only by the secretariat, on the current version of a DRAFTING standard, with a threshold from 1 to 32', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'STANAG 9101');
    expect(code(await openBallot(t, p.expert, standardId, versionId, 3))).toBe('FORBIDDEN');
    expect(code(await openBallot(t, p.secretariat, standardId, versionId, 0))).toBe('BAD_USER_INPUT');
    const tooHigh = await openBallot(t, p.secretariat, standardId, versionId, 33);
    expect(code(tooHigh)).toBe('BAD_USER_INPUT');
    expect(tooHigh.errors![0].message).toMatch(/threshold/);
    const v2 = await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId, baseVersionId: versionId, text: TEXT + '\nAn added line.\n' } }, p.secretariat);
    const stale = await openBallot(t, p.secretariat, standardId, versionId, 3);
    expect(code(stale)).toBe('INVALID_STATE');
    expect(stale.errors![0].message).toMatch(/not the current version/);

    const opened = await openBallot(t, p.secretariat, standardId, v2.createVersion.id, 3);
    expect(opened.errors).toBeUndefined();
    const b = opened.data.openBallot;
    expect(b).toMatchObject({ status: 'OPEN', outcome: 'PENDING', threshold: 3, standard: { status: 'IN_RATIFICATION' }, version: { number: 2 } });
    expect(b.tally).toMatchObject({ eligible: 32, responded: 0, ratifying: 0, thresholdMet: false });
    expect(b.tally.pending).toHaveLength(32);

    // The text is frozen and one ballot runs at a time.
    const frozen = await t.gql(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId, baseVersionId: v2.createVersion.id, text: TEXT } }, p.secretariat);
    expect(code(frozen)).toBe('INVALID_STATE');
    const again = await openBallot(t, p.secretariat, standardId, v2.createVersion.id, 3);
    expect(code(again)).toBe('INVALID_STATE');
    expect(again.errors![0].message).toMatch(/IN_RATIFICATION/);
  });

  it('refuses to open while a comment round is open, saying so', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'STANAG 9102');
    const closesAt = new Date((await dbNow(t)).getTime() + 3600_000).toISOString();
    await t.ok(
      `mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`,
      { i: { standardId, versionId, title: 'Study draft review', closesAt } },
      p.secretariat,
    );
    const res = await openBallot(t, p.secretariat, standardId, versionId, 3);
    expect(code(res)).toBe('INVALID_STATE');
    expect(res.errors![0].message).toMatch(/comment round "Study draft review" is open/);
    const [{ status }] = await t.db.query(`SELECT status FROM standard WHERE id = $1`, [standardId]);
    expect(status).toBe('DRAFTING');
  });

  it('takes one response per nation from its own delegate, with checked reservations and implementation dates', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'STANAG 9103');
    const b = (await openBallot(t, p.secretariat, standardId, versionId, 2)).data.openBallot;

    expect(code(await cast(t, p.expert, b.id, 'RATIFIED_IMPLEMENTING'))).toBe('FORBIDDEN');
    expect(code(await cast(t, p.secretariat, b.id, 'RATIFIED_IMPLEMENTING'))).toBe('FORBIDDEN');
    const noDate = await cast(t, p.delegates.FRA, b.id, 'RATIFIED_FUTURE_IMPLEMENTATION');
    expect(code(noDate)).toBe('BAD_USER_INPUT');
    expect(noDate.errors![0].message).toMatch(/implementationDate/);
    const badClause = await cast(t, p.delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING', { reservations: [{ clause: '9.9', text: 'No such clause' }] });
    expect(code(badClause)).toBe('BAD_USER_INPUT');
    expect(badClause.errors![0].message).toMatch(/9\.9/);

    const fra = await cast(t, p.delegates.FRA, b.id, 'RATIFIED_FUTURE_IMPLEMENTATION', {
      implementationDate: '2027-01-01T00:00:00.000Z',
      nationalReference: 'FR-NSA-2026-17',
      reservations: [{ clause: '2.1', text: 'France will deliver within ten minutes.' }, { text: 'Subject to national law.' }],
    });
    expect(fra.errors).toBeUndefined();
    expect(fra.data.castResponse).toMatchObject({ nation: { code: 'FRA' }, revision: 1, castBy: { displayName: 'Delegate FRA' } });
    const changed = await cast(t, p.delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING');
    expect(changed.data.castResponse).toMatchObject({ revision: 2, reservations: [] });
    await cast(t, p.delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING', { reservations: [{ clause: '2.1', text: 'Ten minutes.' }] });
    await cast(t, p.delegates.DEU, b.id, 'NOT_RATIFYING');
    await cast(t, p.delegates.ITA, b.id, 'NOT_PARTICIPATING');

    const read = await ballot(b.id);
    expect(read.tally).toMatchObject({ eligible: 32, responded: 3, ratifying: 1, notRatifying: 1, notParticipating: 1, withReservations: 1, threshold: 2, thresholdMet: false });
    expect(read.tally.pending).toHaveLength(29);
    expect(read.tally.pending.map((n: { code: string }) => n.code)).not.toContain('FRA');
    expect(read.responses.map((r: { nation: { code: string } }) => r.nation.code)).toEqual(['DEU', 'FRA', 'ITA']);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM ballot_response WHERE ballot_id = $1`, [b.id])).toEqual([{ n: 3 }]);
    const audits = await t.db.query(`SELECT detail FROM audit_event WHERE entity_id = $1 AND action = 'ballot.response_cast' AND detail LIKE 'FRA%'`, [b.id]);
    expect(audits).toHaveLength(3);

    // Experts read the responses; a vendor sees the ballot but not how nations voted.
    expect((await ballot(b.id, p.expert)).responses).toHaveLength(3);
    {
      const vendorRead = await t.gql(`query($id:ID!){ ballot(id:$id){ id responses { response } } }`, { id: b.id }, p.vendor);
      expect(code(vendorRead)).toBe('FORBIDDEN');
      expect(JSON.stringify(vendorRead.data ?? {})).not.toContain('RATIFIED');
    }
  });

  it('keeps one response when 50 casts of one nation race, with a revision counting them all', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'STANAG 9104');
    const b = (await openBallot(t, p.secretariat, standardId, versionId, 1)).data.openBallot;
    const responses = ['RATIFIED_IMPLEMENTING', 'RATIFIED_NOT_IMPLEMENTING', 'NOT_RATIFYING'];
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => cast(t, p.delegates.NLD, b.id, responses[i % 3])));
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(results.map((r) => r.data.castResponse.revision).sort((a, c) => a - c)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const rows = await t.db.query(`SELECT nation_code, revision FROM ballot_response WHERE ballot_id = $1`, [b.id]);
    expect(rows).toEqual([{ nation_code: 'NLD', revision: 50 }]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'ballot.response_cast'`, [b.id]);
    expect(n).toBe(50);
    const read = await ballot(b.id);
    expect(read.tally.responded).toBe(1);
    expect(read.responses[0].revision).toBe(50);
  });

  it('refuses a cast one moment after closesAt by the database clock, though nobody closed the ballot, and decides once', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'STANAG 9105');
    const b = (await openBallot(t, p.secretariat, standardId, versionId, 2, 60)).data.openBallot;
    t.clock.advance(58);
    expect((await cast(t, p.delegates.FRA, b.id, 'RATIFIED_IMPLEMENTING')).errors).toBeUndefined();
    t.clock.advance(2);
    try {
      const late = await cast(t, p.delegates.DEU, b.id, 'RATIFIED_IMPLEMENTING');
      expect(code(late)).toBe('DEADLINE_PASSED');
      expect(late.errors![0].message).toMatch(/closed at/);
      const change = await cast(t, p.delegates.FRA, b.id, 'NOT_RATIFYING');
      expect(code(change)).toBe('DEADLINE_PASSED');
      // Concurrent readers after the deadline: the outcome is decided exactly once.
      const reads = await Promise.all(Array.from({ length: 8 }, () => ballot(b.id)));
      for (const r of reads) expect(r).toMatchObject({ status: 'CLOSED', outcome: 'FAILED' });
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'ballot.closed'`, [b.id]);
      expect(n).toBe(1);
      const [row] = await t.db.query(`SELECT response, revision FROM ballot_response WHERE ballot_id = $1`, [b.id]);
      expect(row).toEqual({ response: 'RATIFIED_IMPLEMENTING', revision: 1 });
      expect(reads[0].standard.status).toBe('DRAFTING');
      expect(code(await t.gql(`mutation($id:ID!){ closeBallot(ballotId:$id){ id } }`, { id: b.id }, p.secretariat))).toBe('INVALID_STATE');
    } finally {
      t.clock.advance(-60);
    }
  });

  it('returns the standard to DRAFTING when the ballot closes FAILED, and passes when ratifying responses reach the threshold', async () => {
    const failing = await draft(t, p.secretariat, 'STANAG 9106');
    const fb = (await openBallot(t, p.secretariat, failing.standardId, failing.versionId, 3)).data.openBallot;
    await cast(t, p.delegates.FRA, fb.id, 'RATIFIED_IMPLEMENTING');
    await cast(t, p.delegates.DEU, fb.id, 'RATIFIED_NOT_IMPLEMENTING');
    await cast(t, p.delegates.ITA, fb.id, 'NOT_RATIFYING');
    expect(code(await t.gql(`mutation($id:ID!){ closeBallot(ballotId:$id){ id } }`, { id: fb.id }, p.delegates.FRA))).toBe('FORBIDDEN');
    const closed = await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ ${BALLOT} } }`, { id: fb.id }, p.secretariat);
    expect(closed.closeBallot).toMatchObject({ status: 'CLOSED', outcome: 'FAILED', standard: { status: 'DRAFTING' }, tally: { ratifying: 2, thresholdMet: false } });
    expect(code(await cast(t, p.delegates.POL, fb.id, 'RATIFIED_IMPLEMENTING'))).toBe('DEADLINE_PASSED');
    // Back in drafting: the text can change again and a new ballot can open.
    const v2 = await t.gql(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId: failing.standardId, baseVersionId: failing.versionId, text: TEXT + '\nRevised.\n' } }, p.secretariat);
    expect(v2.errors).toBeUndefined();
    const standard = await t.ok(`query($id:ID!){ standard(id:$id){ status ballots { outcome } } }`, { id: failing.standardId }, p.expert);
    expect(standard.standard).toEqual({ status: 'DRAFTING', ballots: [{ outcome: 'FAILED' }] });

    const passing = await draft(t, p.secretariat, 'STANAG 9107');
    const pb = (await openBallot(t, p.secretariat, passing.standardId, passing.versionId, 2)).data.openBallot;
    await cast(t, p.delegates.FRA, pb.id, 'RATIFIED_IMPLEMENTING');
    await cast(t, p.delegates.DEU, pb.id, 'RATIFIED_FUTURE_IMPLEMENTATION', { implementationDate: '2028-06-30T00:00:00.000Z' });
    const passed = await t.ok(`mutation($id:ID!){ closeBallot(ballotId:$id){ ${BALLOT} } }`, { id: pb.id }, p.secretariat);
    expect(passed.closeBallot).toMatchObject({ outcome: 'PASSED', standard: { status: 'IN_RATIFICATION' }, tally: { ratifying: 2, thresholdMet: true } });
  });

  it('keeps ballots of NATIONS standards from readers who may not see them', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'STANAG 9108', 'NATIONS');
    const b = (await openBallot(t, p.secretariat, standardId, versionId, 1)).data.openBallot;
    expect(code(await t.gql(`query($id:ID!){ ballot(id:$id){ id } }`, { id: b.id }, p.vendor))).toBe('NOT_FOUND');
    expect(code(await t.gql(`query($id:ID!){ ballot(id:$id){ id } }`, { id: b.id }))).toBe('UNAUTHENTICATED');
  });

  it('streams responseCast to those who may read responses, with the latest revision', async () => {
    const { standardId, versionId } = await draft(t, p.secretariat, 'STANAG 9109');
    const b = (await openBallot(t, p.secretariat, standardId, versionId, 1)).data.openBallot;
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const watch = (token: string) => {
      const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
      const events: { nation: { code: string }; response: string; revision: number }[] = [];
      const errors: { extensions?: { code?: string } }[] = [];
      client.subscribe(
        { query: `subscription($b:ID!){ responseCast(ballotId:$b){ nation { code } response revision } }`, variables: { b: b.id } },
        { next: (v) => (v.errors ? errors.push(...(v.errors as never[])) : events.push((v.data as { responseCast: never }).responseCast)), error: (e) => errors.push(...((Array.isArray(e) ? e : [e]) as never[])), complete: () => undefined },
      );
      return { events, errors, close: () => client.dispose() };
    };
    const expert = watch(p.expert);
    const vendor = watch(p.vendor);
    await new Promise((r) => setTimeout(r, 500));
    await cast(t, p.delegates.POL, b.id, 'RATIFIED_IMPLEMENTING');
    await cast(t, p.delegates.POL, b.id, 'RATIFIED_NOT_IMPLEMENTING');
    const end = Date.now() + 5000;
    while (expert.events.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    try {
      expect(expert.events).toEqual([
        { nation: { code: 'POL' }, response: expect.stringMatching(/^RATIFIED_/), revision: expect.any(Number) },
        { nation: { code: 'POL' }, response: 'RATIFIED_NOT_IMPLEMENTING', revision: 2 },
      ]);
      expect(vendor.events).toEqual([]);
      expect((vendor.errors[0] as { message?: string })?.message).toMatch(/Only SECRETARIAT or EXPERT or DELEGATE/);
      expect((vendor.errors[0] as { extensions?: { code?: string } })?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await expert.close();
      await vendor.close();
    }
  });
});
