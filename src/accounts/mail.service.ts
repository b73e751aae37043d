import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/config';
import { Clock } from '../common/clock';
import { rootLogger } from '../common/logger';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Extra headers (List-Unsubscribe and the like). */
  headers?: Record<string, string>;
  /** A stable Message-ID: the same on every retry of one message, so receivers can drop a second copy. */
  messageId?: string;
}

/** A mail for the outbox: `key` makes it written once, `kind` says what it is (logs, pruning). */
export interface OutboxMail {
  key: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  headers?: Record<string, string>;
}

/**
 * SMTP when SMTP_URL is set; otherwise every message is written as an .eml
 * file under DATA_DIR/outbox, which is where a developer (and the tests) read
 * verification codes. The log names the file, never the code.
 */
@Injectable()
export class MailService {
  private transport: Promise<Transporter> | null = null;
  readonly outbox: string | null;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.outbox = config.SMTP_URL ? null : resolve(config.DATA_DIR, 'outbox');
    if (this.outbox) mkdirSync(this.outbox, { recursive: true });
  }

  /** Nodemailer is loaded with the first message, not at every start. */
  private transporter(): Promise<Transporter> {
    this.transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      this.config.SMTP_URL
        ? nodemailer.createTransport(this.config.SMTP_URL)
        : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
    );
    return this.transport;
  }

  /**
   * Queues a mail in the outbox (mail_outbox) inside the caller's transaction:
   * it leaves only if the change it tells of commits, and the outbox worker
   * (notifications/mail-outbox.worker.ts) retries it until the server takes
   * it. For mails to people who are not waiting on a screen; a code that
   * someone waits for is sent at once with `send`. False when the key was
   * queued already.
   */
  async enqueue(m: EntityManager, mail: OutboxMail): Promise<boolean> {
    const now = this.clock.now();
    const rows = await m.query(
      `INSERT INTO mail_outbox (idempotency_key, recipient, subject, body, headers, kind, created_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, ${now}, ${now}) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [mail.key, mail.to, mail.subject, mail.text, JSON.stringify(mail.headers ?? {}), mail.kind],
    );
    return rows.length > 0;
  }

  async send(mail: Mail): Promise<void> {
    const info = await (await this.transporter()).sendMail({ from: this.config.MAIL_FROM, ...mail });
    if (!this.outbox) {
      rootLogger.info({ to: mail.to, subject: mail.subject }, 'mail sent');
      return;
    }
    const safe = mail.to.replace(/[^a-z0-9@._-]/gi, '_');
    const file = join(this.outbox, `${Date.now()}-${process.hrtime.bigint()}-${safe}.eml`);
    // Written aside and renamed, so a reader (or a crash mid-write) never sees half a message.
    writeFileSync(`${file}.part`, (info as unknown as { message: Buffer }).message);
    renameSync(`${file}.part`, file);
    rootLogger.info({ to: mail.to, subject: mail.subject, file }, 'mail written to the outbox');
  }
}
