import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal access tokens for machines (a vendor's CI, a national tool). Only a
 * SHA-256 digest of the secret is kept: the secret is 32 random bytes, so the
 * digest cannot be reversed by guessing, and a lookup by digest is one index
 * probe. A token lives at most a year; once revoked it stays revoked, and its
 * owner, name, scopes and digest never change (a trigger refuses it).
 */
export class PersonalAccessTokens1764000617000 implements MigrationInterface {
  name = 'PersonalAccessTokens1764000617000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE personal_access_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0
          AND scopes <@ ARRAY['standards:read', 'conformance:read', 'conformance:write']::text[]),
        prefix text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        CHECK (expires_at > created_at AND expires_at <= created_at + interval '1 year')
      )`);
    await q.query(`CREATE INDEX personal_access_token_user ON personal_access_token (user_id, created_at DESC)`);
    await q.query(`
      CREATE FUNCTION personal_access_token_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.user_id <> OLD.user_id OR NEW.name <> OLD.name OR NEW.scopes <> OLD.scopes OR NEW.prefix <> OLD.prefix
           OR NEW.token_hash <> OLD.token_hash OR NEW.created_at <> OLD.created_at OR NEW.expires_at <> OLD.expires_at THEN
          RAISE EXCEPTION 'a personal access token is immutable but for its last use and its revocation' USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at THEN
          RAISE EXCEPTION 'a revoked personal access token stays revoked' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER personal_access_token_guard BEFORE UPDATE ON personal_access_token FOR EACH ROW EXECUTE FUNCTION personal_access_token_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE personal_access_token`);
    await q.query(`DROP FUNCTION personal_access_token_guard()`);
  }
}
