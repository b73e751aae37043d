import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ratification ballots, the nations' responses and the published editions.
 * One response per nation per ballot is the primary key, so concurrent casts
 * meet in ON CONFLICT and count up the revision. Editions never change,
 * except the one step a newer edition makes them take: IN_FORCE -> SUPERSEDED.
 */
export class Ballots1764000004000 implements MigrationInterface {
  name = 'Ballots1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ballot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        standard_id uuid NOT NULL REFERENCES standard(id),
        version_id uuid NOT NULL REFERENCES standard_version(id),
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        threshold int NOT NULL CHECK (threshold BETWEEN 1 AND 32),
        -- Set once, when the outcome is decided: by closeBallot, or by the first read or write after closes_at.
        closed_at timestamptz,
        outcome text NOT NULL DEFAULT 'PENDING' CHECK (outcome IN ('PENDING','PASSED','FAILED')),
        opened_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (closes_at > opens_at),
        CHECK ((outcome = 'PENDING') = (closed_at IS NULL))
      )`);
    await q.query(`CREATE INDEX ballot_standard_idx ON ballot (standard_id, created_at)`);
    // A standard is in ratification by one ballot at a time.
    await q.query(`CREATE UNIQUE INDEX ballot_one_pending_per_standard ON ballot (standard_id) WHERE outcome = 'PENDING'`);
    await q.query(`
      CREATE TABLE ballot_response (
        ballot_id uuid NOT NULL REFERENCES ballot(id),
        nation_code char(3) NOT NULL REFERENCES nation(code),
        response text NOT NULL CHECK (response IN (
          'RATIFIED_IMPLEMENTING','RATIFIED_FUTURE_IMPLEMENTATION','RATIFIED_NOT_IMPLEMENTING','NOT_RATIFYING','NOT_PARTICIPATING')),
        reservations jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(reservations) = 'array'),
        implementation_date timestamptz,
        national_reference text,
        cast_by uuid NOT NULL REFERENCES app_user(id),
        cast_at timestamptz NOT NULL,
        revision int NOT NULL DEFAULT 1 CHECK (revision >= 1),
        PRIMARY KEY (ballot_id, nation_code),
        CHECK (response <> 'RATIFIED_FUTURE_IMPLEMENTATION' OR implementation_date IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE edition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        standard_id uuid NOT NULL REFERENCES standard(id),
        version_id uuid NOT NULL REFERENCES standard_version(id),
        ballot_id uuid NOT NULL UNIQUE REFERENCES ballot(id),
        number int NOT NULL CHECK (number >= 1),
        label text NOT NULL,
        status text NOT NULL DEFAULT 'IN_FORCE' CHECK (status IN ('IN_FORCE','SUPERSEDED')),
        promulgated_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid NOT NULL REFERENCES app_user(id),
        content_hash char(64) NOT NULL,
        html text NOT NULL,
        -- The national responses as they stood at promulgation.
        ratification jsonb NOT NULL CHECK (jsonb_typeof(ratification) = 'array'),
        UNIQUE (standard_id, number)
      )`);
    await q.query(`CREATE UNIQUE INDEX edition_one_in_force ON edition (standard_id) WHERE status = 'IN_FORCE'`);
    await q.query(`
      CREATE FUNCTION edition_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = 'IN_FORCE' AND NEW.status = 'SUPERSEDED'
           AND (to_jsonb(NEW) - 'status') = (to_jsonb(OLD) - 'status') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% on edition is not allowed: an edition is immutable except IN_FORCE -> SUPERSEDED', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER edition_immutable BEFORE UPDATE OR DELETE ON edition FOR EACH ROW EXECUTE FUNCTION edition_guard()`);
    await q.query(`CREATE TRIGGER edition_no_truncate BEFORE TRUNCATE ON edition FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE edition`);
    await q.query(`DROP FUNCTION edition_guard()`);
    await q.query(`DROP TABLE ballot_response`);
    await q.query(`DROP TABLE ballot`);
  }
}
