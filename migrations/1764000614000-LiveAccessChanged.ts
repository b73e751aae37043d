import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open subscriptions keep their caller's access in memory rather than reading
 * it from the database for every event (which queued each event behind a busy
 * pool). So that a changed role, binding, account state or ended session
 * still takes effect at once, the database announces it on the
 * `access_changed` channel (payload: the user's id) in the changing
 * transaction, whichever code path wrote it; every replica then re-reads
 * that user's sockets.
 */
export class LiveAccessChanged1764000614000 implements MigrationInterface {
  name = 'LiveAccessChanged1764000614000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- TG_ARGV[0] names the column holding the user's id.
        PERFORM pg_notify('access_changed', json_build_object('userId', (CASE TG_OP WHEN 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END) ->> TG_ARGV[0])::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER user_role_access_changed AFTER INSERT OR DELETE OR UPDATE ON user_role
        FOR EACH ROW EXECUTE FUNCTION notify_access_changed('user_id')`);
    await q.query(`
      CREATE TRIGGER app_user_access_changed AFTER UPDATE OF nation_code, organization_id, email_verified_at, deactivated_at ON app_user
        FOR EACH ROW WHEN (OLD.nation_code IS DISTINCT FROM NEW.nation_code OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
          OR OLD.email_verified_at IS DISTINCT FROM NEW.email_verified_at OR OLD.deactivated_at IS DISTINCT FROM NEW.deactivated_at)
        EXECUTE FUNCTION notify_access_changed('id')`);
    await q.query(`
      CREATE TRIGGER user_session_access_changed AFTER UPDATE OF ended_at ON user_session
        FOR EACH ROW WHEN (OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL)
        EXECUTE FUNCTION notify_access_changed('user_id')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER user_session_access_changed ON user_session`);
    await q.query(`DROP TRIGGER app_user_access_changed ON app_user`);
    await q.query(`DROP TRIGGER user_role_access_changed ON user_role`);
    await q.query(`DROP FUNCTION notify_access_changed()`);
  }
}
