import { Injectable } from '@nestjs/common';
import pLimit, { LimitFunction } from 'p-limit';
import { AppConfig } from '../config/config';
import { DomainError, ErrorCode } from './errors';

/**
 * One gate for the work a single request can make long: exports (PDF, DOCX,
 * XLSX), redlines and template imports. Per-request caps bound each one; this
 * bounds how many run at once (HEAVY_WORK_CONCURRENCY), so that while several
 * run, the event loop, the connection pool and the CPU stay free for the
 * light requests everyone else is making. A request that waits longer than
 * HEAVY_WORK_WAIT_SECONDS for its turn is refused with RATE_LIMITED, saying
 * when to try again, rather than piling up behind the others.
 */
@Injectable()
export class HeavyWork {
  private readonly limit: LimitFunction;

  constructor(private readonly config: AppConfig) {
    this.limit = pLimit(config.HEAVY_WORK_CONCURRENCY);
  }

  /** Heavy requests running and waiting now (for /health and the tests). */
  get load(): { running: number; waiting: number } {
    return { running: this.limit.activeCount, waiting: this.limit.pendingCount };
  }

  run<T>(what: string, work: () => Promise<T>): Promise<T> {
    const retryAfterSeconds = this.config.HEAVY_WORK_WAIT_SECONDS;
    return new Promise<T>((resolve, reject) => {
      let gaveUp = false;
      // Only the wait for a turn is timed: work that has started runs to its end.
      const timer = setTimeout(() => {
        gaveUp = true;
        reject(
          new DomainError(
            ErrorCode.RATE_LIMITED,
            `The service is busy with other ${what} requests. Try again in ${retryAfterSeconds} seconds.`,
            { retryAfterSeconds },
          ),
        );
      }, retryAfterSeconds * 1000);
      // A request that gave up keeps its place in p-limit's queue; when its turn comes it is skipped at once.
      this.limit(async () => {
        clearTimeout(timer);
        if (!gaveUp) await work().then(resolve, reject);
      }).catch(reject);
    });
  }
}
