import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A save writes every requirement of the new version (about 20,000 for a
 * 1 MB standard) in one statement. The foreign key from requirement to
 * standard_version checked them one row at a time (a lookup and a KEY SHARE
 * lock of the same version row per requirement): 100 to 150 ms of a 170 to
 * 230 ms insert. A statement trigger checks each distinct version once over
 * the inserted rows instead. The lock the key took is not needed: versions
 * are never deleted (standard_version_immutable refuses DELETE and TRUNCATE),
 * and requirements are never updated (requirement_immutable).
 */
export class RequirementVersionCheck1764000770000 implements MigrationInterface {
  name = 'RequirementVersionCheck1764000770000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION requirement_version_exists() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM (SELECT DISTINCT version_id FROM new_requirements) n
                    WHERE NOT EXISTS (SELECT 1 FROM standard_version v WHERE v.id = n.version_id)) THEN
          RAISE EXCEPTION 'insert on requirement refers to a version that does not exist'
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER requirement_version_exists AFTER INSERT ON requirement
      REFERENCING NEW TABLE AS new_requirements FOR EACH STATEMENT EXECUTE FUNCTION requirement_version_exists()`);
    await q.query(`ALTER TABLE requirement DROP CONSTRAINT requirement_version_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE requirement ADD CONSTRAINT requirement_version_id_fkey FOREIGN KEY (version_id) REFERENCES standard_version(id)`);
    await q.query(`DROP TRIGGER requirement_version_exists ON requirement`);
    await q.query(`DROP FUNCTION requirement_version_exists()`);
  }
}
