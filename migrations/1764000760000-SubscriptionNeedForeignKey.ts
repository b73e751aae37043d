import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifications and needs branches were built side by side, so a
 * subscription's need_id was written without a foreign key. Now that both
 * tables exist, a followed need must exist; needs are never deleted, so the
 * cascade only matters for a hand-made cleanup.
 */
export class SubscriptionNeedForeignKey1764000760000 implements MigrationInterface {
  name = 'SubscriptionNeedForeignKey1764000760000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM subscription s WHERE need_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM interoperability_need n WHERE n.id = s.need_id)`);
    await q.query(`ALTER TABLE subscription ADD CONSTRAINT subscription_need_fk FOREIGN KEY (need_id) REFERENCES interoperability_need (id) ON DELETE CASCADE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE subscription DROP CONSTRAINT subscription_need_fk`);
  }
}
