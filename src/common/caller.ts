import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  ADMIN = 'ADMIN',
  SECRETARIAT = 'SECRETARIAT',
  EXPERT = 'EXPERT',
  DELEGATE = 'DELEGATE',
  VENDOR = 'VENDOR',
  VENDOR_ADMIN = 'VENDOR_ADMIN',
}
registerEnumType(Role, {
  name: 'Role',
  description: "What a person may do (see the README); a person may hold several, each bound to its nation or organization.",
  valuesMap: {
    ADMIN: { description: "Operator of the service: grants and revokes roles, creates organizations, manages any webhook." },
    SECRETARIAT: { description: "Staff of the Space Capabilities Group: opens and closes rounds and ballots, adjudicates, publishes, keeps the catalogue, reads the audit log." },
    EXPERT: { description: "A national standardization expert (bound to a nation): proposes standards, edits drafts, writes the nation's comments." },
    DELEGATE: { description: "A national delegate (bound to a nation): what an expert does, plus submits comments and casts the ratification response." },
    VENDOR: { description: "A commercial provider (bound to a vendor organization): registers products, states conformance, manages its organization's webhooks." },
    VENDOR_ADMIN: { description: "A vendor organization's administrator: held together with VENDOR (granted only to a VENDOR, bound to the same organization); manages the organization's access tokens." },
  },
});

/**
 * What a personal access token may be used for. A token's caller is its owner
 * with the owner's current roles, narrowed to the operations that declare one
 * of the token's scopes.
 */
export const TOKEN_SCOPES = ['standards:read', 'conformance:read', 'conformance:write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Who is asking: passed first to every service method (like Immich's `auth`). */
export interface Caller {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  nationCode: string | null;
  organizationId: string | null;
  /**
   * Set when the caller is an organization's access token: it acts as a VENDOR
   * of organizationId, and `id` is only its creator's, kept for the record.
   */
  organizationToken?: true;
}

export const hasRole = (caller: Caller | null | undefined, ...roles: Role[]): boolean =>
  !!caller && caller.roles.some((r) => roles.includes(r));

/** What the HTTP layer learned about the request's credentials. */
export interface RequestAuth {
  caller: Caller | null;
  /** The refresh session the access token belongs to; checked on every request. */
  sessionId?: string;
  /**
   * Present when the caller came with a personal access token: what the token
   * may do, on top of what its owner may (see Scopes in access.ts).
   */
  token?: { id: string; scopes: TokenScope[] };
  /** Set when a token was sent but is not acceptable; public operations still run. */
  authError?: Error;
}

/** The Alliance's own roles: what NATIONS-visibility content (drafts, needs) is open to. */
export const ALLIANCE_ROLES: readonly Role[] = [Role.ADMIN, Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE];
