import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { MissionArea } from '../../common/mission-area';
import { NeedPriority, NeedStatus, NeedVisibility } from '../need.entity';

/** raiseNeed's and amendNeed's limits, declared once so their messages stay the same. */
const TitleRule = () => applyDecorators(IsString(), Length(1, 300, { message: 'title must be 1 to 300 characters' }));
const StatementRule = () => applyDecorators(IsString(), Length(1, 10000, { message: 'statement must be 1 to 10000 characters' }));

@InputType({ description: 'A new interoperability need.' })
export class RaiseNeedInput {
  @Field({ description: 'A short title, 1 to 300 characters.' }) @TitleRule() title: string;
  @Field({ description: 'What the Alliance needs and why, 1 to 10000 characters.' }) @StatementRule() statement: string;
  @Field(() => MissionArea, { description: 'The mission area it is filed under.' }) @IsEnum(MissionArea) missionArea: MissionArea;
  @Field(() => NeedPriority, { description: 'How urgent it is.' }) @IsEnum(NeedPriority) priority: NeedPriority;
  @Field(() => NeedVisibility, { description: 'Who may read it: NATIONS, INDUSTRY or PUBLIC.' }) @IsEnum(NeedVisibility) visibility: NeedVisibility;
  @Field(() => [String], { nullable: true, description: 'The nations that share the need (ISO 3166-1 alpha-3 codes); the raiser\'s nation is added.' })
  @IsOptional() @IsArray() @ArrayMaxSize(32) @Matches(/^[A-Za-z]{3}$/, { each: true, message: 'sharingNationCodes must be 3-letter ISO 3166-1 alpha-3 codes' })
  sharingNationCodes?: string[];
}

@InputType({
  description: 'An amendment of a need: the fields to change (omitted ones stay), the revision the author saw, and the reason (wanted once the need is ACCEPTED).',
})
export class AmendNeedInput {
  @Field(() => ID, { description: 'The need.' }) @IsUUID('all', { message: 'needId must be a need id' }) needId: string;
  @Field(() => Int, { description: 'The need\'s revision the author amended (InteroperabilityNeed.revision); another amendment landed meanwhile is a CONFLICT.' })
  @IsInt() @Min(0) expectedRevision: number;
  @Field(() => String, { nullable: true, description: 'The new title, 1 to 300 characters.' }) @IsOptional() @TitleRule() title?: string | null;
  @Field(() => String, { nullable: true, description: 'The new statement, 1 to 10000 characters.' }) @IsOptional() @StatementRule() statement?: string | null;
  @Field(() => MissionArea, { nullable: true, description: 'The new mission area.' }) @IsOptional() @IsEnum(MissionArea) missionArea?: MissionArea | null;
  @Field(() => NeedPriority, { nullable: true, description: 'The new priority.' }) @IsOptional() @IsEnum(NeedPriority) priority?: NeedPriority | null;
  @Field(() => String, { nullable: true, description: 'Why, 1 to 2000 characters: kept in the revision; required once the need is ACCEPTED.' })
  @IsOptional() @IsString() @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' }) reason?: string | null;
}

@InputType('InteroperabilityNeedFilter', { description: 'Narrows the needs list; all given conditions must hold.' })
export class NeedFilterInput {
  @Field(() => NeedStatus, { nullable: true, description: 'Only needs in this status.' }) @IsOptional() @IsEnum(NeedStatus) status?: NeedStatus;
  @Field(() => MissionArea, { nullable: true, description: 'Only needs of this mission area.' }) @IsOptional() @IsEnum(MissionArea) missionArea?: MissionArea;
  @Field(() => NeedPriority, { nullable: true, description: 'Only needs of this priority.' }) @IsOptional() @IsEnum(NeedPriority) priority?: NeedPriority;
  @Field(() => NeedVisibility, { nullable: true, description: 'Only needs of this visibility.' }) @IsOptional() @IsEnum(NeedVisibility) visibility?: NeedVisibility;
  @Field({ nullable: true, description: 'Words matched in the title and statement (full-text, English stemming), at most 200 characters.' })
  @IsOptional() @IsString() @MaxLength(200, { message: 'filter.text must be at most 200 characters' }) text?: string;
}

@ArgsType()
export class NeedIdArgs {
  @Field(() => ID, { description: 'The need.' }) @IsUUID('all', { message: 'needId must be a need id' }) needId: string;
}

@ArgsType()
export class RejectNeedArgs extends NeedIdArgs {
  @Field({ description: 'Why the need is not taken up; kept on the need and in its history.' })
  @IsString() @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' }) reason: string;
}

@ArgsType()
export class NeedStandardArgs extends NeedIdArgs {
  @Field(() => ID, { description: 'The standard that addresses the need.' }) @IsUUID('all', { message: 'standardId must be a standard id' }) standardId: string;
}
