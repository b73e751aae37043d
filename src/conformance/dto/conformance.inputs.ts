import { Field, ID, InputType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { ConformanceLevel } from '../conformance-claim.entity';

@InputType({ description: "A product to register for the caller's vendor organization." })
export class RegisterProductInput {
  @Field({ description: 'The product\'s name, 1 to 200 characters.' }) @IsString() @Length(1, 200, { message: 'name must be 1 to 200 characters' }) name: string;
  @Field({ description: 'The product\'s own version or release, e.g. "2.4.1", 1 to 60 characters.' }) @IsString() @Length(1, 60, { message: 'productVersion must be 1 to 60 characters' }) productVersion: string;
  @Field({ nullable: true, description: 'What the product is, at most 5000 characters.' })
  @IsOptional() @IsString() @MaxLength(5000, { message: 'description must be at most 5000 characters' })
  description?: string;
}

@InputType({ description: 'A correction of a product: only the fields given change; an empty description clears it.' })
export class UpdateProductInput extends PartialType(RegisterProductInput) {}

@InputType({ description: 'How a product conforms to one provision, by its requirement key.' })
export class ClaimInput {
  @Field({ description: 'The stable key of a provision of the version (Requirement.key), 1 to 100 characters.' }) @IsString() @Length(1, 100, { message: 'requirementKey must be 1 to 100 characters' }) requirementKey: string;
  @Field(() => ConformanceLevel, { description: 'The PICS support answer for that provision.' }) @IsEnum(ConformanceLevel, { message: 'level must be a ConformanceLevel' }) level: ConformanceLevel;
  @Field({ nullable: true, description: 'Why the claim holds: test reports, documents, notes; at most 5000 characters.' })
  @IsOptional() @IsString() @MaxLength(5000, { message: 'evidence must be at most 5000 characters' })
  evidence?: string;
  @Field({ nullable: true, description: 'The PICS "values supported": ranges, options or parameters the product supports for this provision.' })
  @IsOptional() @IsString() @MaxLength(2000, { message: 'valuesSupported must be at most 2000 characters' })
  valuesSupported?: string;
}

@InputType({ description: "Claims for one product against one version of a standard; they replace the product's earlier claims on the keys given." })
export class SetConformanceInput {
  @Field(() => ID, { description: 'A product of the caller\'s vendor organization.' }) @IsUUID('all', { message: 'productId must be a product id' }) productId: string;
  @Field(() => ID, { description: 'The standard the claims are about.' }) @IsUUID('all', { message: 'standardId must be a standard id' }) standardId: string;
  @Field(() => ID, { description: 'The version whose requirement text the claims are made against.' })
  @IsUUID('all', { message: 'versionId must be a version id' })
  versionId: string;
  @Field(() => [ClaimInput], { description: 'Replaces the claims on the same keys; the whole set lands or none of it.' })
  @ArrayMinSize(1, { message: 'claims must name at least one requirement' })
  @ArrayMaxSize(2000, { message: 'claims must have at most 2000 entries' })
  @ValidateNested({ each: true })
  @Type(() => ClaimInput)
  claims: ClaimInput[];
}
