/* eslint-disable no-console -- a benchmark's output is its figures */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeRedline, PieceRendition, rendition } from '../src/standards/text/redline';
import { AuditService } from '../src/audit/audit.service';
import { Caller, Role } from '../src/common/caller';
import { HeavyWork } from '../src/common/heavy-work';
import { AppConfig } from '../src/config/config';
import { StandardsService } from '../src/standards/standards.service';
import { VersionsService } from '../src/standards/versions.service';
import { splitBlocks } from '../src/standards/text/blocks';
import { parseDocument } from '../src/standards/text/document';
import { assignKeys } from '../src/standards/text/keys';
import { createTestApp, TestApp } from '../test/helpers/app';
import { CREATE_VERSION, PROPOSE, START } from '../test/helpers/standards';
import { editStandard, generateStandard } from './data';
import { BenchOptions, fmt, judge, measure, Stats, stats } from './measure';

/**
 * Cases 1 and 2 of the performance issue, and the key-assignment bound:
 * redline in-process and through the API against git's word diff of the
 * same two files, version storage of 50 successive versions, and saving a
 * version of a 1 MB standard through the API.
 */

/**
 * git's word diff of two files, timed as a whole process; returns git's CPU
 * milliseconds (user + system, from the shell's `times`).
 */
function gitWordDiff(dir: string, a: string, b: string): () => number {
  const [fa, fb] = [join(dir, `${a.length}-a.md`), join(dir, `${b.length}-b.md`)];
  writeFileSync(fa, a);
  writeFileSync(fb, b);
  return () => {
    const r = spawnSync('bash', ['-c', 'git diff --no-index --word-diff=porcelain "$0" "$1" > /dev/null; s=$?; times; exit $s', fa, fb], { encoding: 'utf8' });
    if (r.status !== 1) throw new Error(`git diff failed: ${r.stderr}`);
    const children = r.stdout.trim().split('\n').pop() ?? '';
    return children.split(' ').reduce((sum, t) => {
      const m = /(\d+)m([\d.]+)s/.exec(t);
      return sum + (m ? (Number(m[1]) * 60 + Number(m[2])) * 1000 : 0);
    }, 0);
  };
}

async function inProcess(options: BenchOptions, dir: string): Promise<void> {
  const runs = options.smoke ? 1 : 9;
  // The cached redline of 1 MB takes 10-25 ms, and one slow sample moved the growth ratio by 2x: more runs of it (and of the cold ones).
  const warmRuns = (size: number) => (options.smoke ? 1 : size <= 1_000_000 ? 31 : 15);
  const small = options.smoke ? 20_000 : 1_000_000;
  const large = options.smoke ? 100_000 : 5_000_000;
  const figures: Record<string, Stats> = {};
  for (const size of [small, large]) {
    const a = generateStandard(size, 1);
    const b = editStandard(a, 0.02, 2);
    const [from, to] = [a.join(''), b.join('')];
    const label = `${(size / 1e6).toFixed(2)} MB`;
    console.log(`  ${label}: ${a.length} blocks, ${b.length - a.length >= 0 ? '+' : ''}${b.length - a.length} after edits`);
    const git = await measure(`git diff --word-diff=porcelain ${label}`, options.smoke ? 1 : 15, gitWordDiff(dir, from, to));
    // Nothing cached: renders the pieces of both texts (those they share once).
    const cold = await measure(`redline ${label}, cold (renders both)`, options.smoke ? 1 : 15, () => computeRedline(from, to, 'a', 'b'), 1);
    // What a save prepares: the new version's rendition from the pieces the previous version's left in the cache.
    const previous = new Map<string, PieceRendition>();
    const ra = rendition(from, previous);
    const afterSave = await measure(`redline ${label}, after a save (pieces of the older cached)`, runs, () => {
      const added = new Map<string, PieceRendition>();
      const cache = { get: (k: string) => added.get(k) ?? previous.get(k), set: (k: string, v: PieceRendition) => added.set(k, v) };
      return void computeRedline(ra, rendition(to, cache), 'a', 'b');
    }, 1);
    const rb = rendition(to, previous);
    const warm = await measure(`redline ${label}, renditions cached`, warmRuns(size), () => computeRedline(ra, rb, 'a', 'b'), 2);
    figures[`git ${size}`] = git;
    figures[`warm ${size}`] = warm;
    figures[`cold ${size}`] = cold;
    judge(options, `redline ${label} in-process (renditions cached by content hash), wall`, warm.median, { label: 'git', value: git.median }, { maxRatio: 2 });
    judge(options, `redline ${label} in-process (renditions cached by content hash), CPU`, warm.cpu!, { label: 'git', value: git.cpu! }, { maxRatio: 2 });
    judge(options, `redline ${label} in-process, cold, CPU`, cold.cpu!, { label: 'git', value: git.cpu! }, size === small ? { maxRatio: 2 } : {});
    judge(options, `redline ${label} in-process, after a save, CPU`, afterSave.cpu!, { label: 'git', value: git.cpu! }, {});
  }
  const growth = `${(large / 1e6).toFixed(2)} MB / ${(small / 1e6).toFixed(2)} MB`;
  // The judged growth is the ratio of the medians; the ratio of the minima (the least disturbed runs) is printed beside it.
  for (const kind of ['warm', 'cold']) {
    const [s, l] = [figures[`${kind} ${small}`], figures[`${kind} ${large}`]];
    console.log(`  growth ${growth} (${kind === 'warm' ? 'cached' : 'cold'}), CPU: medians ${(l.cpu! / s.cpu!).toFixed(2)}x, minima ${(l.cpuMin! / s.cpuMin!).toFixed(2)}x, p95 ${(l.cpuP95! / s.cpuP95!).toFixed(2)}x`);
  }
  judge(options, `redline growth ${growth} (cached), CPU`, figures[`warm ${large}`].cpu!, { label: 'smaller', value: figures[`warm ${small}`].cpu! }, { maxRatio: 6 });
  judge(options, `redline growth ${growth} (cold), CPU`, figures[`cold ${large}`].cpu!, { label: 'smaller', value: figures[`cold ${small}`].cpu! }, { maxRatio: 6 });

  // Key assignment at its worst: every requirement of one huge clause reworded.
  const n = options.smoke ? 500 : 20_000;
  const doc = (verb: string) => `# K\n\n## 1 All\n\n${Array.from({ length: n }, (_, i) => `The provider shall ${verb} record ${i} of segment ${i % 97}.`).join('\n\n')}\n`;
  let seq = 0;
  const v1 = assignKeys([], parseDocument(doc('deliver')).requirements, () => `R-${++seq}`).requirements;
  const previous = v1.map(({ key, clause, text, obligation }) => ({ key, clause, text, obligation }));
  const current = parseDocument(doc('send')).requirements;
  const parse = await measure(`parse ${n} requirements (reference)`, runs, () => parseDocument(doc('send')));
  const keys = await measure(`assign keys to ${n} reworded requirements`, runs, () => assignKeys(previous, current, () => `R-${++seq}`));
  judge(options, `keys for ${n} reworded requirements in one clause, CPU`, keys.cpu!, { label: 'parsing them', value: parse.cpu! }, { limit: 1000 });
}

const VERSIONS = `query($id:ID!){ standard(id:$id){ versions { id number } } }`;
const REDLINE = `query($a:ID!,$b:ID!){ redline(fromVersionId:$a, toVersionId:$b){ unified html stats { wordsInserted wordsDeleted changedClauses } requirementChanges { key change before after } } }`;

async function throughApi(options: BenchOptions, dir: string): Promise<void> {
  const t: TestApp = await createTestApp();
  try {
    const editor = await t.user('Bench Editor', [{ role: 'EXPERT', nationCode: 'NLD' }]);
    const secretariat = await t.user('Bench Secretariat', [{ role: 'SECRETARIAT' }]);
    const proposed = await t.ok(PROPOSE, { i: { designation: 'BENCH 1', title: 'Generated benchmark standard', scope: 'Benchmark data.', visibility: 'NATIONS', overlapJustification: 'Benchmark data: generated text, no real overlap.' } }, editor.token);
    const id = proposed.proposeStandard.id as string;
    await t.ok(START, { id }, secretariat.token);

    const chain = options.smoke ? 3 : 50;
    const size = options.smoke ? 20_000 : 1_000_000;
    let blocks = generateStandard(size, 3);
    const texts = [blocks.join('')];
    for (let v = 1; v < chain; v++) {
      blocks = editStandard(blocks, 0.01, 100 + v);
      texts.push(blocks.join(''));
    }
    // Versions 1..chain at 1% edits each.
    let base = null as string | null;
    const saveTimes: number[] = [];
    const save = async (text: string) => {
      const started = performance.now();
      const r = await t.ok(CREATE_VERSION, { i: { standardId: id, text, baseVersionId: base } }, editor.token);
      saveTimes.push(performance.now() - started);
      base = r.createVersion.id;
      return base as string;
    };
    for (const text of texts) await save(text);
    const [{ bytes: stored }] = await t.db.query(`SELECT sum(octet_length(content))::int AS bytes FROM text_block`);
    const [{ rel }] = await t.db.query(`SELECT pg_total_relation_size('text_block')::int AS rel`);
    const one = Buffer.byteLength(texts[0], 'utf8');
    console.log(`  ${chain} versions of ${(one / 1e6).toFixed(2)} MB at 1% edits: text_block holds ${(stored / 1e6).toFixed(2)} MB of text (${(rel / 1e6).toFixed(2)} MB with TOAST and index)`);
    console.log(`  distinct blocks per version: ${splitBlocks(texts[0]).length}`);
    judge(options, `storage of ${chain} versions`, stored, { label: 'one version', value: one }, { maxRatio: 3, unit: 'bytes' });

    // Then versions with 2% edits: save, then the first redline against the one before.
    const pairs = options.smoke ? 1 : 5;
    let last = { fromId: '', toId: '', fromText: '', toText: '' };
    const apiSave: number[] = [];
    const apiRedline: number[] = [];
    const apiRepeat: number[] = [];
    const gitTimes: number[] = [];
    for (let k = 0; k < pairs; k++) {
      const fromText = blocks.join('');
      blocks = editStandard(blocks, 0.02, 900 + k);
      const fromId = base!;
      const before = saveTimes.length;
      const toId = await save(blocks.join(''));
      apiSave.push(saveTimes[before]);
      last = { fromId, toId, fromText, toText: blocks.join('') };
      // Let the post-save warm-up run, as it does while the editor reads the save's answer.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const git = gitWordDiff(dir, fromText, blocks.join(''));
      let started = performance.now();
      git();
      gitTimes.push(performance.now() - started);
      started = performance.now();
      const res = await t.http.post('/graphql').set('authorization', `Bearer ${editor.token}`).send({ query: REDLINE, variables: { a: fromId, b: toId } });
      apiRedline.push(performance.now() - started);
      if (res.status !== 200 || res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      started = performance.now();
      await t.http.post('/graphql').set('authorization', `Bearer ${editor.token}`).send({ query: REDLINE, variables: { a: fromId, b: toId } });
      apiRepeat.push(performance.now() - started);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const show = (label: string, xs: number[]) => console.log(`  ${label.padEnd(44)} median ${median(xs).toFixed(1)} ms  min ${Math.min(...xs).toFixed(1)}  max ${Math.max(...xs).toFixed(1)} (${xs.length} runs)`);
    show('git word diff of each pair', gitTimes);
    show(`save version ${chain + 1}.. through the API`, apiSave);
    show('first redline of each pair through the API', apiRedline);
    show('repeated redline (cached by version ids)', apiRepeat);
    show(`all saves of versions 1..${chain}`, saveTimes.slice(0, chain));
    judge(options, `save version ${chain + 1} of ${(one / 1e6).toFixed(2)} MB through the API`, median(apiSave), { label: 'git word diff', value: median(gitTimes) }, { limit: 500 });
    judge(options, 'redline through the API, first request', median(apiRedline), { label: 'git', value: median(gitTimes) }, { maxRatio: 3 });
    await emptyMemory(options, t, dir, `${(one / 1e6).toFixed(2)} MB`, { id: editor.id, email: editor.email, displayName: 'Bench Editor', roles: [Role.EXPERT], nationCode: 'NLD', organizationId: null }, last);
    const versions = (await t.ok(VERSIONS, { id }, editor.token)).standard.versions.length;
    if (versions !== chain + pairs) throw new Error(`expected ${chain + pairs} versions, found ${versions}`);
  } finally {
    await t.close();
  }
}

/**
 * Runs the cases in turn, `runs` rounds after one untimed round, so that a
 * swing of the machine's load falls on all of them alike. A case may return
 * its own CPU milliseconds (git's); otherwise this process's are taken.
 */
async function alternately(runs: number, cases: Record<string, () => unknown>): Promise<Record<string, Stats>> {
  const samples = Object.keys(cases).map(() => ({ cpu: [] as number[], wall: [] as number[] }));
  for (let round = -1; round < runs; round++) {
    for (const [k, fn] of Object.values(cases).entries()) {
      const start = performance.now();
      const before = process.cpuUsage();
      const own = await fn();
      const used = process.cpuUsage(before);
      if (round < 0) continue;
      samples[k].wall.push(performance.now() - start);
      samples[k].cpu.push(typeof own === 'number' ? own : (used.user + used.system) / 1000);
    }
  }
  return Object.fromEntries(Object.keys(cases).map((label, k) => {
    const cpu = stats(samples[k].cpu);
    const result: Stats = { ...stats(samples[k].wall), cpu: cpu.median, cpuMin: cpu.min, cpuP95: cpu.p95 };
    console.log(`  ${label.padEnd(44)} ${fmt(result)}`);
    return [label, result];
  }));
}

/**
 * Case 1 as a replica serves it after a restart, or when the pair's first
 * redline lands on another replica: the redline of two stored versions by a
 * VersionsService whose memory caches are empty (a new one per run, on the
 * same database), against git's word diff of the same pair in the same run.
 * Node's CPU only: PostgreSQL's own CPU shows in the wall time. (Round 6 also
 * emulated a table of piece renditions and a table of finished redlines
 * here; BENCHMARKS.md keeps the figures, the emulation was not kept.)
 */
async function emptyMemory(options: BenchOptions, t: TestApp, dir: string, size: string, caller: Caller, pair: { fromId: string; toId: string; fromText: string; toText: string }): Promise<void> {
  const runs = options.smoke ? 1 : 15;
  const fresh = () => new VersionsService(t.db, t.app.get(StandardsService), t.app.get(AuditService), t.app.get(AppConfig), t.app.get(HeavyWork));
  console.log(`  redline of the last pair with empty memory caches, in turn with git (node's CPU; PostgreSQL's own CPU is outside it, in the wall time):`);
  const [git, service] = Object.values(
    await alternately(runs, {
      'git word diff of the pair': gitWordDiff(dir, pair.fromText, pair.toText),
      'service redline, memory caches empty': () => fresh().redline(caller, pair.fromId, pair.toId),
    }),
  );
  judge(options, `redline ${size} of two stored versions, memory caches empty, CPU`, service.cpu!, { label: 'git', value: git.cpu! }, { maxRatio: 2 });
  judge(options, `redline ${size} of two stored versions, memory caches empty, wall`, service.median, { label: 'git', value: git.median }, { maxRatio: 2 });
}

export async function run(options: BenchOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ssw-bench-redline-'));
  try {
    await inProcess(options, dir);
    await throughApi(options, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
