import { Type } from 'class-transformer';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize, IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { BallotShortfall, RatificationResponse } from '../ballot.entity';

@InputType({ description: 'A ballot to open: the standard, its threshold and closing time.' })
export class OpenBallotInput {
  @Field(() => ID, { description: 'A DRAFTING standard with no open comment round and no unresolved comment; it becomes IN_RATIFICATION.' }) @IsUUID('all', { message: 'standardId must be a standard id' }) standardId: string;
  @Field(() => ID, { description: 'The current version of that standard: the text to ratify, frozen while the ballot runs.' }) @IsUUID('all', { message: 'versionId must be a version id' }) versionId: string;
  @Field({ nullable: true, description: 'Defaults to now.' }) @IsOptional() @IsDate({ message: 'opensAt must be a date-time' }) opensAt?: Date;
  @Field({ description: 'The deadline for responses (ISO 8601 date-time), after opensAt and in the future by the database clock.' }) @IsDate({ message: 'closesAt must be a date-time' }) closesAt: Date;
  /** The upper bound, the number of Allies, is checked in the service against the nation table. */
  @Field(() => Int, { nullable: true, description: 'Ratifying nations needed; without it, a majority of the Allies (17 of 32).' })
  @IsOptional() @IsInt({ message: 'threshold must be an integer' }) @Min(1, { message: 'threshold must be at least 1' })
  @Max(32, { message: 'threshold must be at most 32, the number of Allies' })
  threshold?: number;
  @Field(() => BallotShortfall, { nullable: true, description: 'Without it, FAIL: a ballot short of its threshold at closesAt fails.' })
  @IsOptional() @IsEnum(BallotShortfall) onShortfall?: BallotShortfall;
}

@ArgsType()
export class ExtendBallotArgs {
  @Field(() => ID, { description: 'A ballot still undecided (outcome PENDING), including one AWAITING_DECISION after a shortfall.' }) @IsUUID('all', { message: 'ballotId must be a ballot id' }) ballotId: string;
  @Field({ description: 'The new deadline: later than the current one and than now.' }) @IsDate({ message: 'closesAt must be a date-time' }) closesAt: Date;
  @Field({ description: 'Why the period is extended, e.g. too few responses to reach the threshold; kept with the extension and in the audit log.' })
  @IsString() @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason: string;
}

@InputType({ description: 'A reservation: the clause it concerns (optional) and its text.' })
export class ReservationInput {
  @Field(() => String, { nullable: true, description: 'A clause number of the text ratified (the version balloted, or the edition\'s), at most 40 characters; null for the whole document.' }) @IsOptional() @IsString() @MaxLength(40, { message: 'reservations.clause must be at most 40 characters' })
  clause?: string | null;
  @Field({ description: 'The reservation, 1 to 5000 characters.' }) @IsString() @Length(1, 5000, { message: 'reservations.text must be 1 to 5000 characters' }) text: string;
}

@InputType({ description: "A nation's ratification response, with its reservations and implementation date where they apply." })
export class CastResponseInput {
  @Field(() => ID, { description: 'An OPEN ballot, before its closesAt by the database clock.' }) @IsUUID('all', { message: 'ballotId must be a ballot id' }) ballotId: string;
  @Field(() => RatificationResponse, { description: 'The nation\'s response; it replaces any earlier one (revision counts up).' }) @IsEnum(RatificationResponse) response: RatificationResponse;
  @Field(() => [ReservationInput], { nullable: true, description: 'At most 100 reservations, each on a clause of the balloted version or the whole document; none when omitted.' })
  @IsOptional() @ArrayMaxSize(100, { message: 'reservations: at most 100' }) @ValidateNested({ each: true }) @Type(() => ReservationInput)
  reservations?: ReservationInput[];
  @Field({ nullable: true, description: 'Required for RATIFIED_FUTURE_IMPLEMENTATION.' })
  @IsOptional() @IsDate({ message: 'implementationDate must be a date-time' })
  implementationDate?: Date;
  @Field({ nullable: true, description: 'The national document that ratifies or implements it, at most 200 characters.' }) @IsOptional() @IsString() @MaxLength(200, { message: 'nationalReference must be at most 200 characters' })
  nationalReference?: string;
}
