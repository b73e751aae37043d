import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { StandardsModule } from '../standards/standards.module';
import { CommentsExportController } from './comments-export.controller';
import { CommentRoundsResolver, CommentsResolver, NationalSubmissionsResolver, StandardCommentRoundsResolver } from './comments.resolver';
import { CommentsService } from './comments.service';
import { MyWorkResolver } from './my-work.resolver';

@Module({
  imports: [StandardsModule, AccountsModule],
  controllers: [CommentsExportController],
  providers: [CommentsService, CommentRoundsResolver, CommentsResolver, NationalSubmissionsResolver, StandardCommentRoundsResolver, MyWorkResolver],
  exports: [CommentsService],
})
export class CommentsModule {}
