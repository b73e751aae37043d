import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller, Role } from '../common/caller';
import { Ctx, CurrentCaller, GqlContext } from '../common/context';
import { CreateOrganizationInput } from './dto/account.inputs';
import { NationModel } from './models/nation.model';
import { OrganizationModel } from './models/organization.model';
import { OrganizationKind } from './organization.entity';
import { OrganizationsService } from './organizations.service';
import { nationLoader } from './users.resolver';

@Resolver(() => OrganizationModel)
@Allow('ANYONE')
export class OrganizationsResolver {
  constructor(private readonly orgs: OrganizationsService) {}

  @Query(() => [NationModel], { description: 'Anyone: the Allied nations (ISO 3166-1 alpha-3 codes).' })
  @Allow('ANYONE')
  nations() {
    return this.orgs.nations();
  }

  @Query(() => [OrganizationModel], { description: 'Any signed-in person: the organizations (secretariat, national bodies, vendors).' })
  @Allow('SIGNED_IN')
  organizations(@Args('kind', { type: () => OrganizationKind, nullable: true, description: 'Only organizations of this kind.' }) kind?: OrganizationKind) {
    return this.orgs.list(kind);
  }

  @Mutation(() => OrganizationModel, { description: 'ADMIN: creates an organization; VENDOR roles are bound to vendor organizations.' })
  @Allow(Role.ADMIN)
  createOrganization(@CurrentCaller() caller: Caller, @Args('input', { description: 'Name, kind and nation.' }) input: CreateOrganizationInput) {
    return this.orgs.create(caller, input);
  }

  @ResolveField(() => NationModel, { nullable: true, description: 'The nation it belongs to, if any.' })
  nation(@Parent() org: OrganizationModel, @Ctx() ctx: GqlContext) {
    return org.nationCode ? nationLoader(ctx, this.orgs).load(org.nationCode) : null;
  }
}
