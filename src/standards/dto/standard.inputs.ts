import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { StandardStatus, Visibility } from '../standard.entity';

@InputType()
export class ProposeStandardInput {
  @Field() @IsString() @Length(1, 60, { message: 'designation must be 1 to 60 characters' }) designation: string;
  @Field() @IsString() @Length(1, 300, { message: 'title must be 1 to 300 characters' }) title: string;
  @Field() @IsString() @Length(1, 5000, { message: 'scope must be 1 to 5000 characters' }) scope: string;
  @Field(() => Visibility) @IsEnum(Visibility) visibility: Visibility;

  @Field({ nullable: true, description: 'Required when duplicationCheck finds a likely overlap; otherwise POSSIBLE_DUPLICATE.' })
  @IsOptional() @IsString() @Length(20, 5000, { message: 'overlapJustification must be 20 to 5000 characters: say why the overlap is needed' })
  overlapJustification?: string;

  @Field({ nullable: true, description: 'The covering STANAG of an Allied Publication, e.g. "STANAG 4790".' })
  @IsOptional() @Matches(/^STANAG\s+\d{4}$/, { message: 'stanag must read "STANAG" and four digits, e.g. "STANAG 4790"' })
  stanag?: string;
}

@InputType()
export class CreateVersionInput {
  @Field(() => ID) @IsUUID('all', { message: 'standardId must be a standard id' }) standardId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The version this text was edited from; null only for the first version. VERSION_CONFLICT when another version landed since and the edits cannot be merged cleanly.',
  })
  @IsOptional() @IsUUID('all', { message: 'baseVersionId must be a version id' })
  baseVersionId?: string;

  /** The byte limit (MAX_TEXT_BYTES) is checked in the service, where the configuration is. */
  @Field() @IsString() text: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) label?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) summary?: string;
}

@InputType()
export class StandardFilter {
  @Field(() => StandardStatus, { nullable: true }) @IsOptional() @IsEnum(StandardStatus) status?: StandardStatus;
  @Field({ nullable: true, description: 'Matches designation, title and scope.' }) @IsOptional() @IsString() @MaxLength(200) text?: string;
}
