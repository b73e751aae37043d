import { parseCookie } from 'cookie';
import type { Request, Response } from 'express';
import { forbidden, invalidState } from '../common/errors';
import { GqlContext } from '../common/context';
import { AppConfig } from '../config/config';
import { Client } from './sessions.service';

export const REFRESH_COOKIE = 'ssw_refresh';

/**
 * The refresh session's cookie: httpOnly (no script reads it), SameSite=Strict
 * (no other site's page sends it), Secure in production, and sent to /graphql only.
 */
const cookieOptions = (config: AppConfig) =>
  ({ httpOnly: true, sameSite: 'strict', secure: config.production, path: '/graphql' }) as const;

export function writeRefreshCookie(res: Response, config: AppConfig, token: string): void {
  res.cookie(REFRESH_COOKIE, token, { ...cookieOptions(config), maxAge: config.SESSION_IDLE_SECONDS * 1000 });
}

export function clearRefreshCookie(res: Response, config: AppConfig): void {
  res.clearCookie(REFRESH_COOKIE, cookieOptions(config));
}

/** The request and response of an HTTP operation; the cookie path does not exist on the websocket. */
export function httpOf(ctx: GqlContext): { req: Request; res: Response } {
  if (!ctx.req || !ctx.res) throw invalidState('Sessions are handled over HTTP POST /graphql only.');
  return { req: ctx.req, res: ctx.res };
}

/**
 * The refresh token from the cookie, for an operation that acts on it. Apollo's
 * csrfPrevention already refuses requests a form or an <img> could make, and
 * SameSite=Strict keeps the cookie off cross-site requests; a browser's
 * Sec-Fetch-Site is checked as well, so that a page on a sibling site (which
 * SameSite counts as "same site") cannot drive the refresh either.
 */
export function readRefreshCookie(req: Request): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    throw forbidden('The session cookie is used only by pages of this service (Sec-Fetch-Site must be same-origin).');
  }
  const header = req.headers.cookie;
  return header ? parseCookie(header)[REFRESH_COOKIE] : undefined;
}

export function clientOf(ctx: GqlContext): Client {
  return { ip: ctx.ip.slice(0, 64), userAgent: ctx.req?.headers['user-agent']?.slice(0, 512) ?? null };
}
