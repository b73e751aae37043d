import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pruning worker (src/accounts/prune.worker.ts) deletes mails sent or
 * given up, and webhook deliveries delivered or given up, PRUNE_AFTER_DAYS
 * after they finished. These partial indexes hold only finished rows, keyed
 * by when they finished, so each hourly round reads the rows it deletes and
 * not the whole table.
 */
export class PruneFinishedWork1764000830000 implements MigrationInterface {
  name = 'PruneFinishedWork1764000830000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX mail_outbox_finished ON mail_outbox ((coalesce(sent_at, last_attempt_at, created_at))) WHERE status <> 'PENDING'`);
    await q.query(
      `CREATE INDEX webhook_delivery_finished ON webhook_delivery ((coalesce(delivered_at, last_attempt_at, created_at))) WHERE status <> 'PENDING'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_delivery_finished`);
    await q.query(`DROP INDEX mail_outbox_finished`);
  }
}
