import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each content-addressed text block carries its own full-text vector,
 * computed once when the block is first stored. A standard's text_search is
 * then the concatenation of its current version's block vectors, so saving
 * version 51 of a 1 MB standard computes to_tsvector only over the few
 * blocks it adds, not over the whole megabyte again (which took most of the
 * 4.5 s that save took: bench/redline.bench.ts). Blocks split at blank
 * lines, where no word spans, so the lexemes are those of the whole text.
 *
 * tsvector_agg concatenates in the order given, as || does (positions of
 * each vector continue after the previous one's).
 */
export class BlockSearchVectors1764000700100 implements MigrationInterface {
  name = 'BlockSearchVectors1764000700100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE text_block ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED`);
    await q.query(`CREATE AGGREGATE tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP AGGREGATE tsvector_agg(tsvector)`);
    await q.query(`ALTER TABLE text_block DROP COLUMN search`);
  }
}
