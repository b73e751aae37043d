import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createTestApp, TestApp } from './helpers/app';

/** Found by the bad-input corpus: both answered INTERNAL_SERVER_ERROR before TextInputPipe. */
describe('text PostgreSQL cannot store, or that is not UTF-16', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t?.close());

  it('refuses a lone surrogate with BAD_USER_INPUT naming the argument (class-validator threw URIError)', async () => {
    const res = await t.gql(`mutation($e:String!){ verifyEmail(email:$e, code:"123456") }`, { e: 'a\uD800@test.example' });
    expect(res.errors?.map((e) => [e.extensions.code, e.extensions.field])).toEqual([['BAD_USER_INPUT', 'email']]);
  });

  it('refuses a NUL in an id or a text with BAD_USER_INPUT (PostgreSQL refused the query)', async () => {
    const sec = await t.user('Nul Secretariat', [{ role: 'SECRETARIAT' }]);
    const res = await t.gql(`mutation($s:ID!){ cancelStandard(standardId:$s, reason:"No.") { id } }`, { s: '\u0000' }, sec.token);
    expect(res.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    const input = await t.gql(`mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`, {
      i: { designation: 'NUL 1', title: 'Title\u0000', scope: 'A scope long enough.', visibility: 'PUBLIC' },
    }, sec.token);
    expect(input.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(await t.db.query(`SELECT 1 FROM standard WHERE designation = 'NUL 1'`)).toEqual([]);
  });
});
