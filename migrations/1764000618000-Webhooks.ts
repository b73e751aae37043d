import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks and their durable outbox. A delivery row is written in the same
 * transaction as the event it reports, so an event that happened is delivered
 * (at least once) and one rolled back never is. Workers on any replica claim
 * due rows with SKIP LOCKED; the row's id is the delivery id a receiver
 * deduplicates on, the same on every attempt.
 */
export class Webhooks1764000618000 implements MigrationInterface {
  name = 'Webhooks1764000618000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id),
        url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2048),
        events text[] NOT NULL CHECK (cardinality(events) > 0
          AND events <@ ARRAY['edition.published', 'claim.stale', 'round.opened', 'ballot.closed']::text[]),
        secret text NOT NULL,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL,
        disabled_at timestamptz,
        disabled_reason text,
        consecutive_failures int NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0)
      )`);
    await q.query(`CREATE INDEX webhook_organization ON webhook (organization_id)`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL REFERENCES webhook(id),
        event text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL,
        last_attempt_at timestamptz,
        response_status int,
        last_error text,
        delivered_at timestamptz,
        CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX webhook_delivery_log ON webhook_delivery (webhook_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery`);
    await q.query(`DROP TABLE webhook`);
  }
}
