/* eslint-disable no-console -- a benchmark's output is its figures */
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { insertCatalogue } from '../src/catalogue/catalogue-file';
import { DuplicationService } from '../src/catalogue/duplication.service';
import { Caller, Role } from '../src/common/caller';
import { AppConfig } from '../src/config/config';
import { SearchService } from '../src/standards/search.service';
import { splitBlocks } from '../src/standards/text/blocks';
import { editStandard, generateStandard, rng, zipfVocabulary } from './data';
import { generateCatalogue } from './duplication.bench';
import { withBenchDatabase } from './database';
import { BenchOptions, judge, measure } from './measure';

/**
 * Case 6: full-text search and duplicationCheck at scale (2,000 standards
 * with 5 versions each, 20,000 catalogue entries) on PostgreSQL, each against
 * an indexed point lookup in the same run, with the EXPLAIN ANALYZE plans.
 */

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const caller: Caller = { id: '00000000-0000-4000-8000-000000000001', email: 'bench@example.invalid', displayName: 'Bench', roles: [Role.SECRETARIAT], nationCode: null, organizationId: null };

/** Real standards' words and made-up terms, drawn with Zipf's law: a small vocabulary would make every document match every query. */
const vocabulary = zipfVocabulary();

/** Standards, versions and their blocks, written in bulk (the subject here is reading). */
export async function loadStandards(db: DataSource, standards: number, versions: number): Promise<void> {
  await db.query(`INSERT INTO app_user (id, email, password_hash, display_name) VALUES ($1, 'bench@example.invalid', 'x', 'Bench')`, [caller.id]);
  const r = rng(7, vocabulary);
  for (let s = 0; s < standards; s += 100) {
    const ids: string[] = [];
    const rows = Array.from({ length: Math.min(100, standards - s) }, (_, k) => [`BENCH ${s + k}`, `${r.words(4)} interface`, `${r.words(20)}.`]);
    const inserted = await db.query(
      `INSERT INTO standard (designation, title, scope, status, visibility, proposer_id)
       SELECT d, t, sc, 'DRAFTING', 'NATIONS', $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS x(d, t, sc) RETURNING id`,
      [rows.map((x) => x[0]), rows.map((x) => x[1]), rows.map((x) => x[2]), caller.id],
    );
    ids.push(...inserted.map((x: { id: string }) => x.id));
    const blocks: string[] = [];
    const version: [string, number, string, string[], number][] = [];
    const current: string[] = [];
    ids.forEach((id, k) => {
      let text = generateStandard(3_000, s + k + 1, vocabulary);
      for (let v = 1; v <= versions; v++) {
        const joined = text.join('');
        const parts = splitBlocks(joined);
        blocks.push(...parts);
        version.push([id, v, sha256(joined), parts.map(sha256), Buffer.byteLength(joined)]);
        if (v === versions) current.push(joined);
        text = editStandard(text, 0.05, v, vocabulary);
      }
    });
    await db.query(`INSERT INTO text_block (hash, content) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (hash) DO NOTHING`, [blocks.map(sha256), blocks]);
    for (const [id, number, hash, hashes, bytes] of version) {
      await db.query(
        `INSERT INTO standard_version (standard_id, number, author_id, content_hash, blocks, byte_length) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, number, caller.id, hash, hashes, bytes],
      );
    }
    await db.query(
      `UPDATE standard s SET text_search = to_tsvector('english', x.t) FROM unnest($1::uuid[], $2::text[]) AS x(id, t) WHERE s.id = x.id`,
      [ids, current],
    );
  }
}

/** Runs `fn` once, catching the SQL statement it sends that contains `marker`, and prints that statement's EXPLAIN ANALYZE. */
async function explain(db: DataSource, label: string, marker: string, fn: () => Promise<unknown>): Promise<void> {
  // Caught where every statement goes, TypeORM's and named prepared ones alike: pg's Client.
  const caught: { sql: string; params?: unknown[] }[] = [];
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    caught.push(typeof first === 'string' ? { sql: first, params: second } : { sql: first.text, params: first.values });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
  try {
    await fn();
  } finally {
    Client.prototype.query = original;
  }
  const statement = caught.find((c) => c.sql.includes(marker));
  if (!statement) throw new Error(`no statement with ${marker}`);
  const plan: { 'QUERY PLAN': string }[] = await db.query(`EXPLAIN (ANALYZE, COSTS OFF) ${statement.sql}`, statement.params);
  console.log(`  EXPLAIN ANALYZE ${label}:\n${plan.map((p) => `    ${p['QUERY PLAN']}`).join('\n')}`);
}

export async function run(options: BenchOptions): Promise<void> {
  await withBenchDatabase(async (db) => {
    const [standards, catalogue, runs] = options.smoke ? [20, 200, 3] : [2_000, 20_000, 200];
    const started = performance.now();
    await loadStandards(db, standards, 5);
    await db.transaction((m) => insertCatalogue(m, generateCatalogue(catalogue)));
    await db.query('ANALYZE');
    console.log(`  loaded ${standards} standards × 5 versions and ${catalogue} catalogue entries in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const search = new SearchService(db);
    const duplication = new DuplicationService(db, new AppConfig());
    const r = rng(11, vocabulary);
    const queries = Array.from({ length: 50 }, () => r.words(2));
    const proposals = Array.from({ length: 50 }, () => ({ title: `${r.words(4)} interface`, scope: `${r.words(25)}.` }));
    const lookup = await measure('indexed point lookup (reference)', runs, (i) =>
      db.query(`SELECT * FROM standard WHERE lower(designation) = lower($1)`, [`BENCH ${(i * 97) % standards}`]), 20);
    const found = await measure('search (first 20, with snippets)', runs, (i) => search.search(caller, queries[i % queries.length], 20), 20);
    const check = await measure('duplicationCheck (first 10)', runs, (i) => duplication.check(caller, proposals[i % proposals.length], 10), 20);
    judge(options, `search p95 at ${standards} standards`, found.p95, { label: 'point lookup p95', value: lookup.p95 }, { limit: 50 });
    judge(options, `duplicationCheck median at ${catalogue} entries`, check.median, { label: 'point lookup', value: lookup.median }, { limit: 30 });
    await explain(db, 'search', 'websearch_to_tsquery', () => search.search(caller, queries[0], 20));
    await db.transaction(async (m) => {
      // The plan standards_search runs inside (a function's inner plan is not in its caller's EXPLAIN).
      await m.query(`SET LOCAL enable_seqscan = off`);
      const plan: { 'QUERY PLAN': string }[] = await m.query(
        `EXPLAIN (ANALYZE, COSTS OFF) SELECT s.id, ts_rank_cd(s.document, q) FROM standard s, websearch_to_tsquery('english', $1) q
          WHERE s.document @@ q AND s.visibility = ANY($2::text[]) ORDER BY 2 DESC, s.designation LIMIT 20`,
        [queries[0], ['NATIONS', 'INDUSTRY', 'PUBLIC']],
      );
      console.log(`  EXPLAIN ANALYZE search, inside standards_search:\n${plan.map((p) => `    ${p['QUERY PLAN']}`).join('\n')}`);
    });
    await explain(db, 'duplicationCheck', 'catalogue_lexeme', () => duplication.check(caller, proposals[0], 10));
  });
}
