import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller, RequestAuth, Role, TokenScope } from '../common/caller';
import { Clock } from '../common/clock';
import { badInput, forbidden, notFound, unauthenticated } from '../common/errors';
import { RateLimitService } from '../common/rate-limit';
import { toCaller, UsersService } from './users.service';

/** Every token starts so, so a leaked one is recognisable (secret scanners, logs, this service). */
export const TOKEN_PREFIX = 'ssw_pat_';
const DEFAULT_DAYS = 90;

export interface PersonalAccessTokenRow {
  id: string;
  name: string;
  scopes: TokenScope[];
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');
const COLUMNS = `id, name, scopes, prefix, created_at AS "createdAt", expires_at AS "expiresAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/**
 * Personal access tokens: a person's credential for machines. The token acts
 * as its owner with the owner's roles as they are now (read on every request,
 * like an access token's), narrowed by its scopes. It stops at revocation,
 * expiry, the owner's deactivation, and for each operation at the loss of the
 * role that operation needs.
 *
 * An organization's token (organization_id set, no user) is managed by that
 * organization's VENDOR_ADMINs and acts as a VENDOR of the organization, not
 * as a person: it keeps working when its creator leaves, and stops only at
 * revocation or expiry. Its caller id is its creator's, kept for the record
 * (audit actor and the like) only.
 */
@Injectable()
export class PersonalAccessTokensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly limits: RateLimitService,
  ) {}

  /** Makes a token for the caller, or with `organization` true for the caller's vendor organization. */
  async create(caller: Caller, input: { name: string; scopes: TokenScope[]; expiresAt?: Date | null }, organization = false) {
    const orgId = organization ? this.adminOrganization(caller) : null;
    const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      // Checked by the database clock; the table's own constraint refuses the same.
      const [{ expires, ok }] = await m.query(
        `SELECT e AS expires, e > ${now} AND e <= ${now} + interval '1 year' AS ok
           FROM (SELECT coalesce($1::timestamptz, ${now} + make_interval(days => $2)) AS e) x`,
        [input.expiresAt ?? null, DEFAULT_DAYS],
      );
      if (!ok) throw badInput('expiresAt', 'expiresAt must be in the future and at most one year from now.');
      const [row] = await m.query(
        `INSERT INTO personal_access_token (user_id, organization_id, created_by, name, scopes, prefix, token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, ${now}, $8) RETURNING ${COLUMNS}`,
        [orgId ? null : caller.id, orgId, caller.id, input.name, [...new Set(input.scopes)], secret.slice(0, TOKEN_PREFIX.length + 6), digest(secret), expires],
      );
      await this.audit.record(m, caller, {
        action: 'token.created', entityType: 'User', entityId: caller.id,
        detail: `${orgId ? `organization ${orgId}'s` : 'personal'} access token "${input.name}" (${row.prefix}…, ${row.scopes.join(' ')}) created, expiring ${new Date(expires).toISOString()}`,
      });
      return { token: secret, personalAccessToken: row as PersonalAccessTokenRow };
    });
  }

  /** The organization a VENDOR_ADMIN manages tokens for (its VENDOR binding). */
  private adminOrganization(caller: Caller): string {
    if (!caller.roles.includes(Role.VENDOR_ADMIN) || !caller.organizationId) throw forbidden("Only a VENDOR_ADMIN manages its organization's tokens.");
    return caller.organizationId;
  }

  /** The owner condition: the caller's own tokens, or the caller's organization's. */
  private owner(caller: Caller, organization: boolean): [string, string] {
    return organization ? ['organization_id', this.adminOrganization(caller)] : ['user_id', caller.id];
  }

  /** The caller's own (or organization's) tokens, newest first; never the secret, which is not kept. */
  list(caller: Caller, organization = false): Promise<PersonalAccessTokenRow[]> {
    const [where, owner] = this.owner(caller, organization);
    return this.dataSource.query(`SELECT ${COLUMNS} FROM personal_access_token WHERE ${where} = $1 ORDER BY created_at DESC, id LIMIT 200`, [owner]);
  }

  async revoke(caller: Caller, id: string, organization = false): Promise<boolean> {
    const [where, owner] = this.owner(caller, organization);
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(`SELECT name, prefix, revoked_at FROM personal_access_token WHERE id = $1 AND ${where} = $2 FOR UPDATE`, [id, owner]);
      if (!row) throw notFound('personal access token', id);
      if (row.revoked_at) return true;
      await m.query(`UPDATE personal_access_token SET revoked_at = ${this.clock.now()} WHERE id = $1`, [id]);
      await this.audit.record(m, caller, {
        action: 'token.revoked', entityType: 'User', entityId: caller.id,
        detail: `${organization ? `organization ${owner}'s` : 'personal'} access token "${row.name}" (${row.prefix}…) revoked`,
      });
      return true;
    });
  }

  /** The caller a presented token stands for, or why not. Counts the request against the token's rate limit. */
  async authenticate(secret: string): Promise<RequestAuth> {
    const now = this.clock.now();
    const [row] = await this.dataSource.query(
      `SELECT id, user_id, organization_id, created_by, scopes, revoked_at IS NOT NULL AS revoked, expires_at <= ${now} AS expired
         FROM personal_access_token WHERE token_hash = $1`,
      [digest(secret)],
    );
    if (!row) return { caller: null, authError: unauthenticated('This personal access token is not known.') };
    if (row.revoked) return { caller: null, authError: unauthenticated('This personal access token has been revoked.') };
    if (row.expired) return { caller: null, authError: unauthenticated('This personal access token has expired; create a new one.') };
    let caller: Caller;
    if (row.organization_id) {
      caller = { id: row.created_by, email: '', displayName: `access token of organization ${row.organization_id}`, roles: [Role.VENDOR], nationCode: null, organizationId: row.organization_id, organizationToken: true };
    } else {
      const [user] = await this.users.byIds([row.user_id]);
      if (!user || !user.emailVerifiedAt || user.deactivatedAt) {
        return { caller: null, authError: unauthenticated("This personal access token's owner is deactivated.") };
      }
      caller = toCaller(user);
    }
    try {
      await this.limits.tokenRequest(row.id);
    } catch (err) {
      return { caller: null, authError: err as Error };
    }
    // The last use, to the minute: enough to tell a live token from a forgotten one without a write per request.
    await this.dataSource.query(
      `UPDATE personal_access_token SET last_used_at = ${now} WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < ${now} - interval '1 minute')`,
      [row.id],
    );
    return { caller, token: { id: row.id, scopes: row.scopes } };
  }
}
