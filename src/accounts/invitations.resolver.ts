import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller, Role } from '../common/caller';
import { CurrentCaller } from '../common/context';
import { InviteToOrganizationInput } from './dto/onboarding.inputs';
import { InvitationsService } from './invitations.service';
import { InvitationModel, InvitationPreviewModel } from './models/invitation.model';
import { OrganizationModel } from './models/organization.model';
import { OrganizationsService } from './organizations.service';

@Resolver(() => InvitationModel)
@Allow(Role.VENDOR_ADMIN)
export class InvitationsResolver {
  constructor(private readonly invitations: InvitationsService, private readonly orgs: OrganizationsService) {}

  @Query(() => [InvitationModel], { description: "VENDOR_ADMIN: the invitations of the caller's organization, newest first (200 at most)." })
  @Allow(Role.VENDOR_ADMIN)
  organizationInvitations(@CurrentCaller() caller: Caller) {
    return this.invitations.list(caller);
  }

  @Query(() => InvitationPreviewModel, { description: 'Anyone holding an invitation link: the organization and address it is for, and whether it still works.' })
  @Allow('ANYONE')
  invitation(@Args('token', { description: 'The token from the mailed link.' }) token: string) {
    return this.invitations.preview(token);
  }

  @Mutation(() => InvitationModel, { description: "VENDOR_ADMIN: mails a colleague a single-use link to join the caller's organization as a VENDOR; it expires in 7 days. A newer invitation to the same address replaces the open one." })
  @Allow(Role.VENDOR_ADMIN)
  inviteToOrganization(@CurrentCaller() caller: Caller, @Args('input', { description: 'The address to invite.' }) input: InviteToOrganizationInput) {
    return this.invitations.invite(caller, input.email);
  }

  @Mutation(() => InvitationModel, { description: "VENDOR_ADMIN: revokes a pending invitation of the caller's organization." })
  @Allow(Role.VENDOR_ADMIN)
  revokeInvitation(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'The invitation.' }) id: string) {
    return this.invitations.revoke(caller, id);
  }

  @Mutation(() => InvitationModel, { description: 'Any signed-in person with the address invited: accepts an invitation and becomes a VENDOR of the organization (sign in again for the new role).' })
  @Allow('SIGNED_IN')
  acceptInvitation(@CurrentCaller() caller: Caller, @Args('token', { description: 'The token from the mailed link.' }) token: string) {
    return this.invitations.accept(caller, token);
  }

  @Mutation(() => OrganizationModel, { description: "VENDOR_ADMIN: whether the caller's organization appears in the public provider directory (it always does for the Alliance's roles)." })
  @Allow(Role.VENDOR_ADMIN)
  setPublicListing(@CurrentCaller() caller: Caller, @Args('listed', { description: 'true: listed publicly; false: the Alliance only.' }) listed: boolean) {
    return this.orgs.setPublicListing(caller, listed);
  }
}
