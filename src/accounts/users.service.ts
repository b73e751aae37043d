import { randomBytes } from 'node:crypto';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { Caller, hasRole, Role } from '../common/caller';
import { badInput, conflict, forbidden, invalidState, notFound } from '../common/errors';
import { Page, paginate } from '../common/pagination';
import { entitiesFromJson, entityJson, findPlain } from '../database/plain-rows';
import { UserFilter } from './dto/account.inputs';
import { CallerCache } from './caller-cache';
import { SessionsService } from './sessions.service';
import { NationEntity } from './nation.entity';
import { OrganizationEntity, OrganizationKind } from './organization.entity';
import { hashPassword } from './password';
import { UserEntity, UserRoleEntity } from './user.entity';
import { UserModel } from './models/user.model';

const NATIONAL_ROLES = [Role.EXPERT, Role.DELEGATE];

type RoleJson = { userId: string; role: Role; grantedAt: string };

/** SQL: the roles of the user on `alias`, as a JSON array. */
const rolesJson = (alias: string) => `(SELECT coalesce(json_agg(json_build_object('userId', r.user_id, 'role', r.role, 'grantedAt', r.granted_at) ORDER BY r.role), '[]')
  FROM user_role r WHERE r.user_id = ${alias}.id)`;

const roleRowsFrom = (rows: RoleJson[]) => rows.map((r) => Object.assign(new UserRoleEntity(), { ...r, grantedAt: new Date(r.grantedAt) }));

/**
 * SQL: the user on `alias` (app_user) with its roles, as one JSON object, for
 * a read that brings the people it names along (a page of comments, a
 * ballot's responses); usersFromJson reads them back as byIds returns them.
 */
export const userJson = (dataSource: DataSource, alias: string) => entityJson(dataSource, UserEntity, alias, `'roleRows', ${rolesJson(alias)}`);

export function usersFromJson(dataSource: DataSource, list: Record<string, unknown>[]): UserEntity[] {
  const users = entitiesFromJson(dataSource, UserEntity, list);
  for (const u of users) u.roleRows = roleRowsFrom(u.roleRows as unknown as RoleJson[]);
  return users;
}

export function toUserModel(user: UserEntity): UserModel {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    nationCode: user.nationCode,
    organizationId: user.organizationId,
    emailVerified: !!user.emailVerifiedAt,
    deactivatedAt: user.deactivatedAt ?? null,
  };
}

export function toCaller(user: UserEntity): Caller {
  const { emailVerified: _verified, deactivatedAt: _deactivated, ...caller } = toUserModel(user);
  return caller;
}

/** A person's e-mail address (and account state) is seen by that person, ADMIN and SECRETARIAT only. */
export const maySeeEmail = (caller: Caller | null, userId: string) =>
  !!caller && (caller.id === userId || hasRole(caller, Role.ADMIN, Role.SECRETARIAT));

/** The users directory: those who grant roles and run the group. */
export const mayListUsers = (caller: Caller) => hasRole(caller, Role.ADMIN, Role.SECRETARIAT);

type AccountEvent = 'DEACTIVATE' | 'REACTIVATE';

/**
 * An account is ACTIVE or DEACTIVATED (deactivated_at set). This table and
 * `transitionAccount` are the only code that writes deactivated_at.
 */
const ACCOUNT_TRANSITIONS: Record<AccountEvent, { when: string; set: string; why: string }> = {
  DEACTIVATE: { when: 'deactivated_at IS NULL', set: 'now()', why: 'the account is deactivated already' },
  REACTIVATE: { when: 'deactivated_at IS NOT NULL', set: 'NULL', why: 'the account is active already' },
};

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    /** Told of every change to a caller this process commits (the database tells the other replicas): see CallerCache. */
    private readonly callers: CallerCache,
  ) {}

  /** The users directory, ordered by display name, paged like every list. */
  async search(caller: Caller, filter: UserFilter | undefined, args: { first?: number | null; after?: string | null }): Promise<Page<UserEntity>> {
    if (!mayListUsers(caller)) throw forbidden('Only ADMIN or SECRETARIAT may list users.');
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    const text = filter?.text?.trim();
    if (text) {
      qb.andWhere('(u.display_name ILIKE :like OR u.email ILIKE :like)', { like: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    }
    if (filter?.nationCode) qb.andWhere('u.nation_code = :nation', { nation: filter.nationCode });
    if (filter?.organizationId) qb.andWhere('u.organization_id = :org', { org: filter.organizationId });
    if (filter?.role) qb.andWhere('EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = :role)', { role: filter.role });
    if (filter?.deactivated !== undefined && filter.deactivated !== null) {
      qb.andWhere(filter.deactivated ? 'u.deactivated_at IS NOT NULL' : 'u.deactivated_at IS NULL');
    }
    const page = await paginate(qb, args, {
      columns: ['lower(u.display_name)', 'u.id'],
      values: (u) => [u.displayName.toLowerCase(), u.id],
    });
    // Roles in one more query for the page, not a join that would multiply the rows the keyset counts.
    const full = new Map((await this.byIds(page.edges.map((e) => e.node.id))).map((u) => [u.id, u]));
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: full.get(e.node.id)! })) };
  }

  /** Deactivation ends the account's sessions in the same transaction, so its access tokens stop at once. */
  async setActive(caller: Caller, userId: string, active: boolean): Promise<UserEntity> {
    const event: AccountEvent = active ? 'REACTIVATE' : 'DEACTIVATE';
    return this.forgettingAfter(userId, () => this.dataSource.transaction(async (m) => {
      const user = await this.lockUser(m, userId);
      if (event === 'DEACTIVATE') {
        if (user.id === caller.id) throw conflict('You cannot deactivate your own account; ask another ADMIN.');
        if (user.roles.includes(Role.ADMIN)) await this.requireAnotherAdmin(m, user.id);
      }
      const rule = ACCOUNT_TRANSITIONS[event];
      const [rows] = await m.query(`UPDATE app_user SET deactivated_at = ${rule.set} WHERE id = $1 AND ${rule.when} RETURNING id`, [userId]);
      if (!rows.length) throw invalidState(`${user.displayName}: ${rule.why}.`);
      const ended = active ? 0 : await this.sessions.endAll(m, userId, 'DEACTIVATED');
      await this.audit.record(m, caller, {
        action: active ? 'account.reactivated' : 'account.deactivated', entityType: 'User', entityId: userId,
        detail: active ? `${user.displayName} reactivated` : `${user.displayName} deactivated; ${ended} sessions ended`,
      });
      return this.byId(userId, m);
    }));
  }

  /** Runs a change to the user's account or roles, then forgets the sessions CallerCache holds for them. */
  private async forgettingAfter<T>(userId: string, change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } finally {
      this.callers.forget(userId);
    }
  }

  /** Locks every ADMIN grant: two admins acting at once take turns, so the second counts what the first left. */
  private async requireAnotherAdmin(m: EntityManager, userId: string): Promise<void> {
    const [{ others }] = await m.query(
      `SELECT count(*) FILTER (WHERE a.user_id <> $1 AND u.deactivated_at IS NULL)::int AS others
         FROM (SELECT user_id FROM user_role WHERE role = 'ADMIN' ORDER BY user_id FOR UPDATE) a
         JOIN app_user u ON u.id = a.user_id`,
      [userId],
    );
    if (others < 1) throw conflict('This is the last active ADMIN; grant ADMIN to someone else first.');
  }

  async byIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<UserEntity[]> {
    if (!ids.length) return [];
    const fallback = () => manager.find(UserEntity, { where: { id: In([...ids]) }, relations: { roleRows: true } });
    // The roles come in the same statement, as JSON, rather than by TypeORM's join and its hydration.
    const users = await findPlain(manager, UserEntity, 't.id = ANY($1::uuid[])', [ids], fallback, undefined, `${rolesJson('t')} AS "roleRows"`);
    for (const u of users) u.roleRows = roleRowsFrom(u.roleRows as unknown as RoleJson[]);
    return users;
  }

  async byId(id: string, manager?: EntityManager): Promise<UserEntity> {
    const [user] = await this.byIds([id], manager);
    if (!user) throw notFound('user', id);
    return user;
  }

  async grantRole(caller: Caller, input: { userId: string; role: Role; nationCode?: string; organizationId?: string }) {
    return this.forgettingAfter(input.userId, () => this.dataSource.transaction(async (m) => {
      const user = await this.lockUser(m, input.userId);
      if (user.roles.includes(input.role)) throw conflict(`${user.displayName} holds ${input.role} already.`);
      const changes: Partial<UserEntity> = {};
      if (NATIONAL_ROLES.includes(input.role)) {
        if (!input.nationCode) throw badInput('nationCode', `nationCode is required for ${input.role}.`);
        if (!(await m.existsBy(NationEntity, { code: input.nationCode }))) {
          throw badInput('nationCode', `${input.nationCode} is not an Allied nation code.`);
        }
        if (user.nationCode && user.nationCode !== input.nationCode) {
          throw conflict(`${user.displayName} is bound to ${user.nationCode}; revoke the national roles first.`);
        }
        changes.nationCode = input.nationCode;
      }
      if (input.role === Role.VENDOR) {
        if (!input.organizationId) throw badInput('organizationId', 'organizationId is required for VENDOR.');
        const org = await m.findOneBy(OrganizationEntity, { id: input.organizationId });
        if (!org || org.kind !== OrganizationKind.VENDOR) {
          throw badInput('organizationId', 'organizationId must name a VENDOR organization.');
        }
        if (user.organizationId && user.organizationId !== org.id) {
          throw conflict(`${user.displayName} belongs to another organization; revoke VENDOR first.`);
        }
        changes.organizationId = org.id;
      }
      // A vendor admin is a VENDOR first: the role takes its organization from VENDOR, so the two cannot disagree.
      if (input.role === Role.VENDOR_ADMIN && !user.roles.includes(Role.VENDOR)) {
        throw conflict(`${user.displayName} is not a VENDOR; grant VENDOR with the organization first.`);
      }
      if (Object.keys(changes).length) await m.update(UserEntity, { id: user.id }, changes);
      await m.insert(UserRoleEntity, { userId: user.id, role: input.role });
      const org = changes.organizationId ?? (input.role === Role.VENDOR_ADMIN ? user.organizationId : null);
      const where = changes.nationCode ? ` for ${changes.nationCode}` : org ? ` for organization ${org}` : '';
      await this.audit.record(m, caller, {
        action: 'role.granted', entityType: 'User', entityId: user.id, detail: `${input.role} granted to ${user.displayName}${where}`,
      });
      return this.byId(user.id, m);
    }));
  }

  async revokeRole(caller: Caller, userId: string, role: Role) {
    return this.forgettingAfter(userId, () => this.dataSource.transaction(async (m) => {
      const user = await this.lockUser(m, userId);
      if (!user.roles.includes(role)) throw conflict(`${user.displayName} does not hold ${role}.`);
      if (role === Role.ADMIN) await this.requireAnotherAdmin(m, userId);
      if (role === Role.VENDOR && user.roles.includes(Role.VENDOR_ADMIN)) throw conflict(`${user.displayName} is a VENDOR_ADMIN; revoke VENDOR_ADMIN first.`);
      await m.delete(UserRoleEntity, { userId, role });
      const left = user.roles.filter((r) => r !== role);
      // The binding goes with the last role that needed it.
      const changes: Partial<UserEntity> = {};
      if (!left.some((r) => NATIONAL_ROLES.includes(r))) changes.nationCode = null;
      if (!left.includes(Role.VENDOR)) changes.organizationId = null;
      await m.update(UserEntity, { id: userId }, changes);
      await this.audit.record(m, caller, {
        action: 'role.revoked', entityType: 'User', entityId: userId, detail: `${role} revoked from ${user.displayName}`,
      });
      return this.byId(userId, m);
    }));
  }

  /**
   * Makes a person a VENDOR of a vendor organization (and its VENDOR_ADMIN when
   * `admin`), inside the transaction of the use case that decided it (an
   * approved join request, an accepted invitation). The caller forgets the
   * person's cached caller after the commit (CallerCache.forget).
   */
  async joinVendor(m: EntityManager, actor: Caller, userId: string, organizationId: string, admin: boolean): Promise<UserEntity> {
    const user = await this.lockUser(m, userId);
    if (user.deactivatedAt) throw invalidState(`${user.displayName}'s account is deactivated.`);
    if (user.roles.includes(Role.VENDOR)) {
      throw conflict(user.organizationId === organizationId
        ? `${user.displayName} is a member of this organization already.`
        : `${user.displayName} belongs to another vendor organization; its VENDOR_ADMIN or an ADMIN must let them go first.`);
    }
    await m.update(UserEntity, { id: user.id }, { organizationId });
    const roles = admin ? [Role.VENDOR, Role.VENDOR_ADMIN] : [Role.VENDOR];
    await m.insert(UserRoleEntity, roles.map((role) => ({ userId: user.id, role })));
    for (const role of roles) {
      await this.audit.record(m, actor, {
        action: 'role.granted', entityType: 'User', entityId: user.id, detail: `${role} granted to ${user.displayName} for organization ${organizationId}`,
      });
    }
    return this.byId(user.id, m);
  }

  private async lockUser(m: EntityManager, id: string): Promise<UserEntity> {
    if (!isUUID(id)) throw notFound('user', id);
    const locked = await m.query(`SELECT id FROM app_user WHERE id = $1 FOR UPDATE`, [id]);
    if (!locked.length) throw notFound('user', id);
    return this.byId(id, m);
  }

  /**
   * A fresh installation gets its first ADMIN from ADMIN_EMAIL/ADMIN_PASSWORD,
   * or else with a one-time password printed once. There is no fixed default.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.ensureFirstAdmin();
  }

  /** Idempotent: later callers (the corpus loader) may rely on an ADMIN existing. Returns the first ADMIN's id. */
  async ensureFirstAdmin(): Promise<string> {
    const printed = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(7405101)');
      const [first] = await m.query(`SELECT user_id FROM user_role WHERE role = 'ADMIN' ORDER BY granted_at, user_id LIMIT 1`);
      if (first) return { id: first.user_id as string, show: null };
      const email = (this.config.ADMIN_EMAIL ?? 'admin@workbench.local').toLowerCase();
      const password = this.config.ADMIN_PASSWORD ?? randomBytes(18).toString('base64url') + '-A1';
      const existing = await m.findOneBy(UserEntity, { email });
      const user = existing ?? m.create(UserEntity, { email, displayName: 'Administrator' });
      user.passwordHash = await hashPassword(password);
      user.emailVerifiedAt = user.emailVerifiedAt ?? new Date();
      await m.save(user);
      await m.insert(UserRoleEntity, { userId: user.id, role: Role.ADMIN });
      await this.audit.record(m, null, {
        action: 'role.granted', entityType: 'User', entityId: user.id, detail: `ADMIN granted to ${email} at installation`,
      });
      return { id: user.id, show: this.config.ADMIN_PASSWORD ? null : { email, password } };
    });
    if (printed.show) {
      // Printed once, straight to the terminal and not through the log, which may be shipped elsewhere.
      process.stderr.write(
        `\n  First ADMIN created: ${printed.show.email}\n  One-time password:   ${printed.show.password}\n` +
          `  Sign in and change it with requestPasswordReset/resetPassword. It is not shown again.\n\n`,
      );
    }
    return printed.id;
  }
}
