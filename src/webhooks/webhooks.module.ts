import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhooksResolver } from './webhooks.resolver';
import { WebhooksService } from './webhooks.service';

/** Above accounts (organizations, mail), below the features that emit events into it. */
@Module({
  imports: [AccountsModule],
  providers: [WebhooksService, WebhooksResolver, WebhookDeliveryWorker],
  exports: [WebhooksService],
})
export class WebhooksModule {}
