import { Global, Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { JOIN_REQUEST_FILED } from '../accounts/join-requests.service';
import { DigestController } from './digest.controller';
import { DigestService } from './digest.service';
import { JoinRequestNotifier } from './join-request.notifier';
import { MailOutboxWorker } from './mail-outbox.worker';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { RemindersWorker } from './reminders.worker';

/**
 * Above accounts (users, mail), below standards and every feature that
 * reports events: global like the audit log, so those modules call
 * NotificationsService.notify inside their own transactions. Accounts, below,
 * receives the join-request listener through JOIN_REQUEST_FILED.
 */
@Global()
@Module({
  imports: [AccountsModule],
  controllers: [DigestController],
  providers: [
    NotificationsService, DigestService, MailOutboxWorker, RemindersWorker, NotificationsResolver,
    { provide: JOIN_REQUEST_FILED, useClass: JoinRequestNotifier },
  ],
  exports: [NotificationsService, JOIN_REQUEST_FILED],
})
export class NotificationsModule {}
