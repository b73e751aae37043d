/* eslint-disable no-console -- a benchmark's output is its figures */
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { withBenchDatabase } from './database';
import { BenchOptions, judge } from './measure';
import { loadStandards } from './search.bench';
import { editStandard, generateStandard, rng } from './data';
import { splitBlocks } from '../src/standards/text/blocks';

/**
 * Case 3 of the performance issue, API under load: autocannon (10
 * connections) against the service in production mode, on the data
 * set (the 32 Allies, 200 standards, one standard with 20 versions of 300 KB,
 * a round of 5,000 comments, a ballot with 32 responses, 50 products with 200
 * claims each), for its four queries: the first 20 standards with status and
 * current version; a round with its first 100 comments, nation and author; a
 * ballot with its tally and responses; a conformance report. Each is run as a
 * SECRETARIAT against its own reference: a bare Node HTTP server reading the
 * same rows with hand-written SQL through pg (bench/reference-server.ts), in
 * the same run. Target for each: throughput at least 50% of the reference's,
 * p99 at most 3x the reference's.
 *
 * `--profile` starts the service with `node --cpu-prof` and prints where its
 * CPU time went (self time by function and by package); the .cpuprofile is
 * kept for a flame graph (Chrome DevTools, speedscope).
 */

const ADMIN = { email: 'bench-admin@example.invalid', password: 'Bench-Passw0rd!x' };
const BENCH_USER = '00000000-0000-4000-8000-000000000001';

/** The ids the queries name, from the data set up below. */
interface Workload { standardId: string; roundId: string; ballotId: string; productId: string; comments: number; requirements: number }

/** One query of the case: the GraphQL document and variables, the reference's path, and a check of the service's answer. */
interface Case { name: string; query: string; variables: Record<string, string>; path: string; check: (data: any) => string | null }

function cases(w: Workload): Case[] {
  const page = Math.min(100, w.comments);
  return [
    {
      name: 'standards(first:20)',
      query: '{ standards(first:20){ edges { node { designation title status currentVersion { number label } } } } }',
      variables: {},
      path: '/standards',
      check: (d) => (d.standards.edges.length === 20 ? null : `expected 20 standards, got ${d.standards.edges.length}`),
    },
    {
      name: `round, first ${page} comments`,
      query: `query($r:ID!){ commentRound(id:$r){ title status comments(first:${page}){ edges { node { id number clause lineFrom type body
        nation { code name } author { displayName } } } } } }`,
      variables: { r: w.roundId },
      path: '/round',
      check: (d) => (d.commentRound?.comments.edges.length === page ? null : `expected ${page} comments, got ${d.commentRound?.comments.edges.length}`),
    },
    {
      name: 'ballot, tally and 32 responses',
      query: `query($b:ID!){ ballot(id:$b){ status threshold outcome closesAt tally { eligible responded ratifying notRatifying notParticipating
        withReservations thresholdMet pending { code } } responses { response revision castAt nation { code name } castBy { displayName } } } }`,
      variables: { b: w.ballotId },
      path: '/ballot',
      check: (d) => (d.ballot?.responses.length === 32 && d.ballot.tally.responded === 32 ? null : `expected 32 responses, got ${d.ballot?.responses.length}`),
    },
    {
      name: `conformance report, ${w.requirements} provisions`,
      query: `query($p:ID!,$s:ID!){ conformanceReport(productId:$p,standardId:$s){ conformant coverage mandatoryTotal mandatoryMet draft
        gaps { key clause obligation text } staleClaims { requirementKey level } } }`,
      variables: { p: w.productId, s: w.standardId },
      path: '/report',
      check: (d) => (d.conformanceReport.mandatoryTotal > 0 && d.conformanceReport.gaps.length > 0 ? null : `unexpected report ${JSON.stringify(d.conformanceReport).slice(0, 200)}`),
    },
  ];
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * The issue's data set beside loadStandards' standards (seeded, written in
 * SQL: the subject here is reading): one standard with `versions` versions
 * of `bytes` bytes and `requirements` provisions in its last two versions
 * (the last rewords a tenth of them), a comment round on its current version
 * holding `comments` submitted comments from the 32 nations' delegates, a
 * ballot on it with the 32 nations' responses, and `products` products of
 * one vendor each claiming every provision against the version before.
 */
async function loadWorkload(db: DataSource, size: { versions: number; bytes: number; comments: number; products: number; requirements: number }): Promise<Workload> {
  const r = rng(31);
  const [{ id: standardId }] = await db.query(
    `INSERT INTO standard (designation, title, scope, status, visibility, proposer_id)
     VALUES ('BENCH LOAD', 'Space data link interface', 'The loaded standard of the API-under-load case.', 'DRAFTING', 'NATIONS', $1) RETURNING id`,
    [BENCH_USER],
  );
  let text = generateStandard(size.bytes, 301);
  const versionIds: string[] = [];
  for (let v = 1; v <= size.versions; v++) {
    const joined = text.join('');
    const parts = splitBlocks(joined);
    await db.query(`INSERT INTO text_block (hash, content) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (hash) DO NOTHING`, [parts.map(sha256), parts]);
    const [{ id }] = await db.query(
      `INSERT INTO standard_version (standard_id, number, label, author_id, content_hash, blocks, byte_length) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [standardId, v, `WD ${v}`, BENCH_USER, sha256(joined), parts.map(sha256), Buffer.byteLength(joined)],
    );
    versionIds.push(id);
    text = editStandard(text, 0.02, 1000 + v);
  }
  const [previous, current] = [versionIds.at(-2) ?? versionIds[0], versionIds.at(-1)!];
  const provisions = Array.from({ length: size.requirements }, (_, i) => ({
    key: `K${i}`, clause: `${1 + Math.floor(i / 20)}.${1 + (i % 20)}`, obligation: i % 5 === 4 ? 'SHOULD' : 'SHALL', text: `The ${r.words(8)} shall be ${r.words(4)}.`,
  }));
  for (const [versionId, reworded] of [[previous, false], [current, true]] as const) {
    if (versionId === current && previous === current) break;
    await db.query(
      `INSERT INTO requirement (version_id, key, clause, obligation, text, line, change, ord, identifier, status)
       SELECT $1, k, c, o, t, 10 + n, 'UNCHANGED', n, 'REQ-' || n, CASE WHEN o = 'SHALL' THEN 'M' ELSE 'O' END
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS x(k, c, o, t, n)`,
      [versionId, provisions.map((p) => p.key), provisions.map((p) => p.clause), provisions.map((p) => p.obligation),
        provisions.map((p, i) => (reworded && i % 10 === 3 ? p.text.replace(/\.$/, ' promptly.') : p.text))],
    );
  }
  // The 32 nations' delegates, who write the comments and cast the responses.
  const delegates: { id: string; nation: string }[] = await db.query(
    `INSERT INTO app_user (email, password_hash, display_name, nation_code)
     SELECT 'delegate-' || lower(code) || '@example.invalid', 'x', 'Delegate of ' || name, code FROM nation ORDER BY code
     RETURNING id, nation_code AS nation`,
  );
  const [{ id: roundId }] = await db.query(
    `INSERT INTO comment_round (standard_id, version_id, title, opens_at, closes_at, opened_by)
     VALUES ($1, $2, 'Loaded round', now() - interval '1 day', now() + interval '30 days', $3) RETURNING id`,
    [standardId, current, BENCH_USER],
  );
  const types = ['GENERAL', 'TECHNICAL', 'EDITORIAL'];
  const comments = Array.from({ length: size.comments }, (_, i) => {
    const d = delegates[r.int(delegates.length)];
    const clause = `${1 + r.int(12)}.${1 + r.int(9)}`;
    return { nation: d.nation, author: d.id, clause, line: 1 + r.int(5000), type: types[r.int(3)], body: `${r.words(12 + r.int(30))}.`, change: `${r.words(8)}.`, i };
  });
  await db.query(
    `INSERT INTO comment (round_id, nation_code, author_id, clause, clause_key, line_from, line_to, type, body, proposed_change, status, number)
     SELECT $1, n, a, c, c, l, l, t, b, pc, 'SUBMITTED', left(n, 2) || '-' || lpad(i::text, 4, '0')
       FROM unnest($2::text[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::int[]) AS x(n, a, c, l, t, b, pc, i)`,
    [roundId, ...(['nation', 'author', 'clause', 'line', 'type', 'body', 'change', 'i'] as const).map((k) => comments.map((c) => c[k]))],
  );
  const [{ id: ballotId }] = await db.query(
    `INSERT INTO ballot (standard_id, version_id, opens_at, closes_at, threshold, opened_by)
     VALUES ($1, $2, now() - interval '1 day', now() + interval '30 days', 20, $3) RETURNING id`,
    [standardId, current, BENCH_USER],
  );
  const responses = ['RATIFIED_IMPLEMENTING', 'RATIFIED_NOT_IMPLEMENTING', 'NOT_RATIFYING', 'NOT_PARTICIPATING'];
  await db.query(
    `INSERT INTO ballot_response (ballot_id, nation_code, response, reservations, cast_by, cast_at)
     SELECT $1, n, resp, CASE WHEN k % 7 = 0 THEN '[{"clause":"2.1","text":"Not in national use."}]'::jsonb ELSE '[]'::jsonb END, u, now() - make_interval(mins => k::int)
       FROM unnest($2::text[], $3::text[], $4::uuid[]) WITH ORDINALITY AS x(n, resp, u, k)`,
    [ballotId, delegates.map((d) => d.nation), delegates.map((_, i) => responses[i % 7 === 6 ? 2 : r.int(2)]), delegates.map((d) => d.id)],
  );
  const [{ id: organizationId }] = await db.query(`INSERT INTO organization (name, kind) VALUES ('Loaded Vendor Ltd', 'VENDOR') RETURNING id`);
  const products: { id: string }[] = await db.query(
    `INSERT INTO product (organization_id, name, product_version) SELECT $1, 'Loaded product ' || lpad(g::text, 3, '0'), '1.' || g
       FROM generate_series(1, $2::int) g ORDER BY g RETURNING id`,
    [organizationId, size.products],
  );
  const levels = ['CONFORMANT', 'CONFORMANT', 'CONFORMANT', 'PARTIAL', 'NON_CONFORMANT', 'NOT_APPLICABLE'];
  for (const p of products) {
    await db.query(
      `INSERT INTO conformance_claim (product_id, standard_id, requirement_key, version_id, level, evidence)
       SELECT $1, $2, k, $3, l, 'Test report ' || k FROM unnest($4::text[], $5::text[]) AS x(k, l)`,
      [p.id, standardId, previous, provisions.map((x) => x.key), provisions.map(() => levels[r.int(levels.length)])],
    );
  }
  return { standardId, roundId, ballotId, productId: products[0].id, comments: size.comments, requirements: size.requirements };
}

interface Served { url: string; child: ChildProcess; stop: () => Promise<void> }

/** Starts `node args` and waits until it prints a line matching `ready` (the service logs JSON with pino). */
function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    let errors = '';
    const onData = (chunk: Buffer) => {
      if (seen === null) return;
      seen += chunk.toString();
      const m = ready.exec(seen);
      if (m) {
        seen = null as unknown as string;
        resolve({ url: `http://127.0.0.1:${m[1]}`, child, stop: () => stop(child) });
      } else if (seen.length > 1_000_000) seen = seen.slice(-10_000);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (errors += c.toString()));
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready: ${errors}${seen ?? ''}`.slice(0, 4000))));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A port free at this moment (the service logs the port it was given, so 0 will not do). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function post(url: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { data: any; errors?: unknown[] };
  if (json.errors?.length) throw new Error(JSON.stringify(json.errors));
  return json.data;
}

interface Load { rps: number; p99: number; p50: number; errors: number; non2xx: number; cpuPerRequest: number }

/** CPU milliseconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

/**
 * autocannon: 10 connections for `seconds`, after a short warm-up (a fixed
 * number of requests in smoke runs): requests per second and latency, and
 * the server process's CPU time per request, which the other engineers' load
 * on this shared machine disturbs far less.
 */
async function load(label: string, served: Served, path: string, body: unknown, headers: Record<string, string>, seconds: number, smoke: boolean): Promise<Load> {
  const opts = { url: `${served.url}${path}`, method: 'POST' as const, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), connections: 10 };
  await autocannon(smoke ? { ...opts, amount: 50 } : { ...opts, duration: Math.max(1, Math.round(seconds / 5)) });
  const cpu = cpuOf(served.child.pid);
  const r = await autocannon({ ...opts, duration: seconds });
  const cpuPerRequest = (cpuOf(served.child.pid) - cpu) / Math.max(1, r.requests.total);
  const result = { rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50, errors: r.errors, non2xx: r.non2xx, cpuPerRequest };
  console.log(
    `  ${label.padEnd(52)} ${result.rps.toFixed(0)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  ` +
      `cpu ${cpuPerRequest.toFixed(2)} ms/request  errors ${result.errors}  non-2xx ${result.non2xx}`,
  );
  return result;
}

/**
 * Self time of the profile's nodes while serving, by function and by package
 * (node_modules/<name>), the largest of each, as shares of the busy time:
 * idle time and the start (module loading, under run_main_module) are left out.
 */
function summarizeProfile(dir: string): void {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return console.log('  (no profile written)');
  const profile: { nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } =
    JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const starting = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (byId.get(at)!.callFrame.url === 'node:internal/main/run_main_module') return true;
    }
    return false;
  };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  let start = 0;
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    if (starting(id)) {
      start += us;
      continue;
    }
    total += us;
    const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/');
    const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const p = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes('/dist/') ? 'service (dist)' : url.startsWith('node:') ? 'node' : functionName.startsWith('(') ? functionName : 'node/other');
    pkg.set(p, (pkg.get(p) ?? 0) + us);
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, us]) => `    ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  console.log(
    `  profile ${join(dir, file)}: ${(total / 1000).toFixed(0)} ms busy serving (start, ${(start / 1000).toFixed(0)} ms, and idle time left out)\n` +
      `  self time by package:\n${top(pkg)}\n  self time by function:\n${top(fn)}`,
  );
}

export async function run(options: BenchOptions): Promise<void> {
  const profile = process.argv.includes('--profile');
  const seconds = options.smoke ? 1 : 10;
  const only = process.argv.find((x) => x.startsWith('--query='))?.slice('--query='.length);
  await withBenchDatabase(async (db) => {
    const started = Date.now();
    await loadStandards(db, options.smoke ? 20 : 200, 1);
    const workload = await loadWorkload(
      db,
      options.smoke
        ? { versions: 3, bytes: 30_000, comments: 200, products: 5, requirements: 20 }
        : { versions: 20, bytes: 300_000, comments: 5_000, products: 50, requirements: 200 },
    );
    await db.query('ANALYZE');
    console.log(`  data set up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    url.pathname = `/${db.driver.database}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'ssw-load-'));
    const profileDir = join(dataDir, 'profile');
    mkdirSync(profileDir);
    const reference = await start([join(__dirname, 'reference-server.js')], { DATABASE_URL: url.toString(), PORT: '0' }, /listening (\d+)/);
    // The same statements through Express + Apollo Server + graphql-js with no application code: what the stack alone costs.
    const floor = await start([join(__dirname, 'reference-server.js')], { DATABASE_URL: url.toString(), PORT: '0', NODE_ENV: 'production', FRAMEWORK: 'apollo-express' }, /listening (\d+)/);
    let service: Served | null = null;
    try {
      service = await start(
        [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), join(__dirname, '..', 'src', 'main.js')],
        {
          NODE_ENV: 'production', DATABASE_URL: url.toString(), DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1',
          JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password,
          SEED_STANDARDS: 'false', LOG_LEVEL: 'info',
        },
        /listening on http:\/\/[\d.]+:(\d+)\//,
      );
      // The installation's first ADMIN, made SECRETARIAT too, signed in through the API.
      await db.query(`INSERT INTO user_role (user_id, role) SELECT id, 'SECRETARIAT' FROM app_user WHERE email = $1`, [ADMIN.email]);
      const login = await post(service.url, { query: 'mutation($e:String!,$p:String!){ login(email:$e,password:$p){ accessToken } }', variables: { e: ADMIN.email, p: ADMIN.password } });
      const token: string = login.login.accessToken;
      for (const c of cases(workload).filter((x) => !only || x.path.includes(only))) {
        const answer = await post(service.url, { query: c.query, variables: c.variables }, token);
        const problem = c.check(answer);
        if (problem) throw new Error(`${c.name}: ${problem}`);
        // The reference must read the same rows: the same answer, byte for byte.
        const referenceAnswer = ((await (await fetch(`${reference.url}${c.path}`, { method: 'POST', body: JSON.stringify(c.variables) })).json()) as { data: unknown }).data;
        if (JSON.stringify(referenceAnswer) !== JSON.stringify(answer)) {
          throw new Error(`${c.name}: the reference answers otherwise than the service:\n${JSON.stringify(referenceAnswer)}\n${JSON.stringify(answer)}`);
        }
        const floorAnswer = await post(floor.url, { query: c.query, variables: c.variables });
        if (JSON.stringify(floorAnswer) !== JSON.stringify(answer)) {
          throw new Error(`${c.name}: the framework floor answers otherwise than the service:\n${JSON.stringify(floorAnswer)}\n${JSON.stringify(answer)}`);
        }
        const ref = await load(`reference: ${c.name}`, reference, c.path, c.variables, {}, seconds, options.smoke);
        const bare = await load(`floor, Express + Apollo, no app code: ${c.name}`, floor, '/graphql', { query: c.query, variables: c.variables }, {}, seconds, options.smoke);
        const api = await load(`service: ${c.name}`, service, '/graphql', { query: c.query, variables: c.variables }, { authorization: `Bearer ${token}` }, seconds, options.smoke);
        // The reference again, so the machine's drift shows; once is enough for the smoke run.
        const ref2 = options.smoke ? ref : await load(`reference again: ${c.name}`, reference, c.path, c.variables, {}, seconds, options.smoke);
        const refRps = (ref.rps + ref2.rps) / 2;
        const refP99 = (ref.p99 + ref2.p99) / 2;
        if (api.errors || api.non2xx) console.log(`  !! the service answered ${api.errors} errors and ${api.non2xx} non-2xx`);
        if (ref.errors || ref.non2xx) console.log(`  !! the reference answered ${ref.errors} errors and ${ref.non2xx} non-2xx`);
        judge(options, `API under load: ${c.name} throughput`, api.rps, { label: 'bare node + pg', value: refRps }, { minRatio: 0.5, unit: 'req/s' });
        judge(options, `API under load: ${c.name} p99`, api.p99, { label: 'bare node + pg p99', value: refP99 }, { maxRatio: 3 });
        // Not a target of the issue: what one request costs, which the machine's other load disturbs least.
        judge(options, `API under load: ${c.name} CPU per request (not a target)`, api.cpuPerRequest, { label: 'bare node + pg', value: (ref.cpuPerRequest + ref2.cpuPerRequest) / 2 }, {});
        // Not a target either: the stack's own floor against the same reference, so the service's share above it shows.
        judge(options, `API under load: ${c.name} framework floor throughput (not a target)`, bare.rps, { label: 'bare node + pg', value: refRps }, { unit: 'req/s' });
        judge(options, `API under load: ${c.name} framework floor CPU per request (not a target)`, bare.cpuPerRequest, { label: 'bare node + pg', value: (ref.cpuPerRequest + ref2.cpuPerRequest) / 2 }, {});
      }
    } finally {
      await reference.stop();
      await floor.stop();
      if (service) await service.stop();
      if (profile) summarizeProfile(profileDir);
      if (!profile) rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
