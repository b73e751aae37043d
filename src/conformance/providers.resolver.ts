import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller } from '../common/caller';
import { CurrentCaller } from '../common/context';
import { CONNECTION_AFTER, CONNECTION_FIRST } from '../common/pagination';
import { ProviderConnection, ProviderFilter, ProviderModel } from './models/provider.model';
import { ProvidersService } from './providers.service';

@Resolver(() => ProviderModel)
@Allow('ANYONE')
export class ProvidersResolver {
  constructor(private readonly directory: ProvidersService) {}

  @Query(() => ProviderConnection, { description: "Anyone: the provider directory by name. The Alliance's roles see every approved provider; others see those that agreed to be listed publicly (and a VENDOR its own)." })
  @Allow('ANYONE')
  providers(
    @CurrentCaller() caller: Caller | null,
    @Args('filter', { type: () => ProviderFilter, nullable: true, description: 'Narrows by nation, standard or name.' }) filter?: ProviderFilter,
    @Args('first', CONNECTION_FIRST) first?: number,
    @Args('after', CONNECTION_AFTER) after?: string,
  ) {
    return this.directory.list(caller, filter, { first, after });
  }
}
