import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { UserModel } from '../accounts/models/user.model';
import { userLoader } from '../accounts/users.resolver';
import { UsersService } from '../accounts/users.service';
import { Allow } from '../common/access';
import { Caller, Role } from '../common/caller';
import { Ctx, CurrentCaller, GqlContext, groupBy, indexBy } from '../common/context';
import {
  CancelStandardArgs, CreateVersionInput, ProposeStandardInput, StandardFilter, StandardLookupArgs, SupersedeStandardArgs, UpdateStandardInput,
} from './dto/standard.inputs';
import { StandardConnection, StandardModel } from './models/standard.model';
import { RedlineModel, SearchHitModel, StandardVersionModel } from './models/standard-version.model';
import { SearchService } from './search.service';
import { StandardsService } from './standards.service';
import { StandardVersionEntity } from './standard-version.entity';
import { VersionsService } from './versions.service';
import { STAGE_OF, StandardEntity, StandardStage } from './standard.entity';

/** Every version of a standard, loaded for all standards of a request at once. */
export function versionsLoader(ctx: GqlContext, versions: VersionsService) {
  return ctx.loaders.get<string, StandardVersionEntity[]>('versionsByStandard', async (ids) =>
    groupBy(ids, await versions.ofStandards(ids), (v) => v.standardId),
  );
}

@Resolver(() => StandardModel)
@Allow('SIGNED_IN')
export class StandardsResolver {
  constructor(
    private readonly standards: StandardsService,
    private readonly versions: VersionsService,
    private readonly search: SearchService,
    private readonly users: UsersService,
  ) {}

  @Query(() => StandardConnection, { name: 'standards' })
  @Allow('SIGNED_IN')
  list(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => StandardFilter, nullable: true }) filter?: StandardFilter,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ) {
    return this.standards.list(caller, { filter, first, after });
  }

  @Query(() => StandardModel, { nullable: true })
  @Allow('SIGNED_IN')
  standard(@CurrentCaller() caller: Caller, @Args() args: StandardLookupArgs) {
    return this.standards.find(caller, args);
  }

  @Query(() => StandardVersionModel, { nullable: true })
  @Allow('SIGNED_IN')
  async standardVersion(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string) {
    return (await this.versions.requireVisible(caller, id)).version;
  }

  @Query(() => RedlineModel)
  @Allow('SIGNED_IN')
  redline(
    @CurrentCaller() caller: Caller,
    @Args('fromVersionId', { type: () => ID }) fromVersionId: string,
    @Args('toVersionId', { type: () => ID }) toVersionId: string,
  ) {
    return this.versions.redline(caller, fromVersionId, toVersionId);
  }

  @Query(() => [SearchHitModel], { name: 'search' })
  @Allow('SIGNED_IN')
  async searchStandards(
    @CurrentCaller() caller: Caller,
    @Args('query') query: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ) {
    const rows = await this.search.search(caller, query, first ?? 20);
    const versions = new Map((await this.versions.byIds(rows.flatMap((r) => (r.versionId ? [r.versionId] : [])))).map((v) => [v.id, v]));
    return rows.map((r) => ({ ...r, version: r.versionId ? versions.get(r.versionId) ?? null : null }));
  }

  @Mutation(() => StandardModel)
  @Allow(Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT)
  proposeStandard(@CurrentCaller() caller: Caller, @Args('input') input: ProposeStandardInput) {
    return this.standards.propose(caller, input);
  }

  @Mutation(() => StandardModel)
  @Allow(Role.SECRETARIAT)
  startDrafting(@CurrentCaller() caller: Caller, @Args('standardId', { type: () => ID }) standardId: string) {
    return this.standards.startDrafting(caller, standardId);
  }

  @Mutation(() => StandardModel)
  @Allow(Role.SECRETARIAT)
  cancelStandard(@CurrentCaller() caller: Caller, @Args() args: CancelStandardArgs) {
    return this.standards.cancel(caller, args.standardId, args.reason);
  }

  @Mutation(() => StandardModel, {
    description: 'A PROMULGATED standard replaced by another (named by replacementId), with the reason; dated by the database clock and audited. Its edition in force becomes SUPERSEDED.',
  })
  @Allow(Role.SECRETARIAT)
  supersedeStandard(@CurrentCaller() caller: Caller, @Args() args: SupersedeStandardArgs) {
    return this.standards.supersede(caller, args.standardId, args.replacementId, args.reason);
  }

  @ResolveField(() => StandardStage, { description: 'The named NATO stage, following the status: STUDY_DRAFT while DRAFTING, RATIFICATION_DRAFT while IN_RATIFICATION, and so on.' })
  @Allow('ANYONE')
  stage(@Parent() standard: StandardModel): StandardStage {
    return STAGE_OF[standard.status];
  }

  @ResolveField(() => StandardModel, { nullable: true, description: 'The standard that replaced this one; null unless SUPERSEDED or when the reader may not see it.' })
  @Allow('ANYONE')
  async supersededBy(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext, @CurrentCaller() caller: Caller | null) {
    if (!standard.supersededById) return null;
    return ctx.loaders
      .get<string, StandardEntity | null>('standards.visibleById', async (ids) => indexBy(ids, await this.standards.byIds(caller, ids), (s) => s.id))
      .load(standard.supersededById);
  }

  @Mutation(() => StandardModel)
  @Allow(Role.SECRETARIAT)
  addEditor(
    @CurrentCaller() caller: Caller,
    @Args('standardId', { type: () => ID }) standardId: string,
    @Args('userId', { type: () => ID }) userId: string,
  ) {
    return this.standards.addEditor(caller, standardId, userId);
  }

  @Mutation(() => StandardModel, { description: 'Editors and the secretariat, while PROPOSED or DRAFTING; audited.' })
  @Allow(Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT)
  updateStandard(@CurrentCaller() caller: Caller, @Args('input') input: UpdateStandardInput) {
    return this.standards.update(caller, input);
  }

  @Mutation(() => StandardModel)
  @Allow(Role.SECRETARIAT)
  removeEditor(
    @CurrentCaller() caller: Caller,
    @Args('standardId', { type: () => ID }) standardId: string,
    @Args('userId', { type: () => ID }) userId: string,
  ) {
    return this.standards.removeEditor(caller, standardId, userId);
  }

  @Mutation(() => StandardVersionModel)
  @Allow(Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT)
  createVersion(@CurrentCaller() caller: Caller, @Args('input') input: CreateVersionInput) {
    return this.versions.create(caller, input);
  }

  @ResolveField(() => [UserModel])
  async editors(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext) {
    const rows = await ctx.loaders
      .get<string, { userId: string }[]>('editorsByStandard', async (ids) =>
        groupBy(ids, await this.standards.editorIds(ids), (e) => e.standardId),
      )
      .load(standard.id);
    return (await userLoader(ctx, this.users).loadMany(rows.map((r) => r.userId))).filter(Boolean);
  }

  @ResolveField('versions', () => [StandardVersionModel])
  versionsOf(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext) {
    return versionsLoader(ctx, this.versions).load(standard.id);
  }

  @ResolveField(() => StandardVersionModel, { nullable: true })
  async currentVersion(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext) {
    return (await versionsLoader(ctx, this.versions).load(standard.id)).at(-1) ?? null;
  }

  @ResolveField(() => StandardVersionModel, { nullable: true })
  async version(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext, @Args('number', { type: () => Int }) number: number) {
    return (await versionsLoader(ctx, this.versions).load(standard.id)).find((v) => v.number === number) ?? null;
  }
}
