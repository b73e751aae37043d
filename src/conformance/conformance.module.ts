import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { StandardsModule } from '../standards/standards.module';
import { ConformanceController } from './conformance.controller';
import { ClaimsResolver, ProductsResolver } from './conformance.resolver';
import { ConformanceService } from './conformance.service';
import { MyWorkClaimsResolver } from './my-work-claims.resolver';
import { ProvidersResolver } from './providers.resolver';
import { ProvidersService } from './providers.service';
import { StaleClaimsModule } from './stale-claims.notifier';

/**
 * Publishing (above) may provide EDITION_IN_FORCE (edition-in-force.ts) so
 * reports default to the edition in force; it is optional here.
 */
@Module({
  imports: [AccountsModule, StandardsModule, StaleClaimsModule],
  controllers: [ConformanceController],
  providers: [ConformanceService, ProductsResolver, ClaimsResolver, MyWorkClaimsResolver, ProvidersService, ProvidersResolver],
  exports: [ConformanceService, ProvidersService],
})
export class ConformanceModule {}
