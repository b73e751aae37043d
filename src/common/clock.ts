import { Injectable } from '@nestjs/common';

/**
 * Deadlines are decided by the database clock at the moment of the write.
 * Services put `clock.now()` into their SQL instead of reading a time in
 * Node; tests replace the Clock with one shifted forward to reach expiry
 * without waiting.
 */
@Injectable()
export class Clock {
  now(): string {
    return 'now()';
  }
}
