import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { PubSub } from './pubsub';
import { RateLimitService } from './rate-limit';

@Global()
@Module({ providers: [Clock, RateLimitService, PubSub], exports: [Clock, RateLimitService, PubSub] })
export class CommonModule {}
