import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller, Role } from '../common/caller';
import { Clock } from '../common/clock';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../common/errors';
import { MissionArea } from '../common/mission-area';
import { Page, pageSize } from '../common/pagination';
import { AppConfig } from '../config/config';
import { ALL_KINDS, defaultChannel, NotificationChannel, NotificationKind } from './notification-kind';

/** Who an event is for, besides the subscribers of its standard, need or mission area. */
export interface NotificationAudience {
  /** These people. */
  userIds?: string[];
  /** The experts and delegates of these nations, or of every nation. */
  nations?: string[] | 'ALL';
  /** Everyone holding one of these roles (SECRETARIAT for the secretariat's business). */
  roles?: Role[];
  /** The VENDORs of this organization. */
  organizationId?: string;
  /**
   * Subscribers of the event's standard, need or mission area hear of it too,
   * if they hold one of these roles (the subject's readers: rounds and ballots
   * are the nations' business, vendors never see them). Unset: no subscribers.
   */
  subscriberRoles?: Role[];
}

/** One event, as a module that owns it reports it (inside its own transaction). */
export interface NotificationEvent {
  kind: NotificationKind;
  /** Unique per event (per kind and subject, and per offset for reminders): with the recipient, what makes a repeat a no-op. */
  key: string;
  subjectType: string;
  subjectId: string;
  standardId?: string | null;
  needId?: string | null;
  missionArea?: MissionArea | null;
  /** One line: the in-app title and the mail's subject. */
  title: string;
  /** A few sentences, plain text. */
  body: string;
  /** Where the subject is, as a path of the app (`/app/...`) or the public pages. */
  link: string;
  to: NotificationAudience;
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  channel: NotificationChannel;
  subjectType: string;
  subjectId: string;
  standardId: string | null;
  title: string;
  body: string;
  link: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface SubscriptionRow {
  id: string;
  standardId: string | null;
  needId: string | null;
  missionArea: MissionArea | null;
  createdAt: Date;
}

const NOTIFICATION = `id, kind, channel, subject_type AS "subjectType", subject_id AS "subjectId", standard_id AS "standardId", title, body, link,
  created_at AS "createdAt", read_at AS "readAt"`;
const SUBSCRIPTION = `id, standard_id AS "standardId", need_id AS "needId", mission_area AS "missionArea", created_at AS "createdAt"`;
/** What a person may follow besides a mission area; its owner says who may read one. */
export type FollowedThing = 'standard' | 'need';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one entry point of notifications: `notify(manager, event)`, called by
 * the module that owns the event inside the transaction that makes it happen
 * (like the audit record), so the notification rows and the outbox mail commit
 * with the event or not at all. Sits above accounts and below standards.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  private readonly visible: Partial<Record<FollowedThing, (caller: Caller, id: string) => Promise<boolean>>> = {};

  /**
   * Called once by the module above that owns the thing (standards, needs):
   * whether a caller may see one, so only its readers follow it. Without a
   * check, nobody may follow that kind of thing.
   */
  defineVisibilityCheck(thing: FollowedThing, check: (caller: Caller, id: string) => Promise<boolean>): void {
    this.visible[thing] = check;
  }

  /** An absolute link for mail. */
  url(path: string): string {
    return `${this.config.PUBLIC_URL.replace(/\/$/, '')}${path}`;
  }

  /**
   * Resolves the recipients and their preference for the event's kind, writes
   * one notification per recipient (none for OFF) and, for EMAIL, one outbox
   * mail keyed `<event key>:<user id>`. Repeating an event writes nothing.
   */
  async notify(m: EntityManager, e: NotificationEvent): Promise<{ notified: number; mailed: number }> {
    const now = this.clock.now();
    const to = e.to;
    const subscribers = !!to.subscriberRoles?.length && !!(e.standardId || e.needId || e.missionArea);
    const mail = `${e.body}\n\n${this.url(e.link)}\n\n--\nYou receive this because of your notification preferences: ${this.url('/app/notifications/preferences')}\n`;
    const [row] = await m.query(
      `WITH recipients AS (
         SELECT unnest($1::uuid[]) AS id
         UNION SELECT ur.user_id FROM user_role ur JOIN app_user u ON u.id = ur.user_id
                WHERE ur.role IN ('EXPERT', 'DELEGATE') AND u.nation_code IS NOT NULL AND ($2::boolean OR u.nation_code = ANY($3::text[]))
         UNION SELECT user_id FROM user_role WHERE role = ANY($4::text[])
         UNION SELECT u.id FROM app_user u JOIN user_role ur ON ur.user_id = u.id AND ur.role = 'VENDOR' WHERE u.organization_id = $5::uuid
         UNION SELECT s.user_id FROM subscription s
                WHERE $6::boolean AND (s.standard_id = $7::uuid OR s.need_id = $8::uuid OR s.mission_area = $9::text)
                  AND EXISTS (SELECT 1 FROM user_role ur WHERE ur.user_id = s.user_id AND ur.role = ANY($10::text[]))
       ),
       chosen AS (
         SELECT u.id, u.email, coalesce(p.channel, $11) AS channel
           FROM recipients r JOIN app_user u ON u.id = r.id
           LEFT JOIN notification_preference p ON p.user_id = u.id AND p.kind = $12
          WHERE u.deactivated_at IS NULL AND u.email_verified_at IS NOT NULL
       ),
       inserted AS (
         INSERT INTO notification (user_id, kind, event_key, channel, subject_type, subject_id, standard_id, title, body, link, created_at)
         SELECT id, $12, $13, channel, $14, $15, $16::uuid, $17, $18, $19, ${now} FROM chosen WHERE channel <> 'OFF'
         ON CONFLICT (user_id, event_key) DO NOTHING
         RETURNING user_id, channel
       ),
       mailed AS (
         INSERT INTO mail_outbox (idempotency_key, recipient, subject, body, kind, created_at, next_attempt_at)
         SELECT $13 || ':' || i.user_id, c.email, $17, $20, $12, ${now}, ${now}
           FROM inserted i JOIN chosen c ON c.id = i.user_id WHERE i.channel = 'EMAIL'
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id
       )
       SELECT (SELECT count(*) FROM inserted)::int AS notified, (SELECT count(*) FROM mailed)::int AS mailed`,
      [
        to.userIds ?? [], to.nations === 'ALL', Array.isArray(to.nations) ? to.nations : [], to.roles ?? [], to.organizationId ?? null,
        subscribers, e.standardId ?? null, e.needId ?? null, e.missionArea ?? null, to.subscriberRoles ?? [],
        defaultChannel(e.kind), e.kind, e.key, e.subjectType, e.subjectId, e.standardId ?? null, e.title, e.body, e.link, mail,
      ],
    );
    return row;
  }

  // ---- the caller's notifications

  /** An organization's access token is no person: it has no notifications. */
  private person(caller: Caller): Caller {
    if (caller.organizationToken) throw forbidden("An organization's access token has no notifications; sign in as a person.");
    return caller;
  }

  async list(caller: Caller, args: { unread?: boolean | null; first?: number | null; after?: string | null }): Promise<Page<NotificationRow> & { unreadCount: Promise<number> }> {
    this.person(caller);
    const size = pageSize(args.first);
    const params: unknown[] = [caller.id, size + 1];
    let where = `user_id = $1`;
    if (args.unread) where += ` AND read_at IS NULL`;
    const filtered = where;
    if (args.after) {
      let cursor: [string, string];
      try {
        cursor = JSON.parse(Buffer.from(args.after, 'base64url').toString());
        if (!Array.isArray(cursor) || cursor.length !== 2 || !UUID.test(cursor[1]) || Number.isNaN(Date.parse(cursor[0]))) throw new Error();
      } catch {
        throw badInput('after', 'after is not a cursor this list gave out; start again without it.');
      }
      params.push(cursor[0], cursor[1]);
      where += ` AND (created_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    // The cursor keeps the time as PostgreSQL writes it: a JavaScript Date would drop the microseconds.
    const rows: (NotificationRow & { at: string })[] = await this.dataSource.query(
      `SELECT ${NOTIFICATION}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM notification WHERE ${where}
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
    const page = rows.slice(0, size);
    const edges = page.map(({ at, ...node }) => ({ cursor: Buffer.from(JSON.stringify([at, node.id])).toString('base64url'), node }));
    const count = (sql: string) => this.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE ${sql}`, [caller.id]).then(([r]) => r.n as number);
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > size, hasPreviousPage: !!args.after, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      get totalCount() {
        return count(filtered);
      },
      get unreadCount() {
        return count(`user_id = $1 AND read_at IS NULL`);
      },
    };
  }

  unreadCount(caller: Caller): Promise<number> {
    return this.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL`, [caller.id]).then(([r]) => r.n);
  }

  /** Marks the caller's own notifications read: the ones named, or all. Others' ids are ignored as unknown. Answers how many changed. */
  async markRead(caller: Caller, input: { ids?: string[] | null; all?: boolean | null }): Promise<number> {
    this.person(caller);
    if (!input.all && !input.ids?.length) throw badInput('ids', 'Give the ids to mark read, or all: true.');
    if (input.all && input.ids?.length) throw badInput('ids', 'Give either ids or all: true, not both.');
    const bad = input.ids?.find((id) => !UUID.test(id));
    if (bad) throw badInput('ids', `${bad} is not a notification id.`);
    if ((input.ids?.length ?? 0) > 500) throw badInput('ids', 'At most 500 ids at once; use all: true for everything.');
    const [rows] = await this.dataSource.query(
      `UPDATE notification SET read_at = ${this.clock.now()} WHERE user_id = $1 AND read_at IS NULL AND ($2::boolean OR id = ANY($3::uuid[])) RETURNING id`,
      [caller.id, !!input.all, input.ids ?? []],
    );
    return rows.length;
  }

  // ---- preferences

  async preferences(caller: Caller): Promise<{ kind: NotificationKind; channel: NotificationChannel; isDefault: boolean }[]> {
    this.person(caller);
    const rows: { kind: NotificationKind; channel: NotificationChannel }[] = await this.dataSource.query(
      `SELECT kind, channel FROM notification_preference WHERE user_id = $1`,
      [caller.id],
    );
    const set = new Map(rows.map((r) => [r.kind, r.channel]));
    return ALL_KINDS.map((kind) => ({ kind, channel: set.get(kind) ?? defaultChannel(kind), isDefault: !set.has(kind) }));
  }

  async updatePreferences(caller: Caller, changes: { kind: NotificationKind; channel: NotificationChannel }[]) {
    this.person(caller);
    if (!changes.length) throw badInput('preferences', 'Give at least one kind and its channel.');
    if (new Set(changes.map((c) => c.kind)).size !== changes.length) throw badInput('preferences', 'Each kind at most once.');
    await this.dataSource.transaction(async (m) => {
      for (const c of changes) {
        await m.query(
          `INSERT INTO notification_preference (user_id, kind, channel) VALUES ($1, $2, $3)
           ON CONFLICT (user_id, kind) DO UPDATE SET channel = EXCLUDED.channel`,
          [caller.id, c.kind, c.channel],
        );
      }
      await this.audit.record(m, caller, {
        action: 'notification.preferences_updated', entityType: 'User', entityId: caller.id,
        detail: changes.map((c) => `${c.kind}: ${c.channel}`).join(', '),
      });
    });
    return this.preferences(caller);
  }

  // ---- topic subscriptions

  mySubscriptions(caller: Caller): Promise<SubscriptionRow[]> {
    this.person(caller);
    return this.dataSource.query(`SELECT ${SUBSCRIPTION} FROM subscription WHERE user_id = $1 ORDER BY created_at, id`, [caller.id]);
  }

  /**
   * The caller follows a standard (one it may see), a need or a mission area.
   * Whether the standard is visible is the standards module's answer (defineStandardCheck).
   */
  async subscribe(caller: Caller | null, topic: { standardId?: string | null; needId?: string | null; missionArea?: MissionArea | null }): Promise<SubscriptionRow> {
    if (caller) this.person(caller);
    if (!caller) throw unauthenticated('Sign in to follow a standard, a need or a mission area; anyone may subscribe to the weekly digest with email.');
    const given = [topic.standardId, topic.needId, topic.missionArea].filter((v) => v !== null && v !== undefined);
    if (given.length !== 1) throw badInput('input', 'Give exactly one of email, standardId, needId or missionArea.');
    for (const [thing, id] of [['standard', topic.standardId], ['need', topic.needId]] as const) {
      if (id && !(UUID.test(id) && (await this.visible[thing]?.(caller, id)))) throw notFound(thing, id);
    }
    return this.dataSource.transaction(async (m) => {
      const rows: SubscriptionRow[] = await m.query(
        `INSERT INTO subscription (user_id, standard_id, need_id, mission_area, created_at) VALUES ($1, $2, $3, $4, ${this.clock.now()})
         ON CONFLICT DO NOTHING RETURNING ${SUBSCRIPTION}`,
        [caller.id, topic.standardId ?? null, topic.needId ?? null, topic.missionArea ?? null],
      );
      if (!rows.length) throw conflict('You follow this already.');
      await this.audit.record(m, caller, {
        action: 'subscription.created', entityType: 'Subscription', entityId: rows[0].id,
        detail: `follows ${topic.standardId ? `standard ${topic.standardId}` : topic.needId ? `need ${topic.needId}` : `mission area ${topic.missionArea}`}`,
      });
      return rows[0];
    });
  }

  /** Stops following: by subscription id, or by the topic. Answers whether something was removed. */
  async unsubscribe(caller: Caller, topic: { subscriptionId?: string | null; standardId?: string | null; needId?: string | null; missionArea?: MissionArea | null }): Promise<boolean> {
    this.person(caller);
    const given = [topic.subscriptionId, topic.standardId, topic.needId, topic.missionArea].filter((v) => v !== null && v !== undefined);
    if (given.length !== 1) throw badInput('input', 'Give exactly one of token, subscriptionId, standardId, needId or missionArea.');
    for (const [field, v] of [['subscriptionId', topic.subscriptionId], ['standardId', topic.standardId], ['needId', topic.needId]] as const) {
      if (v && !UUID.test(v)) throw badInput(field, `${field} must be an id.`);
    }
    return this.dataSource.transaction(async (m) => {
      const [rows] = await m.query(
        `DELETE FROM subscription WHERE user_id = $1 AND (id = $2::uuid OR standard_id = $3::uuid OR need_id = $4::uuid OR mission_area = $5::text) RETURNING id`,
        [caller.id, topic.subscriptionId ?? null, topic.standardId ?? null, topic.needId ?? null, topic.missionArea ?? null],
      );
      if (!rows.length) return false;
      await this.audit.record(m, caller, { action: 'subscription.removed', entityType: 'Subscription', entityId: rows[0].id, detail: 'unfollowed' });
      return true;
    });
  }

  /** Whether the caller follows the standard (for the standard page's button). */
  async follows(caller: Caller, standardId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM subscription WHERE user_id = $1 AND standard_id = $2`, [caller.id, standardId]);
    return rows.length > 0;
  }
}

/** The roles that read a standard of this visibility (the same rule as standards/visibility.ts), for its followers. */
export function readersOf(visibility: string): Role[] {
  const nations = [Role.ADMIN, Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE];
  return visibility === 'NATIONS' ? nations : [...nations, Role.VENDOR, Role.VENDOR_ADMIN];
}
