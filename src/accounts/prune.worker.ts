import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { rootLogger } from '../common/logger';
import { PollingWorker } from '../common/polling-worker';
import { AppConfig } from '../config/config';

/** Rows deleted per statement: each batch is its own short transaction, so no lock is held long. */
export const PRUNE_BATCH = 1000;

/**
 * Deletes what has stopped working PRUNE_AFTER_DAYS ago: sessions that ended
 * or expired (idle or past their maximum) with their refresh tokens (by the
 * cascade), and verification codes used or expired. What reuse detection
 * needs stays: a live session keeps every used token, since presenting one
 * again ends it; once a session is over, any of its tokens is refused whether
 * its row is there or not. The audit log keeps its own rows (token reuse,
 * password resets) and names users, not sessions, so nothing there points here.
 *
 * Finished work goes the same number of days after it finished:
 * - mails of the outbox SENT or FAILED (given up): they hold their bodies,
 *   which name people and carry links and codes. Nothing queues one of them
 *   again once its row is gone: a person's mail is queued only with the
 *   notification it reports (notification is unique per person and event, and
 *   kept), a digest only by the week's run (digest_run, kept), a join
 *   request's decision once (it is final), a confirmation under a key made of
 *   a new token. PENDING mails stay, however old.
 * - webhook deliveries DELIVERED or FAILED (given up): `webhookDeliveries`
 *   lists and `resendWebhookDelivery` resends those of the last
 *   PRUNE_AFTER_DAYS (README, The API for integrators). PENDING ones stay, a
 *   disabled webhook's too.
 * - reminder claims (notification_reminder) once their deadline has passed,
 *   or their round or ballot has ended early (closed, decided): the claim
 *   that keeps a reminder from firing twice is needed only while its deadline
 *   is ahead, and a subject's deadline only moves later.
 * The audit log is never pruned.
 *
 * Every replica runs it; batches are claimed FOR UPDATE SKIP LOCKED, so two
 * replicas never wait on each other, and a refresh that holds a session's row
 * (or a resend that holds a delivery's) keeps it out of the batch.
 */
@Injectable()
export class PruneWorker extends PollingWorker {
  protected readonly workerName = 'prune worker';

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    super();
  }

  protected pollMs() {
    return this.config.PRUNE_INTERVAL_MS;
  }

  /** Answers how many rows went (the tokens go with their sessions and are not counted). */
  protected async round(): Promise<number> {
    const before = `${this.clock.now()} - make_interval(days => ${Number(this.config.PRUNE_AFTER_DAYS)})`;
    const sessions = await this.drain(
      `DELETE FROM user_session WHERE id IN (
         SELECT id FROM user_session
          WHERE coalesce(ended_at, least(last_used_at + make_interval(secs => $2), created_at + make_interval(secs => $3))) < ${before}
          LIMIT $1 FOR UPDATE SKIP LOCKED)`,
      [this.config.SESSION_IDLE_SECONDS, this.config.SESSION_MAX_SECONDS],
    );
    const codes = await this.drain(
      `DELETE FROM verification_code WHERE (user_id, purpose) IN (
         SELECT user_id, purpose FROM verification_code WHERE coalesce(used_at, expires_at) < ${before}
          LIMIT $1 FOR UPDATE SKIP LOCKED)`,
    );
    const mails = await this.drain(
      `DELETE FROM mail_outbox WHERE id IN (
         SELECT id FROM mail_outbox WHERE status <> 'PENDING' AND coalesce(sent_at, last_attempt_at, created_at) < ${before}
          LIMIT $1 FOR UPDATE SKIP LOCKED)`,
    );
    const deliveries = await this.drain(
      `DELETE FROM webhook_delivery WHERE id IN (
         SELECT id FROM webhook_delivery WHERE status <> 'PENDING' AND coalesce(delivered_at, last_attempt_at, created_at) < ${before}
          LIMIT $1 FOR UPDATE SKIP LOCKED)`,
    );
    // A claim is for one deadline (closes_at), which it is needed until: no reminder is due past its deadline, and
    // deadlines only move later (a round's never moves; a ballot's moves only with an extension, which makes a new
    // deadline and new claims). A subject that ended early (closed_at: a round closed, a ballot decided) ends its claims.
    const reminders = await this.drain(
      `DELETE FROM notification_reminder WHERE (subject_type, subject_id, nation_code, offset_days, closes_at) IN (
         SELECT r.subject_type, r.subject_id, r.nation_code, r.offset_days, r.closes_at FROM notification_reminder r
           LEFT JOIN comment_round c ON r.subject_type = 'CommentRound' AND c.id = r.subject_id
           LEFT JOIN ballot b ON r.subject_type = 'Ballot' AND b.id = r.subject_id
          WHERE least(r.closes_at, c.closed_at, b.closed_at) < ${before}
          LIMIT $1 FOR UPDATE OF r SKIP LOCKED)`,
    );
    return sessions + codes + mails + deliveries + reminders;
  }

  /** Runs a batched DELETE until a batch comes back short. */
  private async drain(sql: string, params: unknown[] = []): Promise<number> {
    let total = 0;
    for (;;) {
      let n: number;
      try {
        [, n] = await this.dataSource.query(sql, [PRUNE_BATCH, ...params]);
      } catch (err) {
        // A refresh of a long-dead session can lock its token before its session while a batch holds the session:
        // PostgreSQL ends one of the two; the rows wait for the next round.
        if ((err as { code?: string }).code === '40P01') {
          rootLogger.warn({ err }, 'prune batch gave way to a concurrent refresh');
          return total;
        }
        throw err;
      }
      total += n;
      if (n < PRUNE_BATCH) return total;
    }
  }
}
