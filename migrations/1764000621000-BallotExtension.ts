import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * extendBallot moves a ballot's deadline. The database keeps the rule the
 * service applies: a deadline moves only later, and only while the outcome is
 * undecided, so no nation loses time it was promised and a decided ballot
 * stays as it was decided.
 */
export class BallotExtension1764000621000 implements MigrationInterface {
  name = 'BallotExtension1764000621000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ballot_deadline_extends_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.outcome <> 'PENDING' THEN
          RAISE EXCEPTION 'ballot %: the deadline of a decided ballot does not move', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.closes_at < OLD.closes_at THEN
          RAISE EXCEPTION 'ballot %: a deadline moves only later', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER ballot_deadline_extends_only BEFORE UPDATE OF closes_at ON ballot
      FOR EACH ROW WHEN (NEW.closes_at IS DISTINCT FROM OLD.closes_at) EXECUTE FUNCTION ballot_deadline_extends_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ballot_deadline_extends_only ON ballot`);
    await q.query(`DROP FUNCTION ballot_deadline_extends_only()`);
  }
}
