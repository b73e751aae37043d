import { randomInt, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { badInput, DomainError, ErrorCode, unauthenticated } from '../common/errors';
import { RateLimitService } from '../common/rate-limit';
import { rootLogger } from '../common/logger';
import { hashPassword, verifyPassword } from './password';
import { MailService } from './mail.service';
import { Client, SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';
import { UserEntity } from './user.entity';
import { CodePurpose, VerificationCodeEntity } from './verification-code.entity';
import { UserModel } from './models/user.model';
import { UsersService } from './users.service';

export const CODE_TTL_MINUTES = 30;
export const MAX_CODE_ATTEMPTS = 5;

const normalise = (email: string) => email.trim().toLowerCase();

type CodeCheck = 'ok' | 'wrong' | 'expired' | 'locked' | 'none';

/**
 * Registration, verification, sign-in and password reset. The failure paths
 * that count (a wrong code, a wrong password) commit their count before the
 * refusal is thrown, so a refused attempt is never rolled back into a free one.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly tokens: TokensService,
    private readonly sessions: SessionsService,
    private readonly limits: RateLimitService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Answers the same for an address that has an account as for a new one, and
   * looks the address up only after answering: the same work (the rate limit
   * and one argon2 hash) comes before every answer, so neither the answer nor
   * its timing tells who has an account. The owner of an existing account is
   * mailed "you already have an account" instead of a code. The answer for an
   * existing address is a user that was never saved: a fresh id, the name and
   * address typed, no roles, not verified.
   */
  async register(input: { email: string; password: string; displayName: string }, ip: string): Promise<UserModel> {
    const email = normalise(input.email);
    await this.limits.attempt('register', email, ip);
    const displayName = input.displayName.trim();
    const passwordHash = await hashPassword(input.password);
    const id = randomUUID();
    this.afterAnswer(async () => {
      const code = await this.dataSource.transaction(async (m) => {
        // Of two registrations at once, the second finds the first's row here.
        const inserted = await m.query(
          `INSERT INTO app_user (id, email, password_hash, display_name) VALUES ($1, $2, $3, $4)
           ON CONFLICT (email) DO NOTHING RETURNING id`,
          [id, email, passwordHash, displayName],
        );
        if (!inserted.length) return null;
        await this.audit.record(m, { id }, {
          action: 'account.registered', entityType: 'User', entityId: id, detail: `${displayName} registered`,
        });
        return this.issueCode(m, id, 'VERIFY_EMAIL');
      });
      if (code) await this.sendCode(email, 'VERIFY_EMAIL', code);
      else await this.sendAlreadyRegistered(email);
    });
    return { id, email, displayName, roles: [], nationCode: null, organizationId: null, emailVerified: false, deactivatedAt: null };
  }

  private async sendAlreadyRegistered(email: string): Promise<void> {
    await this.mail.send({
      to: email,
      subject: 'You already have an account',
      text: 'Someone, perhaps you, tried to register on the Space Standards Workbench with this address, ' +
        'which already has an account. Nothing was changed.\n\nSign in with your password, or ask for a ' +
        'password reset if you have forgotten it. If it was not you, you need not do anything.\n',
    });
  }

  async verifyEmail(rawEmail: string, code: string, ip: string): Promise<boolean> {
    const email = normalise(rawEmail);
    await this.limits.attempt('verify', email, ip);
    const found = await this.dataSource.getRepository(UserEntity).findOneBy({ email });
    // A verified address answers as an unknown one does (a wrong or used code), so the answer tells nobody it exists.
    const user = found?.emailVerifiedAt ? null : found;
    const result = await this.useCode(user, 'VERIFY_EMAIL', code, async (m) => {
      await m.update(UserEntity, { id: user!.id }, { emailVerifiedAt: () => this.clock.now() });
      await this.audit.record(m, { id: user!.id }, {
        action: 'account.verified', entityType: 'User', entityId: user!.id, detail: `${email} verified`,
      });
    });
    this.refuseCode(result);
    return true;
  }

  /** Answers true whatever the address, so it does not tell who has an account. */
  async resendVerificationCode(rawEmail: string, ip: string): Promise<boolean> {
    const email = normalise(rawEmail);
    await this.limits.attempt('mail', email, ip);
    this.afterAnswer(async () => {
      const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email });
      if (!user || user.emailVerifiedAt) return;
      const code = await this.dataSource.transaction((m) => this.issueCode(m, user.id, 'VERIFY_EMAIL'));
      await this.sendCode(email, 'VERIFY_EMAIL', code);
    });
    return true;
  }

  /** Signs in: a new refresh session and its first access token. */
  async login(rawEmail: string, password: string, client: Client) {
    const email = normalise(rawEmail);
    await this.limits.beforeSignIn(email, client.ip);
    const row = await this.withHash('u.email = :email', { email });
    if (!(await verifyPassword(row?.passwordHash ?? null, password))) {
      throw unauthenticated('The e-mail address or the password is wrong.');
    }
    if (!row!.emailVerifiedAt) {
      throw unauthenticated('Verify your e-mail address first: enter the code we sent, or ask for a new one.');
    }
    if (row!.deactivatedAt) throw unauthenticated('This account is deactivated; ask an ADMIN to reactivate it.');
    await this.limits.signedIn(email, client.ip);
    const { sessionId, refreshToken } = await this.dataSource.transaction((m) => this.sessions.start(m, row!.id, client));
    const user = await this.users.byId(row!.id);
    return { ...this.tokens.issue(user.id, sessionId), user, refreshToken };
  }

  private withHash(where: string, params: Record<string, string>): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).createQueryBuilder('u').addSelect('u.passwordHash').where(where, params).getOne();
  }

  /** A new access token for the session the refresh token belongs to, and the token's successor (null within the reuse grace). */
  async refreshSession(refreshToken: string | undefined, client: Client) {
    if (!refreshToken) throw unauthenticated('There is no session to refresh; sign in.');
    const outcome = await this.sessions.rotate(refreshToken, client);
    if (!outcome.ok) throw unauthenticated(outcome.why);
    const user = await this.users.byId(outcome.userId);
    return { ...this.tokens.issue(user.id, outcome.sessionId), user, refreshToken: outcome.refreshToken };
  }

  /** Ends the access token's session and the cookie's (the same one, unless the page holds a stale token). */
  async signOut(sessionId: string | undefined, refreshToken: string | undefined): Promise<void> {
    const fromCookie = refreshToken ? await this.sessions.sessionOfToken(refreshToken) : null;
    const ids = [...new Set([sessionId, fromCookie].filter((id): id is string => !!id))];
    await this.dataSource.transaction(async (m) => {
      for (const id of ids) await this.sessions.endSession(m, id, 'SIGNED_OUT');
    });
  }

  async signOutEverywhere(caller: Caller): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const ended = await this.sessions.endAll(m, caller.id, 'SIGNED_OUT_EVERYWHERE');
      await this.audit.record(m, caller, {
        action: 'account.signed_out_everywhere', entityType: 'User', entityId: caller.id, detail: `${ended} sessions ended`,
      });
    });
  }

  /** Needs the current password (a borrowed unlocked screen is not enough); ends every other session. */
  async changePassword(caller: Caller, sessionId: string | undefined, current: string, next: string, ip: string): Promise<void> {
    await this.limits.beforeSignIn(caller.email, ip);
    const row = await this.withHash('u.id = :id', { id: caller.id });
    if (!(await verifyPassword(row?.passwordHash ?? null, current))) {
      throw badInput('currentPassword', 'The current password is wrong.');
    }
    await this.limits.signedIn(caller.email, ip);
    const passwordHash = await hashPassword(next);
    await this.dataSource.transaction(async (m) => {
      await m.update(UserEntity, { id: caller.id }, { passwordHash });
      const ended = await this.sessions.endAll(m, caller.id, 'PASSWORD_CHANGED', sessionId);
      await this.audit.record(m, caller, {
        action: 'account.password_changed', entityType: 'User', entityId: caller.id, detail: `password changed; ${ended} other sessions ended`,
      });
    });
  }

  /** Answers true whatever the address, so it does not tell who has an account. */
  async requestPasswordReset(rawEmail: string, ip: string): Promise<boolean> {
    const email = normalise(rawEmail);
    await this.limits.attempt('mail', email, ip);
    this.afterAnswer(async () => {
      const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email });
      if (!user) return;
      const code = await this.dataSource.transaction((m) => this.issueCode(m, user.id, 'RESET_PASSWORD'));
      await this.sendCode(email, 'RESET_PASSWORD', code);
    });
    return true;
  }

  /**
   * Work done after the answer is sent, so that how long the answer takes does
   * not tell whether the address has an account (OWASP's forgot-password advice).
   * A failure is logged; the person can ask again.
   */
  private afterAnswer(work: () => Promise<void>): void {
    setImmediate(() => work().catch((err) => rootLogger.error({ err }, 'a code could not be issued or mailed')));
  }

  async resetPassword(rawEmail: string, code: string, newPassword: string, ip: string): Promise<boolean> {
    const email = normalise(rawEmail);
    await this.limits.attempt('reset', email, ip);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email });
    const passwordHash = await hashPassword(newPassword);
    const result = await this.useCode(user, 'RESET_PASSWORD', code, async (m) => {
      // The code reached the inbox, so the address is proven too.
      await m.update(UserEntity, { id: user!.id }, {
        passwordHash,
        emailVerifiedAt: () => `coalesce(email_verified_at, ${this.clock.now()})`,
      });
      // Whoever knew the old password may hold a session: all of them end.
      const ended = await this.sessions.endAll(m, user!.id, 'PASSWORD_CHANGED');
      await this.audit.record(m, { id: user!.id }, {
        action: 'account.password_reset', entityType: 'User', entityId: user!.id, detail: `password of ${email} reset; ${ended} sessions ended`,
      });
    });
    this.refuseCode(result);
    return true;
  }

  /** A new code replaces any earlier one for the same purpose (a resend). */
  private async issueCode(m: EntityManager, userId: string, purpose: CodePurpose): Promise<string> {
    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    await m.query(
      `INSERT INTO verification_code (user_id, purpose, code_hash, expires_at, failed_attempts, used_at)
       VALUES ($1, $2, $3, ${this.clock.now()} + make_interval(mins => $4), 0, NULL)
       ON CONFLICT (user_id, purpose) DO UPDATE
         SET code_hash = EXCLUDED.code_hash, expires_at = EXCLUDED.expires_at, failed_attempts = 0, used_at = NULL,
             created_at = now()`,
      [userId, purpose, this.tokens.codeDigest(userId, purpose, code), CODE_TTL_MINUTES],
    );
    return code;
  }

  private async sendCode(email: string, purpose: CodePurpose, code: string): Promise<void> {
    const what = purpose === 'VERIFY_EMAIL' ? 'verify your e-mail address' : 'reset your password';
    await this.mail.send({
      to: email,
      subject: purpose === 'VERIFY_EMAIL' ? 'Your verification code' : 'Your password reset code',
      text: `Use this code to ${what} on the Space Standards Workbench:\n\n    ${code}\n\n` +
        `It is valid for ${CODE_TTL_MINUTES} minutes and works once. If you did not ask for it, ignore this message.\n`,
    });
  }

  /**
   * Checks a code under a row lock (two guesses at once cannot both count as
   * the first) and, when it is right, runs `onSuccess` in the same transaction.
   */
  private async useCode(
    user: UserEntity | null,
    purpose: CodePurpose,
    code: string,
    onSuccess: (m: EntityManager) => Promise<void>,
  ): Promise<CodeCheck> {
    if (!user) return 'none';
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `SELECT code_hash, failed_attempts, used_at, expires_at <= ${this.clock.now()} AS expired
           FROM verification_code WHERE user_id = $1 AND purpose = $2 FOR UPDATE`,
        [user.id, purpose],
      );
      if (!row || row.used_at) return 'none';
      if (row.failed_attempts >= MAX_CODE_ATTEMPTS) return 'locked';
      if (row.expired) return 'expired';
      if (row.code_hash !== this.tokens.codeDigest(user.id, purpose, code.trim())) {
        await m.update(VerificationCodeEntity, { userId: user.id, purpose }, { failedAttempts: () => 'failed_attempts + 1' });
        return row.failed_attempts + 1 >= MAX_CODE_ATTEMPTS ? 'locked' : 'wrong';
      }
      await m.update(VerificationCodeEntity, { userId: user.id, purpose }, { usedAt: () => this.clock.now() });
      await onSuccess(m);
      return 'ok';
    });
  }

  private refuseCode(result: CodeCheck): void {
    switch (result) {
      case 'ok':
        return;
      case 'wrong':
      case 'none':
        throw badInput('code', 'The code is wrong or was already used. Check the latest message, or ask for a new code.');
      case 'expired':
        throw badInput('code', `The code has expired (codes are valid for ${CODE_TTL_MINUTES} minutes). Ask for a new one.`);
      case 'locked':
        throw new DomainError(
          ErrorCode.INVALID_STATE,
          `The code is locked after ${MAX_CODE_ATTEMPTS} wrong tries. Ask for a new one.`,
        );
    }
  }
}
