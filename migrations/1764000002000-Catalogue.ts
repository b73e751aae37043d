import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The external catalogue (standards of ECSS, CEN, ISO, CCSDS, ETSI, EU, ...),
 * the relations of our standards to them, and the document frequency of every
 * catalogue lexeme, which the duplication check uses to weigh rare shared terms
 * above words every space standard uses ("space", "satellite").
 */
export class Catalogue1764000002000 implements MigrationInterface {
  name = 'Catalogue1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE external_standard (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        body text NOT NULL CHECK (body IN ('ECSS','CEN','CENELEC','ETSI','ISO','CCSDS','EU','NATO','OTHER')),
        designation text NOT NULL CHECK (length(btrim(designation)) BETWEEN 1 AND 100),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
        scope text CHECK (length(scope) <= 5000),
        url text CHECK (length(url) <= 2000),
        -- Editions of one document by several bodies (an ECSS standard and its EN twin) share a group,
        -- so the check reports them as one overlap.
        twin_group uuid NOT NULL DEFAULT gen_random_uuid(),
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('english', coalesce(scope, '')), 'B')
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX external_standard_designation_key ON external_standard (body, lower(designation))`);
    // No pending list: the catalogue is written seldom and searched on every proposal, and a long
    // pending list (left by a bulk load until the next vacuum) costs every search a scan of it.
    await q.query(`CREATE INDEX external_standard_search_idx ON external_standard USING gin (search) WITH (fastupdate = off)`);
    await q.query(`CREATE INDEX external_standard_title_trgm_idx ON external_standard USING gin (title gin_trgm_ops) WITH (fastupdate = off)`);
    await q.query(`CREATE INDEX external_standard_twin_idx ON external_standard (twin_group)`);

    // Document frequency per lexeme; the row with the empty lexeme (never produced by to_tsvector) counts documents.
    await q.query(`CREATE TABLE catalogue_lexeme (lexeme text PRIMARY KEY, ndoc int NOT NULL CHECK (ndoc >= 0))`);
    // Statement-level with transition tables, so loading 20,000 entries updates each lexeme once, not once per row.
    await q.query(`
      CREATE FUNCTION catalogue_lexeme_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE catalogue_lexeme c SET ndoc = c.ndoc - d.n
            FROM (SELECT u.lexeme, count(*)::int AS n FROM old_rows o, unnest(o.search) u GROUP BY u.lexeme
                  UNION ALL SELECT '', count(*)::int FROM old_rows) d
           WHERE c.lexeme = d.lexeme;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO catalogue_lexeme (lexeme, ndoc)
          SELECT lexeme, n FROM (
            SELECT u.lexeme, count(*)::int AS n FROM new_rows r, unnest(r.search) u GROUP BY u.lexeme
            UNION ALL SELECT '', count(*)::int FROM new_rows) a
          ORDER BY lexeme
          ON CONFLICT (lexeme) DO UPDATE SET ndoc = catalogue_lexeme.ndoc + EXCLUDED.ndoc;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER external_standard_lexemes_ins AFTER INSERT ON external_standard
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_lexeme_count()`);
    await q.query(`CREATE TRIGGER external_standard_lexemes_upd AFTER UPDATE ON external_standard
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_lexeme_count()`);
    await q.query(`CREATE TRIGGER external_standard_lexemes_del AFTER DELETE ON external_standard
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_lexeme_count()`);

    await q.query(`
      CREATE TABLE standard_relation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        standard_id uuid NOT NULL REFERENCES standard(id),
        external_id uuid NOT NULL REFERENCES external_standard(id),
        kind text NOT NULL CHECK (kind IN ('ADOPTS','EQUIVALENT_TO','PROFILES','REFERENCES','OVERLAPS')),
        note text CHECK (length(note) <= 2000),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- One relation per pair: a standard that profiles a document also references it, so only the stronger kind is kept.
        UNIQUE (standard_id, external_id)
      )`);
    await q.query(`CREATE INDEX standard_relation_external_idx ON standard_relation (external_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE standard_relation`);
    await q.query(`DROP TABLE external_standard`);
    await q.query(`DROP FUNCTION catalogue_lexeme_count()`);
    await q.query(`DROP TABLE catalogue_lexeme`);
  }
}
