import pino from 'pino';

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
