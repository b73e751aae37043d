import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, ANY_SCOPE, Scopes } from '../common/access';
import { Caller, Role } from '../common/caller';
import { Ctx, CurrentCaller, GqlContext, indexBy } from '../common/context';
import { AuditEventModel } from '../audit/models/audit-event.model';
import { GrantRoleInput, UserFilter } from './dto/account.inputs';
import { NationModel } from './models/nation.model';
import { OrganizationModel } from './models/organization.model';
import { UserConnection, UserModel } from './models/user.model';
import { OrganizationsService } from './organizations.service';
import { maySeeEmail, toUserModel, UsersService } from './users.service';
import { CONNECTION_AFTER, CONNECTION_FIRST } from '../common/pagination';

/** Loaders other modules use to resolve people, nations and organizations. */
export function userLoader(ctx: GqlContext, users: UsersService) {
  return ctx.loaders.get<string, UserModel | null>('userById', async (ids) =>
    indexBy(ids, (await users.byIds(ids)).map(toUserModel), (u) => u.id),
  );
}
export function nationLoader(ctx: GqlContext, orgs: OrganizationsService) {
  return ctx.loaders.get<string, NationModel | null>('nationByCode', async (codes) =>
    indexBy(codes, await orgs.nationsByCodes(codes), (n) => n.code),
  );
}
export function organizationLoader(ctx: GqlContext, orgs: OrganizationsService) {
  return ctx.loaders.get<string, OrganizationModel | null>('organizationById', async (ids) =>
    indexBy(ids, await orgs.byIds(ids), (o) => o.id),
  );
}

@Resolver(() => UserModel)
@Allow('ANYONE')
export class UsersResolver {
  constructor(private readonly users: UsersService, private readonly orgs: OrganizationsService) {}

  @Query(() => UserModel, { nullable: true, description: "Anyone: the signed-in caller, or null without an account (and for an organization's token, which is no person)." })
  @Allow('ANYONE')
  @Scopes(...ANY_SCOPE)
  async me(@CurrentCaller() caller: Caller | null) {
    return caller && !caller.organizationToken ? toUserModel(await this.users.byId(caller.id)) : null;
  }

  @Query(() => UserConnection, { name: 'users', description: 'The users directory, by display name.' })
  @Allow(Role.ADMIN, Role.SECRETARIAT)
  async directory(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => UserFilter, nullable: true, description: 'Narrows by text, nation, role, organization or state; omit for everyone.' }) filter?: UserFilter,
    @Args('first', CONNECTION_FIRST) first?: number,
    @Args('after', CONNECTION_AFTER) after?: string,
  ) {
    const page = await this.users.search(caller, filter, { first, after });
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toUserModel(e.node) })) };
  }

  @Mutation(() => UserModel, { description: 'The account can no longer sign in; its sessions and access tokens end at once.' })
  @Allow(Role.ADMIN)
  async deactivateUser(@CurrentCaller() caller: Caller, @Args('userId', { type: () => ID, description: 'The account to deactivate.' }) userId: string) {
    return toUserModel(await this.users.setActive(caller, userId, false));
  }

  @Mutation(() => UserModel, { description: 'The account may sign in again (its ended sessions stay ended).' })
  @Allow(Role.ADMIN)
  async reactivateUser(@CurrentCaller() caller: Caller, @Args('userId', { type: () => ID, description: 'A deactivated account.' }) userId: string) {
    return toUserModel(await this.users.setActive(caller, userId, true));
  }

  @Mutation(() => UserModel, { description: 'ADMIN: grants a role; EXPERT and DELEGATE need a nation, VENDOR a vendor organization.' })
  @Allow(Role.ADMIN)
  async grantRole(@CurrentCaller() caller: Caller, @Args('input', { description: 'The person, the role, and its nation or organization.' }) input: GrantRoleInput) {
    return toUserModel(await this.users.grantRole(caller, input));
  }

  @Mutation(() => UserModel, { description: "ADMIN: revokes a role; it takes effect at the caller's next request (tokens carry no roles)." })
  @Allow(Role.ADMIN)
  async revokeRole(
    @CurrentCaller() caller: Caller,
    @Args('userId', { type: () => ID, description: 'The person to revoke it from.' }) userId: string,
    @Args('role', { type: () => Role, description: 'The role to revoke.' }) role: Role,
  ) {
    return toUserModel(await this.users.revokeRole(caller, userId, role));
  }

  /** Others see the display name and nation; the address stays private (empty string). */
  @ResolveField(() => String, { description: 'The e-mail address, for that person, ADMIN and SECRETARIAT; an empty string for everyone else.' })
  email(@Parent() user: UserModel, @CurrentCaller() caller: Caller | null): string {
    return user.revealEmail || maySeeEmail(caller, user.id) ? user.email : '';
  }

  /** Null for an active account, and for those who may not see the address. */
  @ResolveField(() => Date, { nullable: true, description: 'When the account was deactivated; null while active, and for those who may not see the address.' })
  deactivatedAt(@Parent() user: UserModel, @CurrentCaller() caller: Caller | null): Date | null {
    return maySeeEmail(caller, user.id) ? user.deactivatedAt : null;
  }

  @ResolveField(() => NationModel, { nullable: true, description: 'The nation an EXPERT or DELEGATE role binds the person to; null otherwise.' })
  nation(@Parent() user: UserModel, @Ctx() ctx: GqlContext) {
    return user.nationCode ? nationLoader(ctx, this.orgs).load(user.nationCode) : null;
  }

  @ResolveField(() => OrganizationModel, { nullable: true, description: 'The organization the person belongs to (a VENDOR\'s vendor organization); null if none.' })
  organization(@Parent() user: UserModel, @Ctx() ctx: GqlContext) {
    return user.organizationId ? organizationLoader(ctx, this.orgs).load(user.organizationId) : null;
  }
}

/** AuditEvent.actor lives here: the audit module knows no users. */
@Resolver(() => AuditEventModel)
@Allow(Role.SECRETARIAT, Role.ADMIN)
export class AuditActorResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => UserModel, { nullable: true, description: 'The person who acted; null when the service acted itself (installation, loading the seed corpus, ending a session whose refresh token was reused).' })
  actor(@Parent() event: AuditEventModel, @Ctx() ctx: GqlContext) {
    return event.actorId ? userLoader(ctx, this.users).load(event.actorId) : null;
  }
}
