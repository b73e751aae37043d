import { Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller } from '../common/caller';
import { CurrentCaller } from '../common/context';
import { CommentsService } from './comments.service';
import { MyWorkModel } from './models/my-work.model';

@Resolver(() => MyWorkModel)
@Allow('SIGNED_IN')
export class MyWorkResolver {
  constructor(private readonly comments: CommentsService) {}

  @Query(() => MyWorkModel, { description: 'Open rounds for my nation, standards I edit, my nation\'s unsubmitted comments.' })
  @Allow('SIGNED_IN')
  myWork(@CurrentCaller() caller: Caller) {
    return this.comments.myWork(caller);
  }
}
