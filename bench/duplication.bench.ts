/* eslint-disable no-console -- a benchmark's output is its figures */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CATALOGUE_FILE, CatalogueRow, insertCatalogue, readCatalogue } from '../src/catalogue/catalogue.service';
import { DuplicationService } from '../src/catalogue/duplication.service';
import { StandardsBody } from '../src/catalogue/external-standard.entity';
import { Caller, Role } from '../src/common/caller';
import { AppConfig } from '../src/config/config';
import { createDataSource } from '../src/database/data-source';
import { startEmbeddedDatabase } from '../src/database/embedded';
import { runMigrations } from '../src/database/migrate';

const SIZE = 20_000;
const WARMUP = 20;
const RUNS = 200;
const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const caller: Caller = { id: '00000000-0000-4000-8000-000000000001', email: 'bench@example.invalid', displayName: 'Bench', roles: [Role.EXPERT], nationCode: 'NLD', organizationId: null };

/** Deterministic, so two runs time the same catalogue. */
function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

/**
 * The real catalogue plus generated entries whose words are drawn from the
 * real catalogue's word stream, so common words stay common and rare ones
 * rare, as in a real catalogue of space standards.
 */
export function generateCatalogue(size: number): CatalogueRow[] {
  const real = readCatalogue(CATALOGUE_FILE);
  const words = real.flatMap((r) => `${r.title} ${r.scope ?? ''}`.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}-]/gu, '')).filter(Boolean));
  const rnd = prng(42);
  const pick = (n: number) => Array.from({ length: n }, () => words[Math.floor(rnd() * words.length)]).join(' ');
  const bodies = Object.values(StandardsBody);
  const rows = [...real];
  for (let i = rows.length; i < size; i++) {
    rows.push({
      body: bodies[i % bodies.length], designation: `GEN-${i}`,
      title: pick(5 + Math.floor(rnd() * 6)), scope: `${pick(20 + Math.floor(rnd() * 25))}.`,
      url: null, equivalent_to: null,
    });
  }
  return rows;
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: at(0.5), p95: at(0.95) };
}

async function time(runs: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

async function measure(label: string, dataSource: DataSource, rows: CatalogueRow[]): Promise<{ median: number; p95: number }> {
  const loadStart = performance.now();
  await dataSource.transaction((m) => insertCatalogue(m, rows));
  await dataSource.query('ANALYZE');
  const loadMs = performance.now() - loadStart;
  const proposals: { title: string; scope: string }[] = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'test', 'duplication', 'eval-set.json'), 'utf8'),
  );
  const service = new DuplicationService(dataSource, new AppConfig());
  const check = (i: number) => service.check(caller, proposals[i % proposals.length], 10);
  const lookup = (i: number) =>
    dataSource.query(`SELECT * FROM external_standard WHERE body = $1 AND lower(designation) = lower($2)`, [
      rows[(i * 97) % rows.length].body, rows[(i * 97) % rows.length].designation,
    ]);
  await time(WARMUP, check);
  await time(WARMUP, lookup);
  const checkStats = stats(await time(RUNS, check));
  const lookupStats = stats(await time(RUNS, lookup));
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM external_standard`);
  console.log(
    `${label}: ${n} catalogue entries (loaded in ${(loadMs / 1000).toFixed(1)} s)\n` +
      `  duplicationCheck   median ${checkStats.median.toFixed(2)} ms  p95 ${checkStats.p95.toFixed(2)} ms  (${RUNS} runs over ${proposals.length} proposals)\n` +
      `  indexed lookup     median ${lookupStats.median.toFixed(2)} ms  p95 ${lookupStats.p95.toFixed(2)} ms  (reference)\n` +
      `  ratio check/lookup median ${(checkStats.median / lookupStats.median).toFixed(1)}x`,
  );
  return checkStats;
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh database on the server at serverUrl, measured, then dropped. */
async function measureOn(label: string, serverUrl: string, rows: CatalogueRow[]): Promise<{ median: number }> {
  const name = `ssw_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const ds = createDataSource(url.toString(), 4);
  try {
    await ds.initialize();
    await runMigrations(ds);
    const [{ version }] = await ds.query(`SELECT current_setting('server_version') AS version`);
    return await measure(`${label} (PostgreSQL ${version})`, ds, rows);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/**
 * The embedded cluster the service starts without DATABASE_URL, and the
 * server of TEST_DATABASE_URL (or the default address) when one answers.
 */
export async function run(): Promise<void> {
  const rows = generateCatalogue(SIZE);
  const dir = mkdtempSync(join(tmpdir(), 'ssw-bench-'));
  const embedded = await startEmbeddedDatabase(dir);
  let stats: { median: number };
  try {
    stats = await measureOn('embedded', embedded.url, rows);
  } finally {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  if (await answers(SERVER)) await measureOn('server', SERVER, rows);
  console.log(`target: median < 50 ms on the embedded PostgreSQL -> ${stats.median < 50 ? 'met' : 'NOT met'} (${stats.median.toFixed(2)} ms)`);
}
