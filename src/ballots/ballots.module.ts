import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CommentsModule } from '../comments/comments.module';
import { StandardsModule } from '../standards/standards.module';
import { BallotExtensionResolver, BallotsResolver, NationalResponseResolver, StandardBallotsResolver } from './ballots.resolver';
import { BallotsService } from './ballots.service';
import { MyWorkBallotsResolver } from './my-work-ballots.resolver';

@Module({
  imports: [AccountsModule, StandardsModule, CommentsModule],
  providers: [BallotsService, BallotsResolver, BallotExtensionResolver, NationalResponseResolver, StandardBallotsResolver, MyWorkBallotsResolver],
  exports: [BallotsService],
})
export class BallotsModule {}
