import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'ROUND_OPENED','ROUND_REMINDER','BALLOT_OPENED','BALLOT_REMINDER','BALLOT_CLOSED','EDITION_PUBLISHED','EDITION_SUPERSEDED',
  'STANDARD_CANCELLED','COMMENT_DISPOSED','CLAIM_STALE','NEED_ADDRESSED','JOIN_REQUEST_WAITING'`;
const KINDS_AFTER = `${KINDS_BEFORE},'NEED_AMENDED'`;

/**
 * Needs can be amended (amendNeed), and every amendment is kept: need_revision
 * holds, per amendment, the text before and after of each field that changed,
 * who, when (database clock) and why. Revisions never change (refuse_change,
 * as the other immutable tables). The need's `revision` counts them; the
 * amendable fields of a need change only with it (need_amendment_guard), and a
 * new revision number commits only with its revision row
 * (need_revision_written, checked at commit), so no write can bend the text
 * without leaving its history behind. NEED_AMENDED tells the supporting nations.
 */
export class NeedRevisions1764000870000 implements MigrationInterface {
  name = 'NeedRevisions1764000870000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE interoperability_need ADD COLUMN revision int NOT NULL DEFAULT 0 CHECK (revision >= 0)`);
    await q.query(`
      CREATE TABLE need_revision (
        need_id uuid NOT NULL REFERENCES interoperability_need(id),
        number int NOT NULL CHECK (number >= 1),
        title_before text, title_after text,
        statement_before text, statement_after text,
        mission_area_before text, mission_area_after text,
        priority_before text, priority_after text,
        reason text CHECK (reason IS NULL OR length(btrim(reason)) BETWEEN 1 AND 2000),
        amended_by uuid NOT NULL REFERENCES app_user(id),
        amended_at timestamptz NOT NULL,
        PRIMARY KEY (need_id, number),
        -- A field is either untouched (both null) or changed (both set, and different).
        ${['title', 'statement', 'mission_area', 'priority'].map((f) => `CHECK (${f}_before IS NULL AND ${f}_after IS NULL OR ${f}_before <> ${f}_after),`).join('\n        ')}
        CHECK (num_nonnulls(title_after, statement_after, mission_area_after, priority_after) >= 1)
      )`);
    await q.query(`CREATE TRIGGER need_revision_immutable BEFORE UPDATE OR DELETE ON need_revision FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER need_revision_no_truncate BEFORE TRUNCATE ON need_revision FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    await q.query(`
      CREATE FUNCTION need_amendment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.revision <> OLD.revision AND NEW.revision <> OLD.revision + 1 THEN
          RAISE EXCEPTION 'a need''s revision goes from % to % only', OLD.revision, OLD.revision + 1 USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.title, NEW.statement, NEW.mission_area, NEW.priority) IS DISTINCT FROM (OLD.title, OLD.statement, OLD.mission_area, OLD.priority)
           AND NEW.revision = OLD.revision THEN
          RAISE EXCEPTION 'a need is changed only by an amendment, which writes its revision' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER need_amendment_guard BEFORE UPDATE OF title, statement, mission_area, priority, revision ON interoperability_need
      FOR EACH ROW EXECUTE FUNCTION need_amendment_guard()`);
    await q.query(`
      CREATE FUNCTION need_revision_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM need_revision WHERE need_id = NEW.id AND number = NEW.revision) THEN
          RAISE EXCEPTION 'revision % of need % has no revision row', NEW.revision, NEW.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER need_revision_written AFTER UPDATE OF revision ON interoperability_need
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.revision <> OLD.revision) EXECUTE FUNCTION need_revision_written()`);
    for (const table of ['notification', 'notification_preference']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_kind_check`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_kind_check CHECK (kind IN (${KINDS_AFTER}))`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification WHERE kind = 'NEED_AMENDED'`);
    await q.query(`DELETE FROM notification_preference WHERE kind = 'NEED_AMENDED'`);
    for (const table of ['notification', 'notification_preference']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_kind_check`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_kind_check CHECK (kind IN (${KINDS_BEFORE}))`);
    }
    await q.query(`DROP TRIGGER need_revision_written ON interoperability_need`);
    await q.query(`DROP TRIGGER need_amendment_guard ON interoperability_need`);
    await q.query(`DROP FUNCTION need_revision_written()`);
    await q.query(`DROP FUNCTION need_amendment_guard()`);
    // The amended text stays on the needs; only its history goes with the table.
    await q.query(`DROP TABLE need_revision`);
    await q.query(`ALTER TABLE interoperability_need DROP COLUMN revision`);
  }
}
