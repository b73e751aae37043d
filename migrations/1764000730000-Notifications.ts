import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'ROUND_OPENED','ROUND_REMINDER','BALLOT_OPENED','BALLOT_REMINDER','BALLOT_CLOSED','EDITION_PUBLISHED','EDITION_SUPERSEDED',
  'STANDARD_CANCELLED','COMMENT_DISPOSED','CLAIM_STALE','NEED_ADDRESSED','JOIN_REQUEST_WAITING'`;

/**
 * Notifications: in-app rows per recipient, preferences per event kind, a
 * durable mail outbox (written in the transaction of the event; a unique
 * idempotency key so one event never makes two mails; claimed by workers with
 * SKIP LOCKED and a lease), reminders sent once per (subject, nation, offset),
 * topic subscriptions, and the public weekly digest with double opt-in.
 */
export class Notifications1764000730000 implements MigrationInterface {
  name = 'Notifications1764000730000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        event_key text NOT NULL CHECK (length(event_key) <= 300),
        channel text NOT NULL CHECK (channel IN ('IN_APP','EMAIL','DIGEST')),
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        standard_id uuid REFERENCES standard(id),
        title text NOT NULL,
        body text NOT NULL,
        link text NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        digested_at timestamptz,
        UNIQUE (user_id, event_key)
      )`);
    await q.query(`CREATE INDEX notification_inbox ON notification (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notification_unread ON notification (user_id) WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX notification_digest ON notification (user_id) WHERE channel = 'DIGEST' AND digested_at IS NULL`);
    await q.query(`
      CREATE TABLE notification_preference (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        channel text NOT NULL CHECK (channel IN ('IN_APP','EMAIL','DIGEST','OFF')),
        PRIMARY KEY (user_id, kind)
      )`);
    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL UNIQUE CHECK (length(idempotency_key) <= 400),
        recipient text NOT NULL CHECK (length(recipient) <= 254),
        subject text NOT NULL,
        body text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        kind text NOT NULL,
        created_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','SENT','FAILED')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL,
        last_attempt_at timestamptz,
        last_error text,
        sent_at timestamptz,
        CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`
      CREATE TABLE notification_reminder (
        subject_type text NOT NULL CHECK (subject_type IN ('CommentRound','Ballot')),
        subject_id uuid NOT NULL,
        nation_code char(3) NOT NULL REFERENCES nation(code),
        offset_days int NOT NULL CHECK (offset_days > 0),
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (subject_type, subject_id, nation_code, offset_days)
      )`);
    await q.query(`
      CREATE TABLE subscription (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        standard_id uuid REFERENCES standard(id),
        -- No foreign key: the needs register lives in a module above this one.
        need_id uuid,
        mission_area text CHECK (mission_area IN ('SPACE_DOMAIN_AWARENESS','SATCOM','PNT','ISR','SHARED_EARLY_WARNING','ENVIRONMENTAL_MONITORING','LAUNCH')),
        created_at timestamptz NOT NULL,
        CHECK (num_nonnulls(standard_id, need_id, mission_area) = 1)
      )`);
    await q.query(`CREATE UNIQUE INDEX subscription_topic ON subscription (user_id, coalesce(standard_id::text, need_id::text, mission_area))`);
    await q.query(`CREATE INDEX subscription_standard ON subscription (standard_id) WHERE standard_id IS NOT NULL`);
    await q.query(`CREATE INDEX subscription_need ON subscription (need_id) WHERE need_id IS NOT NULL`);
    await q.query(`CREATE INDEX subscription_area ON subscription (mission_area) WHERE mission_area IS NOT NULL`);
    await q.query(`
      CREATE TABLE digest_subscriber (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) <= 254),
        confirmation_token_hash char(64) UNIQUE,
        confirmation_expires_at timestamptz,
        confirmed_at timestamptz,
        unsubscribe_token text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        CHECK (confirmed_at IS NOT NULL OR confirmation_token_hash IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE digest_run (
        week date PRIMARY KEY,
        since timestamptz NOT NULL,
        ran_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE digest_run`);
    await q.query(`DROP TABLE digest_subscriber`);
    await q.query(`DROP TABLE subscription`);
    await q.query(`DROP TABLE notification_reminder`);
    await q.query(`DROP TABLE mail_outbox`);
    await q.query(`DROP TABLE notification_preference`);
    await q.query(`DROP TABLE notification`);
  }
}
