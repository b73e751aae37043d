import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller, hasRole, Role } from '../common/caller';
import { Clock } from '../common/clock';
import { PubSub, selectEach } from '../common/pubsub';
import { badInput, deadlinePassed, DomainError, ErrorCode, forbidden, invalidState, notFound, notFoundAs } from '../common/errors';
import { CommentsService } from '../comments/comments.service';
import { StandardLifecycle } from '../standards/standard-lifecycle';
import { StandardStatus } from '../standards/standard.entity';
import { StandardsService } from '../standards/standards.service';
import { VersionsService } from '../standards/versions.service';
import {
  BallotOutcome, BallotResponseEntity, BallotShortfall, BallotStatus, RATIFYING, RatificationResponse, ReservationValue,
} from './ballot.entity';
import { BallotExtensionModel, BallotModel, NationalResponseModel, TallyModel } from './models/ballot.model';
import { NotificationsService } from '../notifications/notifications.service';
import { NotificationKind, utcText } from '../notifications/notification-kind';
import { WebhooksService } from '../webhooks/webhooks.service';
import { entitiesFromJson, entityJsonArray, findPlain, readPrepared } from '../database/plain-rows';
import { Visibility } from '../standards/standard.entity';
import { maySee } from '../standards/visibility';
import { userJson, usersFromJson } from '../accounts/users.service';
import { UserModel } from '../accounts/models/user.model';
import { UserEntity } from '../accounts/user.entity';
import { allianceNations, nationsByCode } from '../accounts/nations-cache';

export interface OpenBallotCommand {
  standardId: string;
  versionId: string;
  opensAt?: Date | null;
  closesAt: Date;
  /** Without it: a majority of the Allies (defaultThreshold). */
  threshold?: number | null;
  onShortfall?: BallotShortfall | null;
}

/** A majority of the Allies: 17 of 32. */
export const defaultThreshold = (allies: number) => Math.floor(allies / 2) + 1;

export interface CastResponseCommand {
  ballotId: string;
  response: RatificationResponse;
  reservations?: { clause?: string | null; text: string }[] | null;
  implementationDate?: Date | null;
  nationalReference?: string | null;
}

export interface Nation {
  code: string;
  name: string;
}

/** Channel of responseCast; the payload carries ids only, subscribers load the response. */
export const RESPONSE_CAST = 'response_cast';
/** Channel of ballotExtended: the secretariat moved a deadline; subscribers load the ballot. */
export const BALLOT_EXTENDED = 'ballot_extended';
export interface BallotExtendedEvent {
  ballotId: string;
}
export interface ResponseCastEvent {
  ballotId: string;
  nationCode: string;
}

/** Roles that read the nations' responses while a ballot runs; others read them in the published edition. */
export const RESPONSE_READERS = [Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE] as const;

export const toResponseModel = (r: BallotResponseEntity): NationalResponseModel => ({
  ballotId: r.ballotId,
  nationCode: r.nationCode,
  castById: r.castById,
  response: r.response,
  reservations: r.reservations.map((x) => ({ clause: x.clause ?? null, text: x.text })),
  implementationDate: r.implementationDate,
  nationalReference: r.nationalReference,
  castAt: r.castAt,
  revision: r.revision,
});

/** A response read with its ballot: its nation and caster on it, for NationalResponse.nation and castBy. */
export type ResponseRow = NationalResponseModel & { nation?: Nation | null; castBy?: UserModel | null };

/** The tally of some responses; pending lists the nations not heard yet. */
export function tally(threshold: number, nations: Nation[], responses: Pick<NationalResponseModel, 'nationCode' | 'response' | 'reservations'>[]): TallyModel {
  const heard = new Set(responses.map((r) => r.nationCode));
  const count = (pred: (r: (typeof responses)[number]) => boolean) => responses.filter(pred).length;
  const ratifying = count((r) => RATIFYING.includes(r.response));
  return {
    eligible: nations.length,
    responded: responses.length,
    ratifying,
    notRatifying: count((r) => r.response === RatificationResponse.NOT_RATIFYING),
    notParticipating: count((r) => r.response === RatificationResponse.NOT_PARTICIPATING),
    withReservations: count((r) => r.reservations.length > 0),
    pending: nations.filter((n) => !heard.has(n.code)),
    threshold,
    thresholdMet: ratifying >= threshold,
  };
}

@Injectable()
export class BallotsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly standards: StandardsService,
    private readonly versions: VersionsService,
    private readonly lifecycle: StandardLifecycle,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly comments: CommentsService,
    private readonly pubsub: PubSub,
    private readonly webhooks: WebhooksService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Ballot columns with the status computed from the database clock. */
  private columns(): string {
    const now = this.clock.now();
    return `b.id, b.standard_id AS "standardId", b.version_id AS "versionId", b.opens_at AS "opensAt",
            b.closes_at AS "closesAt", b.threshold, b.closed_at AS "closedAt", b.outcome, b.on_shortfall AS "onShortfall",
            CASE WHEN b.closed_at IS NULL AND b.closes_at <= ${now} AND NOT ${this.decidable('b')} THEN 'AWAITING_DECISION'
                 WHEN b.closed_at IS NOT NULL OR b.closes_at <= ${now} THEN 'CLOSED'
                 WHEN b.opens_at <= ${now} THEN 'OPEN' ELSE 'SCHEDULED' END AS status`;
  }

  /**
   * SQL: whether the deadline decides this ballot's outcome by itself. A
   * ballot held on shortfall is decided at closesAt only when it has reached
   * its threshold (PASSED); short, it waits for the secretariat. Responses
   * cannot change after closesAt, so a held ballot stays short until extended.
   */
  private decidable(b: string): string {
    return `(${b}.on_shortfall = 'FAIL' OR (SELECT count(*) FROM ballot_response r
              WHERE r.ballot_id = ${b}.id AND r.response IN (${RATIFYING.map((x) => `'${x}'`).join(',')})) >= ${b}.threshold)`;
  }

  private async rows(m: EntityManager, where: string, params: unknown[]): Promise<BallotModel[]> {
    return m.query(`SELECT ${this.columns()} FROM ballot b WHERE ${where} ORDER BY b.created_at, b.id`, params);
  }

  /** The ballot when the caller may see its standard, else NOT_FOUND. Settles its outcome when its deadline has passed. */
  async find(caller: Caller | null, id: string): Promise<BallotModel> {
    return (await this.read(caller, id, false)).ballot;
  }

  /** find(), with the nations' responses when the caller may read them (null otherwise), for Query.ballot. */
  findWithResponses(caller: Caller | null, id: string): Promise<{ ballot: BallotModel; responses: BallotResponseEntity[] | null; casters: UserEntity[] }> {
    return this.read(caller, id, this.mayReadResponses(caller));
  }

  /**
   * One statement reads the ballot, whether its outcome is due, its
   * standard's visibility and (when asked) its responses and the people who
   * cast them; a ballot whose
   * deadline has decided it is settled first and read again, as settleDue
   * does for lists. Settling does not wait for the visibility check, as before.
   */
  private async read(
    caller: Caller | null, id: string, withResponses: boolean,
  ): Promise<{ ballot: BallotModel; responses: BallotResponseEntity[] | null; casters: UserEntity[] }> {
    const ds = this.dataSource;
    const now = this.clock.now();
    const sql = `SELECT ${this.columns()}, s.visibility AS "standardVisibility",
                        (b.outcome = 'PENDING' AND b.closes_at <= ${now} AND ${this.decidable('b')}) AS due,
                        CASE WHEN $2 THEN (SELECT ${entityJsonArray(ds, BallotResponseEntity, 'r', 'r.nation_code')} FROM ballot_response r WHERE r.ballot_id = b.id) END AS responses,
                        CASE WHEN $2 THEN (SELECT coalesce(json_agg(${userJson(ds, 'u')}), '[]') FROM app_user u
                                            WHERE u.id IN (SELECT r.cast_by FROM ballot_response r WHERE r.ballot_id = b.id)) END AS casters
                   FROM ballot b JOIN standard s ON s.id = b.standard_id
                  WHERE b.id = $1`;
    type Row = BallotModel & { standardVisibility: Visibility; due: boolean; responses: Record<string, unknown>[] | null; casters: Record<string, unknown>[] | null };
    let [row] = await readPrepared<Row>(ds, sql, [id, withResponses]);
    if (row?.due) {
      await this.settleDue([id]);
      [row] = await readPrepared(ds, sql, [id, withResponses]);
    }
    if (!row || !maySee(caller, row.standardVisibility)) throw notFound('ballot', id);
    const { standardVisibility: _visibility, due: _due, responses, casters, ...ballot } = row;
    return { ballot, responses: responses && entitiesFromJson(ds, BallotResponseEntity, responses), casters: usersFromJson(ds, casters ?? []) };
  }

  /** Every ballot of the given standards, oldest first; outcomes due are settled first. */
  async ofStandards(standardIds: readonly string[]): Promise<BallotModel[]> {
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM ballot b WHERE standard_id = ANY($1::uuid[]) AND outcome = 'PENDING' AND closes_at <= ${this.clock.now()} AND ${this.decidable('b')}`,
      [standardIds],
    );
    if (due.length) await this.settleDue(due.map((d) => d.id));
    return this.rows(this.dataSource.manager, `b.standard_id = ANY($1::uuid[])`, [standardIds]);
  }

  async byIds(ids: readonly string[]): Promise<BallotModel[]> {
    await this.settleDue(ids);
    return this.rows(this.dataSource.manager, `b.id = ANY($1::uuid[])`, [ids]);
  }

  responsesOf(ballotIds: readonly string[]): Promise<BallotResponseEntity[]> {
    const fallback = () => this.dataSource.getRepository(BallotResponseEntity).find({ where: { ballotId: In([...ballotIds]) }, order: { nationCode: 'ASC' } });
    return findPlain(this.dataSource.manager, BallotResponseEntity, 't.ballot_id = ANY($1::uuid[])', [ballotIds], fallback, 't.nation_code ASC');
  }

  /** The database clock, which decides deadlines. */
  async now(): Promise<Date> {
    const [{ now }] = await this.dataSource.query(`SELECT ${this.clock.now()} AS now`);
    return new Date(now);
  }

  /** Ballots open now on standards the caller may see, soonest deadline first. */
  async openFor(caller: Caller): Promise<BallotModel[]> {
    const now = this.clock.now();
    const open = await this.rows(this.dataSource.manager, `b.closed_at IS NULL AND b.opens_at <= ${now} AND b.closes_at > ${now}`, []);
    const visible = new Set((await this.standards.byIds(caller, [...new Set(open.map((b) => b.standardId))])).map((s) => s.id));
    return open.filter((b) => visible.has(b.standardId)).sort((a, b) => +new Date(a.closesAt) - +new Date(b.closesAt));
  }

  /** Every revision of the given nations' responses (kept by a trigger), newest first. */
  async revisionsOf(keys: readonly { ballotId: string; nationCode: string }[]): Promise<NationalResponseModel[]> {
    if (!keys.length) return [];
    const rows: BallotResponseEntity[] = await this.dataSource.query(
      `SELECT ballot_id AS "ballotId", nation_code AS "nationCode", response, reservations,
              implementation_date AS "implementationDate", national_reference AS "nationalReference",
              cast_by AS "castById", cast_at AS "castAt", revision
         FROM ballot_response_revision
        WHERE (ballot_id, nation_code) IN (SELECT * FROM unnest($1::uuid[], $2::char(3)[]))
        ORDER BY revision DESC`,
      [keys.map((k) => k.ballotId), keys.map((k) => k.nationCode)],
    );
    return rows.map(toResponseModel);
  }

  /** The Alliance's nations by code, for responses read with their ballot (ResponseRow). */
  nationsByCode(): Promise<Map<string, Nation>> {
    return nationsByCode(this.dataSource);
  }

  allNations(m: EntityManager = this.dataSource.manager): Promise<Nation[]> {
    if (m === this.dataSource.manager) return allianceNations(this.dataSource).then((list) => [...list]);
    return m.query(`SELECT code, name FROM nation ORDER BY code`);
  }

  mayReadResponses(caller: Caller | null): boolean {
    return hasRole(caller, ...RESPONSE_READERS);
  }

  /** Who cast what, and the counts, are read in the audit log by those who read the responses. */
  onModuleInit(): void {
    this.audit.definePolicy('Ballot', { readsDetail: (caller) => this.mayReadResponses(caller) });
  }

  async open(caller: Caller, input: OpenBallotCommand): Promise<BallotModel> {
    return this.dataSource.transaction(async (m) => {
      const standard = await this.standards.lockVisible(caller, input.standardId, m);
      const { version } = await this.versions.requireVisible(caller, input.versionId, m);
      if (version.standardId !== standard.id) throw badInput('versionId', `versionId is not a version of ${standard.designation}.`);
      if (standard.status !== StandardStatus.DRAFTING) {
        throw invalidState(`${standard.designation} is ${standard.status}; a ballot opens only on a DRAFTING standard.`, { status: standard.status });
      }
      const current = await this.versions.current(standard.id, m);
      if (current?.id !== version.id) {
        throw invalidState(`Version ${version.number} is not the current version of ${standard.designation} (version ${current?.number}); ballot the current text.`);
      }
      const [{ allies }] = await m.query(`SELECT count(*)::int AS allies FROM nation`);
      const threshold = input.threshold ?? defaultThreshold(allies);
      if (threshold < 1 || threshold > allies) {
        throw badInput('threshold', `threshold must be between 1 and ${allies}, the number of Allies.`);
      }
      const blockers = await this.comments.ballotBlockers(m, standard.id);
      if (blockers.length) {
        throw invalidState(`${standard.designation} cannot go to ballot yet: ${blockers.join('; ')}.`, { blockers });
      }
      const now = this.clock.now();
      const [times] = await m.query(
        `SELECT coalesce($1::timestamptz, ${now}) AS "opensAt", $2::timestamptz > greatest(coalesce($1::timestamptz, ${now}), ${now}) AS "closesLater"`,
        [input.opensAt ?? null, input.closesAt],
      );
      if (!times.closesLater) throw badInput('closesAt', 'closesAt must be later than opensAt and than now.');
      const [{ id }] = await m.query(
        `INSERT INTO ballot (standard_id, version_id, opens_at, closes_at, threshold, opened_by, on_shortfall)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [standard.id, version.id, times.opensAt, input.closesAt, threshold, caller.id, input.onShortfall ?? BallotShortfall.FAIL],
      );
      await this.lifecycle.transition(m, caller, standard.id, 'OPEN_BALLOT', `ballot on version ${version.number}`);
      await this.audit.record(m, caller, {
        action: 'ballot.opened',
        entityType: 'Ballot',
        entityId: id,
        detail: `Ballot on ${standard.designation} version ${version.number}, threshold ${threshold}, closes ${input.closesAt.toISOString()}` +
          (input.onShortfall === BallotShortfall.AWAIT_DECISION ? ', held for the secretariat if short of the threshold' : ''),
      });
      await this.notifications.notify(m, {
        kind: NotificationKind.BALLOT_OPENED, key: `BALLOT_OPENED:${id}`, subjectType: 'Ballot', subjectId: id, standardId: standard.id,
        title: `Ratification ballot opened on ${standard.designation}: responses due ${utcText(input.closesAt)}`,
        body: `${standard.designation} version ${version.number} is put to ratification. Your nation's delegate responds by ${utcText(input.closesAt)}; ` +
          `${threshold} ratifying responses carry it.`,
        link: `/app/ballots/${id}`,
        to: { nations: 'ALL', subscriberRoles: [Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT] },
      });
      const [ballot] = await this.rows(m, `b.id = $1`, [id]);
      return ballot;
    });
  }

  /**
   * One statement decides everything that races: the upsert writes only while
   * the ballot is open by the database clock (FOR SHARE waits for a closeBallot
   * in flight), and concurrent casts of one nation meet in ON CONFLICT, each
   * adding one to the revision.
   */
  async cast(caller: Caller, input: CastResponseCommand): Promise<NationalResponseModel> {
    const nation = caller.nationCode;
    if (!nation) throw forbidden('Your DELEGATE role is bound to no nation, so you cannot cast a response.');
    if (input.response === RatificationResponse.RATIFIED_FUTURE_IMPLEMENTATION && !input.implementationDate) {
      throw badInput('implementationDate', 'implementationDate is required for RATIFIED_FUTURE_IMPLEMENTATION.');
    }
    try {
      return await this.dataSource.transaction(async (m) => {
        const [ballot] = await this.rows(m, `b.id = $1`, [input.ballotId]);
        if (!ballot) throw notFound('ballot', input.ballotId);
        const standard = await this.standards.requireVisible(caller, ballot.standardId, m).catch(notFoundAs('ballot', input.ballotId));
        const reservations = await this.checkReservations(m, ballot.versionId, input.reservations ?? []);
        const now = this.clock.now();
        const open = `b.closed_at IS NULL AND b.opens_at <= ${now} AND b.closes_at > ${now}`;
        const rows: Record<string, unknown>[] = await m.query(
          `INSERT INTO ballot_response AS r
                  (ballot_id, nation_code, response, reservations, implementation_date, national_reference, cast_by, cast_at, revision)
           SELECT b.id, $2, $3, $4::jsonb, $5, $6, $7, ${now}, 1 FROM ballot b WHERE b.id = $1 AND ${open} FOR SHARE
           ON CONFLICT (ballot_id, nation_code) DO UPDATE SET
             response = EXCLUDED.response, reservations = EXCLUDED.reservations,
             implementation_date = EXCLUDED.implementation_date, national_reference = EXCLUDED.national_reference,
             cast_by = EXCLUDED.cast_by, cast_at = EXCLUDED.cast_at, revision = r.revision + 1
           WHERE EXISTS (SELECT 1 FROM ballot b WHERE b.id = r.ballot_id AND ${open})
           RETURNING r.revision`,
          [
            ballot.id, nation, input.response, JSON.stringify(reservations),
            input.implementationDate ?? null, input.nationalReference?.trim() || null, caller.id,
          ],
        );
        if (!rows.length) {
          const [state] = await m.query(
            `SELECT b.opens_at > ${now} AS scheduled, b.opens_at AS "opensAt", coalesce(b.closed_at, b.closes_at) AS "closedAt"
               FROM ballot b WHERE b.id = $1`,
            [ballot.id],
          );
          if (state.scheduled) throw invalidState(`The ballot opens at ${new Date(state.opensAt).toISOString()}; cast your response then.`);
          throw deadlinePassed(`The ballot on ${standard.designation} closed at ${new Date(state.closedAt).toISOString()}; responses are no longer accepted.`);
        }
        const response = await m.findOneByOrFail(BallotResponseEntity, { ballotId: ballot.id, nationCode: nation });
        await this.audit.record(m, caller, {
          action: 'ballot.response_cast',
          entityType: 'Ballot',
          entityId: ballot.id,
          detail: `${nation} ${response.response} on ${standard.designation} (revision ${response.revision})` +
            (reservations.length ? `, ${reservations.length} reservation(s)` : ''),
          summary: `A national response on ${standard.designation} was recorded`,
        });
        await this.pubsub.publish(m, RESPONSE_CAST, { ballotId: ballot.id, nationCode: nation } satisfies ResponseCastEvent);
        return toResponseModel(response);
      });
    } catch (err) {
      // The refused write rolled back; the outcome is still decided by the first access after the deadline.
      if (err instanceof DomainError && err.code === ErrorCode.DEADLINE_PASSED) await this.settleDue([input.ballotId]);
      throw err;
    }
  }

  /**
   * responseCast for one ballot, from every replica. Each event loads the
   * nation's response as it stands, so a subscriber always sees the latest revision.
   */
  async watchCast(caller: Caller, ballotId: string): Promise<AsyncIterableIterator<{ responseCast: NationalResponseModel }>> {
    await this.find(caller, ballotId);
    const source = await this.pubsub.subscribeReady<ResponseCastEvent>(RESPONSE_CAST);
    const repo = this.dataSource.getRepository(BallotResponseEntity);
    return selectEach(source, async (events) => {
      const nations = [...new Set(events.filter((e) => e.ballotId === ballotId).map((e) => e.nationCode))];
      if (!nations.length) return [];
      const found = new Map((await repo.findBy({ ballotId, nationCode: In(nations) })).map((r) => [r.nationCode, toResponseModel(r)]));
      // One event per cast, as published; two casts of one nation in a batch both show its latest revision.
      return events.map((e) => (e.ballotId === ballotId && found.has(e.nationCode) ? { responseCast: found.get(e.nationCode)! } : null));
    });
  }

  /** ballotExtended for one ballot the caller may see, from every replica: the ballot with its new deadline. */
  async watchExtended(caller: Caller, ballotId: string): Promise<AsyncIterableIterator<{ ballotExtended: BallotModel }>> {
    await this.find(caller, ballotId);
    const source = await this.pubsub.subscribeReady<BallotExtendedEvent>(BALLOT_EXTENDED);
    return selectEach(source, async (events) => {
      if (!events.some((e) => e.ballotId === ballotId)) return [];
      // Several extensions in one batch: each shows the ballot as it stands now.
      const [ballot] = await this.rows(this.dataSource.manager, `b.id = $1`, [ballotId]);
      return events.map((e) => (e.ballotId === ballotId && ballot ? { ballotExtended: ballot } : null));
    });
  }

  /** Ballots held past their deadline short of the threshold (AWAIT_DECISION), for the secretariat to extend or close as FAILED. */
  async awaitingDecision(caller: Caller): Promise<BallotModel[]> {
    const now = this.clock.now();
    const due = await this.rows(this.dataSource.manager, `b.closed_at IS NULL AND b.closes_at <= ${now}`, []);
    const held = due.filter((b) => b.status === BallotStatus.AWAITING_DECISION);
    const visible = new Set((await this.standards.byIds(caller, [...new Set(held.map((b) => b.standardId))])).map((s) => s.id));
    return held.filter((b) => visible.has(b.standardId)).sort((a, b) => +new Date(a.closesAt) - +new Date(b.closesAt));
  }

  /** Reservations trimmed, each clause named checked against the balloted version; also for ratifications after promulgation. */
  async checkReservations(m: EntityManager, versionId: string, given: { clause?: string | null; text: string }[]): Promise<ReservationValue[]> {
    const reservations = given.map((r) => ({ clause: r.clause?.trim() || null, text: r.text.trim() }));
    if (reservations.some((r) => !r.text)) throw badInput('reservations', 'reservations.text must not be empty.');
    const named = reservations.filter((r) => r.clause !== null);
    if (!named.length) return reservations;
    const clauses = new Set(this.versions.clauses(await this.versions.text(versionId, m)).map((c) => c.number).filter(Boolean));
    const unknown = [...new Set(named.map((r) => r.clause!).filter((c) => !clauses.has(c)))];
    if (unknown.length) {
      throw badInput('reservations', `reservations name clause(s) ${unknown.join(', ')}, which the balloted version does not have.`, {
        clauses: [...clauses],
      });
    }
    return reservations;
  }

  /**
   * The secretariat extends the period of a ballot that is still open: closesAt
   * moves later, never earlier, with a stated reason; the extension is a dated
   * row (ballot_extension) and an audit event. A ballot held on shortfall
   * (AWAITING_DECISION) is extended after its deadline too, and opens again.
   * A decided ballot (PASSED or FAILED) is never extended.
   */
  async extend(caller: Caller, ballotId: string, closesAt: Date, reason: string): Promise<BallotModel> {
    if (!reason.trim()) throw badInput('reason', 'reason must say why the ballot is extended.');
    await this.find(caller, ballotId);
    return this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const [ballot]: BallotModel[] = await m.query(`SELECT ${this.columns()} FROM ballot b WHERE b.id = $1 FOR UPDATE`, [ballotId]);
      if (ballot.outcome !== BallotOutcome.PENDING || ballot.status === BallotStatus.CLOSED) {
        throw deadlinePassed(`The ballot closed at ${new Date(ballot.closedAt ?? ballot.closesAt).toISOString()}; only a ballot still undecided is extended.`);
      }
      const [later] = await m.query(`SELECT $1::timestamptz > $2::timestamptz AND $1::timestamptz > ${now} AS ok`, [closesAt, ballot.closesAt]);
      if (!later.ok) throw badInput('closesAt', `closesAt must be later than the current deadline, ${new Date(ballot.closesAt).toISOString()}.`);
      await m.query(
        `INSERT INTO ballot_extension (ballot_id, previous_closes_at, closes_at, reason, extended_by, extended_at)
         VALUES ($1, $2, $3, $4, $5, ${now})`,
        [ballotId, ballot.closesAt, closesAt, reason.trim(), caller.id],
      );
      await m.query(`UPDATE ballot SET closes_at = $2 WHERE id = $1`, [ballotId, closesAt]);
      const [{ designation }] = await m.query(`SELECT designation FROM standard WHERE id = $1`, [ballot.standardId]);
      await this.audit.record(m, caller, {
        action: 'ballot.extended',
        entityType: 'Ballot',
        entityId: ballotId,
        detail: `Ballot on ${designation} extended from ${new Date(ballot.closesAt).toISOString()} to ${closesAt.toISOString()}: ${reason.trim()}`,
        summary: `Ballot on ${designation} extended to ${closesAt.toISOString()}`,
      });
      await this.pubsub.publish(m, BALLOT_EXTENDED, { ballotId } satisfies BallotExtendedEvent);
      const [extended] = await this.rows(m, `b.id = $1`, [ballotId]);
      return extended;
    });
  }

  extensionsOf(ballotIds: readonly string[]): Promise<BallotExtensionModel[]> {
    return this.dataSource.query(
      `SELECT id, ballot_id AS "ballotId", previous_closes_at AS "previousClosesAt", closes_at AS "closesAt", reason,
              extended_by AS "extendedById", extended_at AS "extendedAt"
         FROM ballot_extension WHERE ballot_id = ANY($1::uuid[]) ORDER BY extended_at, id`,
      [ballotIds],
    );
  }

  async close(caller: Caller, ballotId: string): Promise<BallotModel> {
    await this.find(caller, ballotId);
    return this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const [ballot]: BallotModel[] = await m.query(`SELECT ${this.columns()} FROM ballot b WHERE b.id = $1 FOR UPDATE`, [ballotId]);
      if (ballot.outcome !== BallotOutcome.PENDING) {
        throw invalidState(`The ballot closed at ${new Date(ballot.closedAt!).toISOString()} with outcome ${ballot.outcome}.`, { outcome: ballot.outcome });
      }
      if (ballot.status === BallotStatus.SCHEDULED) {
        throw invalidState(`The ballot opens at ${new Date(ballot.opensAt).toISOString()}; it cannot close before it opens.`);
      }
      // The deadline may have passed since find(): then the deadline closed it, not the secretariat.
      if (ballot.status === BallotStatus.CLOSED) await this.decide(m, null, ballot, 'closes_at', 'closed at its deadline');
      else if (ballot.status === BallotStatus.AWAITING_DECISION) await this.decide(m, caller, ballot, now, 'closed by the secretariat after falling short at its deadline');
      else await this.decide(m, caller, ballot, now, 'closed by the secretariat');
      const [closed] = await this.rows(m, `b.id = $1`, [ballotId]);
      return closed;
    });
  }

  /**
   * Decides the outcome of ballots whose closesAt has passed and that nobody
   * closed. The row lock and the PENDING condition make the first caller
   * decide and every later one find nothing to do.
   */
  async settleDue(ballotIds: readonly string[]): Promise<void> {
    if (!ballotIds.length) return;
    const now = this.clock.now();
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM ballot b WHERE id = ANY($1::uuid[]) AND outcome = 'PENDING' AND closes_at <= ${now} AND ${this.decidable('b')}`,
      [ballotIds],
    );
    for (const { id } of due) {
      await this.dataSource.transaction(async (m) => {
        const [ballot]: BallotModel[] = await m.query(
          `SELECT ${this.columns()} FROM ballot b WHERE b.id = $1 AND b.outcome = 'PENDING' AND b.closes_at <= ${now} AND ${this.decidable('b')} FOR UPDATE`,
          [id],
        );
        if (ballot) await this.decide(m, null, ballot, 'closes_at', 'closed at its deadline');
      });
    }
  }

  /** Settles a locked PENDING ballot; a FAILED one returns its standard to drafting. */
  private async decide(m: EntityManager, caller: Caller | null, ballot: BallotModel, closedAt: string, why: string): Promise<void> {
    const [{ ratifying }] = await m.query(
      `SELECT count(*)::int AS ratifying FROM ballot_response WHERE ballot_id = $1 AND response = ANY($2::text[])`,
      [ballot.id, RATIFYING],
    );
    const outcome = ratifying >= ballot.threshold ? BallotOutcome.PASSED : BallotOutcome.FAILED;
    await m.query(`UPDATE ballot SET outcome = $2, closed_at = ${closedAt} WHERE id = $1 AND outcome = 'PENDING'`, [ballot.id, outcome]);
    const [standard] = await m.query(`SELECT designation, status FROM standard WHERE id = $1 FOR UPDATE`, [ballot.standardId]);
    await this.audit.record(m, caller, {
      action: 'ballot.closed',
      entityType: 'Ballot',
      entityId: ballot.id,
      detail: `Ballot on ${standard.designation} ${why}: ${outcome}, ${ratifying} ratifying of threshold ${ballot.threshold}`,
      summary: `Ballot on ${standard.designation} ${why}: ${outcome}`,
    });
    await this.webhooks.emit(
      m, 'ballot.closed',
      { ballotId: ballot.id, standardId: ballot.standardId, designation: standard.designation, outcome, ratifying, threshold: ballot.threshold },
      { kinds: ['NATIONAL_BODY', 'SECRETARIAT'] },
    );
    await this.notifications.notify(m, {
      kind: NotificationKind.BALLOT_CLOSED, key: `BALLOT_CLOSED:${ballot.id}`, subjectType: 'Ballot', subjectId: ballot.id, standardId: ballot.standardId,
      title: `Ballot on ${standard.designation} closed: ${outcome}`,
      body: `The ratification ballot on ${standard.designation} ${why}: ${outcome}, ${ratifying} ratifying of the ${ballot.threshold} needed.`,
      link: `/app/ballots/${ballot.id}`,
      to: { nations: 'ALL', roles: [Role.SECRETARIAT], subscriberRoles: [Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT] },
    });
    // A standard cancelled during its ballot stays cancelled.
    if (outcome === BallotOutcome.FAILED && standard.status === StandardStatus.IN_RATIFICATION) {
      await this.lifecycle.transition(m, caller, ballot.standardId, 'BALLOT_FAILED', `ballot ${why} with ${ratifying} of ${ballot.threshold} ratifying`);
    }
  }

  /** For publishing: the ballot locked in the caller's transaction, settled if due. */
  async lockForPublishing(m: EntityManager, caller: Caller, ballotId: string): Promise<BallotModel> {
    const [ballot]: BallotModel[] = await m.query(`SELECT ${this.columns()} FROM ballot b WHERE b.id = $1 FOR UPDATE`, [ballotId]);
    if (!ballot) throw notFound('ballot', ballotId);
    await this.standards.requireVisible(caller, ballot.standardId, m).catch(notFoundAs('ballot', ballotId));
    if (ballot.outcome === BallotOutcome.PENDING && ballot.status === BallotStatus.CLOSED) {
      await this.decide(m, null, ballot, 'closes_at', 'closed at its deadline');
      const [settled] = await this.rows(m, `b.id = $1`, [ballotId]);
      return settled;
    }
    return ballot;
  }

  responsesIn(m: EntityManager, ballotId: string): Promise<BallotResponseEntity[]> {
    return m.find(BallotResponseEntity, { where: { ballotId }, order: { nationCode: 'ASC' } });
  }
}
