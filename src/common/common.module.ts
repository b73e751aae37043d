import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { RateLimitService } from './rate-limit';

@Global()
@Module({ providers: [Clock, RateLimitService], exports: [Clock, RateLimitService] })
export class CommonModule {}
