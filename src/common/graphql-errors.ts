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

function toDomainError(original: unknown): DomainError | null {
  if (original instanceof DomainError) return original;
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
