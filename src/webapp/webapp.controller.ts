import { existsSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Allow } from '../common/access';

/** dist/app, where `npm run build` puts the web application (web/, built by Vite). */
export const APP_DIR = resolve(__dirname, '..', '..', 'app');

/**
 * Scripts and styles only from this origin, no inline script, no eval. Styles
 * may be inline: CodeMirror and the dialog primitives write style elements.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the web application at /app. Its hashed assets are cached for good;
 * every other path under /app is the app's own route, so it gets index.html
 * and the app's router draws the screen (deep links survive a reload). The
 * app is a client of /graphql like any other: nothing here reads data.
 */
@Controller('app')
@Allow('ANYONE')
export class WebAppController {
  @Get(['', '*path'])
  @Allow('ANYONE')
  serve(@Req() req: Request, @Res() res: Response) {
    res.setHeader('x-content-type-options', 'nosniff').setHeader('referrer-policy', 'same-origin');
    const rel = normalize(decodeURIComponent(req.path.replace(/^\/app\/?/, '')));
    if (rel.startsWith('assets/') && !rel.includes('..')) {
      const file = join(APP_DIR, rel);
      if (!existsSync(file)) return res.status(404).type('text/plain').send('Not found');
      return res.setHeader('cache-control', 'public, max-age=31536000, immutable').sendFile(file);
    }
    const index = join(APP_DIR, 'index.html');
    if (!existsSync(index)) return res.status(404).type('text/plain').send('The web application is not built: run `npm run build`.');
    res.setHeader('content-security-policy', APP_CSP).setHeader('cache-control', 'no-cache').sendFile(index);
  }
}
