import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provisions as the ISO/IEC Directives and a PICS proforma see them: the
 * verbal form "can" (a possibility), the ECSS-style identifier (5.2.1a), the
 * PICS status M/O/C/X with the condition of a C, and the values a vendor
 * supports. Requirement rows are immutable, so the backfill of existing rows
 * runs with their trigger disabled inside this migration's transaction.
 */
export class Provisions1764000013000 implements MigrationInterface {
  name = 'Provisions1764000013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE requirement DROP CONSTRAINT requirement_obligation_check`);
    await q.query(`ALTER TABLE requirement ADD CONSTRAINT requirement_obligation_check CHECK (obligation IN ('SHALL','SHOULD','MAY','CAN'))`);
    await q.query(`
      ALTER TABLE requirement
        ADD COLUMN identifier text,
        ADD COLUMN status text CHECK (status IN ('M','O','C','X')),
        ADD COLUMN condition text,
        ADD CONSTRAINT requirement_condition_of_c CHECK (condition IS NULL OR status = 'C')`);
    await q.query(`ALTER TABLE requirement DISABLE TRIGGER requirement_immutable`);
    await q.query(`
      UPDATE requirement r SET
        status = CASE WHEN r.obligation = 'SHALL' THEN 'M' ELSE 'O' END,
        identifier = r.clause || CASE WHEN n.i < 26 THEN chr(97 + n.i) ELSE chr(96 + n.i / 26) || chr(97 + n.i % 26) END
      FROM (SELECT version_id, key, (row_number() OVER (PARTITION BY version_id, clause ORDER BY ord) - 1)::int AS i FROM requirement) n
      WHERE n.version_id = r.version_id AND n.key = r.key`);
    await q.query(`ALTER TABLE requirement ENABLE TRIGGER requirement_immutable`);
    await q.query(`ALTER TABLE requirement ALTER COLUMN identifier SET NOT NULL`);
    await q.query(`
      ALTER TABLE conformance_claim
        ADD COLUMN values_supported text CHECK (length(values_supported) <= 2000)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conformance_claim DROP COLUMN values_supported`);
    await q.query(`ALTER TABLE requirement DROP CONSTRAINT requirement_condition_of_c`);
    await q.query(`ALTER TABLE requirement DROP COLUMN condition, DROP COLUMN status, DROP COLUMN identifier`);
    await q.query(`ALTER TABLE requirement DROP CONSTRAINT requirement_obligation_check`);
    // Rows of "can" written since may remain (they are immutable and claims may name them); the old rule binds new rows.
    await q.query(`ALTER TABLE requirement ADD CONSTRAINT requirement_obligation_check CHECK (obligation IN ('SHALL','SHOULD','MAY')) NOT VALID`);
  }
}
