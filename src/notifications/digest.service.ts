import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { MailService } from '../accounts/mail.service';
import { TokensService } from '../accounts/tokens.service';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { badInput } from '../common/errors';
import { RateLimitService } from '../common/rate-limit';
import { AppConfig } from '../config/config';
import { ALL_KINDS, defaultChannel, NotificationChannel } from './notification-kind';
import { NotificationsService } from './notifications.service';

/** One line of the digest: what, and where to read it. */
export interface DigestItem {
  title: string;
  link: string;
}

/**
 * What the needs register (a module above this one) adds to the digest: the
 * needs made public since a time. Declared here and provided there under
 * NEEDS_DIGEST_SOURCE, so notifications never imports needs.
 */
export interface NeedsDigestSource {
  newPublicNeeds(m: EntityManager, since: Date): Promise<DigestItem[]>;
}
export const NEEDS_DIGEST_SOURCE = Symbol('NEEDS_DIGEST_SOURCE');

const CONFIRMATION_HOURS = 72;
/** The purpose a personal digest's unsubscribe token is signed for (see TokensService.signLink). */
const PERSONAL_UNSUBSCRIBE = 'personal-digest-unsubscribe';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The weekly digest: anyone may subscribe with an e-mail address, which must
 * be confirmed (double opt-in) before anything but the confirmation is sent;
 * every digest carries a one-click unsubscribe (RFC 8058). People with an
 * account also get their DIGEST-channel notifications in a weekly mail.
 * Everything goes through the mail outbox.
 */
@Injectable()
export class DigestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly limits: RateLimitService,
    private readonly tokens: TokensService,
    private readonly mail: MailService,
    @Optional() @Inject(NEEDS_DIGEST_SOURCE) private readonly needs?: NeedsDigestSource,
  ) {}

  /**
   * Starts (or restarts) a subscription: a confirmation link by mail. The answer
   * is the same whether the address was new, pending or confirmed, so it reveals nothing.
   */
  async request(email: string, ip: string): Promise<void> {
    const address = email.trim().toLowerCase();
    if (!EMAIL.test(address) || address.length > 254) throw badInput('email', 'email must be an e-mail address.');
    // Counted like every mail sent to an address on request (registration codes, resets): nobody floods an inbox from here.
    await this.limits.attempt('mail', address, ip);
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO digest_subscriber (email, confirmation_token_hash, confirmation_expires_at, unsubscribe_token, created_at)
         VALUES ($1, $2, ${now} + make_interval(hours => $3), $4, ${now})
         ON CONFLICT (email) DO UPDATE SET confirmation_token_hash = EXCLUDED.confirmation_token_hash,
                confirmation_expires_at = EXCLUDED.confirmation_expires_at
          WHERE digest_subscriber.confirmed_at IS NULL
         RETURNING id`,
        [address, hashToken(token), CONFIRMATION_HOURS, randomBytes(32).toString('base64url')],
      );
      // Already confirmed: nothing to send, nothing to tell.
      if (!row) return;
      await this.mail.enqueue(m, {
        key: `digest-confirm:${row.id}:${hashToken(token).slice(0, 16)}`,
        to: address,
        kind: 'DIGEST_CONFIRMATION',
        subject: 'Confirm your subscription to the Space Standards Workbench weekly digest',
        text: `Someone, probably you, asked for the weekly digest of the Space Standards Workbench (new editions, new needs, open comment rounds) at this address.\n\n` +
          `To confirm, open this link within ${CONFIRMATION_HOURS} hours and press Confirm:\n\n    ${this.notifications.url(`/digest/confirm?token=${token}`)}\n\n` +
          `If it was not you, ignore this message: nothing will be sent.\n`,
      });
    });
  }

  /** Confirms with the token from the mail; false when it is unknown or expired. */
  async confirm(token: string): Promise<boolean> {
    if (!token || token.length > 100) return false;
    return this.dataSource.transaction(async (m) => {
      const [rows] = await m.query(
        `UPDATE digest_subscriber SET confirmed_at = ${this.clock.now()}, confirmation_token_hash = NULL, confirmation_expires_at = NULL
          WHERE confirmation_token_hash = $1 AND confirmation_expires_at > ${this.clock.now()} RETURNING id`,
        [hashToken(token)],
      );
      if (!rows.length) return false;
      await this.audit.record(m, null, { action: 'digest.confirmed', entityType: 'DigestSubscriber', entityId: rows[0].id, detail: 'weekly digest subscription confirmed' });
      return true;
    });
  }

  /** Ends a subscription with the token of its unsubscribe link; the address is forgotten. False when unknown. */
  async unsubscribe(token: string): Promise<boolean> {
    if (!token || token.length > 100) return false;
    return this.dataSource.transaction(async (m) => {
      const [rows] = await m.query(`DELETE FROM digest_subscriber WHERE unsubscribe_token = $1 RETURNING id`, [token]);
      if (!rows.length) return false;
      await this.audit.record(m, null, { action: 'digest.unsubscribed', entityType: 'DigestSubscriber', entityId: rows[0].id, detail: 'weekly digest subscription ended' });
      return true;
    });
  }

  /**
   * The one-click unsubscribe address of a person's own digest: the token is
   * the user id signed with the server secret (nothing stored, nothing to
   * guess), valid for this one purpose only.
   */
  personalUnsubscribeUrl(userId: string): string {
    return this.notifications.url(`/digest/personal/unsubscribe?token=${this.tokens.signLink(PERSONAL_UNSUBSCRIBE, userId)}`);
  }

  /** Whether a personal unsubscribe token is one this service signed (a forged or altered one is not). */
  isPersonalToken(token: string): boolean {
    const userId = this.tokens.verifyLink(PERSONAL_UNSUBSCRIBE, token);
    return !!userId && isUUID(userId);
  }

  /**
   * Turns a person's digest off with the token of its List-Unsubscribe link,
   * without a session: every kind whose channel is DIGEST (chosen or by
   * default) becomes IN_APP, so the events stay in the app and no weekly mail
   * goes; what was waiting for the next digest stays in the app too. False
   * for a token this service did not sign.
   */
  async unsubscribePersonal(token: string): Promise<boolean> {
    const userId = this.tokens.verifyLink(PERSONAL_UNSUBSCRIBE, token);
    if (!userId || !isUUID(userId)) return false;
    await this.dataSource.transaction(async (m) => {
      const changed: { kind: string }[] = await m.query(
        `INSERT INTO notification_preference (user_id, kind, channel)
         SELECT u.id, k.kind, 'IN_APP' FROM app_user u
           CROSS JOIN unnest($2::text[], $3::text[]) AS k(kind, default_channel)
           LEFT JOIN notification_preference p ON p.user_id = u.id AND p.kind = k.kind
          WHERE u.id = $1 AND coalesce(p.channel, k.default_channel) = 'DIGEST'
         ON CONFLICT (user_id, kind) DO UPDATE SET channel = EXCLUDED.channel
         RETURNING kind`,
        [userId, ALL_KINDS, ALL_KINDS.map(defaultChannel)],
      );
      await m.query(
        `UPDATE notification SET channel = $2 WHERE user_id = $1 AND channel = 'DIGEST' AND digested_at IS NULL`,
        [userId, NotificationChannel.IN_APP],
      );
      if (!changed.length) return;
      await this.audit.record(m, { id: userId }, {
        action: 'notification.preferences_updated', entityType: 'User', entityId: userId,
        detail: `weekly digest turned off by its unsubscribe link: ${changed.map((c) => `${c.kind}: IN_APP`).join(', ')}`,
      });
    });
    return true;
  }

  /**
   * The week's digest, once per ISO week whichever replica gets there first:
   * due from DIGEST_HOUR_OF_WEEK hours after Monday 00:00 UTC by the database
   * clock; the digest_run row of the week is the claim. Answers how many mails it queued.
   */
  async runDue(): Promise<number> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const [run] = await m.query(
        // since and ran_at are written times (now()), like an edition's promulgated_at; the week and its due time follow the clock.
        `INSERT INTO digest_run (week, since, ran_at)
         SELECT w.week, coalesce((SELECT max(ran_at) FROM digest_run), now() - interval '7 days'), now()
           FROM (SELECT date_trunc('week', ${now} AT TIME ZONE 'UTC')::date AS week) w
          WHERE ${now} >= (w.week::timestamp AT TIME ZONE 'UTC') + make_interval(hours => $1)
         ON CONFLICT (week) DO NOTHING
         RETURNING week::text AS week, since`,
        [this.config.DIGEST_HOUR_OF_WEEK],
      );
      if (!run) return 0;
      await this.pruneUnconfirmed(m);
      return (await this.publicDigest(m, run.week, new Date(run.since))) + (await this.personalDigests(m, run.week));
    });
  }

  /**
   * Sign-ups never confirmed are forgotten PRUNE_AFTER_DAYS after their link
   * expired: an address nobody confirmed is not kept for ever. Once a week, in
   * the run's transaction, so one replica does it.
   */
  private async pruneUnconfirmed(m: EntityManager): Promise<number> {
    const [, n] = await m.query(
      `DELETE FROM digest_subscriber WHERE confirmed_at IS NULL
          AND confirmation_expires_at < ${this.clock.now()} - make_interval(days => $1)`,
      [this.config.PRUNE_AFTER_DAYS],
    );
    return n;
  }

  private async publicDigest(m: EntityManager, week: string, since: Date): Promise<number> {
    const now = this.clock.now();
    const editions: DigestItem[] = (await m.query(
      `SELECT e.label AS title, lower(regexp_replace(btrim(s.designation), '\\s+', '-', 'g')) AS designation FROM edition e JOIN standard s ON s.id = e.standard_id
        WHERE s.visibility = 'PUBLIC' AND e.promulgated_at > $1 ORDER BY e.promulgated_at`,
      [since],
    )).map((e: { title: string; designation: string }) => ({ title: e.title, link: this.notifications.url(`/standards/${encodeURIComponent(e.designation)}`) }));
    const rounds: DigestItem[] = (await m.query(
      `SELECT r.title, s.designation, lower(regexp_replace(btrim(s.designation), '\\s+', '-', 'g')) AS slug, r.closes_at AS "closesAt" FROM comment_round r JOIN standard s ON s.id = r.standard_id
        WHERE s.visibility = 'PUBLIC' AND r.closed_at IS NULL AND r.opens_at <= ${now} AND r.closes_at > ${now} ORDER BY r.closes_at`,
    )).map((r: { title: string; designation: string; slug: string; closesAt: Date }) => ({
      title: `${r.designation}: ${r.title} (comments close ${new Date(r.closesAt).toISOString().slice(0, 10)})`,
      link: this.notifications.url(`/standards/${encodeURIComponent(r.slug)}`),
    }));
    const needs = (await this.needs?.newPublicNeeds(m, since)) ?? [];
    const section = (title: string, items: DigestItem[]) =>
      `${title}\n${items.length ? items.map((i) => `  - ${i.title}\n    ${i.link}`).join('\n') : '  (none this week)'}\n`;
    const content = [section('New editions', editions), section('New interoperability needs', needs), section('Open comment rounds', rounds)].join('\n');
    const subscribers: { id: string; email: string; unsubscribeToken: string }[] = await m.query(
      `SELECT id, email, unsubscribe_token AS "unsubscribeToken" FROM digest_subscriber WHERE confirmed_at IS NOT NULL ORDER BY id`,
    );
    let queued = 0;
    for (const s of subscribers) {
      const unsubscribe = this.notifications.url(`/digest/unsubscribe?token=${s.unsubscribeToken}`);
      const sent = await this.mail.enqueue(m, {
        key: `digest:${week}:${s.id}`, to: s.email, kind: 'DIGEST',
        subject: `Space Standards Workbench: the week of ${week}`,
        text: `The week of ${week} at the Space Standards Workbench.\n\n${content}\n--\nUnsubscribe with one click: ${unsubscribe}\n`,
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      if (sent) queued++;
    }
    return queued;
  }

  /** Each person's DIGEST-channel notifications not digested yet, in one mail, then marked digested. */
  private async personalDigests(m: EntityManager, week: string): Promise<number> {
    const people: { userId: string; email: string; items: { title: string; link: string }[] }[] = await m.query(
      `WITH taken AS (
         UPDATE notification n SET digested_at = ${this.clock.now()}
           FROM app_user u WHERE u.id = n.user_id AND u.deactivated_at IS NULL AND n.channel = 'DIGEST' AND n.digested_at IS NULL
         RETURNING n.user_id, u.email, n.title, n.link, n.created_at)
       SELECT user_id AS "userId", email, json_agg(json_build_object('title', title, 'link', link) ORDER BY created_at) AS items
         FROM taken GROUP BY user_id, email`,
    );
    let queued = 0;
    for (const p of people) {
      const unsubscribe = this.personalUnsubscribeUrl(p.userId);
      const sent = await this.mail.enqueue(m, {
        key: `digest:${week}:user:${p.userId}`, to: p.email, kind: 'DIGEST',
        subject: `Your week at the Space Standards Workbench (${week})`,
        text: `What happened this week that you follow:\n\n${p.items.map((i) => `  - ${i.title}\n    ${this.notifications.url(i.link)}`).join('\n')}\n\n` +
          `--\nChoose what reaches you, and how: ${this.notifications.url('/app/notifications/preferences')}\n` +
          `Stop this weekly mail with one click: ${unsubscribe}\n`,
        // RFC 8058: a mail client's one-click POST to this address turns the digest off, without a sign-in.
        // No mailto: the service receives no mail.
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      if (sent) queued++;
    }
    return queued;
  }
}
