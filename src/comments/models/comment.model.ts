import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination';
import { CommentStatus, CommentType, Disposition, RoundStatus } from '../comment.entity';

registerEnumType(RoundStatus, { name: 'RoundStatus' });
registerEnumType(CommentType, { name: 'CommentType', description: 'ISO commenting template: ge, te, ed.' });
registerEnumType(CommentStatus, { name: 'CommentStatus' });
registerEnumType(Disposition, { name: 'Disposition' });

@ObjectType('CommentRound')
export class CommentRoundModel {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() opensAt: Date;
  @Field() closesAt: Date;
  @Field(() => RoundStatus) status: RoundStatus;
  standardId: string;
  versionId: string;
}

@ObjectType('Comment')
export class CommentModel {
  @Field(() => ID) id: string;
  @Field(() => String, {
    nullable: true,
    description: 'FR-001: the nation\'s ISO 3166 alpha-2 code and a sequence, given when the nation submits; never changes. Null for a draft.',
  })
  number: string | null;
  @Field(() => String, { nullable: true }) clause: string | null;
  @Field(() => Int, { nullable: true }) lineFrom: number | null;
  @Field(() => Int, { nullable: true }) lineTo: number | null;
  @Field(() => String, { nullable: true, description: 'The ISO template\'s "Paragraph/Figure/Table" column.' }) paragraph: string | null;
  @Field(() => String, { nullable: true, description: 'The words of the version the comment is about.' }) quote: string | null;
  @Field(() => CommentType) type: CommentType;
  @Field() body: string;
  @Field(() => String, { nullable: true }) proposedChange: string | null;
  @Field(() => CommentStatus) status: CommentStatus;
  @Field(() => Disposition, { nullable: true }) disposition: Disposition | null;
  @Field(() => String, { nullable: true, description: 'The secretariat\'s observation: why, and what changed.' }) resolution: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The "Observations of the secretariat" column of an imported template, kept as it was; exports show resolution when there is one, else this.',
  })
  observations: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  roundId: string;
  nationCode: string;
  authorId: string;
  resolvedInVersionId: string | null;
}

@ObjectType('CommentConnection')
export class CommentConnection extends Connection(CommentModel, 'Comment') {}

@ObjectType('NationalSubmission')
export class NationalSubmissionModel {
  @Field() submittedAt: Date;
  @Field(() => Int) commentCount: number;
  roundId: string;
  nationCode: string;
  submittedBy: string;
}

@ObjectType('ImportResult')
export class ImportResultModel {
  @Field(() => Int) imported: number;
  @Field(() => [String], { description: 'One line per refused row: row number and reason. Nothing is imported when any row is refused.' })
  errors: string[];
}
