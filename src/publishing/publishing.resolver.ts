import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { UserModel } from '../accounts/models/user.model';
import { NationModel } from '../accounts/models/nation.model';
import { OrganizationsService } from '../accounts/organizations.service';
import { nationLoader, userLoader } from '../accounts/users.resolver';
import { UsersService } from '../accounts/users.service';
import { NationalResponseModel } from '../ballots/models/ballot.model';
import { Allow, Scopes } from '../common/access';
import { Caller, Role } from '../common/caller';
import { Ctx, CurrentCaller, GqlContext, groupBy, indexBy } from '../common/context';
import { StandardModel } from '../standards/models/standard.model';
import { StandardVersionModel } from '../standards/models/standard-version.model';
import { StandardEntity } from '../standards/standard.entity';
import { VersionsService } from '../standards/versions.service';
import { EditionEntity, editionLetter, EditionStatus, editionUrl } from './edition.entity';
import { EditionModel } from './models/edition.model';
import { PublishingService } from './publishing.service';
import { ChangeImplementationInput, PromulgateCorrectionInput, RatifyEditionInput, WithdrawReservationInput } from './dto/ratification.inputs';
import { RatificationChangeModel, VersionStage } from './models/ratification.model';
import { RatificationService } from './ratification.service';

function changesLoader(ctx: GqlContext, ratification: RatificationService) {
  return ctx.loaders.get<string, RatificationChangeModel[]>('ratificationChanges', async (ballotIds) =>
    groupBy(ballotIds, await ratification.changesOf(ballotIds), (c) => c.ballotId),
  );
}

function editionsLoader(ctx: GqlContext, publishing: PublishingService) {
  return ctx.loaders.get<string, EditionEntity[]>('editionsByStandard', async (ids) =>
    groupBy(ids, await publishing.ofStandards(ids), (e) => e.standardId),
  );
}

@Resolver(() => EditionModel)
@Allow('ANYONE')
export class PublishingResolver {
  constructor(
    private readonly publishing: PublishingService,
    private readonly versions: VersionsService,
    private readonly users: UsersService,
    private readonly ratifications: RatificationService,
  ) {}

  @Query(() => [EditionModel], { description: 'Newest first. after: the id of the last edition of the previous page.' })
  @Allow('ANYONE')
  @Scopes('standards:read')
  publishedEditions(
    @CurrentCaller() caller: Caller | null,
    @Args('first', { type: () => Int, nullable: true, description: 'How many editions: 1 to 100, default 20.' }) first?: number,
    @Args('after', { nullable: true, description: 'The id of the last edition of the previous page; omit for the first page.' }) after?: string,
  ) {
    return this.publishing.list(caller, { first, after });
  }

  @Query(() => EditionModel, {
    nullable: true, description: 'Anyone: a published edition; editions of standards the caller may not read are null (without an account: PUBLIC standards only).',
  })
  @Allow('ANYONE')
  @Scopes('standards:read')
  edition(@CurrentCaller() caller: Caller | null, @Args('id', { type: () => ID, description: 'The edition\'s id.' }) id: string) {
    return this.publishing.find(caller, id);
  }

  @Mutation(() => EditionModel, {
    description: 'SECRETARIAT: publishes the next edition from a PASSED ballot: snapshots the national responses, supersedes the previous edition, marks the standard PROMULGATED.',
  })
  @Allow(Role.SECRETARIAT)
  publishEdition(
    @CurrentCaller() caller: Caller,
    @Args('ballotId', { type: () => ID, description: 'A PASSED ballot with no edition yet.' }) ballotId: string,
    @Args('effectiveDate', { nullable: true, description: 'YYYY-MM-DD from which the edition is effective; without it, effective on receipt.' })
    effectiveDate?: string,
  ) {
    return this.publishing.publish(caller, ballotId, effectiveDate);
  }

  @Mutation(() => EditionModel, {
    description: 'A correction or amendment promulgated without a new ratification: the text becomes the next Version of the edition in force (Edition A Version 2), with the reason; recorded, audited, shown.',
  })
  @Allow(Role.SECRETARIAT)
  promulgateCorrection(@CurrentCaller() caller: Caller, @Args('input', { description: 'The edition, the corrected text and why.' }) input: PromulgateCorrectionInput) {
    return this.publishing.promulgateCorrection(caller, input);
  }

  @Mutation(() => RatificationChangeModel, { description: 'The delegate of a nation that had not ratified at promulgation ratifies the edition in force now; dated and audited.' })
  @Allow(Role.DELEGATE)
  ratifyEdition(@CurrentCaller() caller: Caller, @Args('input', { description: 'The edition and the nation\'s response.' }) input: RatifyEditionInput) {
    return this.ratifications.ratify(caller, input);
  }

  @Mutation(() => RatificationChangeModel, { description: 'The delegate of a ratifying nation changes its implementation status or date on the edition in force; dated and audited.' })
  @Allow(Role.DELEGATE)
  changeImplementation(@CurrentCaller() caller: Caller, @Args('input', { description: 'The edition and the new implementation status and date.' }) input: ChangeImplementationInput) {
    return this.ratifications.changeImplementation(caller, input);
  }

  @Mutation(() => RatificationChangeModel, { description: 'The delegate of a ratifying nation withdraws one of its reservations on the edition in force; dated and audited.' })
  @Allow(Role.DELEGATE)
  withdrawReservation(@CurrentCaller() caller: Caller, @Args('input', { description: 'The edition and which reservation.' }) input: WithdrawReservationInput) {
    return this.ratifications.withdrawReservation(caller, input);
  }

  @ResolveField(() => [RatificationChangeModel], { description: 'Every change to the nations\' ratification after promulgation, oldest first.' })
  ratificationChanges(@Parent() edition: EditionEntity, @Ctx() ctx: GqlContext) {
    return changesLoader(ctx, this.ratifications).load(edition.ballotId);
  }

  @ResolveField(() => [NationalResponseModel], {
    description: 'The national responses as they stand now: the snapshot at promulgation (ratification) with every later change applied.',
  })
  async currentRatification(@Parent() edition: EditionEntity, @Ctx() ctx: GqlContext) {
    return this.ratifications.current(edition, await changesLoader(ctx, this.ratifications).load(edition.ballotId));
  }

  @ResolveField(() => String, { description: 'The edition letter of an Allied Publication: A for the first ratified edition, then B, C …' })
  editionLetter(@Parent() edition: EditionEntity): string {
    return editionLetter(edition.number);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The covering STANAG\'s edition, numbered: "STANAG 4790 Edition 1"; null when the standard has no covering STANAG.',
  })
  async stanagEdition(@Parent() edition: EditionEntity, @Ctx() ctx: GqlContext): Promise<string | null> {
    const standard = await this.standardOf(edition, ctx);
    return standard.stanag ? `${standard.stanag} Edition ${edition.number}` : null;
  }

  /** The standard of a published edition: a reader of a PUBLIC edition needs no account to see it. */
  @ResolveField(() => StandardModel, { description: 'The standard this is an edition of.' })
  standard(@Parent() edition: EditionEntity, @Ctx() ctx: GqlContext) {
    return this.standardOf(edition, ctx);
  }

  @ResolveField(() => StandardVersionModel, { description: 'The version of the text this edition publishes.' })
  version(@Parent() edition: EditionEntity, @Ctx() ctx: GqlContext) {
    return ctx.loaders
      .get<string, StandardVersionModel | null>('publishing.versionById', async (ids) => indexBy(ids, await this.versions.byIds(ids), (v) => v.id))
      .load(edition.versionId);
  }

  @ResolveField(() => UserModel, { description: 'The secretariat member who published it.' })
  publishedBy(@Parent() edition: EditionEntity, @Ctx() ctx: GqlContext) {
    return userLoader(ctx, this.users).load(edition.publishedById);
  }

  @ResolveField(() => [NationalResponseModel], { description: 'The national responses as they stood at promulgation.' })
  ratification(@Parent() edition: EditionEntity): NationalResponseModel[] {
    return edition.ratification.map((r) => ({
      ballotId: edition.ballotId,
      nationCode: r.nationCode,
      castById: r.castById,
      response: r.response,
      reservations: r.reservations,
      implementationDate: r.implementationDate ? new Date(r.implementationDate) : null,
      nationalReference: r.nationalReference,
      castAt: new Date(r.castAt),
      revision: r.revision,
    }));
  }

  @ResolveField(() => String, { description: 'Path of the public page of this edition, e.g. /standards/STANAG-4790/editions/1.' })
  async url(@Parent() edition: EditionEntity, @Ctx() ctx: GqlContext) {
    return editionUrl((await this.standardOf(edition, ctx)).designation, edition.number);
  }

  private async standardOf(edition: EditionEntity, ctx: GqlContext): Promise<StandardEntity> {
    const standard = await ctx.loaders
      .get<string, StandardEntity | null>('publishing.standardById', async (ids) =>
        indexBy(ids, await this.publishing.standardsByIds(ids), (s) => s.id),
      )
      .load(edition.standardId);
    return standard!;
  }
}

/** Standard.editions and Standard.currentEdition, declared here so that standards does not know publishing. */
@Resolver(() => StandardModel)
@Allow('SIGNED_IN')
export class StandardEditionsResolver {
  constructor(private readonly publishing: PublishingService) {}

  @ResolveField(() => [EditionModel], { description: 'Every published edition and correction of this standard, oldest first.' })
  editions(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext) {
    return editionsLoader(ctx, this.publishing).load(standard.id);
  }

  @ResolveField(() => EditionModel, { nullable: true, description: 'The edition in force, if any.' })
  async currentEdition(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext) {
    return (await editionsLoader(ctx, this.publishing).load(standard.id)).find((e) => e.status === EditionStatus.IN_FORCE) ?? null;
  }
}

/** Who made a change to a ratification, and for which nation. */
@Resolver(() => RatificationChangeModel)
@Allow('ANYONE')
export class RatificationChangeResolver {
  constructor(private readonly users: UsersService, private readonly orgs: OrganizationsService) {}

  @ResolveField(() => NationModel, { description: 'The nation whose ratification changed.' })
  nation(@Parent() change: RatificationChangeModel, @Ctx() ctx: GqlContext) {
    return nationLoader(ctx, this.orgs).load(change.nationCode);
  }

  /** As with castBy: the person is for signed-in readers. */
  @ResolveField(() => UserModel, { description: 'The delegate who made the change; for signed-in readers only.' })
  @Allow('SIGNED_IN')
  changedBy(@Parent() change: RatificationChangeModel, @Ctx() ctx: GqlContext) {
    return userLoader(ctx, this.users).load(change.changedById);
  }
}

/** StandardVersion.stage, declared here because it reads ballots and editions, which standards does not know. */
@Resolver(() => StandardVersionModel)
@Allow('SIGNED_IN')
export class VersionStageResolver {
  constructor(private readonly publishing: PublishingService) {}

  @ResolveField(() => VersionStage, { description: 'STUDY_DRAFT, RATIFICATION_DRAFT (the text a ballot put to the nations) or CORRECTION (promulgated without ratification).' })
  async stage(@Parent() version: StandardVersionModel, @Ctx() ctx: GqlContext): Promise<VersionStage> {
    const row = await ctx.loaders
      .get<string, { id: string; stage: VersionStage } | null>('versionStages', async (ids) => indexBy(ids, await this.publishing.versionStages(ids), (r) => r.id))
      .load(version.id);
    return row!.stage;
  }
}
