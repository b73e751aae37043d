import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Caller, Role, RequestAuth, TOKEN_SCOPES, TokenScope } from './caller';
import { forbidden, unauthenticated } from './errors';

/** ANYONE: no account needed. SIGNED_IN: any verified account. Otherwise the roles named. */
export type Audience = Role | 'ANYONE' | 'SIGNED_IN';
export const ACCESS_KEY = 'ssw:access';

/**
 * Declares who may call a query, mutation, field resolver or HTTP route.
 * Without it the global AccessGuard refuses the call: deny by default.
 */
export const Allow = (...who: Audience[]) => SetMetadata(ACCESS_KEY, who);

export const SCOPES_KEY = 'ssw:scopes';

/**
 * Declares which personal-access-token scopes reach a query, mutation or HTTP
 * route. A caller with a token may call only operations that name one of its
 * scopes (deny by default again); the fields beneath answer under the owner's
 * roles as for anyone. `Scopes(...TOKEN_SCOPES)` is for operations any token may call.
 */
export const Scopes = (...scopes: TokenScope[]) => SetMetadata(SCOPES_KEY, scopes);
export const ANY_SCOPE = TOKEN_SCOPES;

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** True for an HTTP route or a root field; field resolvers beneath are reached through one of those. */
function isEntryPoint(context: ExecutionContext): boolean {
  if (context.getType<GqlContextType>() !== 'graphql') return true;
  return ROOT_TYPES.has(GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>().parentType.name);
}

export function requestAuth(context: ExecutionContext): RequestAuth {
  if (context.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ auth: RequestAuth }>().auth;
  }
  return context.switchToHttp().getRequest<{ auth: RequestAuth }>().auth;
}

/** On an HTTP route: the caller AuthMiddleware found from the bearer token (null for anonymous). */
export const HttpCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller | null => requestAuth(context)?.caller ?? null);

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  /** The audience declared on each handler (of each class), read once: the guard runs for every field resolver of every row. */
  private readonly declared = new WeakMap<object, WeakMap<object, Audience[] | null>>();

  private audience(context: ExecutionContext): Audience[] | undefined {
    const handler = context.getHandler();
    const cls = context.getClass();
    let byClass = this.declared.get(handler);
    if (!byClass) this.declared.set(handler, (byClass = new WeakMap()));
    let who = byClass.get(cls);
    if (who === undefined) {
      who = this.reflector.getAllAndOverride<Audience[] | undefined>(ACCESS_KEY, [handler, cls]) ?? null;
      byClass.set(cls, who);
    }
    return who ?? undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    const who = this.audience(context);
    if (!who) throw forbidden('This operation declares no permission, so it is refused.');
    if (who.includes('ANYONE')) return true;
    const auth = requestAuth(context) ?? { caller: null };
    if (!auth.caller) throw auth.authError ?? unauthenticated();
    if (auth.token && isEntryPoint(context)) this.checkScopes(context, auth.token.scopes);
    if (who.includes('SIGNED_IN') || auth.caller.roles.some((r) => who.includes(r))) return true;
    throw forbidden(`Only ${who.join(' or ')} may do this; your roles: ${auth.caller.roles.join(', ') || 'none'}.`);
  }

  private checkScopes(context: ExecutionContext, held: TokenScope[]): void {
    const needed = this.reflector.getAllAndOverride<TokenScope[] | undefined>(SCOPES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    if (needed.some((s) => held.includes(s))) return;
    throw forbidden(
      needed.length
        ? `This personal access token lacks the scope for this operation (one of ${needed.join(', ')}); it has ${held.join(', ')}.`
        : 'This operation cannot be called with a personal access token: sign in as a person.',
    );
  }
}
