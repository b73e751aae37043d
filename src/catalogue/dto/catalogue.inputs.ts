import { Field, ID, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import { IsDateString, IsEnum, IsInt, IsOptional, IsString, IsUrl, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { ExternalStatus, RelationKind, StandardsBody } from '../external-standard.entity';

@InputType({ description: 'An entry to add to the external catalogue.' })
export class ExternalStandardInput {
  @Field(() => StandardsBody, { description: 'The body that publishes it.' }) @IsEnum(StandardsBody, { message: 'body must be one of the StandardsBody values' }) body: StandardsBody;
  @Field({ description: 'Its designation at that body, e.g. "ECSS-E-ST-50C", 1 to 100 characters; unique per body.' }) @IsString() @Length(1, 100, { message: 'designation must be 1 to 100 characters' }) designation: string;
  @Field({ description: 'Its title, 1 to 300 characters.' }) @IsString() @Length(1, 300, { message: 'title must be 1 to 300 characters' }) title: string;
  @Field({ nullable: true, description: 'What it covers, at most 5000 characters; the duplication check compares it.' }) @IsOptional() @IsString() @MaxLength(5000, { message: 'scope must be at most 5000 characters' }) scope?: string;
  @Field({ nullable: true, description: 'Where to read it: an http(s) address, at most 2000 characters.' })
  @IsOptional() @MaxLength(2000, { message: 'url must be at most 2000 characters' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) address' })
  url?: string;

  @Field(() => ID, { nullable: true, description: 'An external standard this one is another edition of (an EN twin of an ECSS standard); duplicationCheck reports the twins as one overlap.' })
  @IsOptional() @IsUUID('all', { message: 'equivalentTo must be an external standard id' })
  equivalentTo?: string;
}

/** Twins are set when the entry is added. */
@InputType({ description: 'A correction of a catalogue entry: only the fields given change; null clears the scope or the url.' })
export class UpdateExternalStandardInput extends PartialType(OmitType(ExternalStandardInput, ['equivalentTo'] as const)) {
  @Field(() => ExternalStatus, { nullable: true, description: 'A replaced entry (see replacedById) cannot be CURRENT.' })
  @IsOptional() @IsEnum(ExternalStatus, { message: 'status must be CURRENT, SUPERSEDED or WITHDRAWN' })
  status?: ExternalStatus;

  @Field({ nullable: true, description: "The date (YYYY-MM-DD) the status was checked against the publisher's list." })
  @IsOptional() @IsDateString({ strict: true }, { message: 'asOf must be a date, YYYY-MM-DD' }) @MaxLength(10, { message: 'asOf must be a date, YYYY-MM-DD' })
  asOf?: string;

  @Field(() => Int, { nullable: true, description: 'Year the issue was published; null clears it.' })
  @IsOptional() @IsInt({ message: 'published must be a year' }) @Min(1900, { message: 'published must be a year from 1900 to 2200' }) @Max(2200, { message: 'published must be a year from 1900 to 2200' })
  published?: number | null;

  @Field(() => ID, { nullable: true, description: 'The catalogue entry that replaces this one (a REPLACES link from it); null removes the replacements recorded.' })
  @IsOptional() @IsUUID('all', { message: 'replacedById must be an external standard id' })
  replacedById?: string | null;
}

@InputType({ description: 'How a workbench standard relates to an external one.' })
export class RelateStandardInput {
  @Field(() => ID, { description: 'The workbench standard.' }) @IsUUID('all', { message: 'standardId must be a standard id' }) standardId: string;
  @Field(() => ID, { description: 'The external standard of the catalogue.' }) @IsUUID('all', { message: 'externalId must be an external standard id' }) externalId: string;
  @Field(() => RelationKind, { description: 'How the workbench standard relates to it.' }) @IsEnum(RelationKind, { message: 'kind must be one of the RelationKind values' }) kind: RelationKind;
  @Field({ nullable: true, description: 'An explanation, at most 2000 characters.' }) @IsOptional() @IsString() @MaxLength(2000, { message: 'note must be at most 2000 characters' }) note?: string;
}
