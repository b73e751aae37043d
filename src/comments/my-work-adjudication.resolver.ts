import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller, hasRole, Role } from '../common/caller';
import { CurrentCaller } from '../common/context';
import { CommentsService } from './comments.service';
import { CommentRoundModel } from './models/comment.model';
import { MyWorkModel } from './models/my-work.model';

/** The secretariat's part of myWork: rounds whose comments wait for a disposition. */
@Resolver(() => MyWorkModel)
@Allow('SIGNED_IN')
export class MyWorkAdjudicationResolver {
  constructor(private readonly comments: CommentsService) {}

  @ResolveField(() => [CommentRoundModel], { description: 'For the secretariat: closed rounds with submitted comments awaiting a disposition (see unresolvedCount).' })
  roundsToAdjudicate(@Parent() _work: MyWorkModel, @CurrentCaller() caller: Caller) {
    return hasRole(caller, Role.SECRETARIAT) ? this.comments.roundsAwaitingDisposition(caller) : [];
  }
}
