import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Standards, their versions and requirements. Version text is stored as
 * content-addressed paragraph blocks, so fifty versions of a long document
 * with small edits cost little more than one. Versions, blocks and
 * requirements never change once written: triggers refuse it.
 */
export class Standards1764000001000 implements MigrationInterface {
  name = 'Standards1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE standard (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        designation text NOT NULL CHECK (length(btrim(designation)) BETWEEN 1 AND 60),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
        scope text NOT NULL CHECK (length(btrim(scope)) BETWEEN 1 AND 5000),
        status text NOT NULL DEFAULT 'PROPOSED'
          CHECK (status IN ('PROPOSED','DRAFTING','IN_RATIFICATION','PROMULGATED','CANCELLED')),
        visibility text NOT NULL CHECK (visibility IN ('NATIONS','INDUSTRY','PUBLIC')),
        overlap_justification text,
        proposer_id uuid REFERENCES app_user(id),
        requirement_seq int NOT NULL DEFAULT 0,
        -- The current text's words, kept with the standard so search needs no join over versions.
        text_search tsvector NOT NULL DEFAULT ''::tsvector,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', designation), 'A') ||
          setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('english', scope), 'B')
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX standard_designation_key ON standard (lower(designation))`);
    await q.query(`CREATE INDEX standard_search_idx ON standard USING gin ((search || text_search))`);
    await q.query(`CREATE INDEX standard_title_trgm_idx ON standard USING gin (title gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE standard_editor (
        standard_id uuid NOT NULL REFERENCES standard(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (standard_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE text_block (
        hash char(64) PRIMARY KEY,
        content text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE standard_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        standard_id uuid NOT NULL REFERENCES standard(id),
        number int NOT NULL CHECK (number >= 1),
        label text,
        summary text,
        author_id uuid NOT NULL REFERENCES app_user(id),
        based_on_id uuid REFERENCES standard_version(id),
        content_hash char(64) NOT NULL,
        blocks char(64)[] NOT NULL,
        byte_length int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (standard_id, number)
      )`);
    await q.query(`
      CREATE TABLE requirement (
        version_id uuid NOT NULL REFERENCES standard_version(id),
        key text NOT NULL,
        clause text NOT NULL,
        obligation text NOT NULL CHECK (obligation IN ('SHALL','SHOULD','MAY')),
        text text NOT NULL,
        line int NOT NULL,
        change text NOT NULL CHECK (change IN ('ADDED','MODIFIED','UNCHANGED')),
        ord int NOT NULL,
        PRIMARY KEY (version_id, key)
      )`);
    // Every key a standard ever gave out, so a removed key is never reused.
    await q.query(`
      CREATE TABLE requirement_key (
        standard_id uuid NOT NULL REFERENCES standard(id),
        key text NOT NULL,
        PRIMARY KEY (standard_id, key)
      )`);
    for (const table of ['text_block', 'standard_version', 'requirement']) {
      await q.query(`CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE requirement_key`);
    await q.query(`DROP TABLE requirement`);
    await q.query(`DROP TABLE standard_version`);
    await q.query(`DROP TABLE text_block`);
    await q.query(`DROP TABLE standard_editor`);
    await q.query(`DROP TABLE standard`);
  }
}
