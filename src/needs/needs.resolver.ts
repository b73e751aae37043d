import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NationModel } from '../accounts/models/nation.model';
import { UserModel } from '../accounts/models/user.model';
import { OrganizationsService } from '../accounts/organizations.service';
import { nationLoader, userLoader } from '../accounts/users.resolver';
import { UsersService } from '../accounts/users.service';
import { Allow, Scopes } from '../common/access';
import { Caller, hasRole, Role } from '../common/caller';
import { idParam } from '../common/id-param';
import { Ctx, CurrentCaller, GqlContext, groupBy, indexBy } from '../common/context';
import { CONNECTION_AFTER, CONNECTION_FIRST } from '../common/pagination';
import { StandardModel } from '../standards/models/standard.model';
import { StandardEntity } from '../standards/standard.entity';
import { StandardsService } from '../standards/standards.service';
import { AmendNeedInput, NeedFilterInput, NeedIdArgs, NeedStandardArgs, RaiseNeedInput, RejectNeedArgs } from './dto/need.inputs';
import { NeedEntity, needReference } from './need.entity';
import { NeedSort, NeedsService } from './needs.service';
import { NeedConnection, NeedModel, NeedRevisionModel, NeedTransitionModel, SimilarNeedModel } from './models/need.model';

/** The need as the API shows it: its reference computed once here. */
export const toNeedModel = (n: NeedEntity): NeedModel => ({ ...n, reference: needReference(n) });

@Resolver(() => NeedModel)
@Allow('ANYONE')
export class NeedsResolver {
  constructor(
    private readonly needs: NeedsService,
    private readonly standardsService: StandardsService,
    private readonly users: UsersService,
    private readonly orgs: OrganizationsService,
  ) {}

  @Query(() => NeedConnection, {
    name: 'interoperabilityNeeds',
    description: 'Anyone: the interoperability needs the caller may read (NATIONS for the Alliance, INDUSTRY also for vendors, PUBLIC for everyone), most supported first by default; a Relay connection.',
  })
  @Allow('ANYONE')
  @Scopes('standards:read')
  async list(
    @CurrentCaller() caller: Caller | null,
    @Args('filter', { type: () => NeedFilterInput, nullable: true, description: 'Narrows by status, mission area, priority, visibility or words; omit for all.' }) filter?: NeedFilterInput,
    @Args('sort', { type: () => NeedSort, nullable: true, description: 'The order; SUPPORT (most supporting nations first) by default.' }) sort?: NeedSort,
    @Args('first', CONNECTION_FIRST) first?: number,
    @Args('after', CONNECTION_AFTER) after?: string,
  ) {
    const page = await this.needs.list(caller, { filter, sort, first, after });
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toNeedModel(e.node) })), totalCount: page.totalCount };
  }

  @Query(() => NeedModel, { name: 'interoperabilityNeed', nullable: true, description: 'Anyone: one need by id; null when unknown or not visible to the caller.' })
  @Allow('ANYONE')
  @Scopes('standards:read')
  async one(@CurrentCaller() caller: Caller | null, @Args('id', { type: () => ID, description: 'The need\'s id.' }, idParam('id')) id: string) {
    const [need] = await this.needs.byIds(caller, [id]);
    return need ? toNeedModel(need) : null;
  }

  @Query(() => [SimilarNeedModel], {
    description: 'Any signed-in person: existing needs that look like a proposal (title trigrams, shared words of title and statement), best first; shown beside duplicationCheck.',
  })
  @Allow('SIGNED_IN')
  @Scopes('standards:read')
  async similarNeeds(
    @CurrentCaller() caller: Caller,
    @Args('title', { description: 'The proposal\'s title.' }) title: string,
    @Args('scope', { description: 'The proposal\'s scope.' }) scope: string,
    @Args('first', { type: () => Int, nullable: true, description: 'How many, 1 to 20, default 5.' }) first?: number,
  ) {
    return (await this.needs.similar(caller, { title: title.slice(0, 300), scope: scope.slice(0, 5000) }, first ?? 5)).map((s) => ({ ...s, need: toNeedModel(s.need) }));
  }

  @Mutation(() => NeedModel, { description: 'EXPERT or DELEGATE (for their nation, which supports it at once) or SECRETARIAT: raises a need (RAISED); audited.' })
  @Allow(Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT)
  async raiseNeed(@CurrentCaller() caller: Caller, @Args('input', { description: 'Title, statement, mission area, priority, visibility and the nations sharing it.' }) input: RaiseNeedInput) {
    return toNeedModel(await this.needs.raise(caller, input));
  }

  @Mutation(() => NeedModel, {
    description:
      'Amends a need\'s title, statement, mission area or priority (never its visibility nor its sharing nations). While RAISED: the person who raised it, a DELEGATE of the raising nation, ' +
      'or the SECRETARIAT; once ACCEPTED: the SECRETARIAT only, with a reason; ADDRESSED, CLOSED and REJECTED needs are never amended (INVALID_STATE). ' +
      'expectedRevision is the revision the author saw: CONFLICT when another amendment landed meanwhile. Changing nothing is BAD_USER_INPUT. ' +
      'Writes an immutable revision (InteroperabilityNeed.revisions), audited; the other nations supporting it and the need\'s followers are notified (NEED_AMENDED); supporting nations keep their support.',
  })
  @Allow(Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT)
  async amendNeed(@CurrentCaller() caller: Caller, @Args('input', { description: 'The need, the revision seen, the fields to change and the reason.' }) input: AmendNeedInput) {
    return toNeedModel(await this.needs.amend(caller, input));
  }

  @Mutation(() => NeedModel, { description: 'EXPERT or DELEGATE: their nation supports a RAISED or ACCEPTED need; a nation supports once (CONFLICT otherwise).' })
  @Allow(Role.EXPERT, Role.DELEGATE)
  async supportNeed(@CurrentCaller() caller: Caller, @Args() args: NeedIdArgs) {
    return toNeedModel(await this.needs.support(caller, args.needId));
  }

  @Mutation(() => NeedModel, { description: 'EXPERT or DELEGATE: withdraws their nation\'s support of a RAISED or ACCEPTED need.' })
  @Allow(Role.EXPERT, Role.DELEGATE)
  async withdrawNeedSupport(@CurrentCaller() caller: Caller, @Args() args: NeedIdArgs) {
    return toNeedModel(await this.needs.withdrawSupport(caller, args.needId));
  }

  @Mutation(() => NeedModel, { description: 'SECRETARIAT: accepts a RAISED need into the work programme (ACCEPTED).' })
  @Allow(Role.SECRETARIAT)
  async acceptNeed(@CurrentCaller() caller: Caller, @Args() args: NeedIdArgs) {
    return toNeedModel(await this.needs.accept(caller, args.needId));
  }

  @Mutation(() => NeedModel, { description: 'SECRETARIAT: rejects a RAISED or ACCEPTED need, with the reason.' })
  @Allow(Role.SECRETARIAT)
  async rejectNeed(@CurrentCaller() caller: Caller, @Args() args: RejectNeedArgs) {
    return toNeedModel(await this.needs.reject(caller, args.needId, args.reason));
  }

  @Mutation(() => NeedModel, { description: 'SECRETARIAT: marks an ACCEPTED need ADDRESSED by the standards linked to it (at least one).' })
  @Allow(Role.SECRETARIAT)
  async markNeedAddressed(@CurrentCaller() caller: Caller, @Args() args: NeedIdArgs) {
    return toNeedModel(await this.needs.markAddressed(caller, args.needId));
  }

  @Mutation(() => NeedModel, { description: 'SECRETARIAT: closes an ADDRESSED need (CLOSED).' })
  @Allow(Role.SECRETARIAT)
  async closeNeed(@CurrentCaller() caller: Caller, @Args() args: NeedIdArgs) {
    return toNeedModel(await this.needs.close(caller, args.needId));
  }

  @Mutation(() => NeedModel, {
    description: 'SECRETARIAT: links a standard that addresses the need; when the need is ACCEPTED and the standard PROMULGATED, the need becomes ADDRESSED at once.',
  })
  @Allow(Role.SECRETARIAT)
  async linkStandardToNeed(@CurrentCaller() caller: Caller, @Args() args: NeedStandardArgs) {
    return toNeedModel(await this.needs.linkStandard(caller, args.needId, args.standardId));
  }

  @Mutation(() => NeedModel, { description: 'SECRETARIAT: removes a standard\'s link to a need; an ADDRESSED need keeps at least one.' })
  @Allow(Role.SECRETARIAT)
  async unlinkStandardFromNeed(@CurrentCaller() caller: Caller, @Args() args: NeedStandardArgs) {
    return toNeedModel(await this.needs.unlinkStandard(caller, args.needId, args.standardId));
  }

  @ResolveField(() => NationModel, { nullable: true, description: 'The nation that raised it; null when the secretariat did.' })
  @Allow('ANYONE')
  raisingNation(@Parent() need: NeedModel, @Ctx() ctx: GqlContext) {
    return need.raisedByNation ? nationLoader(ctx, this.orgs).load(need.raisedByNation) : null;
  }

  @ResolveField(() => UserModel, { nullable: true, description: 'Signed-in readers: the person who raised it (display name and nation); null for anonymous readers.' })
  @Allow('ANYONE')
  raisedBy(@Parent() need: NeedModel, @Ctx() ctx: GqlContext, @CurrentCaller() caller: Caller | null) {
    return caller ? userLoader(ctx, this.users).load(need.raisedById) : null;
  }

  @ResolveField(() => [NationModel], { description: 'The nations that share the need, by code.' })
  @Allow('ANYONE')
  async sharingNations(@Parent() need: NeedModel, @Ctx() ctx: GqlContext) {
    const rows = await ctx.loaders.get<string, { code: string }[]>('needs.sharing', async (ids) => groupBy(ids, await this.needs.sharingNations(ids), (r) => r.needId)).load(need.id);
    return (await nationLoader(ctx, this.orgs).loadMany(rows.map((r) => r.code))).filter(Boolean);
  }

  @ResolveField(() => [NationModel], { description: 'The nations that support the need, in the order they did; as many as supportCount.' })
  @Allow('ANYONE')
  async supportingNations(@Parent() need: NeedModel, @Ctx() ctx: GqlContext) {
    const rows = await this.supportsOf(ctx, need.id);
    return (await nationLoader(ctx, this.orgs).loadMany(rows.map((r) => r.code))).filter(Boolean);
  }

  @ResolveField(() => Boolean, { description: 'True when the caller\'s nation supports the need; false for callers without a nation.' })
  @Allow('ANYONE')
  async supportedByMyNation(@Parent() need: NeedModel, @Ctx() ctx: GqlContext, @CurrentCaller() caller: Caller | null) {
    if (!caller?.nationCode || !hasRole(caller, Role.EXPERT, Role.DELEGATE)) return false;
    return (await this.supportsOf(ctx, need.id)).some((r) => r.code === caller.nationCode);
  }

  @ResolveField(() => [StandardModel], { description: 'The standards that address the need and that the caller may read, oldest link first.' })
  @Allow('ANYONE')
  async standards(@Parent() need: NeedModel, @Ctx() ctx: GqlContext, @CurrentCaller() caller: Caller | null) {
    const links = await ctx.loaders
      .get<string, { standardId: string }[]>('needs.standardsOf', async (ids) => groupBy(ids, await this.needs.links('need', ids), (l) => l.needId))
      .load(need.id);
    const visible = new Map((await this.standardsById(ctx, caller, links.map((l) => l.standardId))).map((s) => [s.id, s]));
    return links.flatMap((l) => visible.get(l.standardId) ?? []);
  }

  @ResolveField(() => [NeedTransitionModel], { description: 'Its lifecycle, oldest step first: raised, accepted, addressed, closed or rejected.' })
  @Allow('ANYONE')
  history(@Parent() need: NeedModel, @Ctx() ctx: GqlContext) {
    return ctx.loaders.get<string, NeedTransitionModel[]>('needs.history', async (ids) => groupBy(ids, await this.needs.history(ids), (h) => h.needId)).load(need.id);
  }

  @ResolveField(() => [NeedRevisionModel], { description: 'Its amendments, oldest first: what each changed (before and after), who, when and why. Empty until it is amended.' })
  @Allow('ANYONE')
  revisions(@Parent() need: NeedModel, @Ctx() ctx: GqlContext) {
    return ctx.loaders.get<string, NeedRevisionModel[]>('needs.revisions', async (ids) => groupBy(ids, await this.needs.revisions(ids), (r) => r.needId)).load(need.id);
  }

  private supportsOf(ctx: GqlContext, needId: string) {
    return ctx.loaders.get<string, { code: string }[]>('needs.supports', async (ids) => groupBy(ids, await this.needs.supports(ids), (r) => r.needId)).load(needId);
  }

  /** The same loader (name and batch) as Standard.supersededBy's: one query for every need of the page. */
  private async standardsById(ctx: GqlContext, caller: Caller | null, ids: string[]): Promise<StandardEntity[]> {
    if (!ids.length) return [];
    const loaded = await ctx.loaders
      .get<string, StandardEntity | null>('standards.visibleById', async (keys) => indexBy(keys, await this.standardsService.byIds(caller, keys), (s) => s.id))
      .loadMany(ids);
    return loaded.filter((s): s is StandardEntity => !!s && !(s instanceof Error));
  }
}

@Resolver(() => NeedRevisionModel)
@Allow('ANYONE')
export class NeedRevisionResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => UserModel, { nullable: true, description: 'Signed-in readers: who amended it (display name and nation); null for anonymous readers, as the raiser is.' })
  @Allow('ANYONE')
  amendedBy(@Parent() revision: NeedRevisionModel, @Ctx() ctx: GqlContext, @CurrentCaller() caller: Caller | null) {
    return caller ? userLoader(ctx, this.users).load(revision.amendedById) : null;
  }
}

@Resolver(() => StandardModel)
@Allow('SIGNED_IN')
export class StandardNeedsResolver {
  constructor(private readonly register: NeedsService) {}

  @ResolveField(() => [NeedModel], { description: 'The interoperability needs this standard addresses that the caller may read, oldest link first.' })
  @Allow('SIGNED_IN')
  async needs(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext, @CurrentCaller() caller: Caller | null) {
    const links = await ctx.loaders
      .get<string, { needId: string }[]>('needs.ofStandard', async (ids) => groupBy(ids, await this.register.links('standard', ids), (l) => l.standardId))
      .load(standard.id);
    // One query for the needs of every standard of the page.
    const needs = await ctx.loaders
      .get<string, NeedEntity | null>('needs.visibleById', async (keys) => indexBy(keys, await this.register.byIds(caller, keys), (n) => n.id))
      .loadMany(links.map((l) => l.needId));
    return needs.filter((n): n is NeedEntity => !!n && !(n instanceof Error)).map(toNeedModel);
  }
}
