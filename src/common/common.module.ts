import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { GraphqlLimits } from './graphql-limits';
import { PubSub } from './pubsub';
import { RateLimitService } from './rate-limit';

@Global()
@Module({ providers: [Clock, RateLimitService, PubSub, GraphqlLimits], exports: [Clock, RateLimitService, PubSub, GraphqlLimits] })
export class CommonModule {}
