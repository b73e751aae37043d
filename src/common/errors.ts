/**
 * The contract's error codes. Every refusal the service makes is a DomainError
 * with one of these; common/graphql-errors.ts turns it into a GraphQL error.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  DEADLINE_PASSED = 'DEADLINE_PASSED',
  INVALID_STATE = 'INVALID_STATE',
  POSSIBLE_DUPLICATE = 'POSSIBLE_DUPLICATE',
  RATE_LIMITED = 'RATE_LIMITED',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, { field, ...details });
export const unauthenticated = (message = 'Sign in first: send a valid access token as "Authorization: Bearer <token>".') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message: string) => new DomainError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string, id: string) => new DomainError(ErrorCode.NOT_FOUND, `No ${what} with id ${id}.`, { id });
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.CONFLICT, message, details);
export const invalidState = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.INVALID_STATE, message, details);
export const deadlinePassed = (message: string) => new DomainError(ErrorCode.DEADLINE_PASSED, message);
export const rateLimited = (retryAfterSeconds: number) =>
  new DomainError(ErrorCode.RATE_LIMITED, `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
    retryAfterSeconds,
  });

export const isNotFound = (err: unknown): boolean => err instanceof DomainError && err.code === ErrorCode.NOT_FOUND;

/**
 * For `.catch()`: a NOT_FOUND of a parent (a hidden standard) becomes NOT_FOUND
 * of the child asked for; any other failure, a database one included, stays what it is.
 */
export const notFoundAs = (what: string, id: string) => (err: unknown): never => {
  if (isNotFound(err)) throw notFound(what, id);
  throw err;
};
