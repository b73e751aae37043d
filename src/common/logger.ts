import pino from 'pino';

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
});
