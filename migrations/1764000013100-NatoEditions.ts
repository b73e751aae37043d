import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NATO practice for promulgated documents: an Allied Publication may be
 * covered by a STANAG (the agreement nations ratify), and an AP edition is
 * lettered and versioned ("Edition A Version 1"), while STANAG editions are
 * numbered. An edition is effective on receipt unless it names a date.
 */
export class NatoEditions1764000013100 implements MigrationInterface {
  name = 'NatoEditions1764000013100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE standard ADD COLUMN stanag text CHECK (stanag ~ '^STANAG [0-9]{4}$')`);
    await q.query(`CREATE UNIQUE INDEX standard_stanag_key ON standard (stanag) WHERE stanag IS NOT NULL`);
    await q.query(`
      ALTER TABLE edition
        ADD COLUMN version_number int NOT NULL DEFAULT 1 CHECK (version_number >= 1),
        ADD COLUMN effective_date date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE edition DROP COLUMN effective_date, DROP COLUMN version_number`);
    await q.query(`DROP INDEX standard_stanag_key`);
    await q.query(`ALTER TABLE standard DROP COLUMN stanag`);
  }
}
