import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { UserModel } from '../accounts/models/user.model';
import { userLoader } from '../accounts/users.resolver';
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
  edition(@CurrentCaller() caller: Caller | null, @Args('id', { type: () => ID }) id: string) {
    return this.publishing.find(caller, id);
  }

  @Mutation(() => EditionModel, {
    description: 'SECRETARIAT: publishes the next edition from a PASSED ballot: snapshots the national responses, supersedes the previous edition, marks the standard PROMULGATED.',
  })
  @Allow(Role.SECRETARIAT)
  publishEdition(
    @CurrentCaller() caller: Caller,
    @Args('ballotId', { type: () => ID }) ballotId: string,
    @Args('effectiveDate', { nullable: true, description: 'YYYY-MM-DD from which the edition is effective; without it, effective on receipt.' })
    effectiveDate?: string,
  ) {
    return this.publishing.publish(caller, ballotId, effectiveDate);
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
  @ResolveField(() => StandardModel)
  standard(@Parent() edition: EditionEntity, @Ctx() ctx: GqlContext) {
    return this.standardOf(edition, ctx);
  }

  @ResolveField(() => StandardVersionModel)
  version(@Parent() edition: EditionEntity, @Ctx() ctx: GqlContext) {
    return ctx.loaders
      .get<string, StandardVersionModel | null>('publishing.versionById', async (ids) => indexBy(ids, await this.versions.byIds(ids), (v) => v.id))
      .load(edition.versionId);
  }

  @ResolveField(() => UserModel)
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

  @ResolveField(() => [EditionModel])
  editions(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext) {
    return editionsLoader(ctx, this.publishing).load(standard.id);
  }

  @ResolveField(() => EditionModel, { nullable: true, description: 'The edition in force, if any.' })
  async currentEdition(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext) {
    return (await editionsLoader(ctx, this.publishing).load(standard.id)).find((e) => e.status === EditionStatus.IN_FORCE) ?? null;
  }
}
