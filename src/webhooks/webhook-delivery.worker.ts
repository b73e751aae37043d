import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MailService } from '../accounts/mail.service';
import { Clock } from '../common/clock';
import { backoffSeconds, PollingWorker } from '../common/polling-worker';
import { AppConfig } from '../config/config';
import { AllowList, parseAllowList } from './address-check';
import { postChecked, Resolver } from './http-post';
import { sign } from './signature';

export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  event: string;
  payload: unknown;
  createdAt: Date;
  attempts: number;
  url: string;
  secret: string;
}

const BATCH = 10;

/**
 * Sends the outbox. Each replica polls; a claim is one statement that takes
 * due rows with SKIP LOCKED and pushes their next attempt a lease ahead, so
 * two workers never take the same row, and a worker that dies mid-delivery
 * leaves the row to be taken again when the lease ends: not lost, and
 * re-sent with the same delivery id, which the receiver deduplicates on.
 */
@Injectable()
export class WebhookDeliveryWorker extends PollingWorker {
  protected readonly workerName = 'webhook worker';
  private readonly allowed: AllowList;
  /** Replaced by tests that give the resolver's answers. */
  resolver?: Resolver;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly mail: MailService,
  ) {
    super();
    this.allowed = parseAllowList(config.WEBHOOK_ALLOWED_ADDRESSES);
  }

  protected pollMs() {
    return this.config.WEBHOOK_POLL_MS;
  }

  /** One round: claims what is due and delivers it. Answers how many were attempted. */
  protected async round(): Promise<number> {
    const claimed = await this.claim();
    await Promise.all(claimed.map((d) => this.deliver(d)));
    return claimed.length;
  }

  async claim(limit = BATCH): Promise<ClaimedDelivery[]> {
    const now = this.clock.now();
    const [rows] = await this.dataSource.query(
      `WITH due AS (
         SELECT d.id FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
          WHERE d.status = 'PENDING' AND d.next_attempt_at <= ${now} AND w.disabled_at IS NULL
          ORDER BY d.next_attempt_at LIMIT $1
          FOR UPDATE OF d SKIP LOCKED)
       UPDATE webhook_delivery d
          SET attempts = d.attempts + 1, last_attempt_at = ${now}, next_attempt_at = ${now} + make_interval(secs => $2)
         FROM due, webhook w
        WHERE d.id = due.id AND w.id = d.webhook_id
       RETURNING d.id, d.webhook_id AS "webhookId", d.event, d.payload, d.created_at AS "createdAt", d.attempts, w.url, w.secret`,
      [limit, this.config.WEBHOOK_LEASE_SECONDS],
    );
    return rows;
  }

  /** The body and headers of a delivery: the same on every attempt but for the timestamp and its signature. */
  message(d: ClaimedDelivery, nowSeconds = Math.floor(Date.now() / 1000)): { body: string; headers: Record<string, string> } {
    const body = JSON.stringify({ id: d.id, type: d.event, createdAt: new Date(d.createdAt).toISOString(), data: d.payload });
    return {
      body,
      headers: {
        'webhook-id': d.id,
        'webhook-timestamp': String(nowSeconds),
        'webhook-signature': sign(d.secret, d.id, nowSeconds, body),
        'x-ssw-event': d.event,
      },
    };
  }

  /** Sends one claimed delivery and records what came of it. */
  async deliver(d: ClaimedDelivery): Promise<void> {
    const { body, headers } = this.message(d);
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await postChecked(d.url, body, headers, { allowed: this.allowed, timeoutMs: this.config.WEBHOOK_TIMEOUT_MS, resolve: this.resolver });
      if (status < 200 || status > 299) error = `the receiver answered HTTP ${status}`;
    } catch (err) {
      error = (err as Error).message.slice(0, 500);
    }
    await this.record(d, status, error);
  }

  /** Only the attempt that holds the claim writes its outcome (a later claim after a lost lease has its own). */
  async record(d: ClaimedDelivery, status: number | null, error: string | null): Promise<void> {
    const now = this.clock.now();
    const disabled = await this.dataSource.transaction(async (m) => {
      if (!error) {
        await m.query(
          `UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = ${now}, response_status = $2, last_error = NULL
            WHERE id = $1 AND status = 'PENDING' AND attempts = $3`,
          [d.id, status, d.attempts],
        );
        await m.query(`UPDATE webhook SET consecutive_failures = 0 WHERE id = $1`, [d.webhookId]);
        return null;
      }
      const delay = backoffSeconds(this.config.WEBHOOK_RETRY_BASE_SECONDS, d.attempts);
      await m.query(
        `UPDATE webhook_delivery
            SET response_status = $2, last_error = $3,
                status = CASE WHEN attempts >= $4 THEN 'FAILED' ELSE 'PENDING' END,
                next_attempt_at = ${now} + make_interval(secs => $5)
          WHERE id = $1 AND status = 'PENDING' AND attempts = $6`,
        [d.id, status, error, this.config.WEBHOOK_MAX_ATTEMPTS, delay, d.attempts],
      );
      const [[hook]] = await m.query(
        `UPDATE webhook SET consecutive_failures = consecutive_failures + 1,
                disabled_at = CASE WHEN disabled_at IS NULL AND consecutive_failures + 1 >= $2 THEN ${now} ELSE disabled_at END,
                disabled_reason = CASE WHEN disabled_at IS NULL AND consecutive_failures + 1 >= $2 THEN $3 ELSE disabled_reason END
          WHERE id = $1
        RETURNING url, disabled_at IS NOT NULL AND disabled_reason = $3 AND consecutive_failures = $2 AS "justDisabled",
                  (SELECT email FROM app_user WHERE id = webhook.created_by) AS email`,
        [d.webhookId, this.config.WEBHOOK_DISABLE_AFTER_FAILURES, `disabled after ${this.config.WEBHOOK_DISABLE_AFTER_FAILURES} failed attempts in a row`],
      );
      return hook.justDisabled ? hook : null;
    });
    // The registrant is told once, after the commit (mail is not part of the transaction).
    if (disabled) {
      await this.mail.send({
        to: disabled.email,
        subject: 'A webhook of your organization was disabled',
        text: `The webhook to ${disabled.url} failed ${this.config.WEBHOOK_DISABLE_AFTER_FAILURES} times in a row (last: ${error}) and was disabled.\n` +
          `Deliveries wait for it. Fix the receiver, then enable it again with setWebhookEnabled(id: "${d.webhookId}", enabled: true).\n`,
      });
    }
  }
}
