import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { notFound } from '../common/errors';
import { AppConfig } from '../config/config';
import { CallerCache } from './caller-cache';

export type SessionEndReason =
  | 'SIGNED_OUT' | 'SIGNED_OUT_EVERYWHERE' | 'REVOKED' | 'PASSWORD_CHANGED' | 'TOKEN_REUSED' | 'DEACTIVATED' | 'EXPIRED';

/** Where a sign-in or a refresh came from, as shown in mySessions. */
export interface Client {
  ip: string;
  userAgent: string | null;
}

export interface SessionRow {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export type RefreshOutcome =
  | { ok: true; userId: string; sessionId: string; refreshToken: string | null }
  | { ok: false; why: string };

/**
 * Two tabs that load at once both send the same cookie; the second, within
 * this many seconds of the first's rotation, gets an access token for the same
 * session but no new refresh token (the cookie the first set stays). Outside
 * it, a used token is a stolen copy and ends the whole session.
 */
export const REUSE_GRACE_SECONDS = 10;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Refresh sessions. A session is one sign-in; its refresh token rotates on
 * every use and the used one is kept (as a digest) so that presenting it again
 * is recognised as reuse. The only way out of a session is `end*`, which sets
 * ended_at once (a trigger refuses any later change to an ended session).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    /** Told of every session this process ends (the database tells the other replicas): see CallerCache. */
    private readonly callers: CallerCache,
  ) {}

  /** Starts a session in the caller's transaction; returns its first refresh token. */
  async start(m: EntityManager, userId: string, client: Client): Promise<{ sessionId: string; refreshToken: string }> {
    const now = this.clock.now();
    const [{ id }] = await m.query(
      `INSERT INTO user_session (user_id, user_agent, ip, created_at, last_used_at) VALUES ($1, $2, $3, ${now}, ${now}) RETURNING id`,
      [userId, client.userAgent, client.ip],
    );
    return { sessionId: id, refreshToken: await this.addToken(m, id) };
  }

  private async addToken(m: EntityManager, sessionId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await m.query(`INSERT INTO refresh_token (token_hash, session_id, created_at) VALUES ($1, $2, ${this.clock.now()})`, [
      digest(token),
      sessionId,
    ]);
    return token;
  }

  /**
   * Rotates a refresh token. The refusals that change something (expiry,
   * reuse) are committed before they are reported, so they cannot be rolled back.
   */
  async rotate(token: string, client: Client): Promise<RefreshOutcome> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m): Promise<RefreshOutcome> => {
      // Locks the token and its session, so two refreshes with one token take turns and the second sees it used.
      const [row] = await m.query(
        `SELECT s.id, s.user_id, s.ended_at, t.used_at, u.deactivated_at,
                t.used_at > ${now} - make_interval(secs => $2) AS in_grace,
                (s.last_used_at + make_interval(secs => $3) <= ${now}
                  OR s.created_at + make_interval(secs => $4) <= ${now}) AS expired
           FROM refresh_token t
           JOIN user_session s ON s.id = t.session_id
           JOIN app_user u ON u.id = s.user_id
          WHERE t.token_hash = $1
          FOR UPDATE OF t, s`,
        [digest(token), REUSE_GRACE_SECONDS, this.config.SESSION_IDLE_SECONDS, this.config.SESSION_MAX_SECONDS],
      );
      if (!row || row.ended_at || row.deactivated_at) return { ok: false, why: 'This session has ended; sign in again.' };
      if (row.expired) {
        await this.endSession(m, row.id, 'EXPIRED');
        return { ok: false, why: 'This session has expired; sign in again.' };
      }
      if (row.used_at && !row.in_grace) {
        await this.endSession(m, row.id, 'TOKEN_REUSED');
        await this.audit.record(m, null, {
          action: 'session.token_reused', entityType: 'User', entityId: row.user_id,
          detail: `a used refresh token was presented again from ${client.ip}; the session was ended`,
        });
        return { ok: false, why: 'This refresh token was used already, so the session was ended to protect the account; sign in again.' };
      }
      await m.query(`UPDATE user_session SET last_used_at = ${now}, ip = $2, user_agent = $3 WHERE id = $1`, [
        row.id, client.ip, client.userAgent,
      ]);
      if (row.used_at) return { ok: true, userId: row.user_id, sessionId: row.id, refreshToken: null };
      await m.query(`UPDATE refresh_token SET used_at = ${now} WHERE token_hash = $1`, [digest(token)]);
      return { ok: true, userId: row.user_id, sessionId: row.id, refreshToken: await this.addToken(m, row.id) };
    });
  }

  /** The session a refresh token belongs to, if it is still live; used by signOut when no access token came. */
  async sessionOfToken(token: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT s.id FROM refresh_token t JOIN user_session s ON s.id = t.session_id WHERE t.token_hash = $1 AND s.ended_at IS NULL`,
      [digest(token)],
    );
    return row?.id ?? null;
  }

  async isLive(sessionId: string, userId: string): Promise<boolean> {
    if (!isUUID(sessionId)) return false;
    const rows = await this.dataSource.query(
      `SELECT 1 FROM user_session WHERE id = $1 AND user_id = $2 AND ended_at IS NULL`,
      [sessionId, userId],
    );
    return rows.length > 0;
  }

  async endSession(m: EntityManager, sessionId: string, reason: SessionEndReason, userId?: string): Promise<boolean> {
    const [rows] = await m.query(
      `UPDATE user_session SET ended_at = ${this.clock.now()}, end_reason = $2
        WHERE id = $1 AND ended_at IS NULL AND ($3::uuid IS NULL OR user_id = $3) RETURNING id, user_id`,
      [sessionId, reason, userId ?? null],
    );
    for (const row of rows as { user_id: string }[]) this.callers.forget(row.user_id);
    return rows.length > 0;
  }

  /** Ends every live session of a user, but `keep` if given; returns how many ended. */
  async endAll(m: EntityManager, userId: string, reason: SessionEndReason, keep?: string): Promise<number> {
    const [rows] = await m.query(
      `UPDATE user_session SET ended_at = ${this.clock.now()}, end_reason = $2
        WHERE user_id = $1 AND ended_at IS NULL AND ($3::uuid IS NULL OR id <> $3) RETURNING id`,
      [userId, reason, keep ?? null],
    );
    this.callers.forget(userId);
    return rows.length;
  }

  /** The caller's live sessions, the most recently used first. */
  async list(caller: Caller): Promise<SessionRow[]> {
    const now = this.clock.now();
    const rows = await this.dataSource.query(
      `SELECT id, created_at, last_used_at, user_agent, ip FROM user_session
        WHERE user_id = $1 AND ended_at IS NULL
          AND last_used_at + make_interval(secs => $2) > ${now} AND created_at + make_interval(secs => $3) > ${now}
        ORDER BY last_used_at DESC, id`,
      [caller.id, this.config.SESSION_IDLE_SECONDS, this.config.SESSION_MAX_SECONDS],
    );
    return rows.map((r: Record<string, never>) => ({
      id: r.id, createdAt: r.created_at, lastUsedAt: r.last_used_at, userAgent: r.user_agent, ip: r.ip,
    }));
  }

  /** Ends one of the caller's own sessions; another person's session is NOT_FOUND, as an unknown one is. */
  async revoke(caller: Caller, sessionId: string): Promise<void> {
    const ended = isUUID(sessionId) && (await this.endSession(this.dataSource.manager, sessionId, 'REVOKED', caller.id));
    if (!ended) throw notFound('session', sessionId);
  }
}
