import { describe, it } from 'node:test';
import { expect } from 'expect';
import { GraphQLError } from 'graphql';
import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { formatError } from './graphql-errors';
import { rootLogger } from './logger';

rootLogger.level = 'silent';

/** What a client sees when a resolver threw `err`. */
const seen = (err: unknown) => formatError({ message: 'x', path: ['castResponse'] }, new GraphQLError('x', { originalError: err as Error, path: ['castResponse'] }));

const driver = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('errors of a database that cannot be reached', () => {
  it('tells the client to try again (RATE_LIMITED with retryAfterSeconds), not INTERNAL_SERVER_ERROR', () => {
    const lost = [
      new QueryFailedError('SELECT 1', [], driver('57P01', 'terminating connection due to administrator command')),
      new QueryFailedError('SELECT 1', [], driver('08006', 'connection failure')),
      new QueryRunnerAlreadyReleasedError(),
      driver('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      new Error('Connection terminated unexpectedly'),
    ];
    for (const err of lost) {
      const formatted = seen(err);
      expect(formatted.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 5 });
      expect(formatted.message).toMatch(/^The database is unavailable for a moment .* Try again in 5 seconds\.$/);
    }
  });

  it('still masks any other failure as INTERNAL_SERVER_ERROR, with no detail', () => {
    for (const err of [new Error('boom'), new QueryFailedError('SELECT 1', [], driver('42P01', 'relation "x" does not exist'))]) {
      expect(seen(err)).toEqual({ message: 'Internal server error', path: ['castResponse'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    }
  });
});
