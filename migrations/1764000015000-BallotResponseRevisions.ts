import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every revision of every national response, kept by a trigger on
 * ballot_response so no code path can change a response without leaving its
 * earlier revision behind. The ballot page shows a nation its own history and
 * the secretariat "(was X)". Revisions never change.
 */
export class BallotResponseRevisions1764000015000 implements MigrationInterface {
  name = 'BallotResponseRevisions1764000015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ballot_response_revision (
        ballot_id uuid NOT NULL,
        nation_code char(3) NOT NULL,
        revision int NOT NULL,
        response text NOT NULL,
        reservations jsonb NOT NULL,
        implementation_date timestamptz,
        national_reference text,
        cast_by uuid NOT NULL REFERENCES app_user(id),
        cast_at timestamptz NOT NULL,
        PRIMARY KEY (ballot_id, nation_code, revision),
        FOREIGN KEY (ballot_id, nation_code) REFERENCES ballot_response (ballot_id, nation_code)
      )`);
    await q.query(`
      CREATE FUNCTION ballot_response_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ballot_response_revision
          (ballot_id, nation_code, revision, response, reservations, implementation_date, national_reference, cast_by, cast_at)
        VALUES (NEW.ballot_id, NEW.nation_code, NEW.revision, NEW.response, NEW.reservations,
                NEW.implementation_date, NEW.national_reference, NEW.cast_by, NEW.cast_at);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER ballot_response_revisions AFTER INSERT OR UPDATE ON ballot_response
      FOR EACH ROW EXECUTE FUNCTION ballot_response_keep_revision()`);
    await q.query(`
      CREATE TRIGGER ballot_response_revision_immutable BEFORE UPDATE OR DELETE ON ballot_response_revision
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`
      CREATE TRIGGER ballot_response_revision_no_truncate BEFORE TRUNCATE ON ballot_response_revision
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    // Responses cast before this migration keep at least the revision they stand at.
    await q.query(`
      INSERT INTO ballot_response_revision
        (ballot_id, nation_code, revision, response, reservations, implementation_date, national_reference, cast_by, cast_at)
      SELECT ballot_id, nation_code, revision, response, reservations, implementation_date, national_reference, cast_by, cast_at
        FROM ballot_response`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ballot_response_revisions ON ballot_response`);
    await q.query(`DROP TABLE ballot_response_revision`);
    await q.query(`DROP FUNCTION ballot_response_keep_revision()`);
  }
}
