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
 * Every replica runs it; batches are claimed FOR UPDATE SKIP LOCKED, so two
 * replicas never wait on each other, and a refresh that holds a session's row
 * keeps it out of the batch.
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

  /** Answers how many rows went (sessions and codes; the tokens go with their sessions). */
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
    return sessions + codes;
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
