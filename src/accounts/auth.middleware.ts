import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestAuth } from '../common/caller';
import { unauthenticated } from '../common/errors';
import { databaseUnavailable } from '../common/graphql-errors';
import { CallerCache, SessionAnswer } from './caller-cache';
import { SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';
import { toCaller, UsersService } from './users.service';

/**
 * Resolves "Authorization: Bearer <token>" to the caller once per request.
 * Roles, the account's state and the token's session come from the
 * database, through CallerCache, which forgets them when any of them
 * changes: a revoked role, a deactivated account or an ended session takes
 * effect at once rather than when the token expires.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly tokens: TokensService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly cache: CallerCache,
  ) {}

  async authenticate(header: string | undefined): Promise<RequestAuth> {
    if (!header) return { caller: null };
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const claims = match ? this.tokens.verify(match[1]) : null;
    if (!claims) return { caller: null, authError: unauthenticated('The access token is not valid or has expired; sign in again.') };
    const answer = await this.cache.answer(claims.sessionId, claims.userId, () => this.read(claims.userId, claims.sessionId));
    if ('refused' in answer) {
      return {
        caller: null,
        authError: unauthenticated(answer.refused === 'ACCOUNT' ? 'This account is unknown, not verified or deactivated.' : 'This session has ended; sign in again.'),
      };
    }
    return { caller: answer.caller, sessionId: claims.sessionId };
  }

  private async read(userId: string, sessionId: string): Promise<SessionAnswer> {
    const [[user], live] = await Promise.all([this.users.byIds([userId]), this.sessions.isLive(sessionId, userId)]);
    if (!user || !user.emailVerifiedAt || user.deactivatedAt) return { refused: 'ACCOUNT' };
    if (!live) return { refused: 'SESSION' };
    return { caller: toCaller(user) };
  }
}

@Injectable()
export class AuthMiddleware implements NestMiddleware {
  constructor(private readonly auth: AuthService) {}

  async use(req: Request & { auth?: RequestAuth }, res: Response, next: NextFunction) {
    try {
      req.auth = await this.auth.authenticate(req.headers.authorization);
      next();
    } catch (err) {
      // The database is restarting: say so, as /graphql and the HTTP routes word their errors, rather than a 500.
      const unavailable = databaseUnavailable(err);
      if (!unavailable) return next(err);
      const { code, message, details } = unavailable;
      res.status(503).set('retry-after', String(details.retryAfterSeconds));
      res.json(req.originalUrl.startsWith('/graphql') ? { errors: [{ message, extensions: { code, ...details } }] } : { code, message });
    }
  }
}
