import { Global, Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { NEEDS_DIGEST_SOURCE } from '../notifications/digest.service';
import { NEED_LINKS } from '../standards/need-links';
import { StandardsModule } from '../standards/standards.module';
import { NeedLifecycle } from './need-lifecycle';
import { NeedRevisionResolver, NeedsResolver, StandardNeedsResolver } from './needs.resolver';
import { NeedsService } from './needs.service';

/**
 * The interoperability needs register. Above standards and conformance;
 * publishing (its pages, feeds and publishEdition) uses NeedsService. Global
 * only for what modules below receive through @Optional() @Inject, as
 * CatalogueModule hands down its duplication gate: NEED_LINKS for
 * proposeStandard (standards) and NEEDS_DIGEST_SOURCE for the weekly digest
 * (notifications).
 */
@Global()
@Module({
  imports: [AccountsModule, StandardsModule],
  providers: [NeedsService, NeedLifecycle, NeedsResolver, NeedRevisionResolver, StandardNeedsResolver, { provide: NEED_LINKS, useExisting: NeedsService }, { provide: NEEDS_DIGEST_SOURCE, useExisting: NeedsService }],
  exports: [NeedsService, NEED_LINKS, NEEDS_DIGEST_SOURCE],
})
export class NeedsModule {}
