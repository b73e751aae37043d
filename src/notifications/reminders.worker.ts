import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { PollingWorker } from '../common/polling-worker';
import { AppConfig } from '../config/config';
import { DigestService } from './digest.service';
import { NotificationKind, utcText } from './notification-kind';
import { NotificationsService } from './notifications.service';

/** Days before the close at which a nation that has not answered is reminded. */
export const REMINDER_OFFSETS = [3, 1];

interface DueReminder {
  id: string;
  nationCode: string;
  offsetDays: number;
  standardId: string;
  designation: string;
  title: string;
  closesAt: Date;
}

/**
 * Reminders and the weekly digest, by the database clock. A reminder is due
 * when now() has passed closes_at minus its offset, the subject is still open
 * and the nation has not submitted (a round) or responded (a ballot). The
 * claim is the row of notification_reminder, unique per (subject, nation,
 * offset, deadline) and inserted ON CONFLICT DO NOTHING in the transaction
 * that writes the notifications: whichever replica inserts it sends the
 * reminder, a concurrent one waits for that commit and finds nothing to do.
 * Only the latest due offset is sent (a clock that jumps past both sends the
 * 1-day one), and none for an offset already past when the deadline was set
 * (the subject opened, or the ballot was last extended). A ballot extended
 * has a new deadline, so the nations that have not answered are reminded
 * again before it.
 */
@Injectable()
export class RemindersWorker extends PollingWorker {
  protected readonly workerName = 'reminders worker';

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly digest: DigestService,
  ) {
    super();
  }

  protected pollMs() {
    return this.config.NOTIFY_POLL_MS;
  }

  protected async round(): Promise<number> {
    return (await this.sendReminders()) + (await this.digest.runDue());
  }

  async sendReminders(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rounds = await this.claim(m, 'CommentRound',
        `SELECT r.id, r.standard_id, r.title, r.opens_at AS since, r.closes_at FROM comment_round r WHERE r.closed_at IS NULL`,
        `SELECT 1 FROM national_submission a WHERE a.round_id = x.id AND a.nation_code = n.code`);
      for (const r of rounds) {
        await this.notifications.notify(m, {
          kind: NotificationKind.ROUND_REMINDER, key: `ROUND_REMINDER:${r.id}:${r.nationCode}:${r.offsetDays}:${r.closesAt.toISOString()}`,
          subjectType: 'CommentRound', subjectId: r.id, standardId: r.standardId,
          title: `${r.offsetDays === 1 ? 'One day' : `${r.offsetDays} days`} left: ${r.designation} comments close ${utcText(r.closesAt)}`,
          body: `The comment round "${r.title}" on ${r.designation} closes at ${utcText(r.closesAt)} and ${r.nationCode} has not submitted its comments. ` +
            `Only a submitted set counts.`,
          link: `/app/rounds/${r.id}`,
          to: { nations: [r.nationCode] },
        });
      }
      const ballots = await this.claim(m, 'Ballot',
        `SELECT b.id, b.standard_id, 'Ratification ballot' AS title, b.closes_at,
                greatest(b.opens_at, (SELECT max(e.extended_at) FROM ballot_extension e WHERE e.ballot_id = b.id)) AS since
           FROM ballot b WHERE b.closed_at IS NULL AND b.outcome = 'PENDING'`,
        `SELECT 1 FROM ballot_response a WHERE a.ballot_id = x.id AND a.nation_code = n.code`);
      for (const b of ballots) {
        await this.notifications.notify(m, {
          kind: NotificationKind.BALLOT_REMINDER, key: `BALLOT_REMINDER:${b.id}:${b.nationCode}:${b.offsetDays}:${b.closesAt.toISOString()}`,
          subjectType: 'Ballot', subjectId: b.id, standardId: b.standardId,
          title: `${b.offsetDays === 1 ? 'One day' : `${b.offsetDays} days`} left: ballot on ${b.designation} closes ${utcText(b.closesAt)}`,
          body: `The ratification ballot on ${b.designation} closes at ${utcText(b.closesAt)} and ${b.nationCode} has not responded.`,
          link: `/app/ballots/${b.id}`,
          to: { nations: [b.nationCode] },
        });
      }
      return rounds.length + ballots.length;
    });
  }

  /** Inserts the due (subject, nation, offset) rows not sent before; answers those this transaction claimed. */
  private async claim(m: EntityManager, type: 'CommentRound' | 'Ballot', open: string, answered: string): Promise<DueReminder[]> {
    const now = this.clock.now();
    const rows = await m.query(
      `WITH x AS (${open}),
       due AS (
         SELECT x.id, x.closes_at, n.code, o.d FROM x CROSS JOIN unnest($1::int[]) AS o(d) CROSS JOIN nation n
          WHERE x.since <= ${now} AND x.closes_at > ${now}
            AND x.closes_at - make_interval(days => o.d) <= ${now}
            AND x.since < x.closes_at - make_interval(days => o.d)
            AND NOT EXISTS (SELECT 1 FROM unnest($1::int[]) AS later(d) WHERE later.d < o.d AND x.closes_at - make_interval(days => later.d) <= ${now})
            AND NOT EXISTS (${answered})
            AND EXISTS (SELECT 1 FROM app_user u JOIN user_role ur ON ur.user_id = u.id AND ur.role IN ('EXPERT', 'DELEGATE')
                         WHERE u.nation_code = n.code AND u.deactivated_at IS NULL))
       INSERT INTO notification_reminder (subject_type, subject_id, nation_code, offset_days, closes_at, sent_at)
       SELECT $2, id, code, d, closes_at, ${now} FROM due
       ON CONFLICT DO NOTHING
       RETURNING subject_id, nation_code, offset_days`,
      [REMINDER_OFFSETS, type],
    );
    if (!rows.length) return [];
    return m.query(
      `SELECT c.subject_id AS id, c.nation_code AS "nationCode", c.offset_days AS "offsetDays", x.standard_id AS "standardId", s.designation, x.title, x.closes_at AS "closesAt"
         FROM jsonb_to_recordset($1::jsonb) AS c(subject_id uuid, nation_code text, offset_days int)
         JOIN (${open}) x ON x.id = c.subject_id JOIN standard s ON s.id = x.standard_id
        ORDER BY c.subject_id, c.nation_code`,
      [JSON.stringify(rows)],
    );
  }
}
