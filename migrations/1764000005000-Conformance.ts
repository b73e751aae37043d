import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vendors' products and their conformance claims. A claim names a
 * requirement by key and the version whose text it was made against; the
 * foreign key to requirement(version_id, key) makes a claim on a key that
 * version lacks impossible, and the trigger keeps the version inside the
 * claim's standard. One claim per (product, standard, key): setting it again
 * replaces it.
 */
export class Conformance1764000005000 implements MigrationInterface {
  name = 'Conformance1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE product (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        product_version text NOT NULL CHECK (length(btrim(product_version)) BETWEEN 1 AND 60),
        description text CHECK (length(description) <= 5000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A vendor registers each release of a product once.
    await q.query(`CREATE UNIQUE INDEX product_release_key ON product (organization_id, lower(name), lower(product_version))`);
    await q.query(`
      CREATE TABLE conformance_claim (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES product(id),
        standard_id uuid NOT NULL REFERENCES standard(id),
        requirement_key text NOT NULL,
        version_id uuid NOT NULL,
        level text NOT NULL CHECK (level IN ('CONFORMANT','PARTIAL','NON_CONFORMANT','NOT_APPLICABLE')),
        evidence text CHECK (length(evidence) <= 5000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (product_id, standard_id, requirement_key),
        FOREIGN KEY (version_id, requirement_key) REFERENCES requirement(version_id, key)
      )`);
    await q.query(`CREATE INDEX conformance_claim_standard_idx ON conformance_claim (standard_id)`);
    await q.query(`
      CREATE FUNCTION conformance_claim_version_in_standard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM standard_version WHERE id = NEW.version_id AND standard_id = NEW.standard_id) THEN
          RAISE EXCEPTION 'version % is not a version of standard %', NEW.version_id, NEW.standard_id
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER conformance_claim_version_in_standard BEFORE INSERT OR UPDATE ON conformance_claim
        FOR EACH ROW EXECUTE FUNCTION conformance_claim_version_in_standard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE conformance_claim`);
    await q.query(`DROP FUNCTION conformance_claim_version_in_standard()`);
    await q.query(`DROP TABLE product`);
  }
}
