import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller, hasRole, Role } from '../common/caller';
import { Clock } from '../common/clock';
import { badInput, conflict, deadlinePassed, forbidden, invalidState, isNotFound, notFound, notFoundAs } from '../common/errors';
import { EMPTY_PAGE_INFO, keyset, Page, pageOf } from '../common/pagination';
import { HeavyWork } from '../common/heavy-work';
import { PubSub, selectEach } from '../common/pubsub';
import { alpha2Of, alpha3Of } from '../accounts/iso3166';
import { StandardEntity, StandardStatus, Visibility } from '../standards/standard.entity';
import { maySee } from '../standards/visibility';
import { entityColumns, readPrepared, readRows } from '../database/plain-rows';
import { toUserModel, userJson, usersFromJson } from '../accounts/users.service';
import { nationsByCode } from '../accounts/nations-cache';
import { UserModel } from '../accounts/models/user.model';
import { NationEntity } from '../accounts/nation.entity';
import { StandardVersionEntity } from '../standards/standard-version.entity';
import { StandardsService } from '../standards/standards.service';
import { VersionsService } from '../standards/versions.service';
import {
  CommentEntity, CommentRoundRow, CommentStatus, CommentType, Disposition, NationalSubmissionEntity, RoundStatus,
} from './comment.entity';
import { ISO_COLUMNS, parseRecords, parseTemplate, TemplateParse, TYPE_CODES } from './iso-template';
import { clauseKey, locationProblem, outlineOf, requireLocation, VersionOutline } from './location';
import { WebhooksService } from '../webhooks/webhooks.service';
import { NotificationsService } from '../notifications/notifications.service';
import { NotificationKind, utcText } from '../notifications/notification-kind';

/** Who reads comment rounds at all. Vendors never do; comments belong to the nations and the secretariat. */
const READERS = [Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE];
/** Channel of commentAdded; the payload carries ids only, subscribers load what they may see. */
export const COMMENT_ADDED = 'comment_added';
export interface CommentAddedEvent {
  id: string;
  roundId: string;
  nationCode: string;
  status: CommentStatus;
}
export const MAX_IMPORT_ROWS = 10000;

export interface OpenRoundCommand {
  standardId: string;
  versionId: string;
  title: string;
  opensAt?: Date | null;
  closesAt: Date;
}
export interface CommentFields {
  clause?: string | null;
  lineFrom?: number | null;
  lineTo?: number | null;
  paragraph?: string | null;
  quote?: string | null;
  type?: CommentType | null;
  body?: string | null;
  proposedChange?: string | null;
}
export interface CommentFilterArgs {
  nationCode?: string | null;
  type?: CommentType | null;
  clause?: string | null;
  resolved?: boolean | null;
}

const trimOrNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
const iso = (d: Date) => d.toISOString();

export interface RoundWork {
  round: CommentRoundRow;
  draftCount: number;
  submitted: boolean;
}

/** The alias of a comment page's author column. */
const AUTHOR = 'authorRow';

/** A comment as a page of a round reads it: the row, with its nation and author for Comment.nation and Comment.author. */
export type CommentRow = CommentEntity & { nation?: NationEntity | null; author?: UserModel | null };

@Injectable()
export class CommentsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly standards: StandardsService,
    private readonly versions: VersionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly pubsub: PubSub,
    private readonly heavy: HeavyWork,
    private readonly webhooks: WebhooksService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Rounds with their status against the database clock: a round past closes_at is CLOSED though nobody closed it. */
  private roundSql(where: string, lock = '', withVisibility = false): string {
    const now = this.clock.now();
    return `SELECT r.id, r.standard_id AS "standardId", r.version_id AS "versionId", r.title,
                   r.opens_at AS "opensAt", r.closes_at AS "closesAt", r.closed_at AS "closedAt",
                   CASE WHEN r.closed_at IS NOT NULL OR r.closes_at <= ${now} THEN 'CLOSED'
                        WHEN r.opens_at > ${now} THEN 'SCHEDULED' ELSE 'OPEN' END AS status
                   ${withVisibility ? ', s.visibility AS "standardVisibility"' : ''}
              FROM comment_round r ${withVisibility ? 'JOIN standard s ON s.id = r.standard_id' : ''} WHERE ${where} ${lock}`;
  }

  /**
   * The audit log reads comment events as the comments themselves are read:
   * only by comment readers, and an event about a nation's DRAFT comments by
   * that nation alone until the comment is submitted (or, for an import, the
   * nation's set is). A deleted draft never reached the secretariat.
   */
  onModuleInit(): void {
    const draftRule = (caller: Caller) => {
      if (!this.mayRead(caller)) return false;
      return {
        sql: `e.nation_code IS NULL OR e.nation_code = :auditCommentNation
          OR (e.entity_type = 'Comment' AND EXISTS (SELECT 1 FROM comment c WHERE c.id = e.entity_id::uuid AND c.status = 'SUBMITTED'))
          OR (e.entity_type = 'CommentRound' AND EXISTS (
                SELECT 1 FROM national_submission s WHERE s.round_id = e.entity_id::uuid AND s.nation_code = e.nation_code))`,
        params: { auditCommentNation: this.nationOfReader(caller) ?? '' },
      };
    };
    this.audit.definePolicy('Comment', { visible: draftRule });
    this.audit.definePolicy('CommentRound', { visible: draftRule });
  }

  mayRead(caller: Caller | null): boolean {
    return hasRole(caller, ...READERS);
  }

  /** The nation whose DRAFT comments the caller sees and writes, if any. */
  private nationOfReader(caller: Caller | null): string | null {
    return hasRole(caller, Role.EXPERT, Role.DELEGATE) ? caller!.nationCode : null;
  }

  private nationOfWriter(caller: Caller): string {
    const nation = this.nationOfReader(caller);
    if (!nation) throw forbidden('Comments are written by experts and delegates for their nation; your account is bound to no nation.');
    return nation;
  }

  /** NOT_FOUND when the round is unknown, its standard is invisible to the caller, or the caller reads no comments. */
  async requireRound(caller: Caller | null, id: string, m: EntityManager = this.dataSource.manager, lock = ''): Promise<CommentRoundRow> {
    if (!this.mayRead(caller)) throw notFound('comment round', id);
    // The round with its standard's visibility, in one statement.
    const [row] = await readRows<CommentRoundRow & { standardVisibility: Visibility }>(m, this.roundSql('r.id = $1', lock, true), [id]);
    if (!row || !maySee(caller, row.standardVisibility)) throw notFound('comment round', id);
    const { standardVisibility: _visibility, ...round } = row;
    return round;
  }

  /**
   * What needs the caller: open rounds on standards the caller may see, with
   * the caller's nation's draft count and whether it has submitted; the
   * standards the caller edits; and the nation's draft comments in open rounds.
   */
  async myWork(caller: Caller): Promise<{ openRounds: RoundWork[]; editing: StandardEntity[]; unsubmittedComments: CommentEntity[] }> {
    const editing = await this.standards.editedBy(caller);
    if (!this.mayRead(caller)) return { openRounds: [], editing, unsubmittedComments: [] };
    const open: CommentRoundRow[] = await this.dataSource.query(
      `SELECT * FROM (${this.roundSql('true')}) r WHERE r.status = 'OPEN' ORDER BY r."closesAt", r.id`,
    );
    const visible = new Set((await this.standards.byIds(caller, open.map((r) => r.standardId))).map((s) => s.id));
    const rounds = open.filter((r) => visible.has(r.standardId));
    const nation = this.nationOfReader(caller);
    const ids = rounds.map((r) => r.id);
    const drafts = nation && ids.length
      ? await this.dataSource.getRepository(CommentEntity).find({
          where: { roundId: In(ids), nationCode: nation, status: CommentStatus.DRAFT },
          order: { createdAt: 'ASC', seq: 'ASC' },
        })
      : [];
    const submitted = new Set(nation ? (await this.submissionsOf(ids)).filter((s) => s.nationCode === nation).map((s) => s.roundId) : []);
    return {
      openRounds: rounds.map((round) => ({ round, draftCount: drafts.filter((c) => c.roundId === round.id).length, submitted: submitted.has(round.id) })),
      editing,
      unsubmittedComments: drafts,
    };
  }

  /** For the secretariat: closed rounds, on standards the caller may see, with submitted comments that have no disposition yet. */
  async roundsAwaitingDisposition(caller: Caller): Promise<CommentRoundRow[]> {
    if (!this.mayRead(caller)) return [];
    const rounds: CommentRoundRow[] = await this.dataSource.query(
      `SELECT * FROM (${this.roundSql('true')}) r
        WHERE r.status = 'CLOSED'
          AND EXISTS (SELECT 1 FROM comment c WHERE c.round_id = r.id AND c.status = 'SUBMITTED' AND c.disposition IS NULL)
        ORDER BY r."closesAt", r.id`,
    );
    const visible = new Set((await this.standards.byIds(caller, [...new Set(rounds.map((r) => r.standardId))])).map((s) => s.id));
    return rounds.filter((r) => visible.has(r.standardId));
  }

  async roundsByIds(ids: readonly string[]): Promise<CommentRoundRow[]> {
    return this.dataSource.query(this.roundSql('r.id = ANY($1::uuid[])'), [ids]);
  }

  /** Rounds of the given standards, oldest first; none for callers who read no comments. */
  async roundsOfStandards(caller: Caller | null, standardIds: readonly string[]): Promise<CommentRoundRow[]> {
    if (!this.mayRead(caller)) return [];
    return this.dataSource.query(this.roundSql('r.standard_id = ANY($1::uuid[]) ORDER BY r.opens_at, r.id'), [standardIds]);
  }

  async openRound(caller: Caller, input: OpenRoundCommand): Promise<CommentRoundRow> {
    const title = input.title.trim();
    if (!title) throw badInput('title', 'title is empty.');
    const id = await this.dataSource.transaction(async (m) => {
      // The lock makes two openCommentRound calls on one standard take turns, so the second sees the first.
      const standard = await this.standards.lockVisible(caller, input.standardId, m);
      if (standard.status !== StandardStatus.DRAFTING) {
        throw invalidState(`${standard.designation} is ${standard.status}; comment rounds review drafts of a DRAFTING standard.`);
      }
      const version = await m.findOneBy(StandardVersionEntity, { id: input.versionId, standardId: standard.id });
      if (!version) throw badInput('versionId', `versionId is not a version of ${standard.designation}.`);
      const now = this.clock.now();
      const [times] = await m.query(
        `SELECT coalesce($1::timestamptz, ${now}) AS "opensAt", $2::timestamptz > coalesce($1::timestamptz, ${now}) AS ordered,
                $2::timestamptz > ${now} AS future`,
        [input.opensAt ? iso(input.opensAt) : null, iso(input.closesAt)],
      );
      if (!times.ordered) throw badInput('closesAt', 'closesAt must be after opensAt.');
      if (!times.future) throw badInput('closesAt', 'closesAt is in the past.');
      // A live round, or (for a backdated opensAt) an earlier round whose period the new one would overlap.
      const [live] = await m.query(
        this.roundSql(
          `r.standard_id = $1 AND ((r.closed_at IS NULL AND r.closes_at > ${now})
             OR comment_round_period(r) && tstzrange($2::timestamptz, $3::timestamptz)) ORDER BY r.opens_at DESC LIMIT 1`,
        ),
        [standard.id, times.opensAt, iso(input.closesAt)],
      );
      if (live) {
        const until = iso(live.closedAt && live.closedAt < live.closesAt ? live.closedAt : live.closesAt);
        throw conflict(
          `${standard.designation} already has a ${live.status} comment round, "${live.title}" (${live.id}), from ${iso(live.opensAt)} to ${until}; ` +
            `one round at a time, so the new round must open after that one ends.`,
          { roundId: live.id },
        );
      }
      const [{ id }] = await m.query(
        `INSERT INTO comment_round (standard_id, version_id, title, opens_at, closes_at, opened_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [standard.id, version.id, title, times.opensAt, iso(input.closesAt), caller.id],
      );
      await this.audit.record(m, caller, {
        action: 'comment_round.opened',
        entityType: 'CommentRound',
        entityId: id,
        detail: `"${title}" on ${standard.designation} version ${version.number}, from ${iso(new Date(times.opensAt))} to ${iso(input.closesAt)}`,
      });
      // Rounds are the nations' business: national bodies and the secretariat hear of them, vendors never.
      await this.webhooks.emit(
        m, 'round.opened',
        { roundId: id, standardId: standard.id, designation: standard.designation, versionId: version.id, versionNumber: version.number,
          title, opensAt: iso(new Date(times.opensAt)), closesAt: iso(input.closesAt) },
        { kinds: ['NATIONAL_BODY', 'SECRETARIAT'] },
      );
      await this.notifications.notify(m, {
        kind: NotificationKind.ROUND_OPENED, key: `ROUND_OPENED:${id}`, subjectType: 'CommentRound', subjectId: id, standardId: standard.id,
        title: `Comment round opened on ${standard.designation}: comments due ${utcText(input.closesAt)}`,
        body: `"${title}" reviews ${standard.designation} version ${version.number}. Your nation's comments are due by ${utcText(input.closesAt)}; ` +
          `only a submitted set counts.`,
        link: `/app/rounds/${id}`,
        to: { nations: 'ALL', subscriberRoles: [Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT] },
      });
      return id as string;
    });
    return this.requireRound(caller, id);
  }

  async closeRound(caller: Caller, roundId: string): Promise<CommentRoundRow> {
    await this.dataSource.transaction(async (m) => {
      const round = await this.requireRound(caller, roundId, m, 'FOR UPDATE OF r');
      if (round.status === RoundStatus.CLOSED) throw invalidState(`The round "${round.title}" is already closed.`);
      await m.query(`UPDATE comment_round SET closed_at = ${this.clock.now()} WHERE id = $1`, [roundId]);
      await this.audit.record(m, caller, {
        action: 'comment_round.closed',
        entityType: 'CommentRound',
        entityId: roundId,
        detail: `"${round.title}" closed early (was ${round.status}, due ${iso(round.closesAt)})`,
      });
    });
    return this.requireRound(caller, roundId);
  }

  /**
   * Every write to a nation's comments passes here, in its transaction. The
   * shared lock on the round waits for an early close; the advisory lock makes
   * writes and the submission of one nation take turns, so no DRAFT slips in
   * beside a submission. The checks then read the database clock.
   */
  private async writeGate(m: EntityManager, caller: Caller, roundId: string, nation: string): Promise<CommentRoundRow> {
    const round = await this.requireRound(caller, roundId, m, 'FOR SHARE OF r');
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`comments:${roundId}:${nation}`]);
    if (round.status === RoundStatus.SCHEDULED) {
      throw invalidState(`The round "${round.title}" opens at ${iso(round.opensAt)}; comments are written while it is open.`);
    }
    if (round.status === RoundStatus.CLOSED) {
      throw deadlinePassed(`The round "${round.title}" closed at ${iso(round.closedAt ?? round.closesAt)}; comments can no longer change.`);
    }
    if (await m.existsBy(NationalSubmissionEntity, { roundId, nationCode: nation })) {
      throw invalidState(`${nation} has submitted its comments on "${round.title}"; they can no longer change.`);
    }
    return round;
  }

  private async outline(m: EntityManager, versionId: string): Promise<VersionOutline> {
    const text = await this.versions.text(versionId, m);
    return outlineOf(text, this.versions.clauses(text));
  }

  async add(caller: Caller, input: CommentFields & { roundId: string; type: CommentType; body: string }): Promise<CommentEntity> {
    const nation = this.nationOfWriter(caller);
    const body = input.body.trim();
    if (!body) throw badInput('body', 'body is empty.');
    return this.dataSource.transaction(async (m) => {
      const round = await this.writeGate(m, caller, input.roundId, nation);
      const loc = { clause: trimOrNull(input.clause), lineFrom: input.lineFrom ?? null, lineTo: input.lineTo ?? null };
      requireLocation(await this.outline(m, round.versionId), loc);
      const now = this.clock.now();
      const [{ id }] = await m.query(
        `INSERT INTO comment (round_id, nation_code, author_id, clause, clause_key, line_from, line_to, paragraph, quote, type, body,
                              proposed_change, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, ${now}, ${now}) RETURNING id`,
        [round.id, nation, caller.id, loc.clause, clauseKey(loc.clause), loc.lineFrom, loc.lineTo, trimOrNull(input.paragraph),
          input.quote ?? null, input.type, body, trimOrNull(input.proposedChange)],
      );
      await this.audit.record(m, caller, {
        action: 'comment.added',
        nationCode: nation,
        entityType: 'Comment',
        entityId: id,
        detail: `${nation} ${TYPE_CODES[input.type]} comment on "${round.title}"${loc.clause ? `, clause ${loc.clause}` : ''}`,
      });
      await this.pubsub.publish(m, COMMENT_ADDED, { id, roundId: round.id, nationCode: nation, status: CommentStatus.DRAFT } satisfies CommentAddedEvent);
      return m.findOneByOrFail(CommentEntity, { id });
    });
  }

  /** The author's own DRAFT comment, locked for the write, after the round's gate. */
  private async ownDraft(m: EntityManager, caller: Caller, id: string): Promise<{ comment: CommentEntity; round: CommentRoundRow }> {
    const nation = this.nationOfWriter(caller);
    const found = await this.requireComment(caller, id, m);
    if (found.authorId !== caller.id) throw forbidden('Only its author edits or deletes a comment.');
    const round = await this.writeGate(m, caller, found.roundId, nation);
    const comment = await m.getRepository(CommentEntity).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOneOrFail();
    if (comment.status !== CommentStatus.DRAFT) throw invalidState('The comment is submitted; it can no longer change.');
    return { comment, round };
  }

  async update(caller: Caller, id: string, input: CommentFields): Promise<CommentEntity> {
    return this.dataSource.transaction(async (m) => {
      const { comment, round } = await this.ownDraft(m, caller, id);
      const loc = {
        clause: input.clause === undefined ? comment.clause : trimOrNull(input.clause),
        lineFrom: input.lineFrom === undefined ? comment.lineFrom : input.lineFrom,
        lineTo: input.lineTo === undefined ? comment.lineTo : input.lineTo,
      };
      requireLocation(await this.outline(m, round.versionId), loc);
      if (input.body !== undefined && input.body !== null && !input.body.trim()) throw badInput('body', 'body is empty.');
      const changes: Partial<CommentEntity> = { ...loc, clauseKey: clauseKey(loc.clause) };
      if (input.paragraph !== undefined) changes.paragraph = trimOrNull(input.paragraph);
      if (input.quote !== undefined) changes.quote = input.quote;
      if (input.type) changes.type = input.type;
      if (input.body) changes.body = input.body.trim();
      if (input.proposedChange !== undefined) changes.proposedChange = trimOrNull(input.proposedChange);
      await m.update(CommentEntity, { id }, { ...changes, updatedAt: () => this.clock.now() });
      await this.audit.record(m, caller, {
        action: 'comment.updated',
        nationCode: comment.nationCode,
        entityType: 'Comment',
        entityId: id,
        detail: `changed ${Object.keys(input).join(', ') || 'nothing'}`,
      });
      return m.findOneByOrFail(CommentEntity, { id });
    });
  }

  async delete(caller: Caller, id: string): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const { comment, round } = await this.ownDraft(m, caller, id);
      await m.delete(CommentEntity, { id });
      await this.audit.record(m, caller, {
        action: 'comment.deleted',
        nationCode: comment.nationCode,
        entityType: 'Comment',
        entityId: id,
        // No words of the draft: the audit log is read by the secretariat, and drafts belong to their nation.
        detail: `${comment.nationCode} ${TYPE_CODES[comment.type]} draft comment on "${round.title}"${comment.clause ? `, clause ${comment.clause}` : ''} deleted`,
      });
      return true;
    });
  }

  /** Rows of the ISO template for the caller's nation: all of them, or none with one line per problem. */
  import(caller: Caller, roundId: string, csv: string): Promise<{ imported: number; errors: string[] }> {
    return this.heavy.run('import', () => this.importParsed(caller, roundId, parseTemplate(csv), 'csv'));
  }

  /** The same from rows already read out of a DOCX, XLSX or CSV file (the header row first). */
  importRecords(caller: Caller, roundId: string, records: string[][]): Promise<{ imported: number; errors: string[] }> {
    return this.importParsed(caller, roundId, parseRecords(records), 'file');
  }

  private async importParsed(caller: Caller, roundId: string, parsed: TemplateParse, field: string): Promise<{ imported: number; errors: string[] }> {
    const nation = this.nationOfWriter(caller);
    if (parsed.rows.length + parsed.errors.length > MAX_IMPORT_ROWS) {
      throw badInput(field, `${field} has more than ${MAX_IMPORT_ROWS} rows; split it.`);
    }
    return this.dataSource.transaction(async (m) => {
      const round = await this.writeGate(m, caller, roundId, nation);
      const outline = await this.outline(m, round.versionId);
      const errors = [...parsed.errors];
      for (const row of parsed.rows) {
        // "FR" (ISO 3166 alpha-2, as the template asks), "FRA", or a comment number "FR-001" read back.
        if (row.nationCode && alpha3Of(row.nationCode) !== nation) {
          errors.push(`row ${row.row}: MB/NC is ${row.nationCode}, but you comment for ${alpha2Of(nation)} (${nation})`);
        }
        const problem = locationProblem(outline, row);
        if (problem) errors.push(`row ${row.row}: ${problem.message}`);
      }
      if (errors.length) {
        const rowOf = (e: string) => Number(/^row (\d+)/.exec(e)?.[1] ?? 0);
        return { imported: 0, errors: errors.map((e, i) => ({ e, i })).sort((a, b) => rowOf(a.e) - rowOf(b.e) || a.i - b.i).map((x) => x.e) };
      }
      if (!parsed.rows.length) return { imported: 0, errors: ['row 2: the file has no comments below the header row'] };
      const rows = parsed.rows;
      const now = this.clock.now();
      // One statement for the whole file: thousands of rows cost one round trip.
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO comment (round_id, nation_code, author_id, clause, clause_key, line_from, line_to, paragraph, type, body,
                              proposed_change, observations, created_at, updated_at)
         SELECT $1, $2, $3, t.clause, t.clause_key, t.line_from, t.line_to, t.paragraph, t.type, t.body, t.proposed_change, t.observations,
                ${now}, ${now}
           FROM unnest($4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
                WITH ORDINALITY AS t(clause, clause_key, line_from, line_to, paragraph, type, body, proposed_change, observations, ord)
          ORDER BY t.ord
         RETURNING id`,
        [round.id, nation, caller.id, rows.map((r) => r.clause), rows.map((r) => clauseKey(r.clause)), rows.map((r) => r.lineFrom),
          rows.map((r) => r.lineTo), rows.map((r) => r.paragraph), rows.map((r) => r.type), rows.map((r) => r.body),
          rows.map((r) => r.proposedChange), rows.map((r) => r.observations)],
      );
      await this.audit.record(m, caller, {
        action: 'comments.imported',
        nationCode: nation,
        entityType: 'CommentRound',
        entityId: round.id,
        detail: `${inserted.length} ${nation} comments imported from the ISO template`,
      });
      await this.pubsub.publishMany(
        m,
        COMMENT_ADDED,
        inserted.map(({ id }) => ({ id, roundId: round.id, nationCode: nation, status: CommentStatus.DRAFT }) satisfies CommentAddedEvent),
      );
      return { imported: inserted.length, errors: [] };
    });
  }

  async submit(caller: Caller, roundId: string): Promise<NationalSubmissionEntity> {
    if (!hasRole(caller, Role.DELEGATE) || !caller.nationCode) {
      throw forbidden('A nation\'s comments are submitted by its delegate.');
    }
    const nation = caller.nationCode;
    return this.dataSource.transaction(async (m) => {
      const round = await this.requireRound(caller, roundId, m, 'FOR SHARE OF r');
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`comments:${roundId}:${nation}`]);
      if (round.status === RoundStatus.SCHEDULED) throw invalidState(`The round "${round.title}" is not open yet.`);
      if (round.status === RoundStatus.CLOSED) {
        throw deadlinePassed(`The round "${round.title}" closed at ${iso(round.closedAt ?? round.closesAt)}; submissions are no longer accepted.`);
      }
      if (await m.existsBy(NationalSubmissionEntity, { roundId, nationCode: nation })) {
        throw conflict(`${nation} has already submitted its comments on "${round.title}".`);
      }
      const now = this.clock.now();
      // Numbers in the order of the resolution matrix, after any the nation already holds in this round.
      // An UPDATE answers [rows, count] through TypeORM.
      const [updated]: [unknown[], number] = await m.query(
        `UPDATE comment c SET status = 'SUBMITTED', updated_at = ${now}, number = $3 || '-' || lpad(n.i::text, 3, '0')
           FROM (SELECT id, row_number() OVER (ORDER BY clause_key, line_key, seq)
                          + (SELECT count(*) FROM comment WHERE round_id = $1 AND nation_code = $2 AND number IS NOT NULL) AS i
                   FROM comment WHERE round_id = $1 AND nation_code = $2 AND status = 'DRAFT') n
          WHERE c.id = n.id
         RETURNING c.id`,
        [roundId, nation, alpha2Of(nation)],
      );
      // The primary key (round, nation) settles it if two submissions still met.
      await m.query(
        `INSERT INTO national_submission (round_id, nation_code, submitted_by, submitted_at, comment_count) VALUES ($1, $2, $3, ${now}, $4)`,
        [roundId, nation, caller.id, updated.length],
      );
      await this.audit.record(m, caller, {
        action: 'comments.submitted',
        entityType: 'CommentRound',
        entityId: roundId,
        detail: `${nation} submitted ${updated.length} comments on "${round.title}"`,
      });
      return m.findOneByOrFail(NationalSubmissionEntity, { roundId, nationCode: nation });
    });
  }

  async resolve(
    caller: Caller,
    input: { commentId: string; disposition: Disposition; resolution: string; resolvedInVersionId?: string | null },
  ): Promise<CommentEntity> {
    const resolution = input.resolution.trim();
    if (!resolution) throw badInput('resolution', 'resolution is empty.');
    return this.dataSource.transaction(async (m) => {
      const comment = await m.getRepository(CommentEntity).createQueryBuilder('c').setLock('pessimistic_write')
        .where('c.id = :id', { id: input.commentId }).getOne();
      // Drafts never reach the secretariat: they do not exist for it.
      if (!comment || comment.status !== CommentStatus.SUBMITTED) throw notFound('comment', input.commentId);
      const round = await this.requireRound(caller, comment.roundId, m);
      if (round.status !== RoundStatus.CLOSED) {
        throw invalidState(`The round "${round.title}" is ${round.status}; comments are resolved after it closes.`);
      }
      let resolvedIn: StandardVersionEntity | null = null;
      if (input.resolvedInVersionId) {
        resolvedIn = await m.findOneBy(StandardVersionEntity, { id: input.resolvedInVersionId, standardId: round.standardId });
        const reviewed = await m.findOneByOrFail(StandardVersionEntity, { id: round.versionId });
        if (!resolvedIn || resolvedIn.number <= reviewed.number) {
          throw badInput('resolvedInVersionId', `resolvedInVersionId must be a later version of the same standard than the reviewed version ${reviewed.number}.`);
        }
      }
      const now = this.clock.now();
      await m.query(
        `UPDATE comment SET disposition = $2, resolution = $3, resolved_in_version_id = $4, resolved_by = $5, resolved_at = ${now}, updated_at = ${now}
          WHERE id = $1`,
        [comment.id, input.disposition, resolution, resolvedIn?.id ?? null, caller.id],
      );
      await this.audit.record(m, caller, {
        action: 'comment.resolved',
        entityType: 'Comment',
        entityId: comment.id,
        detail: `${comment.nationCode} comment ${comment.disposition ? `re-resolved from ${comment.disposition} ` : ''}${input.disposition}` +
          `${resolvedIn ? ` in version ${resolvedIn.number}` : ''}: ${resolution.slice(0, 200)}`,
      });
      const [{ designation }] = await m.query(`SELECT designation FROM standard WHERE id = $1`, [round.standardId]);
      await this.notifications.notify(m, {
        // A changed disposition is news again: the key names the disposition and the resolution's time.
        kind: NotificationKind.COMMENT_DISPOSED, key: `COMMENT_DISPOSED:${comment.id}:${Date.now()}`, subjectType: 'Comment', subjectId: comment.id,
        standardId: round.standardId,
        title: `Your comment on ${designation} was ${input.disposition.replace(/_/g, ' ').toLowerCase()}`,
        body: `Your comment${comment.clause ? ` on clause ${comment.clause}` : ''} in "${round.title}" got the disposition ${input.disposition}` +
          `${resolvedIn ? `, resolved in version ${resolvedIn.number}` : ''}: ${resolution.slice(0, 500)}`,
        link: `/app/rounds/${round.id}`,
        to: { userIds: [comment.authorId] },
      });
      return m.findOneByOrFail(CommentEntity, { id: comment.id });
    });
  }

  /** DRAFT comments only for their own nation's experts and delegates; SUBMITTED ones for every reader. */
  private visibleComments(caller: Caller | null, roundIds: readonly string[]) {
    const qb = this.dataSource.getRepository(CommentEntity).createQueryBuilder('c').where('c.roundId IN (:...roundIds)', { roundIds });
    return qb.andWhere(this.visibleSql(caller, (nation) => (qb.setParameter('nation', nation), ':nation')));
  }

  /**
   * SQL, for comments aliased `c`: the ones a comment reader may see, i.e.
   * submitted comments and the reader's own nation's drafts. `param` places
   * the nation as a parameter in the caller's style (`:name` or `$n`).
   */
  private visibleSql(caller: Caller | null, param: (nation: string) => string): string {
    const nation = this.nationOfReader(caller);
    return nation ? `(c.status = 'SUBMITTED' OR c.nation_code = ${param(nation)})` : `c.status = 'SUBMITTED'`;
  }

  /**
   * The resolution meeting's order: clause, then line, then as written. One
   * prepared statement reads the page with each comment's author; each
   * comment comes as a plain row with its `nation` (from the nations read
   * once per process) and `author` on it, so that Comment.nation and
   * Comment.author answer without a DataLoader.
   */
  async list(
    caller: Caller, roundId: string, args: { filter?: CommentFilterArgs | null; first?: number | null; after?: string | null },
  ): Promise<Page<CommentRow>> {
    if (!this.mayRead(caller)) return { edges: [], totalCount: 0, pageInfo: EMPTY_PAGE_INFO };
    const ds = this.dataSource;
    const params: unknown[] = [roundId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = ['c.round_id = $1', this.visibleSql(caller, param)];
    const f = args.filter ?? {};
    if (f.nationCode) where.push(`c.nation_code = ${param(f.nationCode.trim().toUpperCase())}`);
    if (f.type) where.push(`c.type = ${param(f.type)}`);
    if (f.clause?.trim()) {
      const clause = f.clause.trim();
      where.push(`(c.clause = ${param(clause)} OR c.clause LIKE ${param(`${clause.replace(/[\\%_]/g, (ch) => `\\${ch}`)}.%`)})`);
    }
    if (f.resolved === true) where.push('c.disposition IS NOT NULL');
    if (f.resolved === false) where.push('c.disposition IS NULL');
    const counted = [...params];
    const countText = `SELECT count(*)::int AS n FROM comment c WHERE ${where.join(' AND ')}`;
    const page = keyset(args, ['c.clause_key', 'c.line_key', 'c.seq'], params.length + 1);
    if (page.after) {
      where.push(page.after);
      params.push(...page.params);
    }
    const [rows, nations] = await Promise.all([
      readPrepared<CommentRow & { [AUTHOR]: Record<string, unknown> | null }>(
        ds,
        `SELECT ${entityColumns(ds, CommentEntity, 'c', '')},
                (SELECT ${userJson(ds, 'u')} FROM app_user u WHERE u.id = c.author_id) AS "${AUTHOR}"
           FROM comment c WHERE ${where.join(' AND ')} ORDER BY ${page.orderBy} LIMIT ${page.limit}`,
        params,
      ),
      nationsByCode(ds),
    ]);
    const authors = new Map<string, UserModel>();
    return pageOf(rows, page.size, args.after, (c) => [c.clauseKey, c.lineKey, c.seq], (c) => {
      const raw = c[AUTHOR];
      delete (c as Partial<typeof c>)[AUTHOR];
      let author = authors.get(c.authorId);
      if (!author && raw) authors.set(c.authorId, (author = toUserModel(usersFromJson(ds, [raw])[0])));
      c.author = author ?? null;
      c.nation = nations.get(c.nationCode) ?? null;
      return c;
    }, async () => (await readPrepared<{ n: number }>(ds, countText, counted))[0].n);
  }

  /** The comment, or NOT_FOUND when the caller may not see it (someone else's draft, a vendor, an invisible standard). */
  async requireComment(caller: Caller | null, id: string, m: EntityManager = this.dataSource.manager): Promise<CommentEntity> {
    if (!this.mayRead(caller)) throw notFound('comment', id);
    const comment = await m.findOneBy(CommentEntity, { id });
    const nation = this.nationOfReader(caller);
    if (!comment || (comment.status !== CommentStatus.SUBMITTED && comment.nationCode !== nation)) throw notFound('comment', id);
    await this.requireRound(caller, comment.roundId, m).catch(notFoundAs('comment', id));
    return comment;
  }

  async submissionsOf(roundIds: readonly string[]): Promise<NationalSubmissionEntity[]> {
    return this.dataSource.getRepository(NationalSubmissionEntity).find({
      where: { roundId: In([...roundIds]) },
      order: { submittedAt: 'ASC', nationCode: 'ASC' },
    });
  }

  /** Submitted comments still without a disposition, per round. */
  async unresolvedCounts(roundIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { roundId: string; n: number }[] = await this.dataSource.query(
      `SELECT round_id AS "roundId", count(*)::int AS n FROM comment
        WHERE round_id = ANY($1::uuid[]) AND status = 'SUBMITTED' AND disposition IS NULL GROUP BY round_id`,
      [roundIds],
    );
    return new Map(rows.map((r) => [r.roundId, r.n]));
  }

  /**
   * Why a ballot cannot open on the standard yet, in words for the person
   * trying; empty when nothing stands in the way. For the ballots module, in
   * its transaction.
   */
  async ballotBlockers(m: EntityManager, standardId: string): Promise<string[]> {
    const reasons: string[] = [];
    const live: CommentRoundRow[] = await m.query(
      this.roundSql(`r.standard_id = $1 AND r.closed_at IS NULL AND r.closes_at > ${this.clock.now()} ORDER BY r.opens_at`),
      [standardId],
    );
    for (const r of live) {
      reasons.push(
        r.status === RoundStatus.OPEN
          ? `comment round "${r.title}" is open until ${iso(r.closesAt)}`
          : `comment round "${r.title}" is scheduled to open at ${iso(r.opensAt)}`,
      );
    }
    const [{ n }] = await m.query(
      `SELECT count(*)::int AS n FROM comment c JOIN comment_round r ON r.id = c.round_id
        WHERE r.standard_id = $1 AND c.status = 'SUBMITTED' AND c.disposition IS NULL`,
      [standardId],
    );
    if (n) reasons.push(`${n} submitted comment${n === 1 ? ' has' : 's have'} no disposition yet`);
    return reasons;
  }

  /**
   * commentAdded for one round: the events of every replica, narrowed to the
   * comments this caller may see (a nation's DRAFT comments reach that nation only).
   */
  async watchAdded(caller: Caller, roundId: string): Promise<AsyncIterableIterator<{ commentAdded: CommentEntity }>> {
    await this.requireRound(caller, roundId);
    const source = await this.pubsub.subscribeReady<CommentAddedEvent>(COMMENT_ADDED);
    const nation = this.nationOfReader(caller);
    return selectEach(source, async (events) => {
      const ids = events.filter((e) => e.roundId === roundId && (e.status !== CommentStatus.DRAFT || e.nationCode === nation)).map((e) => e.id);
      if (!ids.length) return [];
      // The round as this caller may see it now; a round hidden since subscribing skips its events. A failure to load is not skipped.
      const round = await this.requireRound(caller, roundId).catch((err: unknown) => {
        if (isNotFound(err)) return null;
        throw err;
      });
      if (!round) return [];
      // A comment deleted or hidden since the event is skipped.
      const found = new Map((await this.visibleComments(caller, [roundId]).andWhere('c.id IN (:...ids)', { ids }).getMany()).map((c) => [c.id, c]));
      return events.map((e) => (e.roundId === roundId && found.has(e.id) ? { commentAdded: found.get(e.id)! } : null));
    });
  }

  /** What the template's header names: the document (designation and version) and the project (the round). */
  async roundDocument(caller: Caller, round: CommentRoundRow): Promise<{ document: string; project: string }> {
    const standard = await this.standards.requireVisible(caller, round.standardId);
    const [version] = await this.versions.byIds([round.versionId]);
    return { document: `${standard.designation} version ${version?.number ?? ''}`.trim(), project: `${standard.title}: ${round.title}` };
  }

  /**
   * The comment resolution matrix. 'iso': exactly the eight columns of the
   * ISO/IEC template in its order, MB/NC as ISO 3166 alpha-2, so national and
   * ISO/CEN tools read it back. 'full': the comment number first, then the
   * eight columns, the disposition and the version that resolved the comment.
   */
  async matrix(caller: Caller, roundId: string, layout: 'iso' | 'full' = 'iso'): Promise<{ round: CommentRoundRow; header: string[]; rows: string[][] }> {
    const round = await this.requireRound(caller, roundId);
    const comments = await this.visibleComments(caller, [roundId])
      .orderBy('c.clauseKey').addOrderBy('c.lineKey').addOrderBy('c.seq').getMany();
    const lines = (c: CommentEntity) => (c.lineFrom === null ? '' : c.lineTo && c.lineTo !== c.lineFrom ? `${c.lineFrom}-${c.lineTo}` : `${c.lineFrom}`);
    const iso = (c: CommentEntity) => [
      alpha2Of(c.nationCode), lines(c), c.clause ?? '', c.paragraph ?? '', TYPE_CODES[c.type], c.body, c.proposedChange ?? '',
      c.resolution ?? c.observations ?? '',
    ];
    if (layout === 'iso') return { round, header: [...ISO_COLUMNS], rows: comments.map(iso) };
    const versionIds = [...new Set(comments.flatMap((c) => (c.resolvedInVersionId ? [c.resolvedInVersionId] : [])))];
    const numbers = new Map((await this.versions.byIds(versionIds)).map((v) => [v.id, v.number]));
    const rows = comments.map((c) => [
      c.number ?? '', ...iso(c), c.disposition ?? '', c.resolvedInVersionId ? `version ${numbers.get(c.resolvedInVersionId)}` : '',
    ]);
    return { round, header: ['Comment number', ...ISO_COLUMNS, 'Disposition', 'Resolved in version'], rows };
  }
}
