import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination';
import { CommentStatus, CommentType, Disposition, RoundStatus } from '../comment.entity';

registerEnumType(RoundStatus, {
  name: 'RoundStatus',
  description: "Where a comment round stands by the database clock.",
  valuesMap: {
    SCHEDULED: { description: "Not open yet: opensAt is in the future." },
    OPEN: { description: "Nations write and submit comments until closesAt." },
    CLOSED: { description: "Past closesAt or closed early; only submitted comments count and await disposition." },
  },
});
registerEnumType(CommentType, {
  name: 'CommentType',
  description: 'ISO commenting template: ge, te, ed.',
  valuesMap: {
    GENERAL: { description: "ge: about the document as a whole." },
    TECHNICAL: { description: "te: about technical content." },
    EDITORIAL: { description: "ed: about wording, layout or typography." },
  },
});
registerEnumType(CommentStatus, {
  name: 'CommentStatus',
  description: "Whether a comment is still its nation's draft.",
  valuesMap: {
    DRAFT: { description: "Visible to its nation only; may be edited or deleted." },
    SUBMITTED: { description: "Locked: the delegate submitted the nation's set; the secretariat sees it." },
  },
});
registerEnumType(Disposition, {
  name: 'Disposition',
  description: "The secretariat's decision on a submitted comment, with a resolution.",
  valuesMap: {
    ACCEPTED: { description: "Taken as proposed." },
    ACCEPTED_IN_PRINCIPLE: { description: "Taken, with changes to the proposal." },
    REJECTED: { description: "Not taken; the resolution says why." },
    NOTED: { description: "Acknowledged; no change needed." },
  },
});

@ObjectType('CommentRound', { description: 'A period in which nations comment on one version of a DRAFTING standard.' })
export class CommentRoundModel {
  @Field(() => ID, { description: 'The round\'s id.' }) id: string;
  @Field({ description: 'The name the secretariat gave the round.' }) title: string;
  @Field({ description: 'When nations may start commenting.' }) opensAt: Date;
  @Field({ description: 'The deadline for comments and submissions, by the database clock.' }) closesAt: Date;
  @Field(() => RoundStatus, { description: 'SCHEDULED, OPEN or CLOSED, computed from the database clock and an early close.' }) status: RoundStatus;
  standardId: string;
  versionId: string;
}

@ObjectType('Comment', { description: 'A national comment on a version under review: DRAFT for its nation until submitted, then adjudicated by the secretariat.' })
export class CommentModel {
  @Field(() => ID, { description: 'The comment\'s id.' }) id: string;
  @Field(() => String, {
    nullable: true,
    description: 'FR-001: the nation\'s ISO 3166 alpha-2 code and a sequence, given when the nation submits; never changes. Null for a draft.',
  })
  number: string | null;
  @Field(() => String, { nullable: true, description: 'Clause number of the version under review; null for a general comment.' }) clause: string | null;
  @Field(() => Int, { nullable: true, description: 'First line (from 1) of the version\'s Markdown text the comment is about.' }) lineFrom: number | null;
  @Field(() => Int, { nullable: true, description: 'Last line of that range, at or after lineFrom.' }) lineTo: number | null;
  @Field(() => String, { nullable: true, description: 'The ISO template\'s "Paragraph/Figure/Table" column.' }) paragraph: string | null;
  @Field(() => String, { nullable: true, description: 'The words of the version the comment is about.' }) quote: string | null;
  @Field(() => CommentType, { description: 'ISO template comment type: general, technical or editorial.' }) type: CommentType;
  @Field({ description: 'The comment itself (the template\'s "Comments" column).' }) body: string;
  @Field(() => String, { nullable: true, description: 'The change the nation proposes (the template\'s "Proposed change" column).' }) proposedChange: string | null;
  @Field(() => CommentStatus, { description: 'DRAFT until the nation\'s delegate submits, then SUBMITTED.' }) status: CommentStatus;
  @Field(() => Disposition, { nullable: true, description: 'The secretariat\'s decision, once the round has closed and the comment is resolved; null before.' }) disposition: Disposition | null;
  @Field(() => String, { nullable: true, description: 'The secretariat\'s observation: why, and what changed.' }) resolution: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The "Observations of the secretariat" column of an imported template, kept as it was; exports show resolution when there is one, else this.',
  })
  observations: string | null;
  @Field({ description: 'When the comment was written (or imported).' }) createdAt: Date;
  @Field({ description: 'When the comment last changed: an edit, a submission or a resolution.' }) updatedAt: Date;
  roundId: string;
  nationCode: string;
  authorId: string;
  resolvedInVersionId: string | null;
}

@ObjectType('CommentConnection', { description: 'A page of comments of a round, in clause and line order (Relay connection).' })
export class CommentConnection extends Connection(CommentModel, 'Comment') {}

@ObjectType('NationalSubmission', { description: "A nation's submission of its comments in a round, which locks them." })
export class NationalSubmissionModel {
  @Field({ description: 'When the delegate submitted, by the database clock.' }) submittedAt: Date;
  @Field(() => Int, { description: 'How many comments the submission locked.' }) commentCount: number;
  roundId: string;
  nationCode: string;
  submittedBy: string;
}

@ObjectType('ImportResult', { description: 'What a comment import (ISO template) did: comments added, and the rows refused with why.' })
export class ImportResultModel {
  @Field(() => Int, { description: 'How many rows became DRAFT comments of the caller\'s nation; 0 when any row was refused.' }) imported: number;
  @Field(() => [String], { description: 'One line per refused row: row number and reason. Nothing is imported when any row is refused.' })
  errors: string[];
}
