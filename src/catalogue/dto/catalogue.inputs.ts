import { Field, ID, InputType, OmitType, PartialType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUrl, IsUUID, Length, MaxLength } from 'class-validator';
import { RelationKind, StandardsBody } from '../external-standard.entity';

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
export class UpdateExternalStandardInput extends PartialType(OmitType(ExternalStandardInput, ['equivalentTo'] as const)) {}

@InputType({ description: 'How a workbench standard relates to an external one.' })
export class RelateStandardInput {
  @Field(() => ID, { description: 'The workbench standard.' }) @IsUUID('all', { message: 'standardId must be a standard id' }) standardId: string;
  @Field(() => ID, { description: 'The external standard of the catalogue.' }) @IsUUID('all', { message: 'externalId must be an external standard id' }) externalId: string;
  @Field(() => RelationKind, { description: 'How the workbench standard relates to it.' }) @IsEnum(RelationKind, { message: 'kind must be one of the RelationKind values' }) kind: RelationKind;
  @Field({ nullable: true, description: 'An explanation, at most 2000 characters.' }) @IsOptional() @IsString() @MaxLength(2000, { message: 'note must be at most 2000 characters' }) note?: string;
}
