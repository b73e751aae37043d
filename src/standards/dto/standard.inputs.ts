import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { StandardStatus, Visibility } from '../standard.entity';

@InputType({ description: 'A standard to propose: designation, title, scope and who may read its drafts.' })
export class ProposeStandardInput {
  @Field({ description: 'The unique designation, e.g. "STANAG 4790" or "ASpP-3", 1 to 60 characters.' }) @IsString() @Length(1, 60, { message: 'designation must be 1 to 60 characters' }) designation: string;
  @Field({ description: 'The title, 1 to 300 characters.' }) @IsString() @Length(1, 300, { message: 'title must be 1 to 300 characters' }) title: string;
  @Field({ description: 'What the standard covers, 1 to 5000 characters; duplicationCheck compares it with other bodies\' standards.' }) @IsString() @Length(1, 5000, { message: 'scope must be 1 to 5000 characters' }) scope: string;
  @Field(() => Visibility, { description: 'Who may read its drafts.' }) @IsEnum(Visibility) visibility: Visibility;

  @Field({ nullable: true, description: 'Required when duplicationCheck finds a likely overlap; otherwise POSSIBLE_DUPLICATE.' })
  @IsOptional() @IsString() @Length(20, 5000, { message: 'overlapJustification must be 20 to 5000 characters: say why the overlap is needed' })
  overlapJustification?: string;

  @Field({ nullable: true, description: 'The covering STANAG of an Allied Publication, e.g. "STANAG 4790".' })
  @IsOptional() @Matches(/^STANAG\s+\d{4}$/, { message: 'stanag must read "STANAG" and four digits, e.g. "STANAG 4790"' })
  stanag?: string;

  @Field(() => [ID], { nullable: true, description: 'The interoperability needs this standard addresses (RAISED or ACCEPTED, visible to the proposer), at most 20; linked in the proposal\'s transaction.' })
  @IsOptional() @IsArray() @ArrayMaxSize(20, { message: 'needIds holds at most 20 needs' }) @IsUUID('all', { each: true, message: 'needIds must be need ids' })
  needIds?: string[];
}

@InputType({ description: 'The Markdown text of a new version, and the version it was based on.' })
export class CreateVersionInput {
  @Field(() => ID, { description: 'A DRAFTING standard the caller is an editor of (or any, for the secretariat).' }) @IsUUID('all', { message: 'standardId must be a standard id' }) standardId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The version this text was edited from; null only for the first version. VERSION_CONFLICT when another version landed since and the edits cannot be merged cleanly.',
  })
  @IsOptional() @IsUUID('all', { message: 'baseVersionId must be a version id' })
  baseVersionId?: string;

  /** The byte limit (MAX_TEXT_BYTES) is checked in the service, where the configuration is. */
  @Field({ description: 'The whole Markdown text of the version: a single # heading is its title, ## headings are clauses. At most MAX_TEXT_BYTES (5 MiB by default) in UTF-8.' }) @IsString() text: string;
  @Field({ nullable: true, description: 'A short name for the version, e.g. "Study draft 2", at most 200 characters.' }) @IsOptional() @IsString() @MaxLength(200, { message: 'label must be at most 200 characters' }) label?: string;
  @Field({ nullable: true, description: 'What changed in this version, at most 2000 characters.' }) @IsOptional() @IsString() @MaxLength(2000, { message: 'summary must be at most 2000 characters' }) summary?: string;
}

@InputType({ description: 'Narrows the list of standards; all given conditions must hold.' })
export class StandardFilter {
  @Field(() => StandardStatus, { nullable: true, description: 'Only standards in this lifecycle state.' }) @IsOptional() @IsEnum(StandardStatus) status?: StandardStatus;
  @Field({ nullable: true, description: 'Matches designation, title, scope and the words of the current text.' })
  @IsOptional() @IsString() @MaxLength(200, { message: 'filter.text must be at most 200 characters' })
  text?: string;
  @Field(() => Visibility, { nullable: true, description: 'Only standards of this visibility.' }) @IsOptional() @IsEnum(Visibility) visibility?: Visibility;
  @Field({ nullable: true, description: 'The nation of the person who proposed it, e.g. FRA.' })
  @IsOptional() @Matches(/^[A-Za-z]{3}$/, { message: 'nationCode must be a 3-letter ISO 3166-1 alpha-3 code' }) nationCode?: string;
  @Field({ nullable: true, description: 'True: only the standards the caller is an editor of.' }) @IsOptional() @IsBoolean() mine?: boolean;
}

/** Fields left out stay as they are. */
@InputType({ description: 'Changes to a PROPOSED or DRAFTING standard; fields left out stay as they are.' })
export class UpdateStandardInput {
  @Field(() => ID, { description: 'A PROPOSED or DRAFTING standard.' }) @IsUUID('all', { message: 'standardId must be a standard id' }) standardId: string;
  @Field({ nullable: true, description: 'The new title, 1 to 300 characters.' }) @IsOptional() @IsString() @Length(1, 300, { message: 'title must be 1 to 300 characters' }) title?: string;
  @Field({ nullable: true, description: 'The new scope, 1 to 5000 characters.' }) @IsOptional() @IsString() @Length(1, 5000, { message: 'scope must be 1 to 5000 characters' }) scope?: string;
  @Field(() => Visibility, { nullable: true, description: 'Who may read its drafts from now on.' }) @IsOptional() @IsEnum(Visibility) visibility?: Visibility;
}

@ArgsType()
export class StandardLookupArgs {
  @Field(() => ID, { nullable: true, description: 'The standard\'s id; give this or designation.' }) @IsOptional() @IsUUID('all', { message: 'id must be a standard id' }) id?: string;
  @Field({ nullable: true, description: 'The designation, e.g. "STANAG 4790", case-insensitive, at most 60 characters; used when id is not given.' }) @IsOptional() @IsString() @MaxLength(60, { message: 'designation must be at most 60 characters' }) designation?: string;
}

@ArgsType()
export class CancelStandardArgs {
  @Field(() => ID, { description: 'The standard to cancel.' }) @IsUUID('all', { message: 'standardId must be a standard id' }) standardId: string;
  @Field({ description: 'Why the standard is cancelled; kept on the standard (cancellationReason) and in the audit log. A PROMULGATED standard may be cancelled too: its edition in force becomes CANCELLED.' })
  @IsString() @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason: string;
}

@ArgsType()
export class SupersedeStandardArgs {
  @Field(() => ID, { description: 'The PROMULGATED standard being replaced.' }) @IsUUID('all', { message: 'standardId must be a standard id' }) standardId: string;
  @Field(() => ID, { description: 'The standard that replaces it.' })
  @IsUUID('all', { message: 'replacementId must be a standard id' })
  replacementId: string;
  @Field({ description: 'Why it is superseded; kept on the standard (supersessionReason) and in the audit log.' })
  @IsString() @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason: string;
}
