import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { NationModel } from '../accounts/models/nation.model';
import { UserModel } from '../accounts/models/user.model';
import { OrganizationsService } from '../accounts/organizations.service';
import { nationLoader, userLoader } from '../accounts/users.resolver';
import { UsersService } from '../accounts/users.service';
import { Allow } from '../common/access';
import { Caller, Role } from '../common/caller';
import { Ctx, CurrentCaller, GqlContext, groupBy, indexBy } from '../common/context';
import { StandardModel } from '../standards/models/standard.model';
import { StandardVersionModel } from '../standards/models/standard-version.model';
import { StandardVersionEntity } from '../standards/standard-version.entity';
import { StandardsService } from '../standards/standards.service';
import { VersionsService } from '../standards/versions.service';
import { CommentEntity, CommentRoundRow, NationalSubmissionEntity } from './comment.entity';
import { CommentRow, CommentsService } from './comments.service';
import { AddCommentInput, CommentFilter, ImportCommentsArgs, OpenCommentRoundInput, ResolveCommentInput, UpdateCommentInput } from './dto/comment.inputs';
import { CommentConnection, CommentModel, CommentRoundModel, ImportResultModel, NationalSubmissionModel } from './models/comment.model';
import { CONNECTION_AFTER, CONNECTION_FIRST } from '../common/pagination';

const COMMENT_ROLES = [Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE] as const;

function versionLoader(ctx: GqlContext, versions: VersionsService) {
  return ctx.loaders.get<string, StandardVersionEntity | null>('versionById', async (ids) => indexBy(ids, await versions.byIds(ids), (v) => v.id));
}

@Resolver(() => CommentRoundModel)
@Allow(...COMMENT_ROLES)
export class CommentRoundsResolver {
  constructor(
    private readonly comments: CommentsService,
    private readonly standards: StandardsService,
    private readonly versions: VersionsService,
  ) {}

  @Query(() => CommentRoundModel, {
    nullable: true, description: 'Any signed-in person who may read its standard: a comment round (vendors never see rounds); null otherwise.',
  })
  @Allow('SIGNED_IN')
  commentRound(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'The round\'s id.' }) id: string) {
    return this.comments.requireRound(caller, id);
  }

  @Mutation(() => CommentRoundModel, { description: 'SECRETARIAT: opens a comment round on one version of a DRAFTING standard, one open round per standard.' })
  @Allow(Role.SECRETARIAT)
  openCommentRound(@CurrentCaller() caller: Caller, @Args('input', { description: 'The standard, version, title and deadline of the round.' }) input: OpenCommentRoundInput) {
    return this.comments.openRound(caller, input);
  }

  @Mutation(() => CommentRoundModel, { description: 'SECRETARIAT: closes a round before closesAt; only submitted comments count.' })
  @Allow(Role.SECRETARIAT)
  closeCommentRound(@CurrentCaller() caller: Caller, @Args('roundId', { type: () => ID, description: 'A SCHEDULED or OPEN round.' }) roundId: string) {
    return this.comments.closeRound(caller, roundId);
  }

  @Mutation(() => NationalSubmissionModel, { description: "DELEGATE: submits the nation's DRAFT comments in an OPEN round, which locks them." })
  @Allow(Role.DELEGATE)
  submitNationalComments(@CurrentCaller() caller: Caller, @Args('roundId', { type: () => ID, description: 'An OPEN round, before its closesAt.' }) roundId: string) {
    return this.comments.submit(caller, roundId);
  }

  @Mutation(() => ImportResultModel, { description: 'ISO commenting template as CSV, for the caller\'s nation.' })
  @Allow(Role.EXPERT, Role.DELEGATE)
  importComments(@CurrentCaller() caller: Caller, @Args() args: ImportCommentsArgs) {
    return this.comments.import(caller, args.roundId, args.csv);
  }

  @ResolveField(() => StandardModel, { description: 'The standard under review.' })
  standard(@Parent() round: CommentRoundRow, @Ctx() ctx: GqlContext, @CurrentCaller() caller: Caller) {
    return ctx.loaders
      .get<string, StandardModel | null>('visibleStandardById', async (ids) => indexBy(ids, await this.standards.byIds(caller, ids), (s) => s.id))
      .load(round.standardId);
  }

  @ResolveField(() => StandardVersionModel, { description: 'The version under review; comments locate themselves in its text.' })
  version(@Parent() round: CommentRoundRow, @Ctx() ctx: GqlContext) {
    return versionLoader(ctx, this.versions).load(round.versionId);
  }

  @ResolveField('comments', () => CommentConnection, { description: 'The comments the caller may see: its own nation\'s drafts and all submitted comments (vendors never see comments), by clause and line.' })
  commentsOf(
    @Parent() round: CommentRoundRow,
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => CommentFilter, nullable: true, description: 'Narrows by nation, type, clause or resolution; omit for all.' }) filter?: CommentFilter,
    @Args('first', CONNECTION_FIRST) first?: number,
    @Args('after', CONNECTION_AFTER) after?: string,
  ) {
    return this.comments.list(caller, round.id, { filter, first, after });
  }

  @ResolveField(() => [NationalSubmissionModel], { description: 'One per nation that has submitted its comments in this round.' })
  submissions(@Parent() round: CommentRoundRow, @Ctx() ctx: GqlContext) {
    return ctx.loaders
      .get<string, NationalSubmissionEntity[]>('submissionsByRound', async (ids) => groupBy(ids, await this.comments.submissionsOf(ids), (s) => s.roundId))
      .load(round.id);
  }

  @ResolveField(() => Int, { description: 'Comments without a disposition, after the round closed.' })
  unresolvedCount(@Parent() round: CommentRoundRow, @Ctx() ctx: GqlContext) {
    return ctx.loaders
      .get<string, number>('unresolvedByRound', async (ids) => {
        const counts = await this.comments.unresolvedCounts(ids);
        return ids.map((id) => counts.get(id) ?? 0);
      })
      .load(round.id);
  }
}

@Resolver(() => CommentModel)
@Allow(...COMMENT_ROLES)
export class CommentsResolver {
  constructor(
    private readonly comments: CommentsService,
    private readonly versions: VersionsService,
    private readonly users: UsersService,
    private readonly orgs: OrganizationsService,
  ) {}

  @Query(() => CommentModel, {
    nullable: true, description: "Any signed-in person: one comment, when the caller may read it (its nation's people while DRAFT; once submitted, the Alliance roles); null otherwise. Vendors never see comments.",
  })
  @Allow('SIGNED_IN')
  comment(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'The comment\'s id.' }) id: string) {
    return this.comments.requireComment(caller, id);
  }

  @Mutation(() => CommentModel, { description: "EXPERT or DELEGATE: writes a DRAFT comment for the caller's nation in an OPEN round." })
  @Allow(Role.EXPERT, Role.DELEGATE)
  addComment(@CurrentCaller() caller: Caller, @Args('input', { description: 'The round, location in the text, type and wording of the comment.' }) input: AddCommentInput) {
    return this.comments.add(caller, input);
  }

  @Mutation(() => CommentModel, { description: "EXPERT or DELEGATE of the comment's nation: changes a DRAFT comment." })
  @Allow(Role.EXPERT, Role.DELEGATE)
  updateComment(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID, description: 'A DRAFT comment of the caller\'s nation in an OPEN round.' }) id: string,
    @Args('input', { description: 'The fields to change; others stay as they are.' }) input: UpdateCommentInput) {
    return this.comments.update(caller, id, input);
  }

  @Mutation(() => Boolean, { description: "EXPERT or DELEGATE of the comment's nation: deletes a DRAFT comment." })
  @Allow(Role.EXPERT, Role.DELEGATE)
  deleteComment(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'A DRAFT comment of the caller\'s nation in an OPEN round.' }) id: string) {
    return this.comments.delete(caller, id);
  }

  @Mutation(() => CommentModel, {
    description: 'SECRETARIAT: gives a submitted comment of a CLOSED round its disposition and resolution, and may name the version that resolved it.',
  })
  @Allow(Role.SECRETARIAT)
  resolveComment(@CurrentCaller() caller: Caller, @Args('input', { description: 'The comment, its disposition and resolution.' }) input: ResolveCommentInput) {
    return this.comments.resolve(caller, input);
  }

  @Subscription(() => CommentModel, {
    description: "SECRETARIAT, EXPERT or DELEGATE: comments added to the round as they are written, as the caller may read them (other nations' only once submitted).",
  })
  @Allow(...COMMENT_ROLES)
  commentAdded(@CurrentCaller() caller: Caller, @Args('roundId', { type: () => ID, description: 'The round to watch.' }) roundId: string) {
    return this.comments.watchAdded(caller, roundId);
  }

  @ResolveField(() => CommentRoundModel, { description: 'The round the comment was written in.' })
  round(@Parent() comment: CommentEntity, @Ctx() ctx: GqlContext) {
    return ctx.loaders
      .get<string, CommentRoundRow | null>('commentRoundById', async (ids) => indexBy(ids, await this.comments.roundsByIds(ids), (r) => r.id))
      .load(comment.roundId);
  }

  @ResolveField(() => NationModel, { description: 'The nation whose comment this is.' })
  nation(@Parent() comment: CommentRow, @Ctx() ctx: GqlContext) {
    // A page of comments brings each one's nation (CommentsService.list); a comment read otherwise goes through the loader.
    return comment.nation !== undefined ? comment.nation : nationLoader(ctx, this.orgs).load(comment.nationCode);
  }

  @ResolveField(() => UserModel, { description: 'The expert or delegate who wrote (or imported) it.' })
  author(@Parent() comment: CommentRow, @Ctx() ctx: GqlContext) {
    return comment.author !== undefined ? comment.author : userLoader(ctx, this.users).load(comment.authorId);
  }

  @ResolveField(() => StandardVersionModel, { nullable: true, description: 'The version that carries the resolution, when the secretariat named one.' })
  resolvedInVersion(@Parent() comment: CommentEntity, @Ctx() ctx: GqlContext) {
    return comment.resolvedInVersionId ? versionLoader(ctx, this.versions).load(comment.resolvedInVersionId) : null;
  }
}

@Resolver(() => NationalSubmissionModel)
@Allow(...COMMENT_ROLES)
export class NationalSubmissionsResolver {
  constructor(private readonly users: UsersService, private readonly orgs: OrganizationsService) {}

  @ResolveField(() => NationModel, { description: 'The nation that submitted.' })
  nation(@Parent() s: NationalSubmissionEntity, @Ctx() ctx: GqlContext) {
    return nationLoader(ctx, this.orgs).load(s.nationCode);
  }

  @ResolveField(() => UserModel, { description: 'The delegate who submitted.' })
  submittedBy(@Parent() s: NationalSubmissionEntity, @Ctx() ctx: GqlContext) {
    return userLoader(ctx, this.users).load(s.submittedBy);
  }
}

/** Standard.commentRounds, declared here so that standards does not know about comments. */
@Resolver(() => StandardModel)
@Allow('SIGNED_IN')
export class StandardCommentRoundsResolver {
  constructor(private readonly comments: CommentsService) {}

  @ResolveField(() => [CommentRoundModel], { description: 'The comment rounds held on this standard, in the order they opened; empty for callers other than SECRETARIAT, EXPERT and DELEGATE.' })
  commentRounds(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext, @CurrentCaller() caller: Caller) {
    return ctx.loaders
      .get<string, CommentRoundRow[]>('commentRoundsByStandard', async (ids) =>
        groupBy(ids, await this.comments.roundsOfStandards(caller, ids), (r) => r.standardId),
      )
      .load(standard.id);
  }
}
