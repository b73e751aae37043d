import { Global, Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { DigestController } from './digest.controller';
import { DigestService } from './digest.service';
import { MailOutboxWorker } from './mail-outbox.worker';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { RemindersWorker } from './reminders.worker';

/**
 * Above accounts (users, mail), below standards and every feature that
 * reports events: global like the audit log, so those modules call
 * NotificationsService.notify inside their own transactions.
 */
@Global()
@Module({
  imports: [AccountsModule],
  controllers: [DigestController],
  providers: [NotificationsService, DigestService, MailOutboxWorker, RemindersWorker, NotificationsResolver],
  exports: [NotificationsService],
})
export class NotificationsModule {}
