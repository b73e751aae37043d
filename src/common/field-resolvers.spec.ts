import 'reflect-metadata';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { Field, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import type { GraphQLResolveInfo } from 'graphql';
import { Allow } from './access';
import { Caller, Role } from './caller';
import { createParamDecorator } from '@nestjs/common';
import { Ctx, CurrentCaller, GqlContext, Loaders } from './context';
import { FieldResolvers } from './field-resolvers';

@ObjectType({ description: 'A thing for this test.' })
class Thing {
  @Field({ description: 'Its name.' }) name: string;
}

/** A parameter decorator that is neither the parent, the context nor the caller: extracted through Nest on every call. */
const Constant = createParamDecorator(() => 'constant');

@Resolver(() => Thing)
@Allow(Role.SECRETARIAT)
class ThingResolver {
  @ResolveField(() => String, { description: 'From the context.' })
  where(@Parent() thing: Thing, @Ctx() ctx: GqlContext) {
    return `${thing.name} from ${ctx.ip}`;
  }

  @ResolveField(() => String, { description: 'With a parameter of another kind.' })
  other(@Parent() thing: Thing, @Constant() value: string, @CurrentCaller() caller: Caller | null) {
    return `${thing.name} ${value} ${caller?.id ?? 'nobody'}`;
  }

  @ResolveField(() => String, { description: 'Who asks, for the class audience.' })
  asker(@Parent() thing: Thing, @CurrentCaller() caller: Caller | null) {
    return `${thing.name} for ${caller?.email}`;
  }

  @ResolveField(() => String, { description: 'For anyone.' })
  @Allow('ANYONE')
  open(@Parent() thing: Thing) {
    return `open ${thing.name}`;
  }
}

@Resolver(() => Thing)
class UndeclaredResolver {
  @ResolveField(() => String, { description: 'Declares no audience.' })
  secret() {
    return 'leaked';
  }
}

const caller = (roles: Role[]): Caller => ({ id: 'u', email: 'x@example.invalid', displayName: 'X', roles, nationCode: null, organizationId: null });
const context = (who: Caller | null): GqlContext => ({ auth: { caller: who }, loaders: new Loaders(), ip: '127.0.0.1' });
const info = {} as GraphQLResolveInfo;

describe('FieldResolvers', () => {
  it('calls each field resolver behind its @Allow, with its parameters, and refuses one that declares none', async () => {
    const module = await Test.createTestingModule({ providers: [FieldResolvers, ThingResolver, UndeclaredResolver] }).compile();
    await module.init();
    const nest = (name: string) => () => `nest ${name}`;
    const map = { Thing: { asker: nest('asker'), open: nest('open'), secret: nest('secret'), where: nest('where'), other: nest('other') } } as Record<string, Record<string, (...a: unknown[]) => unknown>>;
    module.get(FieldResolvers).transform([{}, map]);
    const thing = { name: 'T' };

    expect(map.Thing.asker(thing, {}, context(caller([Role.SECRETARIAT])), info)).toBe('T for x@example.invalid');
    expect(() => map.Thing.asker(thing, {}, context(caller([Role.EXPERT])), info)).toThrow(/Only SECRETARIAT may do this/);
    expect(() => map.Thing.asker(thing, {}, context(null), info)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(map.Thing.open(thing, {}, context(null), info)).toBe('open T');
    // Parent, context and caller are taken from graphql's arguments; any other parameter still through Nest's extractor.
    expect(map.Thing.where(thing, {}, context(caller([Role.SECRETARIAT])), info)).toBe('T from 127.0.0.1');
    expect(map.Thing.other(thing, {}, context(caller([Role.SECRETARIAT])), info)).toBe('T constant u');
    expect(() => map.Thing.secret(thing, {}, context(caller([Role.ADMIN])), info)).toThrow(/declares no permission/);
    await module.close();
  });
});
