import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CorpusService } from './corpus.service';
import { SearchService } from './search.service';
import { StandardLifecycle } from './standard-lifecycle';
import { StandardsResolver } from './standards.resolver';
import { StandardsService } from './standards.service';
import { RequirementsResolver, VersionsResolver } from './versions.resolver';
import { VersionsService } from './versions.service';

@Module({
  imports: [AccountsModule],
  providers: [CorpusService, StandardsService, VersionsService, SearchService, StandardLifecycle, StandardsResolver, VersionsResolver, RequirementsResolver],
  exports: [CorpusService, StandardsService, VersionsService, StandardLifecycle],
})
export class StandardsModule {}
