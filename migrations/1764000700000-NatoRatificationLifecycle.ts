import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NATO practice after promulgation, enforced here so that no code path can
 * bend it:
 * - the standard's lifecycle is a state machine (a trigger holds its table),
 *   and a promulgated standard may be CANCELLED (reason, date) or SUPERSEDED
 *   (by a named replacement, with a date);
 * - an edition's ratification goes on after promulgation: each change
 *   (a late ratification, a new implementation status, a withdrawn
 *   reservation) is an immutable row in ratification_change, checked
 *   against the state before it; the snapshot in edition.ratification stays
 *   as it was at promulgation;
 * - a correction is the next Version of the same edition, with a reason, and
 *   carries the same ratification snapshot;
 * - a ballot's period may be extended, never shortened, while it is undecided;
 *   every extension is an immutable row; a ballot opened with on_shortfall
 *   AWAIT_DECISION that is short of its threshold at closesAt waits for the
 *   secretariat to extend it or close it as FAILED.
 */
export class NatoRatificationLifecycle1764000700000 implements MigrationInterface {
  name = 'NatoRatificationLifecycle1764000700000';

  async up(q: QueryRunner): Promise<void> {
    // ── standard: CANCELLED with reason and date, SUPERSEDED with replacement ──
    await q.query(`ALTER TABLE standard DROP CONSTRAINT standard_status_check`);
    await q.query(`
      ALTER TABLE standard
        ADD CONSTRAINT standard_status_check CHECK (status IN ('PROPOSED','DRAFTING','IN_RATIFICATION','PROMULGATED','CANCELLED','SUPERSEDED')),
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN cancellation_reason text,
        ADD COLUMN superseded_by uuid REFERENCES standard(id),
        ADD COLUMN superseded_at timestamptz,
        ADD COLUMN supersession_reason text`);
    // Standards cancelled before this migration: the reason is in their audit event.
    await q.query(`
      UPDATE standard s SET cancelled_at = s.updated_at,
        cancellation_reason = coalesce((SELECT substring(e.detail FROM 'CANCELLED: (.*)$') FROM audit_event e
                                         WHERE e.entity_id = s.id::text AND e.action = 'standard.cancel' ORDER BY e.id DESC LIMIT 1), 'Not recorded')
       WHERE s.status = 'CANCELLED'`);
    await q.query(`
      ALTER TABLE standard
        ADD CONSTRAINT standard_cancelled_with_reason CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL AND cancellation_reason IS NOT NULL)),
        ADD CONSTRAINT standard_superseded_by_another CHECK (
          (status = 'SUPERSEDED') = (superseded_by IS NOT NULL AND superseded_at IS NOT NULL) AND superseded_by IS DISTINCT FROM id)`);
    await q.query(`
      CREATE FUNCTION standard_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = OLD.status THEN RETURN NEW; END IF;
        IF (OLD.status, NEW.status) IN (
          ('PROPOSED','DRAFTING'), ('PROPOSED','CANCELLED'),
          ('DRAFTING','IN_RATIFICATION'), ('DRAFTING','CANCELLED'),
          ('IN_RATIFICATION','DRAFTING'), ('IN_RATIFICATION','PROMULGATED'), ('IN_RATIFICATION','CANCELLED'),
          ('PROMULGATED','DRAFTING'), ('PROMULGATED','CANCELLED'), ('PROMULGATED','SUPERSEDED')) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'standard % cannot go from % to %', OLD.designation, OLD.status, NEW.status USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`CREATE TRIGGER standard_lifecycle BEFORE UPDATE OF status ON standard FOR EACH ROW EXECUTE FUNCTION standard_status_guard()`);
    // A cancelled or superseded standard has no edition in force: its edition takes the same status with it.
    await q.query(`
      CREATE FUNCTION standard_retires_edition() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE edition SET status = NEW.status WHERE standard_id = NEW.id AND status = 'IN_FORCE';
        RETURN NULL;
      END $$`);

    // ── edition: CANCELLED, and corrections as the next Version ──
    await q.query(`ALTER TABLE edition DROP CONSTRAINT edition_status_check`);
    await q.query(`ALTER TABLE edition ADD CONSTRAINT edition_status_check CHECK (status IN ('IN_FORCE','SUPERSEDED','CANCELLED'))`);
    await q.query(`ALTER TABLE edition DROP CONSTRAINT edition_ballot_id_key, DROP CONSTRAINT edition_standard_id_number_key`);
    await q.query(`
      ALTER TABLE edition
        ADD COLUMN correction_reason text,
        ADD CONSTRAINT edition_ballot_version_key UNIQUE (ballot_id, version_number),
        ADD CONSTRAINT edition_number_version_key UNIQUE (standard_id, number, version_number),
        ADD CONSTRAINT edition_correction_has_reason CHECK ((version_number = 1) = (correction_reason IS NULL))`);
    await q.query(`
      CREATE OR REPLACE FUNCTION edition_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = 'IN_FORCE' AND NEW.status IN ('SUPERSEDED','CANCELLED')
           AND (to_jsonb(NEW) - 'status') = (to_jsonb(OLD) - 'status') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% on edition is not allowed: an edition is immutable except IN_FORCE -> SUPERSEDED or CANCELLED', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    // A Version 2+ follows the previous version of the same edition, ratified by the same ballot, with the same snapshot.
    await q.query(`
      CREATE FUNCTION edition_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.version_number = 1 THEN RETURN NEW; END IF;
        IF NOT EXISTS (SELECT 1 FROM edition p WHERE p.standard_id = NEW.standard_id AND p.number = NEW.number
                          AND p.version_number = NEW.version_number - 1 AND p.ballot_id = NEW.ballot_id
                          AND p.status = 'SUPERSEDED' AND p.ratification = NEW.ratification) THEN
          RAISE EXCEPTION 'edition % version % must follow version % of the same edition, superseded, with the same ratification',
            NEW.number, NEW.version_number, NEW.version_number - 1 USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER standard_retirement AFTER UPDATE OF status ON standard FOR EACH ROW
      WHEN (NEW.status IN ('CANCELLED','SUPERSEDED') AND OLD.status <> NEW.status) EXECUTE FUNCTION standard_retires_edition()`);
    await q.query(`CREATE TRIGGER edition_versions BEFORE INSERT ON edition FOR EACH ROW EXECUTE FUNCTION edition_version_guard()`);

    // ── ratification after promulgation ──
    await q.query(`
      CREATE TABLE ratification_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ballot_id uuid NOT NULL REFERENCES ballot(id),
        nation_code char(3) NOT NULL REFERENCES nation(code),
        seq int NOT NULL CHECK (seq >= 1),
        kind text NOT NULL CHECK (kind IN ('RATIFIED','IMPLEMENTATION_CHANGED','RESERVATION_WITHDRAWN')),
        -- The nation's state after the change.
        response text NOT NULL CHECK (response IN ('RATIFIED_IMPLEMENTING','RATIFIED_FUTURE_IMPLEMENTATION','RATIFIED_NOT_IMPLEMENTING')),
        reservations jsonb NOT NULL CHECK (jsonb_typeof(reservations) = 'array'),
        implementation_date timestamptz,
        national_reference text,
        withdrawn jsonb,
        changed_by uuid NOT NULL REFERENCES app_user(id),
        changed_at timestamptz NOT NULL,
        UNIQUE (ballot_id, nation_code, seq),
        CHECK (response <> 'RATIFIED_FUTURE_IMPLEMENTATION' OR implementation_date IS NOT NULL),
        -- "Implementing" after promulgation names the date implementation actually began.
        CHECK (kind <> 'IMPLEMENTATION_CHANGED' OR response = 'RATIFIED_NOT_IMPLEMENTING' OR implementation_date IS NOT NULL),
        CHECK ((kind = 'RESERVATION_WITHDRAWN') = (withdrawn IS NOT NULL))
      )`);
    await q.query(`
      CREATE FUNCTION ratification_change_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        prev record;
        ratifying text[] := ARRAY['RATIFIED_IMPLEMENTING','RATIFIED_FUTURE_IMPLEMENTATION','RATIFIED_NOT_IMPLEMENTING'];
      BEGIN
        -- One change at a time per ballot: the next one sees this one as its previous state.
        PERFORM 1 FROM ballot WHERE id = NEW.ballot_id FOR UPDATE;
        IF NOT EXISTS (SELECT 1 FROM edition WHERE ballot_id = NEW.ballot_id AND status = 'IN_FORCE') THEN
          RAISE EXCEPTION 'ratification changes only on an edition in force' USING ERRCODE = 'check_violation';
        END IF;
        SELECT c.seq, c.response, c.reservations, c.implementation_date INTO prev
          FROM ratification_change c WHERE c.ballot_id = NEW.ballot_id AND c.nation_code = NEW.nation_code
         ORDER BY c.seq DESC LIMIT 1;
        IF NOT FOUND THEN
          SELECT 0 AS seq, r->>'response' AS response, r->'reservations' AS reservations,
                 (r->>'implementationDate')::timestamptz AS implementation_date INTO prev
            FROM edition e, jsonb_array_elements(e.ratification) r
           WHERE e.ballot_id = NEW.ballot_id AND e.version_number = 1 AND r->>'nationCode' = NEW.nation_code;
          IF NOT FOUND THEN
            SELECT 0 AS seq, NULL::text AS response, '[]'::jsonb AS reservations, NULL::timestamptz AS implementation_date INTO prev;
          END IF;
        END IF;
        NEW.seq := prev.seq + 1;
        IF NEW.kind = 'RATIFIED' THEN
          IF prev.response = ANY(ratifying) THEN
            RAISE EXCEPTION 'nation % has ratified already', NEW.nation_code USING ERRCODE = 'check_violation';
          END IF;
        ELSIF prev.response IS NULL OR NOT prev.response = ANY(ratifying) THEN
          RAISE EXCEPTION 'nation % has not ratified', NEW.nation_code USING ERRCODE = 'check_violation';
        ELSIF NEW.kind = 'IMPLEMENTATION_CHANGED' THEN
          IF NEW.reservations <> prev.reservations
             OR (NEW.response = prev.response AND NEW.implementation_date IS NOT DISTINCT FROM prev.implementation_date) THEN
            RAISE EXCEPTION 'an implementation change keeps the reservations and changes the status or date' USING ERRCODE = 'check_violation';
          END IF;
        ELSIF NEW.kind = 'RESERVATION_WITHDRAWN' THEN
          IF NEW.response <> prev.response OR NEW.implementation_date IS DISTINCT FROM prev.implementation_date
             OR jsonb_array_length(NEW.reservations) <> jsonb_array_length(prev.reservations) - 1
             OR NOT prev.reservations @> NEW.reservations OR NOT prev.reservations @> jsonb_build_array(NEW.withdrawn) THEN
            RAISE EXCEPTION 'a withdrawal removes exactly one of the nation''s reservations and nothing else' USING ERRCODE = 'check_violation';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER ratification_change_rules BEFORE INSERT ON ratification_change FOR EACH ROW EXECUTE FUNCTION ratification_change_guard()`);
    await q.query(`CREATE TRIGGER ratification_change_immutable BEFORE UPDATE OR DELETE ON ratification_change FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER ratification_change_no_truncate BEFORE TRUNCATE ON ratification_change FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);

    // ── ballot extensions ──
    await q.query(`
      CREATE TABLE ballot_extension (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ballot_id uuid NOT NULL REFERENCES ballot(id),
        previous_closes_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        extended_by uuid NOT NULL REFERENCES app_user(id),
        extended_at timestamptz NOT NULL,
        CHECK (closes_at > previous_closes_at)
      )`);
    // What a ballot short of its threshold at closesAt becomes: FAILED there and then, or held for the secretariat to extend or close.
    await q.query(`ALTER TABLE ballot ADD COLUMN on_shortfall text NOT NULL DEFAULT 'FAIL' CHECK (on_shortfall IN ('FAIL','AWAIT_DECISION'))`);
    await q.query(`CREATE INDEX ballot_extension_ballot_idx ON ballot_extension (ballot_id, extended_at)`);
    await q.query(`CREATE TRIGGER ballot_extension_immutable BEFORE UPDATE OR DELETE ON ballot_extension FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER ballot_extension_no_truncate BEFORE TRUNCATE ON ballot_extension FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    // closes_at moves only later, only while the outcome is undecided, and only with its extension row.
    await q.query(`
      CREATE FUNCTION ballot_closes_at_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.closes_at IS DISTINCT FROM OLD.closes_at AND (
             OLD.outcome <> 'PENDING' OR NEW.closes_at < OLD.closes_at
             OR NOT EXISTS (SELECT 1 FROM ballot_extension x WHERE x.ballot_id = NEW.id
                              AND x.previous_closes_at = OLD.closes_at AND x.closes_at = NEW.closes_at)) THEN
          RAISE EXCEPTION 'a ballot''s closesAt moves only later, while undecided, with a recorded extension' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER ballot_closes_at BEFORE UPDATE OF closes_at ON ballot FOR EACH ROW EXECUTE FUNCTION ballot_closes_at_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ballot_closes_at ON ballot`);
    await q.query(`DROP FUNCTION ballot_closes_at_guard()`);
    await q.query(`DROP TABLE ballot_extension`);
    await q.query(`ALTER TABLE ballot DROP COLUMN on_shortfall`);
    await q.query(`DROP TABLE ratification_change`);
    await q.query(`DROP FUNCTION ratification_change_guard()`);
    await q.query(`DROP TRIGGER edition_versions ON edition`);
    await q.query(`DROP FUNCTION edition_version_guard()`);
    await q.query(`ALTER TABLE edition DISABLE TRIGGER edition_immutable`);
    await q.query(`DELETE FROM edition WHERE version_number > 1`);
    await q.query(`UPDATE edition SET status = 'SUPERSEDED' WHERE status = 'CANCELLED'`);
    await q.query(`ALTER TABLE edition ENABLE TRIGGER edition_immutable`);
    await q.query(`
      CREATE OR REPLACE FUNCTION edition_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = 'IN_FORCE' AND NEW.status = 'SUPERSEDED'
           AND (to_jsonb(NEW) - 'status') = (to_jsonb(OLD) - 'status') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% on edition is not allowed: an edition is immutable except IN_FORCE -> SUPERSEDED', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      ALTER TABLE edition DROP CONSTRAINT edition_correction_has_reason, DROP CONSTRAINT edition_number_version_key,
        DROP CONSTRAINT edition_ballot_version_key, DROP COLUMN correction_reason,
        DROP CONSTRAINT edition_status_check,
        ADD CONSTRAINT edition_status_check CHECK (status IN ('IN_FORCE','SUPERSEDED')),
        ADD CONSTRAINT edition_ballot_id_key UNIQUE (ballot_id),
        ADD CONSTRAINT edition_standard_id_number_key UNIQUE (standard_id, number)`);
    await q.query(`DROP TRIGGER standard_retirement ON standard`);
    await q.query(`DROP FUNCTION standard_retires_edition()`);
    await q.query(`DROP TRIGGER standard_lifecycle ON standard`);
    await q.query(`DROP FUNCTION standard_status_guard()`);
    await q.query(`ALTER TABLE standard DROP CONSTRAINT standard_superseded_by_another, DROP CONSTRAINT standard_cancelled_with_reason`);
    await q.query(`UPDATE standard SET status = 'CANCELLED' WHERE status = 'SUPERSEDED'`);
    await q.query(`
      ALTER TABLE standard
        DROP COLUMN supersession_reason, DROP COLUMN superseded_at, DROP COLUMN superseded_by,
        DROP COLUMN cancellation_reason, DROP COLUMN cancelled_at,
        DROP CONSTRAINT standard_status_check,
        ADD CONSTRAINT standard_status_check CHECK (status IN ('PROPOSED','DRAFTING','IN_RATIFICATION','PROMULGATED','CANCELLED'))`);
  }
}
