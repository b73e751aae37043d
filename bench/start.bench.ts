/* eslint-disable no-console -- a benchmark's output is its figures */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../src/database/embedded';

const MAIN = join(__dirname, '..', 'src', 'main.js');
const IDLE_MS = 5_000;

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

async function nations(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ nations { code } }' }),
  });
  const body = (await res.json()) as { data?: { nations: unknown[] } };
  return body.data?.nations.length ?? 0;
}

/** Starts `node dist/src/main.js` on dataDir; resolves when /health answers 200 and the nations are served. */
async function start(dataDir: string): Promise<{ child: ChildProcess; port: number; ms: number }> {
  const port = await freePort();
  const began = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development' };
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
  return { child, port, ms: performance.now() - began };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/**
 * The one-command start (npm start without DATABASE_URL), build excluded:
 * cold from an empty data folder (cluster, migrations, catalogue, sample
 * corpus), then warm on the same folder, and the resident memory of the
 * service and its PostgreSQL after IDLE_MS of idling.
 */
export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssw-bench-start-'));
  try {
    const cold = await start(dataDir);
    await stop(cold.child);
    const warm = await start(dataDir);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const idle = memory(warm.child.pid!);
    await stop(warm.child);
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(
      `cold start (empty data folder)  ${(cold.ms / 1000).toFixed(2)} s   target < 10 s: ${verdict(cold.ms < 10_000)}\n` +
        `warm start                      ${(warm.ms / 1000).toFixed(2)} s   target < 3 s: ${verdict(warm.ms < 3_000)}\n` +
        `idle memory, ${idle.processes} processes     RSS ${idle.rss.toFixed(0)} MB  PSS ${idle.pss.toFixed(0)} MB   target RSS < 300 MB: ${verdict(idle.rss < 300)}`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
