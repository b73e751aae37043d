import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createTestApp, TestApp } from './helpers/app';

const committed = () => readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8');

describe('the schema for integrators', () => {
  let dev: TestApp;
  let prod: TestApp;

  before(async () => {
    dev = await createTestApp();
    prod = await createTestApp({ NODE_ENV: 'production' });
  });
  after(async () => {
    await dev?.close();
    await prod?.close();
  });

  it('serves the SDL to anyone outside production, the same text as schema.gql', async () => {
    const res = await dev.http.get('/graphql/schema.graphql');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe(committed());
  });

  it('in production, serves it to signed-in accounts only, while introspection stays off', async () => {
    const anonymous = await prod.http.get('/graphql/schema.graphql');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    const token = await prod.adminToken();
    const signedIn = await prod.http.get('/graphql/schema.graphql').set('authorization', `Bearer ${token}`);
    expect(signedIn.status).toBe(200);
    expect(signedIn.text).toContain('type Query');
    const introspection = await prod.gql('{ __schema { queryType { name } } }', {}, token);
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
  });

  it('leaves POST /graphql as it was: GET on /graphql itself is still refused', async () => {
    const res = await dev.http.get('/graphql');
    expect(res.status).toBe(405);
  });

  it('serves GraphiQL at /graphiql from the service, with a CSP that forbids inline and remote scripts', async () => {
    const res = await dev.http.get('/graphiql');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc="\/app\/assets\/)[^>]*>/);
    expect(res.text).not.toMatch(/https?:\/\//);
  });
});
