import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reminder is kept per deadline: notification_reminder's key gains the
 * closes_at it reminded of, so a ballot extended after its reminders were sent
 * reminds the nations that have not answered again before its new close. The
 * rows already sent are taken to be for the subject's current deadline, which
 * is what the old key meant.
 */
export class RemindersPerDeadline1764000840000 implements MigrationInterface {
  name = 'RemindersPerDeadline1764000840000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_reminder ADD COLUMN closes_at timestamptz`);
    await q.query(`
      UPDATE notification_reminder r SET closes_at = coalesce(
        (SELECT b.closes_at FROM ballot b WHERE r.subject_type = 'Ballot' AND b.id = r.subject_id),
        (SELECT c.closes_at FROM comment_round c WHERE r.subject_type = 'CommentRound' AND c.id = r.subject_id),
        r.sent_at)`);
    await q.query(`ALTER TABLE notification_reminder ALTER COLUMN closes_at SET NOT NULL`);
    await q.query(`ALTER TABLE notification_reminder DROP CONSTRAINT notification_reminder_pkey`);
    await q.query(`ALTER TABLE notification_reminder ADD PRIMARY KEY (subject_type, subject_id, nation_code, offset_days, closes_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The old key holds one row per offset: the latest deadline's.
    await q.query(`
      DELETE FROM notification_reminder r WHERE EXISTS (
        SELECT 1 FROM notification_reminder l WHERE (l.subject_type, l.subject_id, l.nation_code, l.offset_days) = (r.subject_type, r.subject_id, r.nation_code, r.offset_days)
           AND l.closes_at > r.closes_at)`);
    await q.query(`ALTER TABLE notification_reminder DROP CONSTRAINT notification_reminder_pkey`);
    await q.query(`ALTER TABLE notification_reminder DROP COLUMN closes_at`);
    await q.query(`ALTER TABLE notification_reminder ADD PRIMARY KEY (subject_type, subject_id, nation_code, offset_days)`);
  }
}
