import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { UserModel } from '../accounts/models/user.model';
import { userLoader } from '../accounts/users.resolver';
import { UsersService } from '../accounts/users.service';
import { Allow, Scopes } from '../common/access';
import { Caller, Role } from '../common/caller';
import { Ctx, CurrentCaller, GqlContext, groupBy, indexBy } from '../common/context';
import {
  CancelStandardArgs, CreateVersionInput, ProposeStandardInput, StandardFilter, StandardLookupArgs, SupersedeStandardArgs, UpdateStandardInput,
} from './dto/standard.inputs';
import { StandardConnection, StandardModel } from './models/standard.model';
import { RedlineModel, SearchHitModel, StandardVersionModel } from './models/standard-version.model';
import { SearchService } from './search.service';
import { StandardRow, StandardsService } from './standards.service';
import { StandardVersionEntity } from './standard-version.entity';
import { VersionsService } from './versions.service';
import { CONNECTION_AFTER, CONNECTION_FIRST } from '../common/pagination';
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

  @Query(() => StandardConnection, {
    name: 'standards', description: 'Any signed-in person: the standards whose drafts the caller may read (by visibility), in designation order; a Relay connection.',
  })
  @Allow('SIGNED_IN')
  @Scopes('standards:read')
  list(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => StandardFilter, nullable: true, description: 'Narrows by status, words, visibility, nation or own; omit for all.' }) filter?: StandardFilter,
    @Args('first', CONNECTION_FIRST) first?: number,
    @Args('after', CONNECTION_AFTER) after?: string,
  ) {
    return this.standards.list(caller, { filter, first, after });
  }

  @Query(() => StandardModel, { nullable: true, description: 'Any signed-in person: one standard by id or designation; null when unknown or not visible to the caller.' })
  @Allow('SIGNED_IN')
  @Scopes('standards:read')
  standard(@CurrentCaller() caller: Caller, @Args() args: StandardLookupArgs) {
    return this.standards.find(caller, args);
  }

  @Query(() => StandardVersionModel, {
    nullable: true, description: 'Any signed-in person: one immutable version of a visible standard, with its text and provisions; null otherwise.',
  })
  @Allow('SIGNED_IN')
  @Scopes('standards:read')
  async standardVersion(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'The version\'s id.' }) id: string) {
    return (await this.versions.requireVisible(caller, id)).version;
  }

  @Query(() => RedlineModel, {
    description: 'Any signed-in person: the differences between two versions of one visible standard: unified diff, word-level HTML redline, counts, changed clauses and requirement deltas.',
  })
  @Allow('SIGNED_IN')
  @Scopes('standards:read')
  redline(
    @CurrentCaller() caller: Caller,
    @Args('fromVersionId', { type: () => ID, description: 'The version to compare from (the base of the diff).' }) fromVersionId: string,
    @Args('toVersionId', { type: () => ID, description: 'The version to compare to, of the same standard.' }) toVersionId: string,
  ) {
    return this.versions.redline(caller, fromVersionId, toVersionId);
  }

  @Query(() => [SearchHitModel], { name: 'search', description: 'Any signed-in person: full-text search over the standards the caller may read, best match first.' })
  @Allow('SIGNED_IN')
  @Scopes('standards:read')
  async searchStandards(
    @CurrentCaller() caller: Caller,
    @Args('query', { description: 'Words to find in designations, titles, scopes and texts (PostgreSQL full-text search, English stemming).' }) query: string,
    @Args('first', { type: () => Int, nullable: true, description: 'How many hits, best first: 1 to 100, default 20.' }) first?: number,
  ) {
    return this.search.search(caller, query, first ?? 20);
  }

  @Mutation(() => StandardModel, {
    description: 'EXPERT, DELEGATE or SECRETARIAT: proposes a standard (PROPOSED), after the duplication check; refused with POSSIBLE_DUPLICATE above the threshold unless overlapJustification is given. The proposer becomes its first editor.',
  })
  @Allow(Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT)
  proposeStandard(@CurrentCaller() caller: Caller, @Args('input', { description: 'Designation, title, scope, visibility, and a justification when an overlap is likely.' }) input: ProposeStandardInput) {
    return this.standards.propose(caller, input);
  }

  @Mutation(() => StandardModel, {
    description: 'SECRETARIAT: moves a PROPOSED standard to DRAFTING, or begins the next edition of a PROMULGATED one (the edition in force stays in force).',
  })
  @Allow(Role.SECRETARIAT)
  startDrafting(@CurrentCaller() caller: Caller, @Args('standardId', { type: () => ID, description: 'A PROPOSED or PROMULGATED standard.' }) standardId: string) {
    return this.standards.startDrafting(caller, standardId);
  }

  @Mutation(() => StandardModel, { description: 'SECRETARIAT: cancels a standard that is not PROMULGATED, with a reason; audited.' })
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

  @Mutation(() => StandardModel, { description: 'SECRETARIAT: makes a person an editor of the standard (editors write its versions).' })
  @Allow(Role.SECRETARIAT)
  addEditor(
    @CurrentCaller() caller: Caller,
    @Args('standardId', { type: () => ID, description: 'The standard.' }) standardId: string,
    @Args('userId', { type: () => ID, description: 'An EXPERT, DELEGATE or SECRETARIAT to make an editor.' }) userId: string,
  ) {
    return this.standards.addEditor(caller, standardId, userId);
  }

  @Mutation(() => StandardModel, { description: 'Editors and the secretariat, while PROPOSED or DRAFTING; audited.' })
  @Allow(Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT)
  updateStandard(@CurrentCaller() caller: Caller, @Args('input', { description: 'The standard and the fields to change.' }) input: UpdateStandardInput) {
    return this.standards.update(caller, input);
  }

  @Mutation(() => StandardModel, { description: 'SECRETARIAT: removes an editor of the standard.' })
  @Allow(Role.SECRETARIAT)
  removeEditor(
    @CurrentCaller() caller: Caller,
    @Args('standardId', { type: () => ID, description: 'The standard.' }) standardId: string,
    @Args('userId', { type: () => ID, description: 'The editor to remove.' }) userId: string,
  ) {
    return this.standards.removeEditor(caller, standardId, userId);
  }

  @Mutation(() => StandardVersionModel, {
    description: "EXPERT, DELEGATE (the standard's editors) or SECRETARIAT, while DRAFTING: saves a new immutable version; a version based on an older one is merged three-way, and a conflict is refused with VERSION_CONFLICT.",
  })
  @Allow(Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT)
  createVersion(@CurrentCaller() caller: Caller, @Args('input', { description: 'The standard, the base version and the whole new text.' }) input: CreateVersionInput) {
    return this.versions.create(caller, input);
  }

  @ResolveField(() => [UserModel], { description: 'The people who may write its versions (besides the secretariat).' })
  async editors(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext) {
    const rows = await ctx.loaders
      .get<string, { userId: string }[]>('editorsByStandard', async (ids) =>
        groupBy(ids, await this.standards.editorIds(ids), (e) => e.standardId),
      )
      .load(standard.id);
    return (await userLoader(ctx, this.users).loadMany(rows.map((r) => r.userId))).filter(Boolean);
  }

  @ResolveField('versions', () => [StandardVersionModel], { description: 'Every version of its text, oldest (number 1) first.' })
  versionsOf(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext) {
    return versionsLoader(ctx, this.versions).load(standard.id);
  }

  @ResolveField(() => StandardVersionModel, { nullable: true, description: 'The latest version (highest number); null before the first.' })
  currentVersion(@Parent() standard: StandardRow, @Ctx() ctx: GqlContext) {
    // A list page reads each standard's current version with it (StandardsService.list): answered at once, not through a promise.
    if (standard.currentVersion !== undefined) return standard.currentVersion;
    return versionsLoader(ctx, this.versions).load(standard.id).then((versions) => versions.at(-1) ?? null);
  }

  @ResolveField(() => StandardVersionModel, { nullable: true, description: 'The version with this number; null when there is none.' })
  async version(
    @Parent() standard: StandardModel,
    @Ctx() ctx: GqlContext,
    @Args('number', { type: () => Int, description: 'The version number: 1, 2, 3 … within the standard.' }) number: number) {
    return (await versionsLoader(ctx, this.versions).load(standard.id)).find((v) => v.number === number) ?? null;
  }
}
