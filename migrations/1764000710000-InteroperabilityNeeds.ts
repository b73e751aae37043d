import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register of interoperability needs (issue 16). A need's status is
 * written only by NeedLifecycle; the trigger need_lifecycle holds the same
 * transition table so no other write can bend it. A nation supports a need
 * once (primary key), and support_count, the secretariat's sort key, is kept
 * by trigger so it always equals the rows. need_transition is the need's
 * history: append-only.
 */
export class InteroperabilityNeeds1764000710000 implements MigrationInterface {
  name = 'InteroperabilityNeeds1764000710000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE interoperability_need (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number int GENERATED ALWAYS AS IDENTITY UNIQUE,
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
        statement text NOT NULL CHECK (length(btrim(statement)) BETWEEN 1 AND 10000),
        mission_area text NOT NULL CHECK (mission_area IN ('SPACE_DOMAIN_AWARENESS','SATCOM','PNT','ISR','SHARED_EARLY_WARNING','ENVIRONMENTAL_MONITORING','LAUNCH')),
        priority text NOT NULL CHECK (priority IN ('LOW','MEDIUM','HIGH','CRITICAL')),
        visibility text NOT NULL CHECK (visibility IN ('NATIONS','INDUSTRY','PUBLIC')),
        status text NOT NULL DEFAULT 'RAISED' CHECK (status IN ('RAISED','ACCEPTED','ADDRESSED','CLOSED','REJECTED')),
        rejection_reason text,
        raised_by uuid NOT NULL REFERENCES app_user(id),
        raised_by_nation char(3) REFERENCES nation(code),
        support_count int NOT NULL DEFAULT 0 CHECK (support_count >= 0),
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || statement)) STORED,
        CONSTRAINT interoperability_need_rejection CHECK ((status = 'REJECTED') = (rejection_reason IS NOT NULL AND length(btrim(rejection_reason)) > 0))
      )`);
    await q.query(`CREATE INDEX interoperability_need_search ON interoperability_need USING gin (search)`);
    await q.query(`CREATE INDEX interoperability_need_title_trgm ON interoperability_need USING gin (title gin_trgm_ops)`);
    await q.query(`CREATE INDEX interoperability_need_support ON interoperability_need (support_count DESC, id)`);
    await q.query(`
      CREATE TABLE interoperability_need_nation (
        need_id uuid NOT NULL REFERENCES interoperability_need(id) ON DELETE CASCADE,
        nation_code char(3) NOT NULL REFERENCES nation(code),
        PRIMARY KEY (need_id, nation_code)
      )`);
    await q.query(`
      CREATE TABLE need_support (
        need_id uuid NOT NULL REFERENCES interoperability_need(id) ON DELETE CASCADE,
        nation_code char(3) NOT NULL REFERENCES nation(code),
        supported_by uuid NOT NULL REFERENCES app_user(id),
        supported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (need_id, nation_code)
      )`);
    await q.query(`
      CREATE TABLE need_standard (
        need_id uuid NOT NULL REFERENCES interoperability_need(id) ON DELETE CASCADE,
        standard_id uuid NOT NULL REFERENCES standard(id),
        linked_by uuid NOT NULL REFERENCES app_user(id),
        linked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (need_id, standard_id)
      )`);
    await q.query(`CREATE INDEX need_standard_standard ON need_standard (standard_id)`);
    await q.query(`
      CREATE TABLE need_transition (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        need_id uuid NOT NULL REFERENCES interoperability_need(id),
        from_status text,
        to_status text NOT NULL,
        reason text,
        actor_id uuid REFERENCES app_user(id),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX need_transition_need ON need_transition (need_id, id)`);
    await q.query(`
      CREATE FUNCTION need_transition_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the history of a need is append-only' USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`CREATE TRIGGER need_transition_immutable BEFORE UPDATE OR DELETE ON need_transition FOR EACH ROW EXECUTE FUNCTION need_transition_immutable()`);
    // The same table as NeedLifecycle's TRANSITIONS.
    await q.query(`
      CREATE FUNCTION need_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = OLD.status THEN RETURN NEW; END IF;
        IF NOT ((OLD.status = 'RAISED' AND NEW.status IN ('ACCEPTED','REJECTED'))
             OR (OLD.status = 'ACCEPTED' AND NEW.status IN ('ADDRESSED','REJECTED'))
             OR (OLD.status = 'ADDRESSED' AND NEW.status = 'CLOSED')) THEN
          RAISE EXCEPTION 'a need cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER need_lifecycle BEFORE UPDATE OF status ON interoperability_need FOR EACH ROW EXECUTE FUNCTION need_status_guard()`);
    await q.query(`
      CREATE FUNCTION need_support_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE interoperability_need SET support_count = support_count + 1 WHERE id = NEW.need_id;
        ELSE
          UPDATE interoperability_need SET support_count = support_count - 1 WHERE id = OLD.need_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER need_support_count AFTER INSERT OR DELETE ON need_support FOR EACH ROW EXECUTE FUNCTION need_support_count()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE need_transition`);
    await q.query(`DROP TABLE need_standard`);
    await q.query(`DROP TABLE need_support`);
    await q.query(`DROP TABLE interoperability_need_nation`);
    await q.query(`DROP TABLE interoperability_need`);
    await q.query(`DROP FUNCTION need_transition_immutable()`);
    await q.query(`DROP FUNCTION need_status_guard()`);
    await q.query(`DROP FUNCTION need_support_count()`);
  }
}
