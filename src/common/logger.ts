import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { Logger, PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { pinoHttp } from 'pino-http';

/**
 * In production, lines are written asynchronously: the lines logged while a
 * write is under way go out together in the next one, rather than one
 * write(2) per line, which cost a request a tenth of its CPU time under load
 * (bench/load.bench.ts). Nothing waits for a batch to fill, so a quiet
 * service's lines still appear at once; pino flushes what is pending when
 * the process exits. Elsewhere every line is written synchronously.
 */
const destination = process.env.NODE_ENV === 'production' ? pino.destination({ dest: 1, sync: false }) : undefined;

/**
 * One structured logger for the process. Secrets never reach it: the
 * redaction list covers credentials in headers and in GraphQL variables.
 */
export const rootLogger = pino({
  // configureApp sets the level from AppConfig.LOG_LEVEL once the configuration is read.
  level: process.env.LOG_LEVEL ?? 'info',
  redact: {
    paths: [
      'req.headers.authorization', 'req.headers.cookie', '*.password', '*.newPassword', '*.code',
      '*.accessToken', 'variables.*', 'req.body',
      // A failed query's bound values: password hashes, verification code hashes, addresses.
      'err.parameters',
    ],
    censor: '[redacted]',
  },
}, destination);

/**
 * Request logging (pino-http): each request gets its id, the client's
 * x-request-id when it is a plain token, else a new UUID, echoed in the
 * response's x-request-id; a child logger on `req.log` that carries it; and
 * one line when the response is finished (method, path, address, status, time).
 *
 * Code that logs for a request is handed `req.log`: nothing binds the logger
 * to the request through AsyncLocalStorage, as nestjs-pino's LoggerModule
 * did, because the promise hooks it turns on (Node 20) cost every promise of
 * every request, 2% to 8% of a request's CPU time (bench/load.bench.ts).
 * Made once the level is set (configureApp): a child keeps the level it was made with.
 */
export function requestLogging() {
  return pinoHttp({
    logger: rootLogger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/health' },
    // The request as its id, method, path and address, the response as its status. No headers (no
    // credential or browser detail reaches the log, and none is serialized per request only to be
    // redacted), and no query string: links carry one-time tokens there (digest, invitation).
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0], remoteAddress: req.socket?.remoteAddress }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
  });
}

/** Nest's own lines (start, routes, the errors it handles itself) as JSON through the same logger. */
export function nestLogger(): LoggerService {
  return new Logger(new PinoLogger({ pinoHttp: { logger: rootLogger } }), {});
}
