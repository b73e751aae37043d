import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  ADMIN = 'ADMIN',
  SECRETARIAT = 'SECRETARIAT',
  EXPERT = 'EXPERT',
  DELEGATE = 'DELEGATE',
  VENDOR = 'VENDOR',
}
registerEnumType(Role, { name: 'Role' });

/** Who is asking: passed first to every service method (like Immich's `auth`). */
export interface Caller {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  nationCode: string | null;
  organizationId: string | null;
}

export const hasRole = (caller: Caller | null | undefined, ...roles: Role[]): boolean =>
  !!caller && caller.roles.some((r) => roles.includes(r));

/** What the HTTP layer learned about the request's credentials. */
export interface RequestAuth {
  caller: Caller | null;
  /** The refresh session the access token belongs to; checked on every request. */
  sessionId?: string;
  /** Set when a token was sent but is not acceptable; public operations still run. */
  authError?: Error;
}
