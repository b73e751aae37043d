import { Injectable } from '@nestjs/common';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { rateLimited } from './errors';

export type LimitedAction = 'login' | 'verify' | 'reset' | 'mail' | 'register';

type Scope = 'address' | 'ip' | 'client' | 'ceiling';

/**
 * Attempts per address and per client IP, counted in PostgreSQL so every
 * replica sees the same counters. Each attempt is one point, consumed before
 * the attempt runs, so a request that aliases a mutation many times pays for
 * every alias. Sign-in is counted differently (see `beforeSignIn`).
 */
@Injectable()
export class RateLimitService {
  private readonly limiters = new Map<string, RateLimiterPostgres>();

  /** The service's own pg pool: the counters live in its database. */
  private readonly pool: unknown;

  constructor(dataSource: DataSource, private readonly config: AppConfig) {
    this.pool = (dataSource.driver as unknown as { master: unknown }).master;
  }

  private limiter(action: LimitedAction, scope: Scope): RateLimiterPostgres {
    const name = `${action}:${scope}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const points = {
        address: this.config.RATE_LIMIT_PER_ADDRESS,
        client: this.config.RATE_LIMIT_PER_ADDRESS,
        ip: this.config.RATE_LIMIT_PER_IP,
        ceiling: this.config.RATE_LIMIT_ADDRESS_CEILING,
      }[scope];
      limiter = new RateLimiterPostgres({
        storeClient: this.pool,
        storeType: 'pool',
        tableName: 'rate_limit',
        tableCreated: true,
        keyPrefix: name,
        points,
        duration: this.config.RATE_LIMIT_WINDOW_SECONDS,
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  /** Consumes one point from each in turn; a refusal stops there, so later counters are not charged for it. */
  private async consume(steps: [LimitedAction, Scope, string][]): Promise<void> {
    try {
      for (const [action, scope, key] of steps) await this.limiter(action, scope).consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
      throw err;
    }
  }

  private tokenLimiter?: RateLimiterPostgres;

  /** One request made with a personal access token, counted per token (PAT_RATE_LIMIT_PER_MINUTE). */
  async tokenRequest(tokenId: string): Promise<void> {
    this.tokenLimiter ??= new RateLimiterPostgres({
      storeClient: this.pool,
      storeType: 'pool',
      tableName: 'rate_limit',
      tableCreated: true,
      keyPrefix: 'pat',
      points: this.config.PAT_RATE_LIMIT_PER_MINUTE,
      duration: 60,
    });
    try {
      await this.tokenLimiter.consume(tokenId);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
      throw err;
    }
  }

  async attempt(action: LimitedAction, address: string, ip: string): Promise<void> {
    await this.consume([[action, 'ip', ip], [action, 'address', address.toLowerCase()]]);
  }

  /**
   * Before a password is checked. Only failures count: a success gives its
   * points back (`signedIn`), but they are taken first, so that guesses sent
   * in parallel cannot all pass the check before any has failed.
   * - per client IP (RATE_LIMIT_PER_IP), across addresses;
   * - per address and client (RATE_LIMIT_PER_ADDRESS): the lockout, which
   *   someone typing wrong passwords for another person's address brings upon
   *   themselves only;
   * - per address from all clients (RATE_LIMIT_ADDRESS_CEILING): a ceiling for
   *   guesses spread over many addresses, reached only by clients that are not
   *   locked out themselves, and lifted when the window ends.
   */
  async beforeSignIn(address: string, ip: string): Promise<void> {
    const email = address.toLowerCase();
    await this.consume([['login', 'ip', ip], ['login', 'client', `${email} ${ip}`], ['login', 'ceiling', email]]);
  }

  async signedIn(address: string, ip: string): Promise<void> {
    const email = address.toLowerCase();
    await Promise.all([
      this.limiter('login', 'ip').reward(ip, 1),
      this.limiter('login', 'ceiling').reward(email, 1),
      this.limiter('login', 'client').delete(`${email} ${ip}`),
    ]);
  }
}
