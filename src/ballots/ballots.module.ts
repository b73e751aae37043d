import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CommentsModule } from '../comments/comments.module';
import { StandardsModule } from '../standards/standards.module';
import { BallotsResolver, NationalResponseResolver, StandardBallotsResolver } from './ballots.resolver';
import { BallotsService } from './ballots.service';

@Module({
  imports: [AccountsModule, StandardsModule, CommentsModule],
  providers: [BallotsService, BallotsResolver, NationalResponseResolver, StandardBallotsResolver],
  exports: [BallotsService],
})
export class BallotsModule {}
