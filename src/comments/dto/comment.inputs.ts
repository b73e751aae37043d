import { ArgsType, Field, ID, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { CommentType, Disposition } from '../comment.entity';

@InputType({ description: 'A comment round to open on one version of a DRAFTING standard.' })
export class OpenCommentRoundInput {
  @Field(() => ID, { description: 'The DRAFTING standard to review; it may have no other round open.' }) @IsUUID('all', { message: 'standardId must be an id' }) standardId: string;
  @Field(() => ID, { description: 'The version of that standard under review; comments locate themselves in its text.' }) @IsUUID('all', { message: 'versionId must be an id' }) versionId: string;
  @Field({ description: 'A name for the round, 1 to 300 characters.' }) @IsString() @Length(1, 300, { message: 'title must be 1 to 300 characters' }) title: string;
  @Field(() => Date, { nullable: true, description: 'Defaults to now.' }) @IsOptional() opensAt?: Date | null;
  @Field({ description: 'When the round closes (ISO 8601 date-time): after opensAt and in the future by the database clock.' }) closesAt: Date;
}

@InputType({ description: "A national comment to add to an OPEN round, in the ISO commenting template's terms." })
export class AddCommentInput {
  @Field(() => ID, { description: 'The OPEN round the comment belongs to.' }) @IsUUID('all', { message: 'roundId must be an id' }) roundId: string;
  @Field(() => String, { nullable: true, description: 'Clause number the comment is about, as in the version under review (e.g. "5.2"), at most 40 characters; null for a general comment.' }) @IsOptional() @IsString() @MaxLength(40, { message: 'clause must be at most 40 characters' }) clause?: string | null;
  @Field(() => Int, { nullable: true, description: 'First line of the version\'s Markdown text the comment is about, from 1 to its line count.' }) @IsOptional() @IsInt() @Min(1, { message: 'lineFrom must be at least 1' }) lineFrom?: number | null;
  @Field(() => Int, { nullable: true, description: 'Last line of the range, at or after lineFrom (which it needs), within the text.' }) @IsOptional() @IsInt() @Min(1, { message: 'lineTo must be at least 1' }) lineTo?: number | null;
  @Field(() => String, { nullable: true, description: 'The ISO template\'s "Paragraph/Figure/Table" column.' })
  @IsOptional() @IsString() @MaxLength(200, { message: 'paragraph must be at most 200 characters' }) paragraph?: string | null;
  @Field(() => String, { nullable: true, description: 'The words of the version the comment is about, at most 5000 characters.' }) @IsOptional() @IsString() @MaxLength(5000, { message: 'quote must be at most 5000 characters' }) quote?: string | null;
  @Field(() => CommentType, { description: 'ISO template comment type: general, technical or editorial.' }) @IsIn(Object.values(CommentType), { message: 'type must be GENERAL, TECHNICAL or EDITORIAL' }) type: CommentType;
  @Field({ description: 'The comment itself (the template\'s "Comments" column), 1 to 20000 characters.' }) @IsString() @Length(1, 20000, { message: 'body must be 1 to 20000 characters' }) body: string;
  @Field(() => String, { nullable: true, description: 'The change the nation proposes (the template\'s "Proposed change" column), at most 20000 characters.' }) @IsOptional() @IsString() @MaxLength(20000, { message: 'proposedChange must be at most 20000 characters' }) proposedChange?: string | null;
}

/** Every field of a comment but its round, each optional (Nest's mapped types keep the validation rules). */
@InputType({ description: 'Changes to a DRAFT comment; fields left out stay as they are.' })
export class UpdateCommentInput extends PartialType(OmitType(AddCommentInput, ['roundId'] as const)) {}

@InputType({ description: "The secretariat's disposition and resolution of a submitted comment." })
export class ResolveCommentInput {
  @Field(() => ID, { description: 'A SUBMITTED comment of a CLOSED round; resolving again replaces the earlier disposition.' }) @IsUUID('all', { message: 'commentId must be an id' }) commentId: string;
  @Field(() => Disposition, { description: 'The secretariat\'s decision on the comment.' }) @IsIn(Object.values(Disposition), { message: 'disposition must be ACCEPTED, ACCEPTED_IN_PRINCIPLE, REJECTED or NOTED' }) disposition: Disposition;
  @Field({ description: 'Why, and what changed: the template\'s "Observations of the secretariat", 1 to 20000 characters.' }) @IsString() @Length(1, 20000, { message: 'resolution must be 1 to 20000 characters' }) resolution: string;
  @Field(() => ID, { nullable: true, description: 'A version of the same standard that carries the resolution; optional.' }) @IsOptional() @IsUUID('all', { message: 'resolvedInVersionId must be an id' }) resolvedInVersionId?: string | null;
}

@InputType({ description: 'Narrows the comments of a round; all given conditions must hold.' })
export class CommentFilter {
  @Field(() => String, { nullable: true, description: 'Only comments of this nation: ISO 3166-1 alpha-3 code such as FRA.' })
  @IsOptional() @Matches(/^\s*[A-Za-z]{3}\s*$/, { message: 'filter.nationCode must be an ISO 3166-1 alpha-3 code such as FRA' })
  nationCode?: string | null;
  @Field(() => CommentType, { nullable: true, description: 'Only comments of this type.' }) @IsOptional() type?: CommentType | null;
  @Field(() => String, { nullable: true, description: 'Only comments on this clause and its subclauses (5.2 matches 5.2 and 5.2.1), at most 40 characters.' }) @IsOptional() @IsString() @MaxLength(40, { message: 'filter.clause must be at most 40 characters' }) clause?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only comments with a disposition; false: only those without.' }) @IsOptional() resolved?: boolean | null;
}

/** The file's size is bounded here, before parsing; its rows by MAX_IMPORT_ROWS in the service. */
export const MAX_IMPORT_CHARS = 5_000_000;

@ArgsType()
export class ImportCommentsArgs {
  @Field(() => ID, { description: 'The OPEN round to add the comments to, as DRAFT comments of the caller\'s nation.' }) @IsUUID('all', { message: 'roundId must be an id' }) roundId: string;
  @Field({ description: `The ISO commenting template as CSV text, at most ${MAX_IMPORT_CHARS} characters; all rows are imported or none.` }) @IsString() @MaxLength(MAX_IMPORT_CHARS, { message: `csv must be at most ${MAX_IMPORT_CHARS} characters; split the file` }) csv: string;
}
