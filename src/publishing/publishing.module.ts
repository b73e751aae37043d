import { WebhooksModule } from '../webhooks/webhooks.module';
import { Global, Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BallotsModule } from '../ballots/ballots.module';
import { ConformanceModule } from '../conformance/conformance.module';
import { EDITION_IN_FORCE } from '../conformance/edition-in-force';
import { StandardsModule } from '../standards/standards.module';
import { NeedsModule } from '../needs/needs.module';
import { EditionPdfService } from './edition-pdf';
import { PagesController } from './pages.controller';
import { FeedsController } from './feeds.controller';
import { PublishingResolver, RatificationChangeResolver, StandardEditionsResolver, VersionStageResolver } from './publishing.resolver';
import { RatificationService } from './ratification.service';
import { PublishingService } from './publishing.service';

/**
 * Global only to hand EDITION_IN_FORCE down to conformance, which sits below
 * publishing and must not import it.
 */
@Global()
@Module({
  imports: [WebhooksModule, AccountsModule, StandardsModule, BallotsModule, ConformanceModule, NeedsModule],
  controllers: [PagesController, FeedsController],
  providers: [
    PublishingService, RatificationService, EditionPdfService, PublishingResolver, StandardEditionsResolver, RatificationChangeResolver, VersionStageResolver,
    { provide: EDITION_IN_FORCE, useExisting: PublishingService }],
  exports: [EDITION_IN_FORCE],
})
export class PublishingModule {}
