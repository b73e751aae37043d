import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A standard's page address (/standards/STANAG-4790) is its designation with
 * runs of white space made hyphens, compared without case. Two designations
 * with one address ("STANAG 4790" and "STANAG-4790") would make the page pick
 * one at random, so the address is a column of its own and unique. The
 * designation's own unique index is implied by it and goes.
 */
export class DesignationSlug1764000601000 implements MigrationInterface {
  name = 'DesignationSlug1764000601000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE standard ADD COLUMN slug text GENERATED ALWAYS AS (lower(regexp_replace(btrim(designation), '\\s+', '-', 'g'))) STORED`);
    const clashes: { slug: string; designations: string[] }[] = await q.query(
      `SELECT slug, array_agg(designation ORDER BY created_at) AS designations FROM standard GROUP BY slug HAVING count(*) > 1`,
    );
    if (clashes.length) {
      throw new Error(
        `These standards share a page address; rename all but one of each group, then migrate again: ` +
          clashes.map((c) => `${c.designations.join(' / ')} (/standards/${c.slug})`).join('; '),
      );
    }
    await q.query(`CREATE UNIQUE INDEX standard_slug_key ON standard (slug)`);
    await q.query(`DROP INDEX standard_designation_key`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX standard_designation_key ON standard (lower(designation))`);
    await q.query(`ALTER TABLE standard DROP COLUMN slug`);
  }
}
