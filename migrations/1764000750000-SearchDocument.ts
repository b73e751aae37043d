import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search and duplicationCheck at scale (issue 12, case 6).
 *
 * - `standard.document`: the weighted vector search ranks and filters on
 *   (designation and title A, scope B, the current text unweighted), stored,
 *   with its own GIN index. Before, search and the check filtered and ranked
 *   on the expression `search || text_search`, which concatenated each
 *   standard's whole-text vector again for every row read: with 2,000
 *   standards the planner read them all (a Seq Scan, 117 ms); on the stored
 *   column a Bitmap Index Scan reads only the matches (4 ms).
 * - `standard_duplication_norm`: the length of the standard's term vector as
 *   duplicationCheck weighs it (title 1.0, scope 0.45, text 0.15, times the
 *   term's rarity in the catalogue, ln(1 + N / ndoc), as in
 *   src/catalogue/duplication.service.ts), so the check no longer unpacks
 *   every lexeme of each candidate's whole text to score it. It is computed
 *   when the title, scope or text changes, with the catalogue's statistics
 *   of that moment (`documents` keeps the catalogue's size N),
 *   and computed again for every standard when a write to the catalogue
 *   moves N by more than 10% from the N it was computed with: one entry
 *   added to a large catalogue changes each norm by far less than that.
 * - `standards_matching`, `standards_titled_like` and `catalogue_titled_like`:
 *   the check's candidates through the indexes (see below).
 */
export class SearchDocument1764000750000 implements MigrationInterface {
  name = 'SearchDocument1764000750000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE standard ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', designation), 'A') ||
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', scope), 'B') ||
        text_search
      ) STORED`);
    await q.query(`DROP INDEX standard_search_idx`);
    // Search's page of hits, best first. With a query matching a fifth of the standards the planner chose a
    // Seq Scan (every vector fetched from TOAST and decompressed: 30 ms for 2,000) over the index (only the
    // matches read: 4.5 ms); it cannot see what reading a toasted vector costs.
    await q.query(`
      CREATE FUNCTION standards_search(q tsquery, visible text[], n int) RETURNS TABLE (id uuid, rank real)
        LANGUAGE sql STABLE ROWS 20 SET enable_seqscan = off
        AS $$ SELECT s.id, ts_rank_cd(s.document, q) FROM standard s WHERE s.document @@ q AND s.visibility = ANY(visible)
               ORDER BY 2 DESC, s.designation LIMIT n $$`);
    // No pending list: it would be read in full by every search until the next vacuum (as for the catalogue).
    await q.query(`CREATE INDEX standard_document_idx ON standard USING gin (document) WITH (fastupdate = off)`);
    // The check's candidates among the standards, term at a time. The planner cannot tell that reading a
    // standard's vector means fetching and decompressing it from TOAST: for a term in a quarter of 2,000
    // standards it chose a Seq Scan (25 ms, every vector read) over the index (under 1 ms, none read).
    await q.query(`
      CREATE FUNCTION standards_matching(q tsquery, visible text[]) RETURNS SETOF uuid LANGUAGE sql STABLE ROWS 50
        SET enable_seqscan = off
        AS $$ SELECT id FROM standard WHERE document @@ q AND visibility = ANY(visible) AND status <> 'CANCELLED' $$`);
    // The check's title candidates: the titles at least half alike (pg_trgm similarity 0.5, not the default
    // 0.3). A title only a third alike adds at most 0.2 x 0.5 to a score and is found through its terms if it
    // shares any rare one; at 0.3, a word common to most titles ("interface") made the trigram index return
    // most of them to be compared one by one (700 of 20,000 entries, 2,000 of 2,000 standards: 25 to 45 ms).
    await q.query(`
      CREATE FUNCTION standards_titled_like(t text, visible text[], n int) RETURNS SETOF uuid LANGUAGE sql STABLE ROWS 10
        SET enable_seqscan = off SET pg_trgm.similarity_threshold = 0.5
        AS $$ SELECT id FROM standard WHERE title % t AND visibility = ANY(visible) AND status <> 'CANCELLED'
               ORDER BY similarity(title, t) DESC, id LIMIT n $$`);
    // Without a pending list, as the catalogue's: after 2,000 standards were added, every title lookup read
    // the pending list of all their trigrams (37 ms) until a vacuum flushed it.
    await q.query(`ALTER INDEX standard_title_trgm_idx SET (fastupdate = off)`);
    await q.query(`SELECT gin_clean_pending_list('standard_title_trgm_idx')`);
    await q.query(`
      CREATE FUNCTION catalogue_titled_like(t text, n int) RETURNS SETOF uuid LANGUAGE sql STABLE ROWS 10
        SET pg_trgm.similarity_threshold = 0.5
        AS $$ SELECT id FROM external_standard WHERE title % t ORDER BY similarity(title, t) DESC, id LIMIT n $$`);

    // A table of its own: refreshing every norm after a catalogue load rewrites these small rows, not the
    // standards' rows (each carries two text vectors and their GIN entries).
    await q.query(`
      CREATE TABLE standard_duplication_norm (
        standard_id uuid PRIMARY KEY REFERENCES standard(id) ON DELETE CASCADE,
        norm float8 NOT NULL,
        -- The catalogue's size N when the norm was computed.
        documents float8 NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION catalogue_documents() RETURNS float8 LANGUAGE sql STABLE AS $$
        SELECT greatest(coalesce((SELECT ndoc FROM catalogue_lexeme WHERE lexeme = ''), 0), 1)::float8
      $$`);
    // The weights are those of FIELD_WEIGHT in duplication.service.ts (A 1.0, B 0.45, anything else 0.15). The
    // head (title A, scope B) is read with its weights; the text only as its lexemes (tsvector_to_array), all 0.15:
    // unnesting the weights of a 1 MB text's positions (150,000 of them) took 170 ms, its 7,000 lexemes 10 to 30 ms.
    await q.query(`
      CREATE FUNCTION duplication_norm(head tsvector, body tsvector) RETURNS float8 LANGUAGE sql STABLE AS $$
        SELECT coalesce(sqrt(sum(power(l.fw * ln(1 + n.n / greatest(coalesce(c.ndoc, 0), 1)), 2))), 0)
          FROM (SELECT x.lexeme, max(x.fw) AS fw
                  FROM (SELECT u.lexeme, CASE w WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.45 ELSE 0.15 END AS fw
                          FROM unnest(head) u, unnest(u.weights) w
                        UNION ALL
                        SELECT b.lexeme, 0.15 FROM unnest(tsvector_to_array(body)) b(lexeme)) x
                 GROUP BY x.lexeme) l
         CROSS JOIN (SELECT catalogue_documents() AS n OFFSET 0) n
          LEFT JOIN catalogue_lexeme c ON c.lexeme = l.lexeme
      $$`);
    await q.query(`
      CREATE FUNCTION standard_duplication_norm_of(s standard) RETURNS void LANGUAGE sql AS $$
        INSERT INTO standard_duplication_norm (standard_id, norm, documents)
        VALUES (s.id, duplication_norm(setweight(to_tsvector('english', s.title), 'A')
                                       || setweight(to_tsvector('english', s.scope), 'B'), s.text_search),
                catalogue_documents())
        ON CONFLICT (standard_id) DO UPDATE SET norm = EXCLUDED.norm, documents = EXCLUDED.documents
      $$`);
    await q.query(`
      CREATE FUNCTION standard_duplication_norm() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.title IS NOT DISTINCT FROM OLD.title AND NEW.scope IS NOT DISTINCT FROM OLD.scope
             AND NEW.text_search IS NOT DISTINCT FROM OLD.text_search THEN
            RETURN NULL;
          END IF;
        END IF;
        PERFORM standard_duplication_norm_of(NEW);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER standard_duplication_norm AFTER INSERT OR UPDATE OF title, scope, text_search
      ON standard FOR EACH ROW EXECUTE FUNCTION standard_duplication_norm()`);
    // Fires after external_standard_lexemes_* (triggers of one event fire in the order of their names).
    await q.query(`
      CREATE FUNCTION catalogue_refresh_duplication_norms() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE n float8 := catalogue_documents();
      BEGIN
        PERFORM standard_duplication_norm_of(s) FROM standard s JOIN standard_duplication_norm d ON d.standard_id = s.id
          WHERE d.documents NOT BETWEEN n / 1.1 AND n * 1.1;
        RETURN NULL;
      END $$`);
    for (const [name, event] of [['ins', 'INSERT'], ['upd', 'UPDATE'], ['del', 'DELETE']]) {
      await q.query(`CREATE TRIGGER external_standard_norms_${name} AFTER ${event} ON external_standard
        FOR EACH STATEMENT EXECUTE FUNCTION catalogue_refresh_duplication_norms()`);
    }
    await q.query(`SELECT standard_duplication_norm_of(s) FROM standard s`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION standards_titled_like(text, text[], int)`);
    await q.query(`DROP FUNCTION catalogue_titled_like(text, int)`);
    await q.query(`ALTER INDEX standard_title_trgm_idx RESET (fastupdate)`);
    for (const name of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER external_standard_norms_${name} ON external_standard`);
    await q.query(`DROP FUNCTION catalogue_refresh_duplication_norms()`);
    await q.query(`DROP TRIGGER standard_duplication_norm ON standard`);
    await q.query(`DROP FUNCTION standard_duplication_norm()`);
    await q.query(`DROP FUNCTION standard_duplication_norm_of(standard)`);
    await q.query(`DROP TABLE standard_duplication_norm`);
    await q.query(`DROP FUNCTION duplication_norm(tsvector, tsvector)`);
    await q.query(`DROP FUNCTION catalogue_documents()`);
    await q.query(`DROP FUNCTION standards_matching(tsquery, text[])`);
    await q.query(`DROP FUNCTION standards_search(tsquery, text[], int)`);
    await q.query(`DROP INDEX standard_document_idx`);
    await q.query(`CREATE INDEX standard_search_idx ON standard USING gin ((search || text_search))`);
    await q.query(`ALTER TABLE standard DROP COLUMN document`);
  }
}
