/**
 * A mail outbox sender in a process of its own, for the crash test of
 * notifications.e2e-spec.ts: it sends with the service's own worker and
 * MailService, slowly (SEND_DELAY_MS per message), until it is killed.
 * CLOCK_OFFSET_SECONDS follows the suite's moved database clock.
 */
import { Clock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/config';
import { createDataSource } from '../../src/database/data-source';
import { MailService } from '../../src/accounts/mail.service';
import { MailOutboxWorker } from '../../src/notifications/mail-outbox.worker';

class OffsetClock extends Clock {
  constructor(private readonly seconds: number) {
    super();
  }
  override now(): string {
    return this.seconds ? `(now() + make_interval(secs => ${this.seconds}))` : 'now()';
  }
}

async function main() {
  const config = loadConfig({
    NODE_ENV: 'test', DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: process.env.DATA_DIR!, JWT_SECRET: 'x'.repeat(64),
    LOG_LEVEL: 'silent', NOTIFY_POLL_MS: '0', NOTIFY_LEASE_SECONDS: process.env.NOTIFY_LEASE_SECONDS ?? '60',
  });
  const db = createDataSource(config.DATABASE_URL!, 2);
  await db.initialize();
  const clock = new OffsetClock(Number(process.env.CLOCK_OFFSET_SECONDS ?? 0));
  const mail = new MailService(config, clock);
  const delay = Number(process.env.SEND_DELAY_MS ?? 50);
  const send = mail.send.bind(mail);
  mail.send = async (m) => {
    await new Promise((r) => setTimeout(r, delay));
    await send(m);
  };
  const worker = new MailOutboxWorker(db, clock, config, mail);
  process.stdout.write('ready\n');
  for (;;) {
    if ((await worker.runOnce()) === 0) await new Promise((r) => setTimeout(r, 20));
  }
}

void main();
