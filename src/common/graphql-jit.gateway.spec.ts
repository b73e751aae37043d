import { describe, it } from 'node:test';
import { expect } from 'expect';
import { ApolloServer } from '@apollo/server';
import { buildSchema, getIntrospectionQuery, GraphQLScalarType, parse } from 'graphql';
import { DomainError, ErrorCode } from './errors';
import { formatError } from './graphql-errors';
import { JitGateway } from './graphql-jit.gateway';
import { rootLogger } from './logger';

rootLogger.level = 'silent';

/**
 * The executor must not change what a client sees: every request below is
 * answered by Apollo Server with graphql-js's execute and with JitGateway,
 * over the same schema, with the service's formatError, and the two answers
 * (status and body) must be equal byte for byte. The cases are graphql-jit's
 * documented and known differences from graphql-js: resolver errors,
 * null bubbling into non-null fields and lists, variable coercion errors,
 * custom scalars and enums (and their serialize errors), abstract types and
 * __typename, @skip/@include, introspection, fragments and aliases, the
 * context and resolve info a resolver sees.
 */
const SDL = `
  scalar DateTime
  enum Status { DRAFT PUBLISHED }
  interface Node { id: ID! }
  type Doc implements Node { id: ID! title: String status: Status! at: DateTime tags: [String!] note: Note }
  type Note implements Node { id: ID! body: String! }
  union Item = Doc | Note
  input Filter { term: String! statuses: [Status!] = [DRAFT] }
  type Query {
    doc(id: ID!): Doc
    docs(first: Int!, status: Status, filter: Filter): [Doc!]!
    items: [Item!]!
    node(id: ID!): Node
    failsDomain: String
    failsInternal: String
    nullInNonNull: Doc
    nullInNonNullList: [Doc!]
    nullAtRoot: Doc!
    badScalar: DateTime
    badEnum: Status
    slow: String
    seen(at: DateTime): String
    context: String
    info: String
  }
  type Mutation { touch(id: ID!): Doc }
`;

const AT = new Date('2026-12-01T00:00:00.000Z');
const DOCS = [
  { id: '1', title: 'One', status: 'DRAFT', at: AT, tags: ['a', 'b'], note: { id: 'n1', body: 'Body' } },
  { id: '2', title: null, status: 'PUBLISHED', at: null, tags: null, note: null },
];

function schema() {
  const s = buildSchema(SDL);
  const at = s.getType('DateTime') as GraphQLScalarType;
  at.serialize = (v) => {
    if (!(v instanceof Date)) throw new TypeError(`DateTime cannot represent ${String(v)}`);
    return v.toISOString();
  };
  at.parseValue = (v) => {
    const d = new Date(String(v));
    if (typeof v !== 'string' || Number.isNaN(d.getTime())) throw new TypeError(`DateTime cannot represent ${JSON.stringify(v)}`);
    return d;
  };
  const q = s.getQueryType()!.getFields();
  q.doc.resolve = (_, { id }) => DOCS.find((d) => d.id === id) ?? null;
  q.docs.resolve = (_, { first, status, filter }) =>
    DOCS.filter((d) => (!status || d.status === status) && (!filter || filter.statuses.includes(d.status))).slice(0, first);
  q.items.resolve = async () => [DOCS[0], DOCS[0].note];
  q.node.resolve = (_, { id }) => (id === 'n1' ? DOCS[0].note : DOCS.find((d) => d.id === id));
  q.failsDomain.resolve = () => {
    throw new DomainError(ErrorCode.NOT_FOUND, 'No standard with id 7.', { id: '7' });
  };
  q.failsInternal.resolve = async () => {
    throw new Error('SELECT secret FROM detail');
  };
  q.nullInNonNull.resolve = () => ({ id: null, status: 'DRAFT' });
  q.nullInNonNullList.resolve = () => [DOCS[0], { id: '3', status: null }];
  q.nullAtRoot.resolve = () => null;
  q.badScalar.resolve = () => 'not a date';
  q.badEnum.resolve = () => 'RETIRED';
  q.slow.resolve = () => new Promise((resolve) => setTimeout(() => resolve('late'), 5));
  q.seen.resolve = (_, { at: when }) => (when instanceof Date ? `a Date: ${when.toISOString()}` : `not a Date: ${String(when)}`);
  q.context.resolve = (_, __, ctx: { who: string }) => ctx.who;
  q.info.resolve = (_, __, ___, info) => `${info.parentType.name}.${info.fieldName} at ${info.path.key} of ${info.operation.operation} ${info.returnType}`;
  s.getMutationType()!.getFields().touch.resolve = (_, { id }) => DOCS.find((d) => d.id === id);
  const item = (v: { body?: unknown }) => ('body' in v ? 'Note' : 'Doc');
  (s.getType('Item') as { resolveType?: unknown }).resolveType = item;
  (s.getType('Node') as { resolveType?: unknown }).resolveType = item;
  return s;
}

interface Request { query: string; variables?: Record<string, unknown>; operationName?: string }

const CASES: [string, Request][] = [
  ['leaves, a custom scalar, an enum, a list, __typename', { query: '{ doc(id:"1"){ __typename id title status at tags note { id body } } }' }],
  ['nulls where nullable', { query: '{ doc(id:"2"){ id title at tags note { id } } missing: doc(id:"9"){ id } }' }],
  ['variables, an enum variable, an input object with a default', {
    query: 'query($f:Int!,$s:Status,$x:Filter){ docs(first:$f,status:$s,filter:$x){ id status } }', variables: { f: 5, s: 'DRAFT', x: { term: 't' } },
  }],
  ['variables: a wrong type', { query: 'query($f:Int!){ docs(first:$f){ id } }', variables: { f: 'five' } }],
  ['variables: a required one missing', { query: 'query($f:Int!){ docs(first:$f){ id } }', variables: {} }],
  ['variables: null for a non-null one', { query: 'query($f:Int!){ docs(first:$f){ id } }', variables: { f: null } }],
  ['variables: an unknown enum value', { query: 'query($f:Int!,$s:Status){ docs(first:$f,status:$s){ id } }', variables: { f: 1, s: 'RETIRED' } }],
  ['variables: an input object missing a field, and an unknown one', { query: 'query($x:Filter){ docs(first:1,filter:$x){ id } }', variables: { x: { other: 1 } } }],
  ['variables: a custom scalar parsed (and refused)', { query: 'query($a:DateTime,$b:DateTime){ ok: seen(at:$a) bad: seen(at:$b) }', variables: { a: '2026-01-02T00:00:00Z', b: 'yesterday' } }],
  ['variables: a custom scalar parsed', { query: 'query($a:DateTime){ seen(at:$a) }', variables: { a: '2026-01-02T00:00:00Z' } }],
  ['a union, an interface and __typename', { query: '{ items { __typename ... on Doc { id title } ... on Note { id body } } node(id:"n1"){ __typename id ... on Note { body } } }' }],
  ['a DomainError keeps its code, message and details', { query: '{ failsDomain doc(id:"1"){ id } }' }],
  ['an internal error is masked, with no detail or stack', { query: '{ failsInternal doc(id:"1"){ id } }' }],
  ['null in a non-null field bubbles to the nullable parent', { query: '{ nullInNonNull { id status } doc(id:"1"){ id } }' }],
  ['null in a list of non-null bubbles to the list', { query: '{ nullInNonNullList { id status } }' }],
  ['null in a non-null root field bubbles to data', { query: '{ nullAtRoot { id } doc(id:"1"){ id } }' }],
  ['a custom scalar that cannot serialize', { query: '{ badScalar doc(id:"1"){ id } }' }],
  ['an enum value that is not in the enum', { query: '{ badEnum }' }],
  ['@skip and @include, literal and variable', {
    query: 'query($yes:Boolean!){ doc(id:"1"){ id title @include(if:$yes) status @skip(if:$yes) at @skip(if:false) tags @include(if:false) } }', variables: { yes: true },
  }],
  ['aliases and fragments', { query: '{ a: doc(id:"1"){ ...F } b: doc(id:"2"){ ...F ... on Doc { status } } } fragment F on Doc { id title }' }],
  ['an operation chosen by name', { query: 'query A { doc(id:"1"){ id } } query B { doc(id:"2"){ title } }', operationName: 'B' }],
  ['an unknown operation name', { query: 'query A { doc(id:"1"){ id } }', operationName: 'C' }],
  ['an unknown field fails validation', { query: '{ doc(id:"1"){ id secret } }' }],
  ['a promise from a resolver', { query: '{ slow doc(id:"1"){ id } }' }],
  ['the context and the resolve info a resolver sees', { query: '{ context info }' }],
  ['introspection', { query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }) }],
  ['a mutation', { query: 'mutation { touch(id:"1"){ id title } }' }],
];

async function answers(gateway: boolean): Promise<string[]> {
  const s = schema();
  const options = { formatError, includeStacktraceInErrorResponses: false, introspection: true };
  const server = gateway ? new ApolloServer({ ...options, gateway: new JitGateway(s) }) : new ApolloServer({ ...options, schema: s });
  await server.start();
  try {
    const out: string[] = [];
    for (const [, request] of CASES) {
      const { http, body } = await server.executeOperation(request, { contextValue: { who: 'the caller' } });
      out.push(JSON.stringify({ status: http.status ?? 200, body }));
    }
    return out;
  } finally {
    await server.stop();
  }
}

describe('graphql-jit as Apollo Server executor (JitGateway)', () => {
  it('answers every case exactly as graphql-js does', async () => {
    const [js, jit] = [await answers(false), await answers(true)];
    CASES.forEach(([name], i) => expect({ name, answer: jit[i] }).toEqual({ name, answer: js[i] }));
    // The cases do reach what they are about (a case that errs everywhere would prove nothing).
    const parsed = js.map((a) => JSON.parse(a) as { status: number; body: { singleResult: { data?: unknown; errors?: { message: string; extensions: { code: string } }[] } } });
    const byName = (name: string) => parsed[CASES.findIndex(([n]) => n === name)].body.singleResult;
    expect(byName('variables: a wrong type').errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(byName('a DomainError keeps its code, message and details').errors?.[0]).toMatchObject({ message: 'No standard with id 7.', extensions: { code: 'NOT_FOUND', id: '7' } });
    expect(byName('an internal error is masked, with no detail or stack').errors?.[0]).toEqual({ message: 'Internal server error', path: ['failsInternal'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(byName('null in a list of non-null bubbles to the list').data).toEqual({ nullInNonNullList: null });
    expect(byName('the context and the resolve info a resolver sees').data).toEqual({ context: 'the caller', info: 'Query.info at info of query String' });
    expect((byName('introspection').data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(10);
  });

  it('runs queries compiled (once per document and operation name), and mutations and what cannot compile on graphql-js', () => {
    const gateway = new JitGateway(schema());
    const query = '{ doc(id:"1"){ id } }';
    const compiled = gateway.plan(parse(query), query, undefined);
    expect(compiled).not.toBe('graphql-js');
    expect(gateway.plan(parse(query), query, undefined)).toBe(compiled);
    const mutation = 'mutation { touch(id:"1"){ id } }';
    expect(gateway.plan(parse(mutation), mutation, undefined)).toBe('graphql-js');
    const unknown = 'query A { doc(id:"1"){ id } }';
    expect(gateway.plan(parse(unknown), unknown, 'C')).toBe('graphql-js');
  });
});
