/* eslint-disable no-console -- a benchmark's output is its figures */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { freePort } from '../src/database/embedded';
import { BenchOptions, judge } from './measure';

const MAIN = join(__dirname, '..', 'src', 'main.js');
const IDLE_MS = 5_000;
const WARM_RUNS = 3;
/**
 * The load case sends a fixed number of requests, not a fixed time: the heap
 * grows with the requests served (their garbage), so a time would measure
 * less work on a loaded machine than on a quiet one. 3,000 is about what a
 * quiet machine served in 10 s (the earlier definition), and several full
 * collections' worth.
 */
const LOAD_REQUESTS = 3_000;
const LOAD_QUERY = '{ standards(first:20){ edges { node { designation title status currentVersion { number label } } } } }';
const ADMIN_ENV = { ADMIN_EMAIL: 'bench-admin@example.invalid', ADMIN_PASSWORD: 'Bench-Passw0rd!x' };

/** The process and all its descendants (the embedded PostgreSQL's postmaster and backends). */
function tree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const all: number[] = [];
  const walk = (p: number) => {
    all.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return all;
}

/**
 * Resident memory of the tree in MB: RSS summed (counts PostgreSQL's shared
 * buffers once per backend that touched them, so an upper bound) and PSS
 * (shared pages divided among the processes that share them).
 */
function memory(pid: number): { rss: number; pss: number; processes: number } {
  let rss = 0;
  let pss = 0;
  const pids = tree(pid);
  for (const p of pids) {
    try {
      const rollup = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return { rss: rss / 1024, pss: pss / 1024, processes: pids.length };
}

async function graphql(port: number, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const nations = async (port: number): Promise<number> => (await graphql(port, '{ nations { code } }')).nations.length;

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

interface Started { child: ChildProcess; port: number; ms: number; cpu: number }

/** Starts `node dist/src/main.js` on dataDir as `npm start` does (build excluded); resolves when /health answers 200 and the 32 nations are served. */
async function start(dataDir: string): Promise<Started> {
  const port = await freePort();
  const began = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, ...ADMIN_ENV, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      if (health.status === 200 && (await nations(port)) === 32) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - began > 120_000) throw new Error('the service did not start within 120 s');
    await new Promise((r) => setTimeout(r, 25));
  }
  return { child, port, ms: performance.now() - began, cpu: cpuMs(child.pid!) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/**
 * The memory of the service and its PostgreSQL under the performance
 * benchmark's API load case (bench/load.bench.ts on the perf branch: 10
 * connections asking standards(first:20) with status and current version as a
 * SECRETARIAT), here against the embedded cluster of `npm start`, sampled
 * every 200 ms; the largest sums are kept.
 */
async function underLoad(
  service: Started,
  amount: { requests: number } | { seconds: number },
): Promise<{ rss: number; pss: number; processes: number; requests: number; rps: number; errors: number; serviceCpu: number; postgresCpu: number }> {
  const login = await graphql(service.port, 'mutation($e:String!,$p:String!){ login(email:$e,password:$p){ accessToken user { id } } }', {
    e: ADMIN_ENV.ADMIN_EMAIL, p: ADMIN_ENV.ADMIN_PASSWORD,
  });
  const token: string = login.login.accessToken;
  await graphql(service.port, 'mutation($u:ID!){ grantRole(input:{ userId:$u, role: SECRETARIAT }){ id } }', { u: login.login.user.id }, token).catch(() => undefined); // kept from the cold start
  const peak = { rss: 0, pss: 0, processes: 0 };
  const pid = service.child.pid!;
  // CPU of the PostgreSQL processes (one that ends during the load, none normally, is left out).
  const postgresCpu = () =>
    tree(pid).slice(1).reduce((sum, p) => {
      try {
        return sum + cpuMs(p);
      } catch {
        return sum; // the process ended while we looked
      }
    }, 0);
  const cpu0 = { service: cpuMs(pid), postgres: postgresCpu() };
  const sampler = setInterval(() => {
    const m = memory(service.child.pid!);
    if (m.rss > peak.rss) Object.assign(peak, m);
    peak.pss = Math.max(peak.pss, m.pss);
  }, 200);
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${service.port}/graphql`, method: 'POST', connections: 10,
      ...('requests' in amount ? { amount: amount.requests } : { duration: amount.seconds }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: LOAD_QUERY }),
    });
    const requests = result.requests.total;
    return {
      ...peak, requests, rps: requests / (result.duration || 1), errors: result.errors + result.non2xx,
      serviceCpu: (cpuMs(pid) - cpu0.service) / requests, postgresCpu: (postgresCpu() - cpu0.postgres) / requests,
    };
  } finally {
    clearInterval(sampler);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Case 7, the one-command start (`npm start` without DATABASE_URL), build
 * excluded: cold from an empty data folder (cluster, migrations, catalogue,
 * sample corpus), then warm on the same folder (WARM_RUNS times, the median
 * judged), the service's own CPU time to ready (steadier than wall time on a
 * loaded machine), the resident memory of the service and its PostgreSQL
 * after IDLE_MS of idling, and at its largest under the API load case
 * (LOAD_REQUESTS requests), with the throughput and CPU per request it served.
 * Targets (issue 10): cold < 10 s, warm < 3 s, idle < 300 MB, under load < 400 MB.
 */
export async function run(options: BenchOptions): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssw-bench-start-'));
  try {
    const cold = await start(dataDir);
    await stop(cold.child);
    const warms: Started[] = [];
    for (let i = 0; i < (options.smoke ? 1 : WARM_RUNS); i++) {
      const warm = await start(dataDir);
      warms.push(warm);
      if (i < WARM_RUNS - 1 && !options.smoke) await stop(warm.child);
    }
    const warm = warms[warms.length - 1];
    await new Promise((r) => setTimeout(r, options.smoke ? 500 : IDLE_MS));
    const idle = memory(warm.child.pid!);
    const loaded = await underLoad(warm, options.smoke ? { seconds: 1 } : { requests: LOAD_REQUESTS });
    await stop(warm.child);
    const warmMs = median(warms.map((w) => w.ms));
    const warmCpu = median(warms.map((w) => w.cpu));
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `  cold start (empty data folder)   ${s(cold.ms)} wall, service CPU ${s(cold.cpu)}\n` +
        `  warm start, median of ${warms.length}        ${s(warmMs)} wall (${warms.map((w) => s(w.ms)).join(', ')}), service CPU ${s(warmCpu)}\n` +
        `  idle, ${idle.processes} processes             RSS ${idle.rss.toFixed(0)} MB  PSS ${idle.pss.toFixed(0)} MB\n` +
        `  under load, ${loaded.processes} processes       RSS ${loaded.rss.toFixed(0)} MB  PSS ${loaded.pss.toFixed(0)} MB (peak; ${loaded.requests} requests, ${loaded.rps.toFixed(1)} req/s, ` +
        `CPU per request: service ${loaded.serviceCpu.toFixed(2)} ms, PostgreSQL ${loaded.postgresCpu.toFixed(2)} ms; ${loaded.errors} errors)`,
    );
    // The limits are the issue's; each figure is shown beside a related one of the same run.
    judge(options, 'start: cold, empty data folder', cold.ms, { label: 'warm start', value: warmMs }, { limit: 10_000 });
    judge(options, 'start: warm, median', warmMs, { label: 'its service CPU', value: warmCpu }, { limit: 3_000 });
    judge(options, 'memory: idle, RSS of service + PostgreSQL', idle.rss, { label: 'PSS', value: idle.pss }, { limit: 300, unit: 'MB' });
    judge(options, 'memory: API load, peak RSS of service + PostgreSQL', loaded.rss, { label: 'idle RSS', value: idle.rss }, { limit: 400, unit: 'MB' });
    if (loaded.errors) throw new Error(`the service answered ${loaded.errors} errors or non-2xx under load`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
