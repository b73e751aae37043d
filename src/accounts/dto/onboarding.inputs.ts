import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { JoinRequestStatus } from '../join-request.entity';

@InputType({ description: "A commercial provider's request to join: the company, its Allied nation, its website and why." })
export class RequestToJoinInput {
  @Field({ description: "The company's name, 1 to 200 characters." }) @IsString() @Length(1, 200, { message: 'company must be 1 to 200 characters' }) company: string;

  @Field({ description: 'The Allied nation the company is from: ISO 3166-1 alpha-3 code such as FRA (upper case).' })
  @Matches(/^[A-Z]{3}$/, { message: 'nationCode must be an ISO 3166-1 alpha-3 code such as FRA' })
  nationCode: string;

  @Field({ description: "The company's website, http:// or https://, at most 500 characters." })
  @MaxLength(500) @Matches(/^https?:\/\/[^\s/$.?#][^\s]*$/i, { message: 'website must be an http:// or https:// address' })
  website: string;

  @Field({ description: 'Why the provider wants to join, 1 to 4000 characters.' }) @IsString() @Length(1, 4000, { message: 'reason must be 1 to 4000 characters' }) reason: string;
}

@InputType({ description: 'Which join requests to list.' })
export class JoinRequestFilter {
  @Field(() => JoinRequestStatus, { nullable: true, description: 'Only requests in this status; omitted: all.' })
  @IsOptional() @IsEnum(JoinRequestStatus) status?: JoinRequestStatus;
}

@InputType({ description: 'Approves a join request: a new VENDOR organization, or an existing one the secretariat chooses.' })
export class ApproveJoinRequestInput {
  @Field(() => ID, { description: 'The request to approve.' }) @IsUUID('all', { message: 'id must be a join request id' }) id: string;

  @Field(() => ID, { nullable: true, description: 'Join the applicant to this existing VENDOR organization; omitted: create one named after the company.' })
  @IsOptional() @IsUUID('all', { message: 'organizationId must be an organization id' })
  organizationId?: string;
}

@InputType({ description: 'A colleague to invite into the caller’s vendor organization.' })
export class InviteToOrganizationInput {
  @Field({ description: 'The address to mail the invitation to, at most 254 characters.' })
  @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email: string;
}
