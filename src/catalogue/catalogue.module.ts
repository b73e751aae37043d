import { Global, Module } from '@nestjs/common';
import { DUPLICATION_GATE } from '../standards/duplication-gate';
import { StandardsModule } from '../standards/standards.module';
import { CatalogueResolver, StandardRelationResolver, StandardRelationsResolver } from './catalogue.resolver';
import { CatalogueService } from './catalogue.service';
import { DuplicationService } from './duplication.service';

/**
 * Global only for the one token it exports: StandardsService (a lower module
 * that must not import this one) receives the duplication gate through its
 * @Optional() @Inject(DUPLICATION_GATE), which Nest resolves from global
 * modules' exports like from any import. Nothing else is exported.
 */
@Global()
@Module({
  imports: [StandardsModule],
  providers: [
    CatalogueService,
    DuplicationService,
    { provide: DUPLICATION_GATE, useExisting: DuplicationService },
    CatalogueResolver,
    StandardRelationResolver,
    StandardRelationsResolver,
  ],
  exports: [DUPLICATION_GATE],
})
export class CatalogueModule {}
