import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ValidationError } from 'class-validator';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorCode } from './errors';
import { rootLogger } from './logger';

/** The GraphQL codes Apollo itself raises before any resolver runs. */
const APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
]);

/** Human-readable "field: rule" lines from class-validator's nested errors. */
export function describeValidation(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...describeValidation(e.children ?? [], path)];
  });
}

/** Database refusals that a person can act on; everything else is masked. */
function fromDatabase(err: QueryFailedError): DomainError | null {
  const code = (err.driverError as { code?: string } | undefined)?.code;
  switch (code) {
    case '23505':
      return new DomainError(ErrorCode.CONFLICT, 'That already exists, or someone else did it first.');
    case '22P02':
      return new DomainError(ErrorCode.BAD_USER_INPUT, 'An id or value in the request is malformed; check the ids you sent.');
    case '40001':
    case '40P01':
      return new DomainError(ErrorCode.CONFLICT, 'Someone else changed this at the same moment; try again.');
    default:
      return null;
  }
}

/** SQLSTATEs and socket errors of a database that is restarting, unreachable or full, rather than of a bad request. */
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const UNAVAILABLE_MESSAGE = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end/;
/** What TypeORM throws when a transaction's connection was lost under it (its runner is released on the connection's error). */
const RELEASED = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);
const UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * A database restart, a failover or pg_terminate_backend ends connections
 * under running requests: each of those requests was rolled back as a whole.
 * The client is told to try again shortly, with the contract's code for
 * "try again later" and its retryAfterSeconds, rather than an internal error.
 */
export function databaseUnavailable(err: unknown): DomainError | null {
  const own = err as { name?: unknown; code?: unknown; message?: unknown; driverError?: { code?: unknown; message?: unknown } } | null;
  if (!own || typeof own !== 'object') return null;
  if (RELEASED.has(String(own.name)) || RELEASED.has(own.constructor?.name)) return unavailable();
  const codes = [own.code, own.driverError?.code].filter((c): c is string => typeof c === 'string');
  const messages = [own.message, own.driverError?.message].filter((m): m is string => typeof m === 'string');
  if (!codes.some((c) => UNAVAILABLE_STATES.test(c) || UNAVAILABLE_SOCKET.has(c)) && !messages.some((m) => UNAVAILABLE_MESSAGE.test(m))) return null;
  return unavailable();
}

function unavailable(): DomainError {
  return new DomainError(
    ErrorCode.RATE_LIMITED,
    `The database is unavailable for a moment (restarting or reconnecting), and this request did not run to its end. Try again in ${UNAVAILABLE_RETRY_SECONDS} seconds.`,
    { retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS },
  );
}

function toDomainError(original: unknown): DomainError | null {
  if (original instanceof DomainError) return original;
  const unavailable = databaseUnavailable(original);
  if (unavailable) return unavailable;
  if (original instanceof QueryFailedError) return fromDatabase(original);
  return null;
}

/**
 * The one place where errors become what a client sees. A DomainError keeps
 * its code and message; Apollo's own pre-execution errors pass through;
 * anything else is logged and masked, so no stack, SQL or internal detail leaks.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const domain = toDomainError(original);
  if (domain) {
    return {
      message: domain.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: domain.code, ...domain.details },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && APOLLO_CODES.has(code) && !(original instanceof Error && !(original instanceof GraphQLError))) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  rootLogger.error({ err: original }, 'unexpected error in a GraphQL operation');
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
