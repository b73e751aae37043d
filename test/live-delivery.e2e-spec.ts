import { after, before, describe, it } from 'node:test';
import { AddressInfo } from 'node:net';
import { expect } from 'expect';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestApp, TestApp } from './helpers/app';
import { draft, openBallot, people, People } from './helpers/ratification';

/** Allied nations with a delegate each; all cast at once. */
const NATIONS = ['BEL', 'BGR', 'CAN', 'HRV', 'CZE', 'DNK', 'EST', 'FRA', 'DEU', 'GRC', 'HUN', 'ISL', 'ITA', 'LVA', 'LTU', 'LUX', 'NLD', 'NOR', 'POL', 'PRT'];
/** Comments one expert adds at once. */
const COMMENTS = 20;
/** How long after the last write is acknowledged every event must have arrived. */
const BOUND_MS = 4000;

/** A graphql-ws subscription collecting its events (with their arrival time) and errors. */
function watch(app: TestApp, token: string, query: string, variables: Record<string, unknown>) {
  const port = (app.app.getHttpServer().address() as AddressInfo).port;
  const client: Client = createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const events: any[] = [];
  const errors: unknown[] = [];
  const dispose = client.subscribe({ query, variables }, {
    next: (v) => (v.errors ? errors.push(...v.errors) : events.push(v.data)),
    error: (e) => errors.push(e),
    complete: () => undefined,
  });
  return {
    events,
    errors,
    async close() {
      dispose();
      await client.dispose();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live events under load: every event reaches every subscriber once, in bounded time', () => {
  let t: TestApp;
  let p: People;
  before(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    p = await people(t, NATIONS);
  });
  after(async () => {
    await t.close();
  });

  it('delivers concurrent casts and comments while the connection pool is busy with other requests', async () => {
    const ballotDraft = await draft(t, p.secretariat, 'STANAG 9301');
    const ballotId = (await openBallot(t, p.secretariat, ballotDraft.standardId, ballotDraft.versionId, 3)).data.openBallot.id;
    const roundDraft = await draft(t, p.secretariat, 'STANAG 9302');
    const roundId = (await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, {
      i: { standardId: roundDraft.standardId, versionId: roundDraft.versionId, title: 'Load round', closesAt: new Date(Date.now() + 3600_000).toISOString() },
    }, p.secretariat)).openCommentRound.id;

    const CAST_SUB = `subscription($b:ID!){ responseCast(ballotId:$b){ nation { code } response revision } }`;
    const casts = [watch(t, p.secretariat, CAST_SUB, { b: ballotId }), watch(t, p.secretariat, CAST_SUB, { b: ballotId })];
    const added = watch(t, p.expert, `subscription($r:ID!){ commentAdded(roundId:$r){ id } }`, { r: roundId });
    const subscribers = [...casts, added];
    await sleep(500); // subscribed

    // Other work holding the service's pooled connections the whole time, as a busy service's requests do.
    let busy = true;
    const hogs = Array.from({ length: 30 }, async () => {
      while (busy) await t.db.query(`SELECT pg_sleep(0.05)`);
    });
    await sleep(200);
    try {
      const [castAnswers, commentAnswers] = await Promise.all([
        Promise.all(NATIONS.map((code) => t.ok(`mutation($i:CastResponseInput!){ castResponse(input:$i){ nation { code } revision } }`, {
          i: { ballotId, response: 'RATIFIED_IMPLEMENTING' },
        }, p.delegates[code]))),
        Promise.all(Array.from({ length: COMMENTS }, (_, i) => t.ok(`mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`, {
          i: { roundId, type: 'GENERAL', body: `Concurrent comment ${i}.` },
        }, p.expert))),
      ]);
      const acknowledged = Date.now();
      const commentIds = commentAnswers.map((a) => a.addComment.id as string).sort();
      expect(castAnswers.map((a) => a.castResponse.nation.code).sort()).toEqual([...NATIONS].sort());

      const complete = () => casts.every((s) => s.events.length >= NATIONS.length) && added.events.length >= COMMENTS;
      while (!complete() && Date.now() - acknowledged < BOUND_MS) await sleep(25);
      const waited = Date.now() - acknowledged;
      await sleep(300); // and nothing more arrives (no duplicates)

      for (const s of subscribers) expect(s.errors).toEqual([]);
      for (const s of casts) {
        expect(s.events.map((e) => `${e.responseCast.nation.code}:${e.responseCast.revision}`).sort()).toEqual([...NATIONS].sort().map((c) => `${c}:1`));
      }
      expect(added.events.map((e) => e.commentAdded.id).sort()).toEqual(commentIds);
      expect(waited).toBeLessThan(BOUND_MS);
    } finally {
      busy = false;
      await Promise.all(hogs);
      for (const s of subscribers) await s.close();
    }
  });
});
