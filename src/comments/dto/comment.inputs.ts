import { ArgsType, Field, ID, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { CommentType, Disposition } from '../comment.entity';

@InputType({ description: 'A comment round to open on one version of a DRAFTING standard.' })
export class OpenCommentRoundInput {
  @Field(() => ID) @IsUUID('all', { message: 'standardId must be an id' }) standardId: string;
  @Field(() => ID) @IsUUID('all', { message: 'versionId must be an id' }) versionId: string;
  @Field() @IsString() @Length(1, 300, { message: 'title must be 1 to 300 characters' }) title: string;
  @Field(() => Date, { nullable: true, description: 'Defaults to now.' }) @IsOptional() opensAt?: Date | null;
  @Field() closesAt: Date;
}

@InputType({ description: "A national comment to add to an OPEN round, in the ISO commenting template's terms." })
export class AddCommentInput {
  @Field(() => ID) @IsUUID('all', { message: 'roundId must be an id' }) roundId: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(40, { message: 'clause must be at most 40 characters' }) clause?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1, { message: 'lineFrom must be at least 1' }) lineFrom?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1, { message: 'lineTo must be at least 1' }) lineTo?: number | null;
  @Field(() => String, { nullable: true, description: 'The ISO template\'s "Paragraph/Figure/Table" column.' })
  @IsOptional() @IsString() @MaxLength(200, { message: 'paragraph must be at most 200 characters' }) paragraph?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000, { message: 'quote must be at most 5000 characters' }) quote?: string | null;
  @Field(() => CommentType) @IsIn(Object.values(CommentType), { message: 'type must be GENERAL, TECHNICAL or EDITORIAL' }) type: CommentType;
  @Field() @IsString() @Length(1, 20000, { message: 'body must be 1 to 20000 characters' }) body: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20000, { message: 'proposedChange must be at most 20000 characters' }) proposedChange?: string | null;
}

/** Every field of a comment but its round, each optional (Nest's mapped types keep the validation rules). */
@InputType({ description: 'Changes to a DRAFT comment; fields left out stay as they are.' })
export class UpdateCommentInput extends PartialType(OmitType(AddCommentInput, ['roundId'] as const)) {}

@InputType({ description: "The secretariat's disposition and resolution of a submitted comment." })
export class ResolveCommentInput {
  @Field(() => ID) @IsUUID('all', { message: 'commentId must be an id' }) commentId: string;
  @Field(() => Disposition) @IsIn(Object.values(Disposition), { message: 'disposition must be ACCEPTED, ACCEPTED_IN_PRINCIPLE, REJECTED or NOTED' }) disposition: Disposition;
  @Field() @IsString() @Length(1, 20000, { message: 'resolution must be 1 to 20000 characters' }) resolution: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'resolvedInVersionId must be an id' }) resolvedInVersionId?: string | null;
}

@InputType({ description: 'Narrows the comments of a round; all given conditions must hold.' })
export class CommentFilter {
  @Field(() => String, { nullable: true })
  @IsOptional() @Matches(/^\s*[A-Za-z]{3}\s*$/, { message: 'filter.nationCode must be an ISO 3166-1 alpha-3 code such as FRA' })
  nationCode?: string | null;
  @Field(() => CommentType, { nullable: true }) @IsOptional() type?: CommentType | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(40, { message: 'filter.clause must be at most 40 characters' }) clause?: string | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() resolved?: boolean | null;
}

/** The file's size is bounded here, before parsing; its rows by MAX_IMPORT_ROWS in the service. */
export const MAX_IMPORT_CHARS = 5_000_000;

@ArgsType()
export class ImportCommentsArgs {
  @Field(() => ID) @IsUUID('all', { message: 'roundId must be an id' }) roundId: string;
  @Field() @IsString() @MaxLength(MAX_IMPORT_CHARS, { message: `csv must be at most ${MAX_IMPORT_CHARS} characters; split the file` }) csv: string;
}
