import { Field, ID, InputType, OmitType, PartialType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUrl, IsUUID, Length, MaxLength } from 'class-validator';
import { RelationKind, StandardsBody } from '../external-standard.entity';

@InputType()
export class ExternalStandardInput {
  @Field(() => StandardsBody) @IsEnum(StandardsBody, { message: 'body must be one of the StandardsBody values' }) body: StandardsBody;
  @Field() @IsString() @Length(1, 100, { message: 'designation must be 1 to 100 characters' }) designation: string;
  @Field() @IsString() @Length(1, 300, { message: 'title must be 1 to 300 characters' }) title: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000, { message: 'scope must be at most 5000 characters' }) scope?: string;
  @Field({ nullable: true })
  @IsOptional() @MaxLength(2000, { message: 'url must be at most 2000 characters' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) address' })
  url?: string;

  @Field(() => ID, { nullable: true, description: 'An external standard this one is another edition of (an EN twin of an ECSS standard); duplicationCheck reports the twins as one overlap.' })
  @IsOptional() @IsUUID('all', { message: 'equivalentTo must be an external standard id' })
  equivalentTo?: string;
}

/** Only the fields given change; null clears the scope or the url. Twins are set when the entry is added. */
@InputType()
export class UpdateExternalStandardInput extends PartialType(OmitType(ExternalStandardInput, ['equivalentTo'] as const)) {}

@InputType()
export class RelateStandardInput {
  @Field(() => ID) @IsUUID('all', { message: 'standardId must be a standard id' }) standardId: string;
  @Field(() => ID) @IsUUID('all', { message: 'externalId must be an external standard id' }) externalId: string;
  @Field(() => RelationKind) @IsEnum(RelationKind, { message: 'kind must be one of the RelationKind values' }) kind: RelationKind;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000, { message: 'note must be at most 2000 characters' }) note?: string;
}
