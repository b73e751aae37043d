import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A mail the service wrote to its outbox folder (no SMTP_URL): headers unfolded and lower-cased, the body decoded. */
export interface Mail {
  file: string;
  headers: Record<string, string>;
  body: string;
}

/** A written .eml: headers unfolded, a quoted-printable body decoded. */
export function parseMail(file: string): Mail {
  const raw = readFileSync(file, 'utf8');
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = rest.join('\n\n');
  if (/quoted-printable/i.test(headers['content-transfer-encoding'] ?? '')) {
    body = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return { file, headers, body };
}

/** The mails written to `email` in the outbox folder, oldest first. */
export const mailsTo = (outbox: string, email: string): Mail[] =>
  readdirSync(outbox).filter((f) => f.endsWith(`-${email}.eml`)).sort().map((f) => parseMail(join(outbox, f)));
