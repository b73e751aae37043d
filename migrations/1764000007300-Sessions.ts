import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh sessions and deactivated accounts. A session is one sign-in (one
 * token family); each rotation adds a refresh token and uses up the one before.
 * An ended session, and a used token, can never come back: triggers refuse
 * any change to them.
 */
export class Sessions1764000007300 implements MigrationInterface {
  name = 'Sessions1764000007300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN deactivated_at timestamptz`);
    await q.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        user_agent text CHECK (length(user_agent) <= 512),
        ip text CHECK (length(ip) <= 64),
        ended_at timestamptz,
        end_reason text CHECK (end_reason IN
          ('SIGNED_OUT','SIGNED_OUT_EVERYWHERE','REVOKED','PASSWORD_CHANGED','TOKEN_REUSED','DEACTIVATED','EXPIRED')),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX user_session_live_idx ON user_session (user_id) WHERE ended_at IS NULL`);
    await q.query(`
      CREATE TABLE refresh_token (
        token_hash text PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES user_session(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_token_session_idx ON refresh_token (session_id)`);
    await q.query(`
      CREATE TRIGGER user_session_ended_immutable BEFORE UPDATE ON user_session
        FOR EACH ROW WHEN (OLD.ended_at IS NOT NULL) EXECUTE FUNCTION refuse_change()`);
    await q.query(`
      CREATE TRIGGER refresh_token_used_immutable BEFORE UPDATE ON refresh_token
        FOR EACH ROW WHEN (OLD.used_at IS NOT NULL) EXECUTE FUNCTION refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE user_session`);
    await q.query(`ALTER TABLE app_user DROP COLUMN deactivated_at`);
  }
}
