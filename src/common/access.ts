import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { Caller, Role, RequestAuth } from './caller';
import { forbidden, unauthenticated } from './errors';

/** ANYONE: no account needed. SIGNED_IN: any verified account. Otherwise the roles named. */
export type Audience = Role | 'ANYONE' | 'SIGNED_IN';
export const ACCESS_KEY = 'ssw:access';

/**
 * Declares who may call a query, mutation, field resolver or HTTP route.
 * Without it the global AccessGuard refuses the call: deny by default.
 */
export const Allow = (...who: Audience[]) => SetMetadata(ACCESS_KEY, who);

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

  canActivate(context: ExecutionContext): boolean {
    const who = this.reflector.getAllAndOverride<Audience[] | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!who) throw forbidden('This operation declares no permission, so it is refused.');
    if (who.includes('ANYONE')) return true;
    const auth = requestAuth(context) ?? { caller: null };
    if (!auth.caller) throw auth.authError ?? unauthenticated();
    if (who.includes('SIGNED_IN') || auth.caller.roles.some((r) => who.includes(r))) return true;
    throw forbidden(`Only ${who.join(' or ')} may do this; your roles: ${auth.caller.roles.join(', ') || 'none'}.`);
  }
}
