import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestAuth } from '../common/caller';
import { unauthenticated } from '../common/errors';
import { PersonalAccessTokensService, TOKEN_PREFIX } from './personal-access-tokens.service';
import { SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';
import { toCaller, UsersService } from './users.service';

/**
 * Resolves "Authorization: Bearer <token>" to the caller once per request.
 * Roles, the account's state and the token's session are read from the
 * database each time, so a revoked role, a deactivated account or an ended
 * session takes effect at once rather than when the token expires. A
 * personal access token (ssw_pat_…) is looked up by its digest instead.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly tokens: TokensService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly personalTokens: PersonalAccessTokensService,
  ) {}

  async authenticate(header: string | undefined): Promise<RequestAuth> {
    if (!header) return { caller: null };
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1].startsWith(TOKEN_PREFIX)) return this.personalTokens.authenticate(match[1]);
    const claims = match ? this.tokens.verify(match[1]) : null;
    if (!claims) return { caller: null, authError: unauthenticated('The access token is not valid or has expired; sign in again.') };
    const [[user], live] = await Promise.all([
      this.users.byIds([claims.userId]),
      this.sessions.isLive(claims.sessionId, claims.userId),
    ]);
    if (!user || !user.emailVerifiedAt || user.deactivatedAt) {
      return { caller: null, authError: unauthenticated('This account is unknown, not verified or deactivated.') };
    }
    if (!live) return { caller: null, authError: unauthenticated('This session has ended; sign in again.') };
    return { caller: toCaller(user), sessionId: claims.sessionId };
  }
}

@Injectable()
export class AuthMiddleware implements NestMiddleware {
  constructor(private readonly auth: AuthService) {}

  async use(req: Request & { auth?: RequestAuth }, _res: Response, next: NextFunction) {
    try {
      req.auth = await this.auth.authenticate(req.headers.authorization);
      next();
    } catch (err) {
      next(err);
    }
  }
}
