import { Field, Int, ObjectType } from '@nestjs/graphql';
import { StandardModel } from '../../standards/models/standard.model';
import { CommentModel, CommentRoundModel } from './comment.model';

@ObjectType('RoundWork', { description: 'An open comment round, as it stands for the caller\'s nation.' })
export class RoundWorkModel {
  @Field(() => CommentRoundModel, { description: 'The open round.' }) round: CommentRoundModel;
  @Field(() => Int, { description: 'The caller\'s nation\'s DRAFT comments in the round.' }) draftCount: number;
  @Field({ description: 'The caller\'s nation has submitted its comments.' }) submitted: boolean;
}

@ObjectType('MyWork', { description: 'What needs the caller, for a home screen.' })
export class MyWorkModel {
  @Field(() => [RoundWorkModel], { description: 'Open rounds on standards the caller may see, soonest deadline first.' }) openRounds: RoundWorkModel[];
  @Field(() => [StandardModel], { description: 'Standards the caller is an editor of.' }) editing: StandardModel[];
  @Field(() => [CommentModel], { description: 'The caller\'s nation\'s DRAFT comments in open rounds.' }) unsubmittedComments: CommentModel[];
}
