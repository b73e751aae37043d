import { randomBytes } from 'node:crypto';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { Caller, hasRole, Role } from '../common/caller';
import { badInput, conflict, notFound } from '../common/errors';
import { NationEntity } from './nation.entity';
import { OrganizationEntity, OrganizationKind } from './organization.entity';
import { hashPassword } from './password';
import { UserEntity, UserRoleEntity } from './user.entity';
import { UserModel } from './models/user.model';

const NATIONAL_ROLES = [Role.EXPERT, Role.DELEGATE];

export function toUserModel(user: UserEntity): UserModel {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    nationCode: user.nationCode,
    organizationId: user.organizationId,
    emailVerified: !!user.emailVerifiedAt,
  };
}

export function toCaller(user: UserEntity): Caller {
  const { emailVerified: _verified, ...caller } = toUserModel(user);
  return caller;
}

/** A person's e-mail address is seen by that person, ADMIN and SECRETARIAT only. */
export const maySeeEmail = (caller: Caller | null, userId: string) =>
  !!caller && (caller.id === userId || hasRole(caller, Role.ADMIN, Role.SECRETARIAT));

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async byIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<UserEntity[]> {
    if (!ids.length) return [];
    return manager.find(UserEntity, { where: { id: In([...ids]) }, relations: { roleRows: true } });
  }

  async byId(id: string, manager?: EntityManager): Promise<UserEntity> {
    const [user] = await this.byIds([id], manager);
    if (!user) throw notFound('user', id);
    return user;
  }

  async grantRole(caller: Caller, input: { userId: string; role: Role; nationCode?: string; organizationId?: string }) {
    return this.dataSource.transaction(async (m) => {
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
      if (Object.keys(changes).length) await m.update(UserEntity, { id: user.id }, changes);
      await m.insert(UserRoleEntity, { userId: user.id, role: input.role });
      const where = changes.nationCode ? ` for ${changes.nationCode}` : changes.organizationId ? ` for organization ${changes.organizationId}` : '';
      await this.audit.record(m, caller, {
        action: 'role.granted', entityType: 'User', entityId: user.id, detail: `${input.role} granted to ${user.displayName}${where}`,
      });
      return this.byId(user.id, m);
    });
  }

  async revokeRole(caller: Caller, userId: string, role: Role) {
    return this.dataSource.transaction(async (m) => {
      const user = await this.lockUser(m, userId);
      if (!user.roles.includes(role)) throw conflict(`${user.displayName} does not hold ${role}.`);
      if (role === Role.ADMIN) {
        // Locks every ADMIN grant: two admins revoking at once take turns, so the second counts what the first left.
        const [{ admins }] = await m.query(
          `SELECT count(*)::int AS admins FROM (SELECT 1 FROM user_role WHERE role = 'ADMIN' ORDER BY user_id FOR UPDATE) a`,
        );
        if (admins <= 1) throw conflict('This is the last ADMIN; grant ADMIN to someone else first.');
      }
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
    });
  }

  private async lockUser(m: EntityManager, id: string): Promise<UserEntity> {
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
