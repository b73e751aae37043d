import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { rootLogger } from './logger';

/** The longest wait between two attempts of a retried delivery. */
export const MAX_RETRY_DELAY_SECONDS = 6 * 3600;

/** Exponential backoff: base, 2×base, 4×base... after the 1st, 2nd, 3rd attempt, capped at six hours. */
export const backoffSeconds = (baseSeconds: number, attempts: number): number =>
  Math.min(MAX_RETRY_DELAY_SECONDS, baseSeconds * 2 ** Math.max(0, attempts - 1));

/**
 * A background worker every replica runs: a timer calls `round()` every
 * `pollMs` (0: off, as in tests that drive it by hand), one round at a time
 * per replica. Rounds must be safe to run on several replicas at once: they
 * claim their work in the database (SKIP LOCKED, unique keys), never in memory.
 * Used by the webhook deliveries and the notification mail outbox.
 */
export abstract class PollingWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  protected abstract readonly workerName: string;
  protected abstract pollMs(): number;
  /** Does what is due; answers how much it did. */
  protected abstract round(): Promise<number>;

  onApplicationBootstrap() {
    const ms = this.pollMs();
    if (ms > 0) {
      this.timer = setInterval(() => void this.runOnce().catch((err) => rootLogger.error({ err }, `${this.workerName} failed`)), ms);
      this.timer.unref();
    }
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One round; a call during a running round joins it. */
  runOnce(): Promise<number> {
    this.running ??= (async () => {
      try {
        return await this.round();
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
