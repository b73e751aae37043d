import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { FieldResolvers } from './field-resolvers';
import { GraphqlLimits } from './graphql-limits';
import { HeavyWork } from './heavy-work';
import { PubSub } from './pubsub';
import { RateLimitService } from './rate-limit';

@Global()
@Module({ providers: [Clock, RateLimitService, PubSub, GraphqlLimits, HeavyWork, FieldResolvers], exports: [Clock, RateLimitService, PubSub, GraphqlLimits, HeavyWork, FieldResolvers] })
export class CommonModule {}
