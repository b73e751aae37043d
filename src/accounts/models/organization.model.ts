import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganizationKind } from '../organization.entity';

registerEnumType(OrganizationKind, { name: 'OrganizationKind' });

@ObjectType('Organization')
export class OrganizationModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => OrganizationKind) kind: OrganizationKind;
  /** Resolved by OrganizationsResolver.nation. */
  nationCode: string | null;
}
