import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { AppConfig } from '../config/config';
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

/**
 * SMTP when SMTP_URL is set; otherwise every message is written as an .eml
 * file under DATA_DIR/outbox, which is where a developer (and the tests) read
 * verification codes. The log names the file, never the code.
 */
@Injectable()
export class MailService {
  private transport: Promise<Transporter> | null = null;
  readonly outbox: string | null;

  constructor(private readonly config: AppConfig) {
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
