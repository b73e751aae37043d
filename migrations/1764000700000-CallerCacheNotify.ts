import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service caches who a signed-in caller is (account, roles, session)
 * per session (accounts/caller-cache.ts), so a request does not read them
 * from the database each time. Every change to what that answer is made of
 * announces the user's id on the `caller_changed` channel, whichever code
 * or person wrote it, so every replica forgets its copy when the change
 * commits: a revoked role, a deactivated account or an ended session still
 * takes effect at once.
 */
export class CallerCacheNotify1764000700000 implements MigrationInterface {
  name = 'CallerCacheNotify1764000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION caller_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed record;
      BEGIN
        IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
        -- The payload is a JSON string, as PubSub reads every payload as JSON.
        IF TG_TABLE_NAME = 'app_user' THEN
          PERFORM pg_notify('caller_changed', to_json(changed.id::text)::text);
        ELSE
          PERFORM pg_notify('caller_changed', to_json(changed.user_id::text)::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER app_user_caller_changed AFTER UPDATE OR DELETE ON app_user FOR EACH ROW EXECUTE FUNCTION caller_changed()`);
    await q.query(`CREATE TRIGGER user_role_caller_changed AFTER INSERT OR UPDATE OR DELETE ON user_role FOR EACH ROW EXECUTE FUNCTION caller_changed()`);
    await q.query(`CREATE TRIGGER user_session_caller_changed AFTER UPDATE OF ended_at, user_id OR DELETE ON user_session FOR EACH ROW EXECUTE FUNCTION caller_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER user_session_caller_changed ON user_session`);
    await q.query(`DROP TRIGGER user_role_caller_changed ON user_role`);
    await q.query(`DROP TRIGGER app_user_caller_changed ON app_user`);
    await q.query(`DROP FUNCTION caller_changed()`);
  }
}
