import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lookups search and duplicationCheck run through (migration
 * SearchDocument) keep their plans. As SQL functions with SET options they
 * were planned again on every call of the statement using them, and the
 * planner's estimate for `title % t` compares the title with the column's
 * statistics entry by entry (similarity() of up to 200 titles): about a fifth
 * of duplicationCheck's time in PostgreSQL was planning, measured with perf.
 * PL/pgSQL keeps each statement's plan for the session; the generic plan is
 * the one the custom plans chose (the GIN index, then the heap), so it is
 * kept from the first call. Same statements, same results.
 */
const FUNCTIONS: { signature: string; returns: string; options: string; body: string }[] = [
  {
    signature: 'standards_search(q tsquery, visible text[], n int)',
    returns: 'TABLE (id uuid, rank real)',
    options: 'ROWS 20 SET enable_seqscan = off',
    body: `SELECT s.id, ts_rank_cd(s.document, q) FROM standard s WHERE s.document @@ q AND s.visibility = ANY(visible)
           ORDER BY 2 DESC, s.designation LIMIT n`,
  },
  {
    signature: 'standards_matching(q tsquery, visible text[])',
    returns: 'SETOF uuid',
    options: 'ROWS 50 SET enable_seqscan = off',
    body: `SELECT id FROM standard WHERE document @@ q AND visibility = ANY(visible) AND status <> 'CANCELLED'`,
  },
  {
    signature: 'standards_titled_like(t text, visible text[], n int)',
    returns: 'SETOF uuid',
    options: 'ROWS 10 SET enable_seqscan = off SET pg_trgm.similarity_threshold = 0.5',
    body: `SELECT id FROM standard WHERE title % t AND visibility = ANY(visible) AND status <> 'CANCELLED'
           ORDER BY similarity(title, t) DESC, id LIMIT n`,
  },
  {
    signature: 'catalogue_titled_like(t text, n int)',
    returns: 'SETOF uuid',
    options: 'ROWS 10 SET pg_trgm.similarity_threshold = 0.5',
    body: `SELECT id FROM external_standard WHERE title % t ORDER BY similarity(title, t) DESC, id LIMIT n`,
  },
];

export class CachedSearchPlans1764000790100 implements MigrationInterface {
  name = 'CachedSearchPlans1764000790100';

  async up(q: QueryRunner): Promise<void> {
    for (const f of FUNCTIONS) {
      // A column of the result named like a column read (id) would be ambiguous in PL/pgSQL: the table's wins.
      await q.query(`
        CREATE OR REPLACE FUNCTION ${f.signature} RETURNS ${f.returns} LANGUAGE plpgsql STABLE ${f.options}
          SET plan_cache_mode = force_generic_plan
          AS $$ #variable_conflict use_column
          BEGIN RETURN QUERY ${f.body}; END $$`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // CREATE OR REPLACE sets every option again: plan_cache_mode goes.
    for (const f of FUNCTIONS) {
      await q.query(`CREATE OR REPLACE FUNCTION ${f.signature} RETURNS ${f.returns} LANGUAGE sql STABLE ${f.options} AS $$ ${f.body} $$`);
    }
  }
}
