import { Injectable, Type } from '@nestjs/common';
import { ExternalContextCreator, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { GqlModuleOptions, PARAM_ARGS_METADATA, RESOLVER_NAME_METADATA, RESOLVER_PROPERTY_METADATA } from '@nestjs/graphql';
import { GqlParamtype } from '@nestjs/graphql/dist/enums/gql-paramtype.enum.js';
import { GqlParamsFactory } from '@nestjs/graphql/dist/factories/params.factory.js';
import type { GraphQLFieldResolver } from 'graphql';
import { ACCESS_KEY, admit, Audience } from './access';
import type { GqlContext } from './context';

/** What Nest hands `transformResolvers`: its scalars, then one map of type name to field name to resolver. */
type Resolvers = Parameters<NonNullable<GqlModuleOptions['transformResolvers']>>[0];
type ResolverMap = Record<string, Record<string, unknown>>;
type FieldResolver = GraphQLFieldResolver<unknown, GqlContext>;

/**
 * Field resolvers (`@ResolveField`) without Nest's per-call machinery.
 *
 * Nest calls a field resolver through its ExternalContextCreator: a chain of
 * promises per call (the guard if `fieldResolverEnhancers` names it, every
 * global pipe on every parameter, the interceptor consumer), for every field
 * of every row: 200 calls for the nation and author of a page of 100
 * comments, about a fifth of a request's CPU time (bench/load.bench.ts).
 * GraphQLModule's `transformResolvers` hands this class the resolver map
 * once, at start, and each field resolver is replaced by
 *
 * - the check of its `@Allow` audience (read here once; the same rule as the
 *   AccessGuard's, see `admit`; no `@Allow` on the method or its class: refused,
 *   deny by default), then
 * - a direct call of the method, its parameters extracted by Nest's own
 *   parameter factories (`@Parent`, `@Ctx`, `@CurrentCaller`), when none is the
 *   client's input: the global pipes only act on arguments (`isClientInput`).
 *   A field resolver with `@Args` keeps Nest's callback, so its arguments are
 *   validated as any operation's.
 *
 * Fields read straight from the parent object (`@Field`) have no resolver of
 * Nest's and are not wrapped at all. Guards on root fields and HTTP routes
 * stay Nest's (AccessGuard), where the token's scopes are checked too.
 */
@Injectable()
export class FieldResolvers {
  private readonly params = new GqlParamsFactory();
  private readonly scanner = new MetadataScanner();

  constructor(
    private readonly modules: ModulesContainer,
    private readonly reflector: Reflector,
    private readonly contexts: ExternalContextCreator,
  ) {}

  /** For GraphQLModule's `transformResolvers`: the map with every field resolver guarded and, where it can be, called directly. */
  transform = (given: Resolvers): Resolvers => {
    const maps = (Array.isArray(given) ? given : [given]) as ResolverMap[];
    for (const [moduleKey, module] of this.modules) {
      for (const wrapper of module.providers.values()) {
        const cls = wrapper.metatype as Type | null;
        const type: unknown = cls && Reflect.getMetadata(RESOLVER_NAME_METADATA, cls);
        if (typeof type !== 'string' || !cls) continue;
        // A request-scoped resolver has an instance per request: it keeps Nest's callback, guarded all the same.
        const instance = wrapper.isDependencyTreeStatic() ? (wrapper.instance as object | undefined) : undefined;
        for (const method of this.scanner.getAllMethodNames(cls.prototype)) {
          const handler = cls.prototype[method] as (...args: unknown[]) => unknown;
          if (!Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, handler)) continue;
          const field: string = Reflect.getMetadata(RESOLVER_NAME_METADATA, handler) ?? method;
          const map = maps.find((m) => typeof m[type]?.[field] === 'function');
          if (!map) throw new Error(`${type}.${field}: Nest built no resolver for this @ResolveField`);
          const who = this.reflector.getAllAndOverride<Audience[] | undefined>(ACCESS_KEY, [handler, cls]);
          const call = (instance && this.direct(instance, method, handler, moduleKey)) || (map[type][field] as FieldResolver);
          map[type][field] = guarded(who, call);
        }
      }
    }
    return given;
  };

  /** A direct call of the method, or null when one of its parameters is the client's input (or has pipes of its own). */
  private direct(instance: object, method: string, handler: (...args: unknown[]) => unknown, moduleKey: string): FieldResolver | null {
    const { argsLength, getParamsMetadata } = this.contexts.getMetadata(instance, method, PARAM_ARGS_METADATA, this.params, 'graphql');
    const params = getParamsMetadata(moduleKey) ?? [];
    if (params.some((p) => p.type === GqlParamtype.ARGS || p.pipes.length)) return null;
    const kinds = params.map((p) => kindOf(p.extractValue));
    if (kinds.every((k) => k !== null)) {
      // Every parameter is the parent, the context or the caller: taken straight from graphql's arguments, with no execution context per call.
      const at = params.map((p) => p.index);
      if (params.length === 1 && kinds[0] === 'parent' && argsLength === 1) return (parent) => handler.call(instance, parent);
      return (parent, _args, context) => {
        const values: unknown[] = new Array(argsLength);
        for (let i = 0; i < at.length; i++) {
          const kind = kinds[i];
          values[at[i]] = kind === 'parent' ? parent : kind === 'context' ? context : (context.auth?.caller ?? null);
        }
        return handler.apply(instance, values);
      };
    }
    return (parent, args, context, info) => {
      const values: unknown[] = new Array(argsLength);
      for (const p of params) values[p.index] = p.extractValue(parent, args, context, info);
      return handler.apply(instance, values);
    };
  }
}

type Kind = 'parent' | 'context' | 'caller';

/**
 * What a parameter's extractor (`@Parent`, `@Ctx`, `@CurrentCaller`, built by
 * Nest's parameter factories) returns, found by calling it once at start on
 * probe arguments: the parent, the whole context, or the context's caller
 * (null without one). Anything else, or an extractor that answers
 * differently on a second probe, is null: called through Nest per field.
 */
function kindOf(extract: (...args: unknown[]) => unknown): Kind | null {
  const probe = () => {
    const caller = {};
    return { parent: {}, args: {}, info: {}, context: { auth: { caller } }, caller, bare: {} };
  };
  try {
    const a = probe();
    const got = extract(a.parent, a.args, a.context, a.info);
    const kind: Kind | null = got === a.parent ? 'parent' : got === a.context ? 'context' : got === a.caller ? 'caller' : null;
    if (!kind) return null;
    // Again with a context that has no caller, and new objects: the same kind, and null for the caller.
    const b = probe();
    const again = extract(b.parent, b.args, b.bare, b.info);
    const expected = kind === 'parent' ? b.parent : kind === 'context' ? b.bare : null;
    return again === expected ? kind : null;
  } catch {
    return null;
  }
}

/** The field resolver behind the check of its audience (none needed for ANYONE). */
function guarded(who: Audience[] | undefined, resolve: FieldResolver): FieldResolver {
  if (who?.includes('ANYONE')) return resolve;
  return (parent, args, context, info) => {
    admit(who, context.auth);
    return resolve(parent, args, context, info);
  };
}
