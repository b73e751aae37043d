import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
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
 * What formatError masks as INTERNAL_SERVER_ERROR: the error the operation
 * failed with when it is neither a DomainError (nor a database refusal a
 * person can act on) nor one of Apollo's own pre-execution errors; else null.
 */
export function unexpectedCause(error: unknown, code: unknown = (error as GraphQLError | null)?.extensions?.code): { cause: unknown } | null {
  const original = unwrapResolverError(error);
  if (toDomainError(original)) return null;
  if (typeof code === 'string' && APOLLO_CODES.has(code) && !(original instanceof Error && !(original instanceof GraphQLError))) return null;
  return { cause: original };
}

/**
 * The one place where errors become what a client sees. A DomainError keeps
 * its code and message; Apollo's own pre-execution errors pass through;
 * anything else is masked, so no stack, SQL or internal detail leaks. The
 * masked error is logged with the request's id by logUnexpectedErrors
 * (Apollo hands formatError no request), here only for an error met outside one.
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
  if (!unexpectedCause(error, code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  if (!(error instanceof GraphQLError) || !logged.has(error)) rootLogger.error({ err: original }, UNEXPECTED);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

const UNEXPECTED = 'unexpected error in a GraphQL operation';
/** The errors logUnexpectedErrors has logged with their request, so formatError does not log them again. */
const logged = new WeakSet<GraphQLError>();

/**
 * Logs each error formatError will mask on the request's own logger
 * (pino-http's `req.log`), so the line carries the request's id (reqId),
 * the id the client got in x-request-id. Apollo calls this before formatError.
 */
export const logUnexpectedErrors: ApolloServerPlugin<{ req?: { log?: Logger } }> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) {
          const unexpected = unexpectedCause(error);
          if (!unexpected) continue;
          (contextValue?.req?.log ?? rootLogger).error({ err: unexpected.cause }, UNEXPECTED);
          logged.add(error);
        }
      },
    };
  },
};
