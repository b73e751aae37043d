import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provisions as the ISO/IEC Directives and a PICS proforma see them: the
 * verbal form "can" (a possibility), the ECSS-style identifier (5.2.1a), the
 * PICS status M/O/C/X with the condition of a C, and the values a vendor
 * supports. Requirement rows are immutable, so the backfill of existing rows
 * runs with their trigger disabled inside this migration's transaction.
 *
 * Comments get the number given at submission (FR-001: ISO 3166 alpha-2 and
 * a sequence per nation and round), fixed for ever like the rest of a
 * submitted comment, and the "Observations of the secretariat" an imported
 * template carried.
 */
const ALPHA2 = `('ALB','AL'),('BEL','BE'),('BGR','BG'),('CAN','CA'),('HRV','HR'),('CZE','CZ'),('DNK','DK'),('EST','EE'),
  ('FIN','FI'),('FRA','FR'),('DEU','DE'),('GRC','GR'),('HUN','HU'),('ISL','IS'),('ITA','IT'),('LVA','LV'),('LTU','LT'),
  ('LUX','LU'),('MNE','ME'),('NLD','NL'),('MKD','MK'),('NOR','NO'),('POL','PL'),('PRT','PT'),('ROU','RO'),('SVK','SK'),
  ('SVN','SI'),('ESP','ES'),('SWE','SE'),('TUR','TR'),('GBR','GB'),('USA','US')`;

const fixedColumns = (extra: string) =>
  `status, round_id, nation_code, author_id, clause, line_from, line_to, paragraph, quote, type, body, proposed_change${extra}`;
const submittedFixed = (extra: string) => `
  CREATE OR REPLACE FUNCTION comment_submitted_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF OLD.status = 'SUBMITTED' AND (TG_OP = 'DELETE' OR
       (${fixedColumns(extra).replace(/(\w+)/g, 'NEW.$1')}) IS DISTINCT FROM (${fixedColumns(extra).replace(/(\w+)/g, 'OLD.$1')})) THEN
      RAISE EXCEPTION 'a submitted comment cannot change' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END $$`;
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

    await q.query(`
      ALTER TABLE comment
        ADD COLUMN number text CHECK (number ~ '^[A-Z]{2}-[0-9]{3,}$'),
        ADD COLUMN observations text CHECK (observations IS NULL OR length(observations) <= 20000)`);
    await q.query(`
      UPDATE comment c SET number = a.alpha2 || '-' || lpad(n.i::text, 3, '0')
        FROM (SELECT id, row_number() OVER (PARTITION BY round_id, nation_code ORDER BY clause_key, line_key, seq) AS i
                FROM comment WHERE status = 'SUBMITTED') n,
             (VALUES ${ALPHA2}) AS a(alpha3, alpha2)
       WHERE c.id = n.id AND a.alpha3 = c.nation_code`);
    await q.query(`ALTER TABLE comment ADD CONSTRAINT comment_number_when_submitted CHECK ((status = 'SUBMITTED') = (number IS NOT NULL))`);
    await q.query(`CREATE UNIQUE INDEX comment_number_key ON comment (round_id, number)`);
    await q.query(submittedFixed(', number, observations'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(submittedFixed(''));
    await q.query(`DROP INDEX comment_number_key`);
    await q.query(`ALTER TABLE comment DROP CONSTRAINT comment_number_when_submitted, DROP COLUMN observations, DROP COLUMN number`);
    await q.query(`ALTER TABLE conformance_claim DROP COLUMN values_supported`);
    await q.query(`ALTER TABLE requirement DROP CONSTRAINT requirement_condition_of_c`);
    await q.query(`ALTER TABLE requirement DROP COLUMN condition, DROP COLUMN status, DROP COLUMN identifier`);
    await q.query(`ALTER TABLE requirement DROP CONSTRAINT requirement_obligation_check`);
    // Rows of "can" written since may remain (they are immutable and claims may name them); the old rule binds new rows.
    await q.query(`ALTER TABLE requirement ADD CONSTRAINT requirement_obligation_check CHECK (obligation IN ('SHALL','SHOULD','MAY')) NOT VALID`);
  }
}
