import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from './errors';

/** The HTTP status each contract code takes on the plain HTTP routes (exports, public pages). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.VERSION_CONFLICT]: 409,
  [ErrorCode.INVALID_STATE]: 409,
  [ErrorCode.POSSIBLE_DUPLICATE]: 409,
  [ErrorCode.DEADLINE_PASSED]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
};

/**
 * DomainErrors on HTTP routes answer with the same code and message GraphQL
 * gives. In a GraphQL operation the error is handed back untouched, so
 * common/graphql-errors.ts stays the one place that formats it there.
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost) {
    if (host.getType() !== 'http') return error;
    host.switchToHttp().getResponse<Response>().status(HTTP_STATUS[error.code]).json({ code: error.code, message: error.message });
  }
}
