import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller, Role } from '../common/caller';
import { Ctx, CurrentCaller, GqlContext } from '../common/context';
import { CONNECTION_AFTER, CONNECTION_FIRST } from '../common/pagination';
import { ApproveJoinRequestInput, JoinRequestFilter, RequestToJoinInput } from './dto/onboarding.inputs';
import { JoinRequestsService } from './join-requests.service';
import { JoinRequestConnection, JoinRequestModel } from './models/join-request.model';
import { NationModel } from './models/nation.model';
import { OrganizationModel } from './models/organization.model';
import { UserModel } from './models/user.model';
import { OrganizationsService } from './organizations.service';
import { nationLoader, organizationLoader, userLoader } from './users.resolver';
import { UsersService } from './users.service';

/** A join request is seen by the secretariat and by its applicant only; the fields below are reached through them. */
@Resolver(() => JoinRequestModel)
@Allow('SIGNED_IN')
export class JoinRequestsResolver {
  constructor(private readonly requests: JoinRequestsService, private readonly users: UsersService, private readonly orgs: OrganizationsService) {}

  @Query(() => JoinRequestConnection, { description: "SECRETARIAT: providers' requests to join, oldest first." })
  @Allow(Role.SECRETARIAT)
  joinRequests(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => JoinRequestFilter, nullable: true, description: 'Narrows by status; omit for every request.' }) filter?: JoinRequestFilter,
    @Args('first', CONNECTION_FIRST) first?: number,
    @Args('after', CONNECTION_AFTER) after?: string,
  ) {
    return this.requests.list(caller, filter?.status, { first, after });
  }

  @Query(() => [JoinRequestModel], { description: "Any signed-in person: the caller's own requests to join, newest first." })
  @Allow('SIGNED_IN')
  myJoinRequests(@CurrentCaller() caller: Caller) {
    return this.requests.mine(caller);
  }

  @Mutation(() => JoinRequestModel, { description: 'Any signed-in person (register and verify first): asks to join as a commercial provider from an Allied nation. One pending request per person.' })
  @Allow('SIGNED_IN')
  requestToJoin(@CurrentCaller() caller: Caller, @Args('input', { description: 'Company, nation, website and reason.' }) input: RequestToJoinInput) {
    return this.requests.requestToJoin(caller, input);
  }

  @Mutation(() => JoinRequestModel, { description: 'The applicant: withdraws a pending request.' })
  @Allow('SIGNED_IN')
  withdrawJoinRequest(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'The pending request.' }) id: string) {
    return this.requests.withdraw(caller, id);
  }

  @Mutation(() => JoinRequestModel, { description: 'SECRETARIAT: approves a pending request: creates the VENDOR organization (the applicant becomes VENDOR and VENDOR_ADMIN) or joins the applicant to an existing one (VENDOR); the applicant is mailed.' })
  @Allow(Role.SECRETARIAT)
  approveJoinRequest(@CurrentCaller() caller: Caller, @Args('input', { description: 'The request, and the existing organization if any.' }) input: ApproveJoinRequestInput) {
    return this.requests.approve(caller, input.id, input.organizationId);
  }

  @Mutation(() => JoinRequestModel, { description: 'SECRETARIAT: rejects a pending request; the reason is mailed to the applicant.' })
  @Allow(Role.SECRETARIAT)
  rejectJoinRequest(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID, description: 'The pending request.' }) id: string,
    @Args('reason', { description: 'Why, in words the applicant can act on (mailed to them).' }) reason: string,
  ) {
    return this.requests.reject(caller, id, reason);
  }

  @ResolveField(() => UserModel, { description: 'The person who asked (their address is seen by the secretariat and themselves).' })
  @Allow('SIGNED_IN')
  applicant(@Parent() request: JoinRequestModel, @Ctx() ctx: GqlContext) {
    return userLoader(ctx, this.users).load(request.applicantId);
  }

  @ResolveField(() => NationModel, { description: 'The Allied nation the company is from.' })
  @Allow('SIGNED_IN')
  country(@Parent() request: JoinRequestModel, @Ctx() ctx: GqlContext) {
    return nationLoader(ctx, this.orgs).load(request.nationCode);
  }

  @ResolveField(() => OrganizationModel, { nullable: true, description: 'The organization the applicant joined on approval; null before.' })
  @Allow('SIGNED_IN')
  organization(@Parent() request: JoinRequestModel, @Ctx() ctx: GqlContext) {
    return request.organizationId ? organizationLoader(ctx, this.orgs).load(request.organizationId) : null;
  }
}
