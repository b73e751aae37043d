import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OrganizationModel } from '../accounts/models/organization.model';
import { OrganizationsService } from '../accounts/organizations.service';
import { organizationLoader } from '../accounts/users.resolver';
import { Allow, Scopes } from '../common/access';
import { Caller, Role } from '../common/caller';
import { Ctx, CurrentCaller, GqlContext, groupBy, indexBy } from '../common/context';
import { LIST_AFTER, LIST_FIRST, MAX_LIST } from '../common/pagination';
import { StandardVersionModel } from '../standards/models/standard-version.model';
import { StandardModel } from '../standards/models/standard.model';
import { StandardsService } from '../standards/standards.service';
import { StandardVersionEntity } from '../standards/standard-version.entity';
import { VersionsService } from '../standards/versions.service';
import { ClaimView, ConformanceService } from './conformance.service';
import { RegisterProductInput, SetConformanceInput, UpdateProductInput } from './dto/conformance.inputs';
import { ConformanceClaimModel, ConformanceReportModel, MatrixCellModel, PicsSupport, ProductModel, SUPPORT_OF } from './models/conformance.model';
import { ProductEntity } from './product.entity';

/** Vendors for their own products; the Alliance's roles read them all. */
const READERS = [Role.VENDOR, Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE, Role.ADMIN] as const;

function productLoader(ctx: GqlContext, caller: Caller, conformance: ConformanceService) {
  return ctx.loaders.get<string, ProductEntity | null>('conformance.productById', async (ids) =>
    indexBy(ids, await conformance.productsByIds(caller, ids), (p) => p.id),
  );
}

@Resolver(() => ProductModel)
@Allow(...READERS)
export class ProductsResolver {
  constructor(private readonly conformance: ConformanceService, private readonly orgs: OrganizationsService) {}

  @Query(() => [ProductModel], { description: "A VENDOR sees its own organization's products only." })
  @Allow(...READERS)
  @Scopes('conformance:read')
  products(
    @CurrentCaller() caller: Caller,
    @Args('organizationId', { type: () => ID, nullable: true, description: 'Only products of this vendor organization.' }) organizationId?: string,
    @Args('first', LIST_FIRST) first?: number,
    @Args('after', LIST_AFTER) after?: string,
  ) {
    return this.conformance.list(caller, organizationId, { first, after });
  }

  @Query(() => ProductModel, {
    nullable: true, description: "VENDOR (its own organization's), SECRETARIAT, EXPERT, DELEGATE or ADMIN: one product with its claims; null when not visible.",
  })
  @Allow(...READERS)
  @Scopes('conformance:read')
  product(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'The product\'s id.' }) id: string) {
    return this.conformance.requireProduct(caller, id);
  }

  @Query(() => ConformanceReportModel, { description: 'Against versionId, else the edition in force, else the current version.' })
  @Allow(...READERS)
  @Scopes('conformance:read')
  conformanceReport(
    @CurrentCaller() caller: Caller,
    @Args('productId', { type: () => ID, description: 'The product to assess.' }) productId: string,
    @Args('standardId', { type: () => ID, description: 'The standard to assess it against.' }) standardId: string,
    @Args('versionId', { type: () => ID, nullable: true, description: 'A version of that standard; omit for the edition in force, else the current version.' }) versionId?: string,
  ) {
    return this.conformance.report(caller, productId, standardId, versionId);
  }

  @Query(() => [MatrixCellModel], { description: 'Without productIds, every product the caller may see.' })
  @Allow(...READERS)
  @Scopes('conformance:read')
  interoperabilityMatrix(
    @CurrentCaller() caller: Caller,
    @Args('standardIds', { type: () => [ID], description: 'The columns: at most 100 standards; those the caller may not read are left out.' }) standardIds: string[],
    @Args('productIds', { type: () => [ID], nullable: true, description: 'The rows: at most 500 products; omit for every product the caller may see, paged by first and after.' }) productIds?: string[],
    @Args('first', { ...LIST_FIRST, description: `Without productIds: how many products, in name order (at most ${MAX_LIST}).` }) first?: number,
    @Args('after', { ...LIST_AFTER, description: 'Without productIds: the id of the last product received; the matrix continues after it.' }) after?: string,
  ) {
    return this.conformance.matrix(caller, standardIds, productIds, { first, after });
  }

  @Mutation(() => ProductModel, { description: "VENDOR: registers a product of the caller's vendor organization." })
  @Allow(Role.VENDOR)
  @Scopes('conformance:write')
  registerProduct(@CurrentCaller() caller: Caller, @Args('input', { description: 'The product\'s name, version and description.' }) input: RegisterProductInput) {
    return this.conformance.register(caller, input);
  }

  @Mutation(() => ProductModel, { description: "VENDOR of the product's own organization: renames it or changes its version or description; audited." })
  @Allow(Role.VENDOR)
  @Scopes('conformance:write')
  updateProduct(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID, description: 'A product of the caller\'s organization.' }) id: string,
    @Args('input', { description: 'The fields to change.' }) input: UpdateProductInput) {
    return this.conformance.updateProduct(caller, id, input);
  }

  @Mutation(() => [ConformanceClaimModel], {
    description: "VENDOR: states, per requirement key, how a product of the caller's organization conforms to a version of a standard (with evidence); claims on changed wording become stale.",
  })
  @Allow(Role.VENDOR)
  @Scopes('conformance:write')
  setConformance(@CurrentCaller() caller: Caller, @Args('input', { description: 'The product, standard, version and claims.' }) input: SetConformanceInput) {
    return this.conformance.setConformance(caller, input);
  }

  @ResolveField(() => OrganizationModel, { description: 'The vendor organization that makes the product.' })
  organization(@Parent() product: ProductModel, @Ctx() ctx: GqlContext) {
    return organizationLoader(ctx, this.orgs).load(product.organizationId);
  }

  @ResolveField(() => [ConformanceClaimModel], { description: 'Stale against each standard\'s edition in force, else its current version.' })
  claims(
    @Parent() product: ProductModel,
    @Ctx() ctx: GqlContext,
    @CurrentCaller() caller: Caller,
    @Args('standardId', { type: () => ID, nullable: true, description: 'Only claims on this standard; omit for all.' }) standardId?: string,
  ) {
    return ctx.loaders
      .get<string, ClaimView[]>(`conformance.claimsByProduct:${standardId ?? '*'}`, async (ids) =>
        groupBy(ids, await this.conformance.claimsOfProducts(caller, ids, standardId), (c) => c.productId),
      )
      .load(product.id);
  }
}

/** A claim is reached only through a product the caller may see. */
@Resolver(() => ConformanceClaimModel)
@Allow(...READERS)
export class ClaimsResolver {
  constructor(
    private readonly conformance: ConformanceService,
    private readonly standards: StandardsService,
    private readonly versions: VersionsService,
  ) {}

  @ResolveField(() => ProductModel, { description: 'The product the claim is about.' })
  product(@Parent() claim: ConformanceClaimModel, @Ctx() ctx: GqlContext, @CurrentCaller() caller: Caller) {
    return productLoader(ctx, caller, this.conformance).load(claim.productId);
  }

  @ResolveField(() => StandardModel, { description: 'The standard of the provision claimed.' })
  standard(@Parent() claim: ConformanceClaimModel, @Ctx() ctx: GqlContext, @CurrentCaller() caller: Caller) {
    return ctx.loaders
      .get<string, StandardModel | null>('conformance.standardById', async (ids) =>
        indexBy(ids, await this.standards.byIds(caller, ids), (s) => s.id),
      )
      .load(claim.standardId);
  }

  @ResolveField(() => StandardVersionModel, { description: 'The version whose text the claim was made against.' })
  version(@Parent() claim: ConformanceClaimModel, @Ctx() ctx: GqlContext) {
    return ctx.loaders
      .get<string, StandardVersionEntity | null>('conformance.versionById', async (ids) =>
        indexBy(ids, await this.versions.byIds(ids), (v) => v.id),
      )
      .load(claim.versionId);
  }

  @ResolveField(() => PicsSupport, { description: 'The PICS support answer: Yes, No (PARTIAL included), or N/A.' })
  support(@Parent() claim: ConformanceClaimModel): PicsSupport {
    return SUPPORT_OF[claim.level];
  }
}
