import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import pino from 'pino';
import { rootLogger } from '../src/common/logger';
import { createTestApp, TestApp } from './helpers/app';

/**
 * An unexpected failure of a GraphQL operation answers INTERNAL_SERVER_ERROR
 * with no detail, and the log line with the detail carries the request's id,
 * the one the client got in x-request-id (README: "the log has the rest,
 * under the request's x-request-id"). Through real HTTP and PostgreSQL.
 */
describe('the log line of an unexpected GraphQL error', () => {
  let t: TestApp;
  let admin: string;
  const logged: string[] = [];
  const streamSym = pino.symbols.streamSym as unknown as keyof typeof rootLogger;
  let stream: unknown;

  before(async () => {
    stream = rootLogger[streamSym];
    (rootLogger as unknown as Record<symbol, unknown>)[streamSym as unknown as symbol] = { write: (line: string) => logged.push(line) };
    t = await createTestApp({ LOG_LEVEL: 'info' });
    admin = await t.adminToken();
  });
  after(async () => {
    await t?.close();
    (rootLogger as unknown as Record<symbol, unknown>)[streamSym as unknown as symbol] = stream;
  });

  it('carries the request id the client was given, and is written once', async () => {
    // A table gone from under the service: a failure no client can act on, so it is masked.
    await t.db.query('ALTER TABLE standard RENAME TO standard_away');
    let res;
    try {
      res = await t.http.post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${admin}`)
        .set('x-request-id', 'trace-unexpected-1').send({ query: '{ standards(first:5){ edges { node { designation } } } }' });
    } finally {
      await t.db.query('ALTER TABLE standard_away RENAME TO standard');
    }
    expect(res.headers['x-request-id']).toBe('trace-unexpected-1');
    expect(res.body.errors).toEqual([{ message: 'Internal server error', path: ['standards'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    const lines = logged.map((l) => JSON.parse(l) as { msg?: string; req?: { id?: string }; err?: { message?: string } })
      .filter((l) => l.msg === 'unexpected error in a GraphQL operation');
    expect(lines).toHaveLength(1);
    // pino-http's request logger: the request (its id, method and url) is bound to every line.
    expect(lines[0].req?.id).toBe('trace-unexpected-1');
    expect(lines[0].err?.message).toMatch(/standard/);
    // The access line: the request's id, method and path, its status; no header, so no bearer token.
    const access = logged.map((l) => JSON.parse(l)).find((l) => l.msg === 'request completed' && l.req?.id === 'trace-unexpected-1');
    expect(access).toMatchObject({ req: { id: 'trace-unexpected-1', method: 'POST', url: '/graphql' }, res: { statusCode: 200 } });
    expect(Object.keys(access.req).sort()).toEqual(['id', 'method', 'remoteAddress', 'url']);
    expect(logged.join('\n')).not.toContain(admin);
  });

  it('writes a path without its query string: links carry one-time tokens there', async () => {
    const before = logged.length;
    await t.http.get('/digest/confirm?token=secret-one-time-token').set('x-request-id', 'trace-query-1');
    const access = logged.slice(before).map((l) => JSON.parse(l)).find((l) => l.req?.id === 'trace-query-1');
    expect(access?.req.url).toBe('/digest/confirm');
    expect(logged.slice(before).join('\n')).not.toContain('secret-one-time-token');
  });

  it('is not written for a refusal the client can act on', async () => {
    const before = logged.length;
    const res = await t.gql('{ standards(first:5){ edges { node { designation } } } }');
    expect(res.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(logged.slice(before).filter((l) => l.includes('unexpected error'))).toEqual([]);
  });
});
