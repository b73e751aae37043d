import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * duplicationCheck weighs a standard's title (A) and scope (B) as a vector of
 * its own, without the designation (which would make every "ASpP-n" alike).
 * It built that vector with to_tsvector for each of the ~50 to 60 candidate
 * standards on every check: parsing and stemming their titles and scopes was
 * 1.5 to 2 ms of the check's ~24 ms of server CPU on the case 6 data set
 * (BENCHMARKS.md, case 6, round 5). The same expression, stored, is computed
 * once when the title or scope is written. Same vector, so the same scores.
 */
export class DuplicationHead1764000820000 implements MigrationInterface {
  name = 'DuplicationHead1764000820000';

  async up(q: QueryRunner): Promise<void> {
    // The expression of `head` in duplication.service.ts and of duplication_norms_of (migration DeferredDuplicationNorms).
    await q.query(`
      ALTER TABLE standard ADD COLUMN duplication_head tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', scope), 'B')
      ) STORED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE standard DROP COLUMN duplication_head`);
  }
}
