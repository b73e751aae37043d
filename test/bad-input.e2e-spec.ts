/* eslint-disable no-console -- the corpus says how many inputs it tried */
import { after, before, describe, it } from 'node:test';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { expect } from 'expect';
import fc from 'fast-check';
import {
  getNamedType, GraphQLArgument, GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType,
} from 'graphql';
import { createTestApp, TestApp } from './helpers/app';
import { draft, openBallot } from './helpers/ratification';

/**
 * A bad-input corpus over every mutation: random and hostile values for each
 * argument, shaped by the argument's type (and sometimes not). Every refusal
 * must be a GraphQL error with one of the contract's codes, never a 500 or
 * INTERNAL_SERVER_ERROR, and a refused call leaves no row behind in any table.
 */
const SEED = Number(process.env.FC_SEED ?? 20261130);
const RUNS_PER_MUTATION = Number(process.env.FC_RUNS ?? 15);

/** The contract's codes, and Apollo's own for a malformed query or variables. */
const CODES = new Set([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'VERSION_CONFLICT', 'DEADLINE_PASSED',
  'INVALID_STATE', 'POSSIBLE_DUPLICATE', 'RATE_LIMITED', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED',
]);

/** Arguments without which the corpus would end its own session or lock itself out. */
const NOT_FUZZED = new Set(['refreshSession', 'signOut', 'signOutEverywhere']);

const deepJson = fc.integer({ min: 50, max: 1000 }).map((depth) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), maxLength: 50 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\uDBFF\uDBFF', '\uFEFF', '\u202E', '', ' ', '%00', '\\', "'; DROP TABLE users; --", '${7*7}', '<script>alert(1)</script>', '=cmd|"/c calc"!A1', '../../etc/passwd'),
  fc.tuple(fc.constantFrom('x', 'é', '\u0000', '𝕏', '\uD800'), fc.integer({ min: 1_000, max: 300_000 })).map(([c, n]) => c.repeat(n)),
  fc.emailAddress(),
);

const edgeInt = fc.oneof(
  fc.constantFrom(0, -1, 1, 2147483647, -2147483648, 2147483648, -2147483649, Number.MAX_SAFE_INTEGER, 1e308, -0, 0.5),
  fc.integer(),
);

function values(type: GraphQLInputType, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const wrongShape = fc.oneof(deepJson, hostileString, edgeInt, fc.constant(null), fc.boolean(), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));
  return fc.oneof({ weight: 9, arbitrary: shaped(type, ids, depth) }, { weight: 1, arbitrary: wrongShape });
}

function shaped(type: GraphQLInputType, ids: string[], depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return values(type.ofType, ids, depth);
  if (isListType(type)) return fc.array(values(type.ofType, ids, depth + 1), { maxLength: depth > 2 ? 0 : 3 });
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, values(f.type, ids, depth + 1)])), {
      requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
    });
  }
  if (isEnumType(type)) return fc.oneof(fc.constantFrom(...type.getValues().map((v) => v.value as string)), fc.constant('NOT_A_VALUE'));
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return fc.oneof(fc.constantFrom(...ids), fc.uuid(), fc.constantFrom('00000000-0000-0000-0000-000000000000', '1', '-1', 'null', ''), hostileString);
      case 'Int':
      case 'Float':
        return edgeInt;
      case 'Boolean':
        return fc.boolean();
      case 'DateTime':
        return fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constantFrom('0000-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '9999-12-31T23:59:59Z', '2026-02-30T00:00:00Z', 'yesterday', '1e400'),
          edgeInt,
          hostileString,
        );
      default:
        return hostileString;
    }
  }
  return hostileString;
}

describe('bad-input corpus over every mutation (fast-check)', () => {
  let t: TestApp;
  let token: string;
  let ids: string[];
  let tables: string[];

  before(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_IP: '1000000' });
    token = await t.adminToken();
    const me = (await t.ok(`{ me { id } }`, {}, token)).me.id;
    const org = (await t.ok(`mutation{ createOrganization(input:{ name:"Fuzz Vendor", kind:VENDOR }){ id } }`, {}, token)).createOrganization.id;
    // One caller with every role, so that most calls get past access and reach validation and the services.
    for (const grant of [{ role: 'SECRETARIAT' }, { role: 'EXPERT', nationCode: 'FRA' }, { role: 'DELEGATE', nationCode: 'FRA' }, { role: 'VENDOR', organizationId: org }]) {
      await t.ok(`mutation($i:GrantRoleInput!){ grantRole(input:$i){ id } }`, { i: { userId: me, ...grant } }, token);
    }
    token = await t.adminToken();
    const other = await t.user('Fuzz Target');
    const drafting = await draft(t, token, 'FUZZ 1');
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const round = (await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, {
      i: { standardId: drafting.standardId, versionId: drafting.versionId, title: 'Fuzz round', closesAt: later },
    }, token)).openCommentRound.id;
    const comment = (await t.ok(`mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`, { i: { roundId: round, type: 'GENERAL', body: 'Seed comment.' } }, token)).addComment.id;
    const balloted = await draft(t, token, 'FUZZ 2');
    const ballot = (await openBallot(t, token, balloted.standardId, balloted.versionId, 1)).data.openBallot.id;
    const product = (await t.ok(`mutation{ registerProduct(input:{ name:"Fuzz product", productVersion:"1" }){ id } }`, {}, token)).registerProduct.id;
    ids = [other.id, org, drafting.standardId, drafting.versionId, round, comment, balloted.standardId, balloted.versionId, ballot, product];
    tables = (await t.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`)).map((r: { tablename: string }) => r.tablename);
  });

  after(() => t?.close());

  async function rowCounts(): Promise<Record<string, number>> {
    const [row] = await t.db.query(`SELECT ${tables.map((name) => `(SELECT count(*)::int FROM "${name}") AS "${name}"`).join(', ')}`);
    return row;
  }

  it('answers every hostile input with a coded error, never a 500, and leaves no row behind', async () => {
    const mutations = Object.values(t.app.get(GraphQLSchemaHost).schema.getMutationType()!.getFields())
      .filter((m) => m.args.length && !NOT_FUZZED.has(m.name));
    let tried = 0;
    let refused = 0;
    const codes: Record<string, number> = {};
    const failures: string[] = [];
    for (const mutation of mutations) {
      const declare = (a: GraphQLArgument) => `$${a.name}: ${a.type.toString()}`;
      const selection = isScalarType(getNamedType(mutation.type)) ? '' : '{ __typename }';
      const query = `mutation(${mutation.args.map(declare).join(', ')}) { ${mutation.name}(${mutation.args.map((a) => `${a.name}: $${a.name}`).join(', ')}) ${selection} }`;
      const variables = fc.record(Object.fromEntries(mutation.args.map((a) => [a.name, values(a.type, ids)])));
      await fc.assert(
        fc.asyncProperty(variables, async (vars) => {
          tried++;
          const before = await rowCounts();
          const res = await t.gql(query, vars, token);
          const errors = res.errors ?? [];
          for (const e of errors) codes[e.extensions?.code] = (codes[e.extensions?.code] ?? 0) + 1;
          const shown = JSON.stringify(vars).slice(0, 300);
          if (res.status >= 500) throw new Error(`HTTP ${res.status} for ${shown}: ${JSON.stringify(errors).slice(0, 300)}`);
          if (res.status === 413) return; // refused by the body parser, before anything could be written
          const uncoded = errors.filter((e) => !CODES.has(e.extensions?.code));
          if (uncoded.length) throw new Error(`${uncoded[0].extensions?.code}: ${uncoded[0].message.slice(0, 200)} for ${shown}`);
          if (errors.length) {
            refused++;
            const afterwards = await rowCounts();
            // rate_limit counts failed attempts by design (sign-in, codes): that is the row a refusal may leave.
            const changed = tables.filter((name) => name !== 'rate_limit' && afterwards[name] !== before[name]);
            if (changed.length) throw new Error(`refused with ${errors[0].extensions?.code} but rows changed in ${changed.join(', ')} for ${shown}`);
          }
        }),
        {
          seed: SEED, numRuns: RUNS_PER_MUTATION, endOnFailure: true,
          // The counterexample can be megabytes long; name the mutation and the error instead.
          reporter: (run) => { if (run.failed) failures.push(`${mutation.name}: ${run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance)}`); },
        },
      );
    }
    if (failures.length) console.log(`# bad-input failures:\n${failures.join('\n')}`);
    expect(failures).toEqual([]);
    console.log(`# bad-input corpus: ${tried} inputs over ${mutations.length} mutations (seed ${SEED}), ${refused} refused; codes: ${JSON.stringify(codes)}`);
    expect(tried).toBe(mutations.length * RUNS_PER_MUTATION);
  });
});
