import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { GraphqlLimits } from './graphql-limits';
import { HeavyWork } from './heavy-work';
import { PubSub } from './pubsub';
import { RateLimitService } from './rate-limit';

@Global()
@Module({ providers: [Clock, RateLimitService, PubSub, GraphqlLimits, HeavyWork], exports: [Clock, RateLimitService, PubSub, GraphqlLimits, HeavyWork] })
export class CommonModule {}
