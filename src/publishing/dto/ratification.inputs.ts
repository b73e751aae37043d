import { Type } from 'class-transformer';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { RatificationResponse } from '../../ballots/ballot.entity';
import { ReservationInput } from '../../ballots/dto/ballot.inputs';

@InputType({ description: 'A nation that had not ratified when the edition was promulgated ratifies it now.' })
export class RatifyEditionInput {
  @Field(() => ID, { description: 'The edition in force to ratify.' }) @IsUUID('all', { message: 'editionId must be an edition id' }) editionId: string;
  @Field(() => RatificationResponse, { description: 'One of the three RATIFIED_* responses.' })
  @IsEnum(RatificationResponse) response: RatificationResponse;
  @Field(() => [ReservationInput], { nullable: true, description: 'At most 100 reservations, each on a clause of the edition or the whole document; none when omitted.' })
  @IsOptional() @ArrayMaxSize(100, { message: 'reservations: at most 100' }) @ValidateNested({ each: true }) @Type(() => ReservationInput)
  reservations?: ReservationInput[];
  @Field({ nullable: true, description: 'Required for RATIFIED_FUTURE_IMPLEMENTATION (the planned date) and RATIFIED_IMPLEMENTING (the date implementation began).' })
  @IsOptional() @IsDate({ message: 'implementationDate must be a date-time' })
  implementationDate?: Date;
  @Field({ nullable: true, description: 'The national document that ratifies or implements it, at most 200 characters.' }) @IsOptional() @IsString() @MaxLength(200, { message: 'nationalReference must be at most 200 characters' })
  nationalReference?: string;
}

@InputType({ description: 'A ratifying nation changes its implementation status, e.g. from RATIFIED_FUTURE_IMPLEMENTATION to RATIFIED_IMPLEMENTING with the actual date.' })
export class ChangeImplementationInput {
  @Field(() => ID, { description: 'The edition in force the caller\'s nation has ratified.' }) @IsUUID('all', { message: 'editionId must be an edition id' }) editionId: string;
  @Field(() => RatificationResponse, { description: 'One of the three RATIFIED_* responses.' })
  @IsEnum(RatificationResponse) response: RatificationResponse;
  @Field({ nullable: true, description: 'Required for RATIFIED_IMPLEMENTING (the actual date) and RATIFIED_FUTURE_IMPLEMENTATION (the planned date).' })
  @IsOptional() @IsDate({ message: 'implementationDate must be a date-time' })
  implementationDate?: Date;
}

@InputType({ description: 'A ratifying nation withdraws one of its reservations.' })
export class WithdrawReservationInput {
  @Field(() => ID, { description: 'The edition in force the caller\'s nation has ratified with reservations.' }) @IsUUID('all', { message: 'editionId must be an edition id' }) editionId: string;
  @Field(() => Int, { description: 'Position (1, 2 …) of the reservation in the nation\'s current reservations, as Edition.currentRatification lists them.' })
  @IsInt({ message: 'index must be an integer' }) @Min(1, { message: 'index must be at least 1' }) @Max(100, { message: 'index must be at most 100' })
  index: number;
}

@InputType({ description: 'A correction or amendment promulgated without a new ratification: the next Version of the same edition.' })
export class PromulgateCorrectionInput {
  @Field(() => ID, { description: 'The edition in force to correct.' }) @IsUUID('all', { message: 'editionId must be an edition id' }) editionId: string;
  @Field({ description: 'The corrected Markdown text, whole.' }) @IsString() @Length(1, 5_000_000, { message: 'text must not be empty' }) text: string;
  @Field({ description: 'Why the correction is made; shown with the version and kept in the audit log.' })
  @IsString() @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason: string;
}
