import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller, hasRole, Role } from '../common/caller';
import { CurrentCaller } from '../common/context';
import { MyWorkModel } from '../comments/models/my-work.model';
import { ConformanceService } from './conformance.service';
import { ConformanceClaimModel } from './models/conformance.model';

/** The vendors' part of myWork: claims on their products whose provision changed since. */
@Resolver(() => MyWorkModel)
@Allow('SIGNED_IN')
export class MyWorkClaimsResolver {
  constructor(private readonly conformance: ConformanceService) {}

  @ResolveField(() => [ConformanceClaimModel], { description: 'For vendors: stale claims on the products of the caller\'s organization.' })
  async staleClaims(@Parent() _work: MyWorkModel, @CurrentCaller() caller: Caller) {
    if (!hasRole(caller, Role.VENDOR) || !caller.organizationId) return [];
    const products = await this.conformance.list(caller, caller.organizationId);
    if (!products.length) return [];
    return (await this.conformance.claimsOfProducts(caller, products.map((p) => p.id))).filter((c) => c.stale);
  }
}
