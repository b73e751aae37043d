import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
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

export function requestAuth(context: ExecutionContext): RequestAuth {
  if (context.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ auth: RequestAuth }>().auth;
  }
  return context.switchToHttp().getRequest<{ auth: RequestAuth }>().auth;
}

/** On an HTTP route: the caller AuthMiddleware found from the bearer token (null for anonymous). */
export const HttpCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller | null => requestAuth(context)?.caller ?? null);

/**
 * Whether the caller is in the declared audience; throws UNAUTHENTICATED or
 * FORBIDDEN if not, and FORBIDDEN when nothing is declared (deny by default).
 * The one rule for operations, HTTP routes (AccessGuard) and field resolvers
 * (FieldResolvers, common/field-resolvers.ts).
 */
export function admit(who: readonly Audience[] | undefined, auth: RequestAuth | undefined): void {
  if (!who) throw forbidden('This operation declares no permission, so it is refused.');
  if (who.includes('ANYONE')) return;
  const caller = auth?.caller;
  if (!caller) throw auth?.authError ?? unauthenticated();
  if (who.includes('SIGNED_IN') || caller.roles.some((r) => who.includes(r))) return;
  throw forbidden(`Only ${who.join(' or ')} may do this; your roles: ${caller.roles.join(', ') || 'none'}.`);
}

/**
 * Guards every query, mutation, subscription and HTTP route: the entry points.
 * Field resolvers beneath are not Nest-guarded (`fieldResolverEnhancers` is
 * empty) but checked by FieldResolvers with the same rule; a personal access
 * token's scopes are checked here only, at the entry point.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const who = this.reflector.getAllAndOverride<Audience[] | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    const auth = who?.includes('ANYONE') ? undefined : requestAuth(context);
    if (who && auth?.caller && auth.token) this.checkScopes(context, auth.token.scopes);
    admit(who, auth);
    return true;
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
