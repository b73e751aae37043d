import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { NationModel } from '../accounts/models/nation.model';
import { UserModel } from '../accounts/models/user.model';
import { OrganizationsService } from '../accounts/organizations.service';
import { nationLoader, userLoader } from '../accounts/users.resolver';
import { toUserModel, UsersService } from '../accounts/users.service';
import { Allow } from '../common/access';
import { Caller, Role } from '../common/caller';
import { Ctx, CurrentCaller, GqlContext, groupBy, indexBy } from '../common/context';
import { StandardModel } from '../standards/models/standard.model';
import { StandardVersionModel } from '../standards/models/standard-version.model';
import { StandardsService } from '../standards/standards.service';
import { VersionsService } from '../standards/versions.service';
import { BallotsService, Nation, ResponseRow, RESPONSE_READERS, tally, toResponseModel } from './ballots.service';
import { CastResponseInput, ExtendBallotArgs, OpenBallotInput } from './dto/ballot.inputs';
import { BallotExtensionModel, BallotModel, NationalResponseModel, TallyModel } from './models/ballot.model';

/** Responses of many ballots in one query. */
export function responsesLoader(ctx: GqlContext, ballots: BallotsService) {
  return ctx.loaders.get<string, NationalResponseModel[]>('responsesByBallot', async (ids) =>
    groupBy(ids, (await ballots.responsesOf(ids)).map(toResponseModel), (r) => r.ballotId),
  );
}

function alliesLoader(ctx: GqlContext, ballots: BallotsService) {
  return ctx.loaders.get<'all', Nation[]>('allies', async (keys) => {
    const nations = await ballots.allNations();
    return keys.map(() => nations);
  });
}

@Resolver(() => BallotModel)
@Allow('SIGNED_IN')
export class BallotsResolver {
  constructor(
    private readonly ballots: BallotsService,
    private readonly standards: StandardsService,
    private readonly versions: VersionsService,
    private readonly users: UsersService,
  ) {}

  @Query(() => BallotModel, {
    nullable: true, description: 'Any signed-in person: a ratification ballot, if its standard is visible to the caller (null otherwise). National responses are shown to the Alliance roles only.',
  })
  @Allow('SIGNED_IN')
  async ballot(@CurrentCaller() caller: Caller, @Ctx() ctx: GqlContext, @Args('id', { type: () => ID, description: 'The ballot\'s id.' }) id: string) {
    const [{ ballot, responses, casters }, nations] = await Promise.all([this.ballots.findWithResponses(caller, id), this.ballots.nationsByCode()]);
    // Read with the ballot: responses and tally need no statement of their own, and each response carries its nation and caster.
    if (responses) {
      const castBy = new Map(casters.map((c) => [c.id, toUserModel(c)]));
      const rows = responses.map((r): ResponseRow => {
        const row: ResponseRow = toResponseModel(r);
        row.nation = nations.get(r.nationCode) ?? null;
        row.castBy = castBy.get(r.castById) ?? null;
        return row;
      });
      responsesLoader(ctx, this.ballots).prime(ballot.id, rows);
      // The casters of earlier revisions (history) are mostly the same people: they are found here too.
      const users = userLoader(ctx, this.users);
      for (const [userId, user] of castBy) users.prime(userId, user);
    }
    return ballot;
  }

  @Mutation(() => BallotModel, {
    description: 'SECRETARIAT: opens ratification on the current version of a DRAFTING standard with no open round and no unresolved comment; the standard becomes IN_RATIFICATION and its text is frozen.',
  })
  @Allow(Role.SECRETARIAT)
  openBallot(@CurrentCaller() caller: Caller, @Args('input', { description: 'The standard, version, deadline, threshold and shortfall rule.' }) input: OpenBallotInput) {
    return this.ballots.open(caller, input);
  }

  @Mutation(() => NationalResponseModel, {
    description: "DELEGATE: casts or changes the delegate's nation's response while the ballot is OPEN (revision counts up); refused with DEADLINE_PASSED after closesAt by the database clock.",
  })
  @Allow(Role.DELEGATE)
  castResponse(@CurrentCaller() caller: Caller, @Args('input', { description: 'The ballot, the response and its reservations.' }) input: CastResponseInput) {
    return this.ballots.cast(caller, input);
  }

  @Mutation(() => BallotModel, {
    description: 'Extends the period of an open ballot (closesAt only moves later), with a reason; dated by the database clock and audited.',
  })
  @Allow(Role.SECRETARIAT)
  extendBallot(@CurrentCaller() caller: Caller, @Args() args: ExtendBallotArgs) {
    return this.ballots.extend(caller, args.ballotId, args.closesAt, args.reason);
  }

  @ResolveField(() => [BallotExtensionModel], { description: 'Every extension of the period, oldest first.' })
  extensions(@Parent() ballot: BallotModel, @Ctx() ctx: GqlContext) {
    return ctx.loaders
      .get<string, BallotExtensionModel[]>('extensionsByBallot', async (ids) => groupBy(ids, await this.ballots.extensionsOf(ids), (x) => x.ballotId))
      .load(ballot.id);
  }

  @Mutation(() => BallotModel, {
    description: 'SECRETARIAT: closes an OPEN ballot early and decides it: PASSED when ratifying responses reach the threshold, else FAILED (the standard returns to DRAFTING).',
  })
  @Allow(Role.SECRETARIAT)
  closeBallot(@CurrentCaller() caller: Caller, @Args('ballotId', { type: () => ID, description: 'A ballot not yet closed.' }) ballotId: string) {
    return this.ballots.close(caller, ballotId);
  }

  @Subscription(() => NationalResponseModel, {
    description: 'SECRETARIAT, EXPERT or DELEGATE: each national response cast on the ballot, as it is cast (over the websocket).',
  })
  @Allow(...RESPONSE_READERS)
  responseCast(@CurrentCaller() caller: Caller, @Args('ballotId', { type: () => ID, description: 'The ballot to watch.' }) ballotId: string) {
    return this.ballots.watchCast(caller, ballotId);
  }

  @Subscription(() => BallotModel, { description: 'The ballot each time the secretariat extends it: its new closesAt (and OPEN again if it was held awaiting a decision).' })
  @Allow('SIGNED_IN')
  ballotExtended(@CurrentCaller() caller: Caller, @Args('ballotId', { type: () => ID, description: 'The ballot whose deadline to follow.' }) ballotId: string) {
    return this.ballots.watchExtended(caller, ballotId);
  }

  @ResolveField(() => StandardModel, { description: 'The standard being ratified.' })
  async standard(@Parent() ballot: BallotModel, @Ctx() ctx: GqlContext, @CurrentCaller() caller: Caller) {
    return ctx.loaders
      .get<string, StandardModel | null>('ballots.standardById', async (ids) => indexBy(ids, await this.standards.byIds(caller, ids), (s) => s.id))
      .load(ballot.standardId);
  }

  @ResolveField(() => StandardVersionModel, { description: 'The version balloted: the text nations ratify.' })
  async version(@Parent() ballot: BallotModel, @Ctx() ctx: GqlContext) {
    return ctx.loaders
      .get<string, StandardVersionModel | null>('ballots.versionById', async (ids) => indexBy(ids, await this.versions.byIds(ids), (v) => v.id))
      .load(ballot.versionId);
  }

  /** Others read the responses in the published edition. */
  @ResolveField(() => [NationalResponseModel], { description: 'Each nation\'s current response. SECRETARIAT, EXPERT and DELEGATE; others read them in the published edition.' })
  @Allow(...RESPONSE_READERS)
  responses(@Parent() ballot: BallotModel, @Ctx() ctx: GqlContext) {
    return responsesLoader(ctx, this.ballots).load(ballot.id);
  }

  /** pending names who has not answered yet, so the tally is for the same readers as the responses. */
  @ResolveField(() => TallyModel, { description: 'The count of responses against the threshold. SECRETARIAT, EXPERT and DELEGATE.' })
  @Allow(...RESPONSE_READERS)
  async tally(@Parent() ballot: BallotModel, @Ctx() ctx: GqlContext) {
    const [responses, nations] = await Promise.all([
      responsesLoader(ctx, this.ballots).load(ballot.id),
      alliesLoader(ctx, this.ballots).load('all'),
    ]);
    return tally(ballot.threshold, nations, responses);
  }
}

/** Fields of a national response, live or frozen in an edition. */
@Resolver(() => NationalResponseModel)
@Allow('ANYONE')
export class NationalResponseResolver {
  constructor(private readonly users: UsersService, private readonly orgs: OrganizationsService, private readonly ballots: BallotsService) {}

  /** Read by the same people as the live responses: the history says how a nation's position moved. */
  @ResolveField(() => [NationalResponseModel], { description: 'Every revision of this nation\'s response to the ballot, the newest first (this one included).' })
  @Allow(...RESPONSE_READERS)
  history(@Parent() response: NationalResponseModel, @Ctx() ctx: GqlContext) {
    return ctx.loaders
      .get<string, NationalResponseModel[]>('responseHistory', async (keys) => {
        const split = keys.map((k) => ({ ballotId: k.slice(0, 36), nationCode: k.slice(37) }));
        return groupBy(keys, await this.ballots.revisionsOf(split), (r) => `${r.ballotId}:${r.nationCode}`);
      })
      .load(`${response.ballotId}:${response.nationCode}`);
  }

  @ResolveField(() => NationModel, { description: 'The nation that responded.' })
  nation(@Parent() response: ResponseRow, @Ctx() ctx: GqlContext) {
    return response.nation !== undefined ? response.nation : nationLoader(ctx, this.orgs).load(response.nationCode);
  }

  /** The person behind a nation's response is for signed-in readers; anonymous readers of an edition get the nation and the response. */
  @ResolveField(() => UserModel, { description: 'The delegate who cast this revision; for signed-in readers only.' })
  @Allow('SIGNED_IN')
  castBy(@Parent() response: ResponseRow, @Ctx() ctx: GqlContext) {
    return response.castBy !== undefined ? response.castBy : userLoader(ctx, this.users).load(response.castById);
  }
}

/** Standard.ballots, declared here so that standards does not know ballots. */
@Resolver(() => StandardModel)
@Allow('SIGNED_IN')
export class StandardBallotsResolver {
  constructor(private readonly service: BallotsService) {}

  @ResolveField(() => [BallotModel], { description: 'The ratification ballots held on this standard.' })
  ballots(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext) {
    return ctx.loaders
      .get<string, BallotModel[]>('ballotsByStandard', async (ids) => groupBy(ids, await this.service.ofStandards(ids), (b) => b.standardId))
      .load(standard.id);
  }
}

@Resolver(() => BallotExtensionModel)
@Allow('SIGNED_IN')
export class BallotExtensionResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => UserModel, { description: 'The secretariat member who extended the period.' })
  extendedBy(@Parent() extension: BallotExtensionModel, @Ctx() ctx: GqlContext) {
    return userLoader(ctx, this.users).load(extension.extendedById);
  }
}
