import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A conformance report says whether the version it counts is a promulgated
 * edition, inside the one statement that reads the report: edition by
 * version_id, which no index served (a scan of every edition per report).
 */
export class EditionVersionIndex1764000810000 implements MigrationInterface {
  name = 'EditionVersionIndex1764000810000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX edition_version_idx ON edition (version_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX edition_version_idx`);
  }
}
