import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MailService } from '../accounts/mail.service';
import { Clock } from '../common/clock';
import { rootLogger } from '../common/logger';
import { backoffSeconds, PollingWorker } from '../common/polling-worker';
import { AppConfig } from '../config/config';

export interface ClaimedMail {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  headers: Record<string, string>;
  attempts: number;
}

const BATCH = 20;

/** The Message-ID of an outbox row: the same on every attempt, so a second copy is recognisably the same message. */
export const messageIdOf = (outboxId: string, from: string): string => {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'workbench.invalid';
  return `<${outboxId}@${domain}>`;
};

/**
 * Sends the notification mail outbox, on every replica. A claim is one
 * statement that takes due PENDING rows with FOR UPDATE SKIP LOCKED and moves
 * their next attempt a lease ahead, so two senders never hold the same row.
 * Rows are sent one at a time and marked SENT one at a time, so a sender that
 * dies loses nothing (its rows come due again when the lease ends) and can
 * repeat at most the one message it was sending: with the same Message-ID.
 * The same design as webhooks/webhook-delivery.worker.ts.
 */
@Injectable()
export class MailOutboxWorker extends PollingWorker {
  protected readonly workerName = 'mail outbox worker';

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly mail: MailService,
  ) {
    super();
  }

  protected pollMs() {
    return this.config.NOTIFY_POLL_MS;
  }

  protected async round(): Promise<number> {
    const claimed = await this.claim();
    for (const row of claimed) await this.send(row);
    return claimed.length;
  }

  /** Sends until nothing is due (tests, and a replica catching up). */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.runOnce(); n > 0; n = await this.runOnce()) total += n;
    return total;
  }

  async claim(limit = BATCH): Promise<ClaimedMail[]> {
    const now = this.clock.now();
    const [rows] = await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM mail_outbox WHERE status = 'PENDING' AND next_attempt_at <= ${now}
          ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE mail_outbox o SET attempts = o.attempts + 1, last_attempt_at = ${now}, next_attempt_at = ${now} + make_interval(secs => $2)
         FROM due WHERE o.id = due.id
       RETURNING o.id, o.recipient, o.subject, o.body, o.headers, o.attempts, o.created_at AS "createdAt"`,
      [limit, this.config.NOTIFY_LEASE_SECONDS],
    );
    // Oldest first, as they were written (UPDATE ... RETURNING keeps no order).
    return (rows as (ClaimedMail & { createdAt: Date })[]).sort((a, b) => +new Date(a.createdAt) - +new Date(b.createdAt) || a.id.localeCompare(b.id));
  }

  async send(row: ClaimedMail): Promise<void> {
    let error: string | null = null;
    try {
      await this.mail.send({
        to: row.recipient, subject: row.subject, text: row.body, headers: row.headers,
        messageId: messageIdOf(row.id, this.config.MAIL_FROM),
      });
    } catch (err) {
      error = (err as Error).message.slice(0, 500);
      rootLogger.warn({ outboxId: row.id, err }, 'notification mail not sent; retried later');
    }
    await this.record(row, error);
  }

  /** Only the attempt that holds the claim writes its outcome (after a lost lease, a later claim has its own). */
  async record(row: ClaimedMail, error: string | null): Promise<void> {
    const now = this.clock.now();
    if (!error) {
      await this.dataSource.query(
        `UPDATE mail_outbox SET status = 'SENT', sent_at = ${now}, last_error = NULL WHERE id = $1 AND status = 'PENDING' AND attempts = $2`,
        [row.id, row.attempts],
      );
      return;
    }
    await this.dataSource.query(
      `UPDATE mail_outbox SET last_error = $3, status = CASE WHEN attempts >= $4 THEN 'FAILED' ELSE 'PENDING' END,
              next_attempt_at = ${now} + make_interval(secs => $5)
        WHERE id = $1 AND status = 'PENDING' AND attempts = $2`,
      [row.id, row.attempts, error, this.config.NOTIFY_MAX_ATTEMPTS, backoffSeconds(this.config.NOTIFY_RETRY_BASE_SECONDS, row.attempts)],
    );
  }
}
