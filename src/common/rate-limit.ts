import { Injectable } from '@nestjs/common';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { rateLimited } from './errors';

export type LimitedAction = 'login' | 'verify' | 'reset' | 'mail';

/**
 * Attempts per address and per client IP, counted in PostgreSQL so every
 * replica sees the same counters. Each attempt is one point, consumed before
 * the attempt runs, so a request that aliases a mutation many times pays for
 * every alias.
 */
@Injectable()
export class RateLimitService {
  private readonly limiters = new Map<string, RateLimiterPostgres>();

  /** The service's own pg pool: the counters live in its database. */
  private readonly pool: unknown;

  constructor(dataSource: DataSource, private readonly config: AppConfig) {
    this.pool = (dataSource.driver as unknown as { master: unknown }).master;
  }

  private limiter(action: LimitedAction, scope: 'address' | 'ip'): RateLimiterPostgres {
    const name = `${action}:${scope}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = new RateLimiterPostgres({
        storeClient: this.pool,
        storeType: 'pool',
        tableName: 'rate_limit',
        tableCreated: true,
        keyPrefix: name,
        points: scope === 'address' ? this.config.RATE_LIMIT_PER_ADDRESS : this.config.RATE_LIMIT_PER_IP,
        duration: this.config.RATE_LIMIT_WINDOW_SECONDS,
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  async attempt(action: LimitedAction, address: string, ip: string): Promise<void> {
    try {
      await Promise.all([
        this.limiter(action, 'address').consume(address.toLowerCase()),
        this.limiter(action, 'ip').consume(ip),
      ]);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
      throw err;
    }
  }

  /** A successful sign-in clears the address's count; the IP's stays. */
  async succeeded(action: LimitedAction, address: string): Promise<void> {
    await this.limiter(action, 'address').delete(address.toLowerCase());
  }
}
