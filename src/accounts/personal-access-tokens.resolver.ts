import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller, Role } from '../common/caller';
import { CurrentCaller } from '../common/context';
import { CreatePersonalAccessTokenInput } from './dto/account.inputs';
import { CreatedPersonalAccessTokenModel, PersonalAccessTokenModel } from './models/personal-access-token.model';
import { PersonalAccessTokensService } from './personal-access-tokens.service';

/**
 * Tokens are managed by a signed-in person only: these operations declare no
 * scope, so a token cannot make, list or revoke tokens.
 */
@Resolver(() => PersonalAccessTokenModel)
export class PersonalAccessTokensResolver {
  constructor(private readonly tokens: PersonalAccessTokensService) {}

  @Mutation(() => CreatedPersonalAccessTokenModel, {
    description: 'Any signed-in person. Makes a token that acts as the caller, narrowed to its scopes; the secret is in the answer only.',
  })
  @Allow('SIGNED_IN')
  createPersonalAccessToken(@CurrentCaller() caller: Caller, @Args('input', { description: 'Its name, scopes and expiry.' }) input: CreatePersonalAccessTokenInput) {
    return this.tokens.create(caller, input);
  }

  @Query(() => [PersonalAccessTokenModel], { description: "Any signed-in person: the caller's own tokens, newest first, revoked and expired ones included." })
  @Allow('SIGNED_IN')
  personalAccessTokens(@CurrentCaller() caller: Caller) {
    return this.tokens.list(caller);
  }

  @Mutation(() => Boolean, { description: "Any signed-in person, for one of their own tokens: it is refused from this moment on. Revoking twice is not an error." })
  @Allow('SIGNED_IN')
  revokePersonalAccessToken(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'One of the caller\'s tokens (personalAccessTokens gives the ids).' }) id: string) {
    return this.tokens.revoke(caller, id);
  }
}

/**
 * A vendor organization's tokens, managed by its VENDOR_ADMINs (signed in as
 * persons; no scope, so no token manages tokens). They act as a VENDOR of the
 * organization and survive their creator's departure.
 */
@Resolver(() => PersonalAccessTokenModel)
export class OrganizationAccessTokensResolver {
  constructor(private readonly tokens: PersonalAccessTokensService) {}

  @Mutation(() => CreatedPersonalAccessTokenModel, {
    description: "VENDOR_ADMIN. Makes a token owned by the caller's vendor organization: it acts as a VENDOR of it, narrowed to its scopes, whoever comes and goes; the secret is in the answer only.",
  })
  @Allow(Role.VENDOR_ADMIN)
  createOrganizationAccessToken(@CurrentCaller() caller: Caller, @Args('input', { description: 'Its name, scopes and expiry.' }) input: CreatePersonalAccessTokenInput) {
    return this.tokens.create(caller, input, true);
  }

  @Query(() => [PersonalAccessTokenModel], { description: "VENDOR_ADMIN: the tokens of the caller's organization, newest first, revoked and expired ones included." })
  @Allow(Role.VENDOR_ADMIN)
  organizationAccessTokens(@CurrentCaller() caller: Caller) {
    return this.tokens.list(caller, true);
  }

  @Mutation(() => Boolean, { description: "VENDOR_ADMIN, for one of the caller's organization's tokens: it is refused from this moment on. Revoking twice is not an error." })
  @Allow(Role.VENDOR_ADMIN)
  revokeOrganizationAccessToken(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: "One of the organization's tokens (organizationAccessTokens gives the ids)." }) id: string) {
    return this.tokens.revoke(caller, id, true);
  }
}
