import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestAuth } from '../common/caller';
import { unauthenticated } from '../common/errors';
import { TokensService } from './tokens.service';
import { toCaller, UsersService } from './users.service';

/**
 * Resolves "Authorization: Bearer <token>" to the caller once per request.
 * Roles are read from the database each time, so a revoked role takes
 * effect at once rather than when the token expires.
 */
@Injectable()
export class AuthService {
  constructor(private readonly tokens: TokensService, private readonly users: UsersService) {}

  async authenticate(header: string | undefined): Promise<RequestAuth> {
    if (!header) return { caller: null };
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const userId = match ? this.tokens.verify(match[1]) : null;
    if (!userId) return { caller: null, authError: unauthenticated('The access token is not valid or has expired; sign in again.') };
    const [user] = await this.users.byIds([userId]);
    if (!user || !user.emailVerifiedAt) {
      return { caller: null, authError: unauthenticated('This account is unknown or not verified.') };
    }
    return { caller: toCaller(user) };
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
