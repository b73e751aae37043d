import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organization access tokens: a vendor's token owned by its organization, not
 * a person, so it outlives staff changes. A token has exactly one owner, a
 * person or an organization; an organization's token remembers who made it
 * (created_by) for the record only. VENDOR_ADMIN joins the roles.
 */
export class OrganizationAccessTokens1764000700200 implements MigrationInterface {
  name = 'OrganizationAccessTokens1764000700200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_role DROP CONSTRAINT user_role_role_check`);
    await q.query(`ALTER TABLE user_role ADD CONSTRAINT user_role_role_check CHECK (role IN ('ADMIN','SECRETARIAT','EXPERT','DELEGATE','VENDOR','VENDOR_ADMIN'))`);
    await q.query(`
      ALTER TABLE personal_access_token
        ALTER COLUMN user_id DROP NOT NULL,
        ADD COLUMN organization_id uuid REFERENCES organization(id),
        ADD COLUMN created_by uuid REFERENCES app_user(id),
        ADD CONSTRAINT personal_access_token_one_owner CHECK (num_nonnulls(user_id, organization_id) = 1),
        ADD CONSTRAINT personal_access_token_org_creator CHECK (organization_id IS NULL OR created_by IS NOT NULL)`);
    await q.query(`CREATE INDEX personal_access_token_organization ON personal_access_token (organization_id, created_at DESC) WHERE organization_id IS NOT NULL`);
    await q.query(`
      CREATE OR REPLACE FUNCTION personal_access_token_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.organization_id IS DISTINCT FROM OLD.organization_id
           OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.name <> OLD.name OR NEW.scopes <> OLD.scopes OR NEW.prefix <> OLD.prefix
           OR NEW.token_hash <> OLD.token_hash OR NEW.created_at <> OLD.created_at OR NEW.expires_at <> OLD.expires_at THEN
          RAISE EXCEPTION 'a personal access token is immutable but for its last use and its revocation' USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at THEN
          RAISE EXCEPTION 'a revoked personal access token stays revoked' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM personal_access_token WHERE organization_id IS NOT NULL`);
    await q.query(`ALTER TABLE personal_access_token DROP CONSTRAINT personal_access_token_one_owner, DROP CONSTRAINT personal_access_token_org_creator,
      DROP COLUMN organization_id, DROP COLUMN created_by, ALTER COLUMN user_id SET NOT NULL`);
    await q.query(`DELETE FROM user_role WHERE role = 'VENDOR_ADMIN'`);
    await q.query(`ALTER TABLE user_role DROP CONSTRAINT user_role_role_check`);
    await q.query(`ALTER TABLE user_role ADD CONSTRAINT user_role_role_check CHECK (role IN ('ADMIN','SECRETARIAT','EXPERT','DELEGATE','VENDOR'))`);
  }
}
