import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { HeavyWork } from '../src/common/heavy-work';
import { createTestApp, TestApp } from './helpers/app';
import { draft } from './helpers/ratification';

const CONCURRENCY = 2;
const HEAVY = 8;

/** A long draft: 60 clauses of 25 numbered provisions; `edit` rewrites every provision numbered edit mod 25. */
function longText(edit: number): string {
  const lines = ['# Space surveillance data exchange', ''];
  for (let c = 1; c <= 60; c++) {
    lines.push(`## ${c} Clause ${c}`, '');
    for (let p = 1; p <= 25; p++) {
      const changed = edit && p % 25 === edit % 25 ? ` (revision ${edit}, with wording to compare)` : '';
      lines.push(`The provider shall deliver item ${c}.${p} of the surveillance catalogue within ${p} minutes${changed}.`, '');
    }
  }
  return lines.join('\n');
}

const LIGHT = `{ nations { code } }`;
const REDLINE = `query($a:ID!,$b:ID!){ redline(fromVersionId:$a,toVersionId:$b){ stats { wordsInserted changedClauses } } }`;

describe('heavy work waits its turn, and light requests keep answering', () => {
  let t: TestApp;
  let sec: string;
  let versions: string[];
  let roundId: string;
  before(async () => {
    t = await createTestApp({ HEAVY_WORK_CONCURRENCY: String(CONCURRENCY), HEAVY_WORK_WAIT_SECONDS: '2' });
    sec = (await t.user('Sara Secretariat', [{ role: 'SECRETARIAT' }])).token;
    const { standardId, versionId } = await draft(t, sec, 'AStP-HEAVY', 'NATIONS', longText(0));
    versions = [versionId];
    for (let edit = 1; edit <= HEAVY; edit++) {
      const v = await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId, text: longText(edit), baseVersionId: versions.at(-1) } }, sec);
      versions.push(v.createVersion.id);
    }
    const round = await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, {
      i: { standardId, versionId: versions.at(-1), title: 'CD 1', closesAt: new Date(Date.now() + 3600_000).toISOString() },
    }, sec);
    roundId = round.openCommentRound.id;
  });
  after(() => t.close());

  it(`runs ${HEAVY} concurrent redlines of long versions ${CONCURRENCY} at a time while a light query keeps answering`, async () => {
    const heavy = t.app.get(HeavyWork);
    // Every slot held, so that all the redlines queue behind them: the light
    // queries below are answered while heavy work is provably waiting, which
    // no timing threshold could show on a loaded machine.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const holders = Array.from({ length: CONCURRENCY }, () => heavy.run('test', () => held));
    let mostRunning = 0;
    const sampler = setInterval(() => (mostRunning = Math.max(mostRunning, heavy.load.running)), 1);
    const redlines = Promise.all(versions.slice(1).map((v) => t.gql(REDLINE, { a: versions[0], b: v }, sec)));
    try {
      for (let waited = 0; heavy.load.waiting < HEAVY && waited < 5000; waited += 5) await new Promise((r) => setTimeout(r, 5));
      expect(heavy.load).toEqual({ running: CONCURRENCY, waiting: HEAVY });
      for (let i = 0; i < 5; i++) {
        await t.ok(LIGHT);
        expect(heavy.load).toEqual({ running: CONCURRENCY, waiting: HEAVY });
      }
    } finally {
      release();
      await Promise.all(holders);
    }
    const answers = await redlines;
    clearInterval(sampler);

    process.stdout.write(
      `# ${HEAVY} redlines, ${CONCURRENCY} at a time: most running ${mostRunning}; ` +
        `answers ${answers.map((a) => (a.errors ? a.errors[0].extensions.code : 'ok')).join(' ')}\n`,
    );
    expect(mostRunning).toBeLessThanOrEqual(CONCURRENCY);
    for (const a of answers) {
      expect(a.status).toBe(200);
      if (a.errors) expect(a.errors.map((e) => e.extensions.code)).toEqual(['RATE_LIMITED']);
      else expect(a.data.redline.stats.wordsInserted).toBeGreaterThan(0);
    }
    expect(answers.filter((a) => !a.errors).length).toBeGreaterThanOrEqual(CONCURRENCY);
    expect(heavy.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a heavy request that waited too long with RATE_LIMITED, on GraphQL and on the export routes, and never 500', async () => {
    const heavy = t.app.get(HeavyWork);
    // Every slot taken by work that outlasts the wait (HEAVY_WORK_WAIT_SECONDS=2).
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const holders = Array.from({ length: CONCURRENCY }, () => heavy.run('test', () => held));
    try {
      const start = performance.now();
      const [redline, xlsx, docx, loadAtLight] = await Promise.all([
        t.gql(REDLINE, { a: versions[1], b: versions[2] }, sec),
        t.http.get(`/rounds/${roundId}/comments.xlsx`).set('authorization', `Bearer ${sec}`),
        t.http.get(`/rounds/${roundId}/comments.docx`).set('authorization', `Bearer ${sec}`),
        (async () => {
          await t.ok(LIGHT);
          return { ...heavy.load };
        })(),
      ]);
      const waited = performance.now() - start;
      // The light query was answered while the slots were still held: it never queues behind heavy work.
      expect(loadAtLight.running).toBe(CONCURRENCY);
      expect(waited).toBeGreaterThanOrEqual(1900);
      expect(waited).toBeLessThan(6000);
      expect(redline.status).toBe(200);
      expect(redline.errors).toHaveLength(1);
      expect(redline.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 2 });
      expect(redline.errors![0].message).toMatch(/busy with other redline requests\. Try again in 2 seconds/);
      for (const res of [xlsx, docx]) {
        expect(res.status).toBe(429);
        expect(res.body).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/busy .* Try again in 2 seconds/) });
      }
    } finally {
      release();
      await Promise.all(holders);
    }
    // Once the slots are free, the ones that gave up leave the queue at once, and the same requests are served.
    for (let waited = 0; heavy.load.running + heavy.load.waiting > 0 && waited < 1000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    expect(heavy.load).toEqual({ running: 0, waiting: 0 });
    expect((await t.ok(REDLINE, { a: versions[1], b: versions[2] }, sec)).redline.stats.changedClauses.length).toBeGreaterThan(0);
    const xlsx = await t.http.get(`/rounds/${roundId}/comments.xlsx`).set('authorization', `Bearer ${sec}`);
    expect(xlsx.status).toBe(200);
  });
});
