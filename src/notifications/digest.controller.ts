import { createHash } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import MarkdownIt from 'markdown-it';
import { Allow } from '../common/access';
import { DomainError, ErrorCode } from '../common/errors';
import { DigestService } from './digest.service';

const esc: (s: string) => string = new MarkdownIt().utils.escapeHtml;
const CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}input{font:inherit;padding:.5rem;width:100%;max-width:24rem;box-sizing:border-box;border:1px solid #555;border-radius:4px}
button{font:inherit;margin-top:.75rem;padding:.5rem 1rem;border:0;border-radius:4px;background:#0b4f9c;color:#fff;cursor:pointer}
a{color:#0b4f9c}`;
/** Forms post to this service only; no script at all. */
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${CSS}</style></head>
<body><header><nav aria-label="Site"><a href="/">Space Standards Workbench · Published standards</a></nav></header>
<main id="main"><h1>${esc(title)}</h1>
${body}
</main></body></html>`;
}

const INVALID_PERSONAL_LINK = page('Link not valid', `<p>This unsubscribe link is not valid. Sign in and choose under Notification preferences what reaches you by mail.</p>`);

/**
 * The public pages of the weekly digest, server-rendered and without script:
 * sign up, confirm (a GET shows a button; only the POST confirms, so a mail
 * scanner that follows links confirms nothing), and unsubscribe: a GET page
 * with a button and the RFC 8058 one-click POST, neither needing a sign-in.
 */
@Controller('digest')
@Allow('ANYONE')
export class DigestController {
  constructor(private readonly digest: DigestService) {}

  private send(res: Response, status: number, html: string) {
    res.status(status).setHeader('content-security-policy', CSP).setHeader('x-content-type-options', 'nosniff')
      .setHeader('referrer-policy', 'no-referrer').setHeader('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  }

  @Get()
  @Allow('ANYONE')
  form(@Res() res: Response) {
    this.send(res, 200, page('The weekly digest', `<p>New editions, new interoperability needs and open comment rounds of the Space Standards Workbench, once a week by e-mail.
We send a confirmation link first; nothing else is sent until you confirm. Every digest has a one-click unsubscribe.</p>
<form method="post" action="/digest"><label for="email">E-mail address</label><input id="email" name="email" type="email" autocomplete="email" required maxlength="254"><button type="submit">Subscribe</button></form>`));
  }

  @Post()
  @Allow('ANYONE')
  async request(@Body() body: { email?: unknown }, @Req() req: Request, @Res() res: Response) {
    try {
      await this.digest.request(typeof body?.email === 'string' ? body.email : '', req.ip ?? 'unknown');
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const limited = err.code === ErrorCode.RATE_LIMITED;
      return this.send(res, limited ? 429 : 400, page('The weekly digest', limited
        ? `<p role="alert">Too many requests for this address or from here; try again later.</p>`
        : `<p role="alert">That is not an e-mail address.</p><p><a href="/digest">Try again</a></p>`));
    }
    this.send(res, 200, page('Check your mail', `<p>If the address can receive the digest, a confirmation link is on its way. Open it within 72 hours to start the digest.</p>`));
  }

  @Get('confirm')
  @Allow('ANYONE')
  confirmForm(@Query('token') token: string | undefined, @Res() res: Response) {
    this.send(res, 200, page('Confirm your subscription', `<form method="post" action="/digest/confirm?token=${encodeURIComponent(token ?? '')}">
<p>Press Confirm to receive the weekly digest at this address.</p><button type="submit">Confirm</button></form>`));
  }

  @Post('confirm')
  @Allow('ANYONE')
  async confirm(@Query('token') token: string | undefined, @Res() res: Response) {
    const ok = await this.digest.confirm(String(token ?? ''));
    this.send(res, ok ? 200 : 404, ok
      ? page('Subscribed', `<p>Your address is confirmed: the digest arrives weekly. Each one has a link to unsubscribe.</p>`)
      : page('Link not valid', `<p>This confirmation link is unknown or has expired. <a href="/digest">Subscribe again</a>.</p>`));
  }

  @Get('unsubscribe')
  @Allow('ANYONE')
  unsubscribeForm(@Query('token') token: string | undefined, @Res() res: Response) {
    this.send(res, 200, page('Unsubscribe from the weekly digest', `<form method="post" action="/digest/unsubscribe?token=${encodeURIComponent(token ?? '')}">
<p>Press Unsubscribe and the digest stops; your address is deleted.</p><button type="submit">Unsubscribe</button></form>`));
  }

  /** A person's own weekly digest: the GET page asks, and does nothing (mail scanners follow links). */
  @Get('personal/unsubscribe')
  @Allow('ANYONE')
  personalUnsubscribeForm(@Query('token') token: string | undefined, @Res() res: Response) {
    if (!this.digest.isPersonalToken(String(token ?? ''))) return this.send(res, 400, INVALID_PERSONAL_LINK);
    this.send(res, 200, page('Stop your weekly digest', `<form method="post" action="/digest/personal/unsubscribe?token=${encodeURIComponent(token ?? '')}">
<p>Press Stop and the weekly mail of your notifications stops; you still see them in the app, and can choose again under Notification preferences.</p><button type="submit">Stop the weekly digest</button></form>`));
  }

  /**
   * RFC 8058 one-click POST of a person's own digest, without a session: the
   * token is signed, so a forged or altered one is refused (400) and turns off nothing.
   */
  @Post('personal/unsubscribe')
  @HttpCode(200)
  @Allow('ANYONE')
  async personalUnsubscribe(@Query('token') token: string | undefined, @Res() res: Response) {
    const done = await this.digest.unsubscribePersonal(String(token ?? ''));
    if (!done) return this.send(res, 400, INVALID_PERSONAL_LINK);
    this.send(res, 200, page('Weekly digest stopped', `<p>You will receive no more weekly digests. Your notifications stay in the app; choose again at any time under Notification preferences.</p>`));
  }

  /** RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the List-Unsubscribe URL; the GET page's button posts here too. */
  @Post('unsubscribe')
  @HttpCode(200)
  @Allow('ANYONE')
  async unsubscribe(@Query('token') token: string | undefined, @Res() res: Response) {
    const done = await this.digest.unsubscribe(String(token ?? ''));
    // Unknown tokens answer the same: the address may have left already, and a token guesser learns nothing.
    void done;
    this.send(res, 200, page('Unsubscribed', `<p>You will receive no more digests. <a href="/digest">Subscribe again</a> at any time.</p>`));
  }
}
