import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The standards' duplication norms (migration SearchDocument) are computed
 * again when a write to the catalogue moves its size N by more than 10% from
 * the N they were computed with. That was checked after every statement: a
 * catalogue loaded in 20 statements of 1,000 entries recomputed the 2,000
 * bench standards' norms about 15 times on the way (N = 1,000, 2,000, ...,
 * 20,000), 8 to 16 s each under load: most of the 160 to 350 s the bench's
 * load took. The check now runs once, when the transaction commits (a
 * deferred constraint trigger; the first of its events in a transaction does
 * the work and the rest see the flag and return), with the catalogue as it
 * will be seen: one recompute per load, and none at all for a write that
 * leaves N within 10%. Nothing reads the norms between the statements of a
 * load, and the check itself is unchanged.
 *
 * The recompute is also one statement over the standards it concerns
 * (duplication_norms_of), not a function call per standard: each call planned
 * its statements again (3 to 10 ms a standard under load); one statement for
 * all 2,000 took 3.2 s where the calls took 8 to 20 s. A standard's own
 * trigger uses the same statement for its one id, so there is one formula.
 */
export class DeferredDuplicationNorms1764000790000 implements MigrationInterface {
  name = 'DeferredDuplicationNorms1764000790000';

  async up(q: QueryRunner): Promise<void> {
    for (const name of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER external_standard_norms_${name} ON external_standard`);
    // The norm as duplicationCheck weighs it (FIELD_WEIGHT in duplication.service.ts: title A 1.0, scope B 0.45,
    // the text 0.15, times ln(1 + N / ndoc)), as duplication_norm computed it, for many standards at once. The text
    // is read as its lexemes only (tsvector_to_array): unnesting a 1 MB text's 150,000 positions took 170 ms.
    await q.query(`
      CREATE FUNCTION duplication_norms_of(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO standard_duplication_norm (standard_id, norm, documents)
        SELECT x.id, coalesce(sqrt(sum(power(x.fw * ln(1 + n.n / greatest(coalesce(c.ndoc, 0), 1)), 2))), 0), n.n
          FROM (SELECT s.id, l.lexeme, max(l.fw) AS fw
                  FROM standard s CROSS JOIN LATERAL (
                         SELECT u.lexeme, CASE w WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.45 ELSE 0.15 END AS fw
                           FROM unnest(setweight(to_tsvector('english', s.title), 'A')
                                       || setweight(to_tsvector('english', s.scope), 'B')) u, unnest(u.weights) w
                         UNION ALL
                         SELECT b.lexeme, 0.15 FROM unnest(tsvector_to_array(s.text_search)) b(lexeme)
                         -- Weighs nothing, so a standard without any lexeme still gets its row (norm 0).
                         UNION ALL
                         SELECT NULL, 0) l
                 WHERE s.id = ANY(ids)
                 GROUP BY s.id, l.lexeme) x
         CROSS JOIN (SELECT catalogue_documents() AS n OFFSET 0) n
          LEFT JOIN catalogue_lexeme c ON c.lexeme = x.lexeme
         GROUP BY x.id, n.n
        ON CONFLICT (standard_id) DO UPDATE SET norm = EXCLUDED.norm, documents = EXCLUDED.documents
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION standard_duplication_norm() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.title IS NOT DISTINCT FROM OLD.title AND NEW.scope IS NOT DISTINCT FROM OLD.scope
             AND NEW.text_search IS NOT DISTINCT FROM OLD.text_search THEN
            RETURN NULL;
          END IF;
        END IF;
        PERFORM duplication_norms_of(ARRAY[NEW.id]);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION catalogue_refresh_duplication_norms() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE n float8;
      BEGIN
        -- Once per transaction: set_config(..., true) lasts until it ends.
        IF current_setting('ssw.duplication_norms_checked', true) = 'on' THEN
          RETURN NULL;
        END IF;
        PERFORM set_config('ssw.duplication_norms_checked', 'on', true);
        n := catalogue_documents();
        PERFORM duplication_norms_of(ARRAY(SELECT standard_id FROM standard_duplication_norm
                                             WHERE documents NOT BETWEEN n / 1.1 AND n * 1.1));
        RETURN NULL;
      END $$`);
    await q.query(`DROP FUNCTION standard_duplication_norm_of(standard)`);
    await q.query(`DROP FUNCTION duplication_norm(tsvector, tsvector)`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER external_standard_norms AFTER INSERT OR UPDATE OR DELETE ON external_standard
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_refresh_duplication_norms()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER external_standard_norms ON external_standard`);
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
      CREATE OR REPLACE FUNCTION standard_duplication_norm() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await q.query(`DROP FUNCTION duplication_norms_of(uuid[])`);
    await q.query(`
      CREATE OR REPLACE FUNCTION catalogue_refresh_duplication_norms() RETURNS trigger LANGUAGE plpgsql AS $$
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
  }
}
