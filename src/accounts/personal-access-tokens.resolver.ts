import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller } from '../common/caller';
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
