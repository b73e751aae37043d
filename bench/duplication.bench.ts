/* eslint-disable no-console -- a benchmark's output is its figures */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { CATALOGUE_FILE, CatalogueRow, insertCatalogue, readCatalogue } from '../src/catalogue/catalogue-file';
import { DuplicationService } from '../src/catalogue/duplication.service';
import { StandardsBody } from '../src/catalogue/external-standard.entity';
import { Caller, Role } from '../src/common/caller';
import { AppConfig } from '../src/config/config';
import { createDataSource } from '../src/database/data-source';
import { startEmbeddedDatabase } from '../src/database/embedded';
import { runMigrations } from '../src/database/migrate';
import { withBenchDatabase } from './database';
import { BenchOptions, judge, stats, time } from './measure';

const SIZE = 20_000;
const WARMUP = 20;
const RUNS = 200;

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

async function measure(label: string, dataSource: DataSource, rows: CatalogueRow[], options: BenchOptions, runs: number): Promise<{ median: number; p95: number }> {
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
  const checkStats = stats(await time(runs, check));
  const lookupStats = stats(await time(runs, lookup));
  judge(options, `duplicationCheck median (${label})`, checkStats.median, { label: 'indexed lookup', value: lookupStats.median }, { limit: 30 });
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM external_standard`);
  console.log(
    `${label}: ${n} catalogue entries (loaded in ${(loadMs / 1000).toFixed(1)} s)\n` +
      `  duplicationCheck   median ${checkStats.median.toFixed(2)} ms  p95 ${checkStats.p95.toFixed(2)} ms  (${runs} runs over ${proposals.length} proposals)\n` +
      `  indexed lookup     median ${lookupStats.median.toFixed(2)} ms  p95 ${lookupStats.p95.toFixed(2)} ms  (reference)\n` +
      `  ratio check/lookup median ${(checkStats.median / lookupStats.median).toFixed(1)}x`,
  );
  return checkStats;
}

export async function run(options: BenchOptions): Promise<void> {
  const rows = generateCatalogue(options.smoke ? 500 : SIZE);
  const runs = options.smoke ? 5 : RUNS;

  const pgStats = await withBenchDatabase((pg) => measure('PostgreSQL server', pg, rows, options, runs));

  if (options.smoke) return;
  const dir = mkdtempSync(join(tmpdir(), 'ssw-bench-'));
  const embedded = await startEmbeddedDatabase(dir);
  const lite = createDataSource(embedded.url, 4);
  try {
    await lite.initialize();
    await runMigrations(lite);
    await measure('embedded PostgreSQL', lite, rows, options, runs);
  } finally {
    if (lite.isInitialized) await lite.destroy();
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`target: median < 30 ms on PostgreSQL -> ${pgStats.median < 30 ? 'met' : 'NOT met'} (${pgStats.median.toFixed(2)} ms)`);
}
