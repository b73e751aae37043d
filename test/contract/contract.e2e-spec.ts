import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { buildSchema, findBreakingChanges, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ACCESS_KEY } from '../../src/common/access';
import { printGeneratedSchema } from '../../src/explorer/schema-sdl';
import { createTestApp, TestApp } from '../helpers/app';

const root = join(__dirname, '..', '..', '..');
const contractText = readFileSync(join(root, 'test', 'contract', 'contract.graphql'), 'utf8');
const notYet: string[] = JSON.parse(readFileSync(join(root, 'test', 'contract', 'not-yet.json'), 'utf8'));

/** Same rule as ../shared/tools/contract-check.js: a change is pending when it is about a listed name. */
const about = (description: string, name: string) =>
  description === `${name} was removed.` || description.startsWith(`${name}.`) || description.startsWith(`${name} `);

describe('the public contract', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  before(async () => {
    t = await createTestApp();
    schema = t.app.get(GraphQLSchemaHost).schema;
  });
  after(() => t.close());

  it('keeps schema.gql current (run npm run schema:generate)', () => {
    expect(readFileSync(join(root, 'schema.gql'), 'utf8')).toBe(printGeneratedSchema(schema));
  });

  it('breaks nothing in the contract except the names still listed in not-yet.json', () => {
    const changes = findBreakingChanges(buildSchema(contractText), schema);
    const open = changes.filter((c) => !notYet.some((n) => about(c.description, n)));
    expect(open.map((c) => c.description)).toEqual([]);
  });

  it('lists in not-yet.json only names that are still missing or incompatible', () => {
    const changes = findBreakingChanges(buildSchema(contractText), schema);
    const done = notYet.filter((n) => !changes.some((c) => about(c.description, n)));
    expect(done).toEqual([]);
  });

  it('declares who may call every query, mutation, subscription and field resolver', () => {
    const modules = [...t.app.get(ModulesContainer).values()];
    const reflector = new Reflector();
    const declared = new Set<string>();
    const undeclaredResolvers: string[] = [];
    for (const wrapper of modules.flatMap((m) => [...m.providers.values()])) {
      const instance = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      const resolverType = Reflect.getMetadata('graphql:resolver_type', instance.constructor);
      for (const method of Object.getOwnPropertyNames(proto)) {
        const handler = Object.getOwnPropertyDescriptor(proto, method)?.value;
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const kind: string | undefined = Reflect.getMetadata('graphql:resolver_type', handler);
        const name: string = Reflect.getMetadata('graphql:resolver_name', handler) ?? method;
        if (!kind && !Reflect.hasMetadata('graphql:resolve_property', handler) && !resolverType) continue;
        const access = reflector.getAllAndOverride(ACCESS_KEY, [handler, instance.constructor]);
        const own = reflector.get(ACCESS_KEY, handler);
        if (kind && ['Query', 'Mutation', 'Subscription'].includes(kind)) {
          if (own) declared.add(`${kind}.${name}`);
        } else if (kind || Reflect.hasMetadata('graphql:resolve_property', handler)) {
          if (!access) undeclaredResolvers.push(`${instance.constructor.name}.${method}`);
        }
      }
    }
    const operations = (['Query', 'Mutation', 'Subscription'] as const).flatMap((type) => {
      const object = schema.getType(type) as GraphQLObjectType | undefined;
      return object ? Object.keys(object.getFields()).map((f) => `${type}.${f}`) : [];
    });
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((op) => !declared.has(op))).toEqual([]);
    expect(undeclaredResolvers).toEqual([]);
  });
});
