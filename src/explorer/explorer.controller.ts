import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Res } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { Response } from 'express';
import { Allow, HttpCaller } from '../common/access';
import { Caller } from '../common/caller';
import { unauthenticated } from '../common/errors';
import { AppConfig } from '../config/config';
import { APP_CSP, APP_DIR } from '../webapp/webapp.controller';
import { printGeneratedSchema } from './schema-sdl';

/** The app's policy, except that GraphiQL's stylesheet carries its fonts as data: URLs (fonts, not scripts). */
export const EXPLORER_CSP = APP_CSP.replace("font-src 'self'", "font-src 'self' data:");

/**
 * The API for integrators: the schema as SDL, so codegen works without
 * introspection (which is off in production), and GraphiQL, built with the
 * web app (web/graphiql.html) so nothing is fetched from a CDN.
 */
@Controller()
export class ExplorerController {
  private sdl?: string;

  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly config: AppConfig,
  ) {}

  /** Anyone in development; in production a signed-in account, as introspection would be if it were on. */
  @Get('graphql/schema.graphql')
  @Allow('ANYONE')
  schema(@HttpCaller() caller: Caller | null, @Res() res: Response) {
    if (this.config.production && !caller) throw unauthenticated('Sign in to read the schema: send Authorization: Bearer <token>.');
    this.sdl ??= printGeneratedSchema(this.schemaHost.schema);
    res.type('text/plain; charset=utf-8').setHeader('x-content-type-options', 'nosniff').setHeader('cache-control', 'private, no-cache');
    res.setHeader('content-disposition', 'inline; filename="schema.graphql"').send(this.sdl);
  }

  /** The page holds no data: it signs in with the person's refresh cookie and asks /graphql like the app does. */
  @Get('graphiql')
  @Allow('ANYONE')
  graphiql(@Res() res: Response) {
    res.setHeader('x-content-type-options', 'nosniff').setHeader('referrer-policy', 'same-origin');
    const page = join(APP_DIR, 'graphiql.html');
    if (!existsSync(page)) return res.status(404).type('text/plain').send('The API explorer is not built: run `npm run build`.');
    res.setHeader('content-security-policy', EXPLORER_CSP).setHeader('cache-control', 'no-cache').sendFile(page);
  }
}
