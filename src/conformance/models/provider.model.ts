import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { NationModel } from '../../accounts/models/nation.model';
import { Connection } from '../../common/pagination';

@ObjectType('ProviderProduct', { description: 'A product of a provider, as listed in the directory.' })
export class ProviderProductModel {
  @Field(() => ID, { description: "The product's id." }) id: string;
  @Field({ description: "The product's name." }) name: string;
  @Field({ description: "The product's version." }) productVersion: string;
}

@ObjectType('ProviderStandard', { description: "A standard a provider's products state conformance to (from their conformance claims)." })
export class ProviderStandardModel {
  @Field(() => ID, { description: "The standard's id." }) standardId: string;
  @Field({ description: 'Its designation, e.g. STANAG 4791.' }) designation: string;
  @Field({ description: 'Its title.' }) title: string;
  @Field(() => Int, { description: "How many of the provider's products claim conformance (CONFORMANT) to at least one of its provisions." }) conformantProducts: number;
}

@ObjectType('Provider', { description: 'An approved commercial provider (a VENDOR organization) in the provider directory.' })
export class ProviderModel {
  @Field(() => ID, { description: "The organization's id." }) id: string;
  @Field({ description: "The provider's name." }) name: string;
  @Field(() => NationModel, { nullable: true, description: 'The Allied nation it is from, when known.' }) country: NationModel | null;
  @Field(() => String, { nullable: true, description: 'Its website, when known.' }) website: string | null;
  @Field({ description: 'True when the provider agreed to appear in the public directory.' }) publicListing: boolean;
  @Field(() => [ProviderProductModel], { description: 'Its products, by name.' }) products: ProviderProductModel[];
  @Field(() => [ProviderStandardModel], { description: 'The standards its products state conformance to, that the reader may see, by designation.' }) standards: ProviderStandardModel[];
}

@ObjectType('ProviderConnection', { description: 'A page of the provider directory, by name (Relay connection).' })
export class ProviderConnection extends Connection(ProviderModel, 'Provider') {}

@InputType({ description: 'Narrows the provider directory; every field given must match.' })
export class ProviderFilter {
  @Field({ nullable: true, description: 'Only providers from this nation: ISO 3166-1 alpha-3 code such as FRA (upper case).' })
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'nationCode must be an ISO 3166-1 alpha-3 code such as FRA' })
  nationCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only providers whose products state conformance to this standard.' })
  @IsOptional() @IsUUID('all', { message: 'standardId must be a standard id' })
  standardId?: string;

  @Field({ nullable: true, description: 'Part of the provider name, any case.' })
  @IsOptional() @IsString() @MaxLength(200) text?: string;
}
