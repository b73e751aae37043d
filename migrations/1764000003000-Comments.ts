import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * National comment rounds. A round's status is never stored: it follows from
 * opens_at / closes_at / closed_at and the database clock, so a round whose
 * closes_at has passed is closed even if nobody closed it. The database keeps
 * the rules that must hold under concurrency: periods of one standard's rounds
 * never overlap, a nation submits once per round, and a submitted comment's
 * words never change.
 */
export class Comments1764000003000 implements MigrationInterface {
  name = 'Comments1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE comment_round (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        standard_id uuid NOT NULL REFERENCES standard(id),
        version_id uuid NOT NULL REFERENCES standard_version(id),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        -- Set when the secretariat closes the round before closes_at.
        closed_at timestamptz,
        opened_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (closes_at > opens_at)
      )`);
    await q.query(`CREATE INDEX comment_round_standard_idx ON comment_round (standard_id, opens_at)`);
    // The period during which a round accepts comments; empty when closed before it opened.
    await q.query(`
      CREATE FUNCTION comment_round_period(r comment_round) RETURNS tstzrange LANGUAGE sql IMMUTABLE AS $$
        SELECT tstzrange(r.opens_at, greatest(r.opens_at, least(r.closes_at, coalesce(r.closed_at, r.closes_at))))
      $$`);
    // One open round per standard: periods may not overlap. An exclusion
    // constraint would need btree_gist (not in the embedded database), so a
    // trigger checks under a lock on the standard row, which serializes the
    // rounds of one standard.
    await q.query(`
      CREATE FUNCTION comment_round_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM standard WHERE id = NEW.standard_id FOR UPDATE;
        IF EXISTS (
          SELECT 1 FROM comment_round o
           WHERE o.standard_id = NEW.standard_id AND o.id <> NEW.id
             AND comment_round_period(o) && comment_round_period(NEW)
        ) THEN
          RAISE EXCEPTION 'comment rounds of standard % overlap', NEW.standard_id USING ERRCODE = 'unique_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER comment_round_no_overlap BEFORE INSERT OR UPDATE OF opens_at, closes_at, closed_at, standard_id ON comment_round
        FOR EACH ROW EXECUTE FUNCTION comment_round_no_overlap()`);

    await q.query(`
      CREATE TABLE comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES comment_round(id),
        nation_code char(3) NOT NULL REFERENCES nation(code),
        author_id uuid NOT NULL REFERENCES app_user(id),
        clause text CHECK (clause IS NULL OR length(clause) BETWEEN 1 AND 40),
        -- Clause numbers in an order that sorts as a reader expects (2 before 10); '' for general comments.
        clause_key text COLLATE "C" NOT NULL DEFAULT '',
        line_from int CHECK (line_from >= 1),
        line_to int,
        line_key int GENERATED ALWAYS AS (coalesce(line_from, 0)) STORED,
        paragraph text CHECK (paragraph IS NULL OR length(paragraph) <= 200),
        quote text CHECK (quote IS NULL OR length(quote) <= 5000),
        type text NOT NULL CHECK (type IN ('GENERAL','TECHNICAL','EDITORIAL')),
        body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 20000),
        proposed_change text CHECK (proposed_change IS NULL OR length(proposed_change) <= 20000),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','SUBMITTED')),
        disposition text CHECK (disposition IN ('ACCEPTED','ACCEPTED_IN_PRINCIPLE','REJECTED','NOTED')),
        resolution text CHECK (resolution IS NULL OR length(btrim(resolution)) BETWEEN 1 AND 20000),
        resolved_in_version_id uuid REFERENCES standard_version(id),
        resolved_by uuid REFERENCES app_user(id),
        resolved_at timestamptz,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (line_to IS NULL OR (line_from IS NOT NULL AND line_to >= line_from)),
        CHECK ((disposition IS NULL) = (resolution IS NULL)),
        CHECK (disposition IS NULL OR status = 'SUBMITTED')
      )`);
    await q.query(`CREATE INDEX comment_matrix_idx ON comment (round_id, clause_key, line_key, seq)`);
    await q.query(`CREATE INDEX comment_nation_idx ON comment (round_id, nation_code, status)`);
    // A submitted comment's words, nation and author are fixed; only the adjudication may be written.
    await q.query(`
      CREATE FUNCTION comment_submitted_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'SUBMITTED' AND (TG_OP = 'DELETE' OR
           (NEW.status, NEW.round_id, NEW.nation_code, NEW.author_id, NEW.clause, NEW.line_from, NEW.line_to, NEW.paragraph, NEW.quote, NEW.type, NEW.body, NEW.proposed_change)
             IS DISTINCT FROM
           (OLD.status, OLD.round_id, OLD.nation_code, OLD.author_id, OLD.clause, OLD.line_from, OLD.line_to, OLD.paragraph, OLD.quote, OLD.type, OLD.body, OLD.proposed_change)) THEN
          RAISE EXCEPTION 'a submitted comment cannot change' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER comment_submitted_fixed BEFORE UPDATE OR DELETE ON comment FOR EACH ROW EXECUTE FUNCTION comment_submitted_fixed()`);

    await q.query(`
      CREATE TABLE national_submission (
        round_id uuid NOT NULL REFERENCES comment_round(id),
        nation_code char(3) NOT NULL REFERENCES nation(code),
        submitted_by uuid NOT NULL REFERENCES app_user(id),
        submitted_at timestamptz NOT NULL,
        comment_count int NOT NULL CHECK (comment_count >= 0),
        PRIMARY KEY (round_id, nation_code)
      )`);
    await q.query(`CREATE TRIGGER national_submission_immutable BEFORE UPDATE OR DELETE ON national_submission FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE national_submission`);
    await q.query(`DROP TABLE comment`);
    await q.query(`DROP FUNCTION comment_submitted_fixed()`);
    await q.query(`DROP TRIGGER comment_round_no_overlap ON comment_round`);
    await q.query(`DROP FUNCTION comment_round_no_overlap()`);
    await q.query(`DROP FUNCTION comment_round_period(comment_round)`);
    await q.query(`DROP TABLE comment_round`);
  }
}
