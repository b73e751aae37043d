import { WebhooksModule } from '../webhooks/webhooks.module';
import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { StandardsModule } from '../standards/standards.module';
import { CommentsExportController } from './comments-export.controller';
import { CommentRoundsResolver, CommentsResolver, NationalSubmissionsResolver, StandardCommentRoundsResolver } from './comments.resolver';
import { CommentsService } from './comments.service';
import { MyWorkAdjudicationResolver } from './my-work-adjudication.resolver';
import { MyWorkResolver } from './my-work.resolver';

@Module({
  imports: [WebhooksModule, StandardsModule, AccountsModule],
  controllers: [CommentsExportController],
  providers: [CommentsService, CommentRoundsResolver, CommentsResolver, NationalSubmissionsResolver, StandardCommentRoundsResolver, MyWorkResolver, MyWorkAdjudicationResolver],
  exports: [CommentsService],
})
export class CommentsModule {}
