import { Global, Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { NEED_LINKS } from '../standards/need-links';
import { StandardsModule } from '../standards/standards.module';
import { NeedLifecycle } from './need-lifecycle';
import { NeedsResolver, StandardNeedsResolver } from './needs.resolver';
import { NeedsService } from './needs.service';

/**
 * The interoperability needs register. Above standards and conformance;
 * publishing (its pages, feeds and publishEdition) uses NeedsService. Global
 * only for NEED_LINKS, which proposeStandard (in standards, below) receives
 * through @Optional() @Inject, as CatalogueModule hands down its duplication gate.
 */
@Global()
@Module({
  imports: [AccountsModule, StandardsModule],
  providers: [NeedsService, NeedLifecycle, NeedsResolver, StandardNeedsResolver, { provide: NEED_LINKS, useExisting: NeedsService }],
  exports: [NeedsService, NEED_LINKS],
})
export class NeedsModule {}
