import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsBoolean, IsDate, IsEmail, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Role, TOKEN_SCOPES, TokenScope } from '../../common/caller';
import { OrganizationKind } from '../organization.entity';
import { IsAlliedPassword } from '../password';

@InputType({ description: 'A new account: address, password (policy applies) and display name.' })
export class RegisterInput {
  @Field({ description: 'The e-mail address to sign in with, at most 254 characters; the verification code is sent there.' }) @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email: string;

  @Field({ description: 'At least 12 characters, no spaces, upper and lower case letters, digits and symbols.' })
  @IsAlliedPassword()
  password: string;

  @Field({ description: 'The name others see, 1 to 120 characters.' }) @IsString() @Length(1, 120, { message: 'displayName must be 1 to 120 characters' }) displayName: string;
}

@InputType({ description: 'A role to grant to a person, with the nation or organization it is bound to.' })
export class GrantRoleInput {
  @Field(() => ID, { description: 'The person to grant it to.' }) @IsUUID('all', { message: 'userId must be a user id' }) userId: string;
  @Field(() => Role, { description: 'The role to grant.' }) @IsEnum(Role) role: Role;

  @Field({ nullable: true, description: 'Required for DELEGATE and EXPERT.' })
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'nationCode must be an ISO 3166-1 alpha-3 code such as FRA' })
  nationCode?: string;

  @Field(() => ID, { nullable: true, description: 'Required for VENDOR: the vendor organization.' })
  @IsOptional() @IsUUID('all', { message: 'organizationId must be an organization id' })
  organizationId?: string;
}

@InputType({ description: 'An organization to create.' })
export class CreateOrganizationInput {
  @Field({ description: 'The organization\'s name, 1 to 200 characters.' }) @IsString() @Length(1, 200, { message: 'name must be 1 to 200 characters' }) name: string;
  @Field(() => OrganizationKind, { description: 'Secretariat, national body or vendor.' }) @IsEnum(OrganizationKind) kind: OrganizationKind;

  @Field({ nullable: true, description: 'The nation it belongs to, as an ISO 3166-1 alpha-3 code such as FRA (upper case).' })
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'nationCode must be an ISO 3166-1 alpha-3 code such as FRA' })
  nationCode?: string;
}

@InputType({ description: 'Every field given must match; none given lists everyone.' })
export class UserFilter {
  @Field({ nullable: true, description: 'Part of the display name or the e-mail address, any case.' })
  @IsOptional() @IsString() @MaxLength(200) text?: string;

  @Field({ nullable: true, description: 'Only people bound to this nation: ISO 3166-1 alpha-3 code such as FRA (upper case).' })
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'nationCode must be an ISO 3166-1 alpha-3 code such as FRA' })
  nationCode?: string;

  @Field(() => Role, { nullable: true, description: 'Only people who hold this role.' }) @IsOptional() @IsEnum(Role) role?: Role;

  @Field(() => ID, { nullable: true, description: 'Only members of this organization.' })
  @IsOptional() @IsUUID('all', { message: 'organizationId must be an organization id' })
  organizationId?: string;

  @Field({ nullable: true, description: 'true: only deactivated accounts; false: only active ones.' })
  @IsOptional() @IsBoolean() deactivated?: boolean;
}

@InputType({ description: 'A personal access token to make for the caller.' })
export class CreatePersonalAccessTokenInput {
  @Field({ description: 'What the token is for, 1 to 100 characters, for example "CI of Orbit Relay".' })
  @IsString() @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name: string;

  @Field(() => [String], { description: `One or more of ${TOKEN_SCOPES.join(', ')}.` })
  @ArrayNotEmpty({ message: 'scopes must name at least one scope' }) @ArrayMaxSize(TOKEN_SCOPES.length)
  @IsIn(TOKEN_SCOPES, { each: true, message: `each scope must be one of ${TOKEN_SCOPES.join(', ')}` })
  scopes: TokenScope[];

  @Field({ nullable: true, description: 'When the token stops working: in the future and at most one year ahead. Defaults to 90 days.' })
  @IsOptional() @IsDate({ message: 'expiresAt must be a date-time' })
  expiresAt?: Date;
}
