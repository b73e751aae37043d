import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganizationKind } from '../organization.entity';

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: "What an organization is; it decides which webhook events it hears.",
  valuesMap: {
    SECRETARIAT: { description: "The Space Capabilities Group's secretariat." },
    NATIONAL_BODY: { description: "A nation's standardization body or its tools." },
    VENDOR: { description: "A commercial provider whose VENDOR members state conformance." },
  },
});

@ObjectType('Organization', { description: 'A body people belong to: the secretariat, a national body, or a vendor.' })
export class OrganizationModel {
  @Field(() => ID, { description: 'The organization\'s id.' }) id: string;
  @Field({ description: 'The organization\'s name.' }) name: string;
  @Field(() => OrganizationKind, { description: 'Secretariat, national body or vendor.' }) kind: OrganizationKind;
  @Field(() => String, { nullable: true, description: "The organization's website, if known." }) website: string | null;
  @Field({ description: 'A vendor that agreed to appear in the public provider directory (set by its VENDOR_ADMIN).' }) publicListing: boolean;
  /** Resolved by OrganizationsResolver.nation. */
  nationCode: string | null;
}
