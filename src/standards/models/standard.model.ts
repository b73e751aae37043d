import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination';
import { StandardStage, StandardStatus, Visibility } from '../standard.entity';

registerEnumType(StandardStatus, { name: 'StandardStatus' });
registerEnumType(StandardStage, {
  name: 'StandardStage',
  description: 'The named NATO stage of a standard: PROPOSAL, STUDY_DRAFT (drafting and commenting), RATIFICATION_DRAFT (under ballot), PROMULGATED, CANCELLED or SUPERSEDED.',
});
registerEnumType(Visibility, {
  name: 'Visibility',
  description: 'Who may read a standard\'s drafts. Published editions of PUBLIC standards are readable without an account.',
});

@ObjectType('Standard')
export class StandardModel {
  @Field(() => ID) id: string;
  @Field({ description: 'Unique, e.g. "STANAG 4790" or "ASpP-3".' }) designation: string;
  @Field(() => String, {
    nullable: true,
    description: 'The covering STANAG of an Allied Publication, e.g. "STANAG 4790": the agreement nations ratify, while the AP (designation) holds the text.',
  })
  stanag: string | null;
  @Field() title: string;
  @Field() scope: string;
  @Field(() => StandardStatus) status: StandardStatus;
  @Field(() => Visibility) visibility: Visibility;
  @Field(() => String, { nullable: true, description: 'Recorded when the proposal went ahead despite a likely overlap.' })
  overlapJustification: string | null;
  @Field(() => Date, { nullable: true, description: 'When the standard was cancelled (database clock); null unless CANCELLED.' })
  cancelledAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the standard was cancelled; null unless CANCELLED.' })
  cancellationReason: string | null;
  supersededById: string | null;
  @Field(() => Date, { nullable: true, description: 'When the standard was superseded; null unless SUPERSEDED.' })
  supersededAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was superseded, as the secretariat stated it; null unless SUPERSEDED.' })
  supersessionReason: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('StandardConnection')
export class StandardConnection extends Connection(StandardModel, 'Standard') {}
