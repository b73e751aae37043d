import { ParseUUIDPipe } from '@nestjs/common';
import { badInput } from './errors';

/**
 * An id in an HTTP route's path or query: a malformed one is BAD_USER_INPUT
 * (400, in the body shape of every other HTTP error), not a database error.
 */
export const idParam = (name: string, options: { optional?: boolean } = {}) =>
  new ParseUUIDPipe({ optional: options.optional, exceptionFactory: () => badInput(name, `${name} is malformed: it must be a UUID, as the API gives out.`) });
