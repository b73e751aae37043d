import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UserModel } from '../accounts/models/user.model';
import { userLoader } from '../accounts/users.resolver';
import { UsersService } from '../accounts/users.service';
import { Allow } from '../common/access';
import { Caller } from '../common/caller';
import { Ctx, CurrentCaller, GqlContext, groupBy, indexBy } from '../common/context';
import { StandardModel } from './models/standard.model';
import {
  ClauseModel, DraftingWarningModel, ProvisionKind, RequirementModel, StandardVersionModel,
} from './models/standard-version.model';
import { StandardsService } from './standards.service';
import { RequirementEntity, StandardVersionEntity } from './standard-version.entity';
import { KIND_OF } from './text/document';
import { VersionsService } from './versions.service';

export function textLoader(ctx: GqlContext, versions: VersionsService) {
  return ctx.loaders.get<string, string>('versionText', async (ids) => {
    const texts = await versions.texts(ids);
    return ids.map((id) => texts.get(id) ?? '');
  });
}

export function requirementsLoader(ctx: GqlContext, versions: VersionsService) {
  return ctx.loaders.get<string, RequirementEntity[]>('requirementsByVersion', async (ids) =>
    groupBy(ids, await versions.requirementsOf(ids), (r) => r.versionId),
  );
}

/**
 * Fields of a version. A version is reached only through a standard the
 * caller may see, so these resolvers need no visibility check of their own.
 */
@Resolver(() => StandardVersionModel)
@Allow('SIGNED_IN')
export class VersionsResolver {
  constructor(
    private readonly versions: VersionsService,
    private readonly standards: StandardsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => StandardModel, { description: 'The standard this is a version of.' })
  async standard(@Parent() version: StandardVersionEntity, @Ctx() ctx: GqlContext, @CurrentCaller() caller: Caller) {
    return ctx.loaders
      .get<string, StandardModel | null>('visibleStandardById', async (ids) =>
        indexBy(ids, await this.standards.byIds(caller, ids), (s) => s.id),
      )
      .load(version.standardId);
  }

  @ResolveField(() => String, { description: 'Markdown source.' })
  text(@Parent() version: StandardVersionEntity, @Ctx() ctx: GqlContext) {
    return textLoader(ctx, this.versions).load(version.id);
  }

  @ResolveField(() => String, { description: 'Rendered, sanitized HTML.' })
  async html(@Parent() version: StandardVersionEntity, @Ctx() ctx: GqlContext) {
    return this.versions.html(version, () => textLoader(ctx, this.versions).load(version.id));
  }

  @ResolveField(() => UserModel, { description: 'The person who saved it: an editor of the standard or the secretariat.' })
  author(@Parent() version: StandardVersionEntity, @Ctx() ctx: GqlContext) {
    return userLoader(ctx, this.users).load(version.authorId);
  }

  @ResolveField(() => StandardVersionModel, { nullable: true, description: 'The version this text was edited from (baseVersionId, or the current version for a correction); null for the first version.' })
  async basedOn(@Parent() version: StandardVersionEntity, @Ctx() ctx: GqlContext) {
    if (!version.basedOnId) return null;
    return ctx.loaders
      .get<string, StandardVersionEntity | null>('versionById', async (ids) => indexBy(ids, await this.versions.byIds(ids), (v) => v.id))
      .load(version.basedOnId);
  }

  @ResolveField(() => [ClauseModel], { description: 'The numbered clauses of the text, in document order.' })
  async clauses(@Parent() version: StandardVersionEntity, @Ctx() ctx: GqlContext) {
    return this.versions.clauses(await textLoader(ctx, this.versions).load(version.id));
  }

  @ResolveField(() => [RequirementModel], { description: 'The provisions of the text, in document order.' })
  requirements(@Parent() version: StandardVersionEntity, @Ctx() ctx: GqlContext) {
    return requirementsLoader(ctx, this.versions).load(version.id);
  }

  @ResolveField(() => [DraftingWarningModel], { description: 'Drafting errors the ISO/IEC Directives name; the version was saved all the same.' })
  async warnings(@Parent() version: StandardVersionEntity, @Ctx() ctx: GqlContext) {
    return this.versions.warnings(await textLoader(ctx, this.versions).load(version.id));
  }
}

/** A requirement is reached only through a version the caller may see. */
@Resolver(() => RequirementModel)
@Allow('SIGNED_IN')
export class RequirementsResolver {
  @ResolveField(() => ProvisionKind, { description: 'Requirement (shall), recommendation (should), permission (may) or possibility (can).' })
  kind(@Parent() requirement: RequirementEntity): ProvisionKind {
    return KIND_OF[requirement.obligation] as ProvisionKind;
  }
}
