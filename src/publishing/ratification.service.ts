import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { RATIFYING, RatificationResponse, ReservationValue } from '../ballots/ballot.entity';
import { BallotsService } from '../ballots/ballots.service';
import { NationalResponseModel } from '../ballots/models/ballot.model';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { badInput, forbidden, invalidState, notFound } from '../common/errors';
import { EditionEntity, EditionStatus } from './edition.entity';
import { RatificationChangeKind, RatificationChangeModel } from './models/ratification.model';
import { PublishingService } from './publishing.service';

interface NationState {
  response: RatificationResponse | null;
  reservations: ReservationValue[];
  implementationDate: Date | null;
  nationalReference: string | null;
}

const CHANGE_COLUMNS = `id, ballot_id AS "ballotId", nation_code AS "nationCode", seq AS sequence, kind, response, reservations,
  implementation_date AS "implementationDate", national_reference AS "nationalReference", withdrawn AS "withdrawnReservation",
  changed_by AS "changedById", changed_at AS "changedAt"`;

/**
 * Ratification after promulgation, as the NATO Standardization Document
 * Database keeps it: a nation that had not ratified may ratify, a ratifying
 * nation may change its implementation status or withdraw a reservation.
 * Each change is a row of ratification_change (its trigger checks it against
 * the state before it); the edition's snapshot stays as it was promulgated.
 */
@Injectable()
export class RatificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publishing: PublishingService,
    private readonly ballots: BallotsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Changes of the given ballots (one per ratified edition), oldest first. */
  async changesOf(ballotIds: readonly string[]): Promise<RatificationChangeModel[]> {
    if (!ballotIds.length) return [];
    return this.dataSource.query(
      `SELECT ${CHANGE_COLUMNS} FROM ratification_change WHERE ballot_id = ANY($1::uuid[]) ORDER BY changed_at, nation_code, seq`,
      [ballotIds],
    );
  }

  /** The snapshot at promulgation with every later change applied: the state today. */
  current(edition: EditionEntity, changes: RatificationChangeModel[]): NationalResponseModel[] {
    const byNation = new Map<string, NationalResponseModel>(
      edition.ratification.map((r) => [r.nationCode, {
        ballotId: edition.ballotId, nationCode: r.nationCode, castById: r.castById, response: r.response,
        reservations: r.reservations, implementationDate: r.implementationDate ? new Date(r.implementationDate) : null,
        nationalReference: r.nationalReference, castAt: new Date(r.castAt), revision: r.revision,
      }]),
    );
    for (const c of [...changes].sort((a, b) => a.sequence - b.sequence)) {
      const before = byNation.get(c.nationCode);
      byNation.set(c.nationCode, {
        ballotId: c.ballotId, nationCode: c.nationCode, castById: c.changedById, response: c.response,
        reservations: c.reservations, implementationDate: c.implementationDate, nationalReference: c.nationalReference,
        castAt: c.changedAt, revision: (before?.revision ?? 0) + 1,
      });
    }
    return [...byNation.values()].sort((a, b) => a.nationCode.localeCompare(b.nationCode));
  }

  ratify(caller: Caller, input: {
    editionId: string; response: RatificationResponse; reservations?: { clause?: string | null; text: string }[] | null;
    implementationDate?: Date | null; nationalReference?: string | null;
  }): Promise<RatificationChangeModel> {
    requireRatifying(input.response, input.implementationDate);
    return this.change(caller, input.editionId, async (m, edition, state) => {
      if (state.response && RATIFYING.includes(state.response)) {
        throw invalidState(`${caller.nationCode} has ratified this edition already (${state.response}); change its implementation status instead.`);
      }
      const reservations = await this.ballots.checkReservations(m, edition.versionId, input.reservations ?? []);
      return {
        kind: RatificationChangeKind.RATIFIED, response: input.response, reservations,
        implementationDate: input.implementationDate ?? null, nationalReference: input.nationalReference?.trim() || state.nationalReference,
        withdrawn: null, detail: `ratified ${input.response}` + (reservations.length ? ` with ${reservations.length} reservation(s)` : ''),
      };
    });
  }

  changeImplementation(caller: Caller, input: { editionId: string; response: RatificationResponse; implementationDate?: Date | null }) {
    requireRatifying(input.response, input.implementationDate);
    return this.change(caller, input.editionId, async (_m, _edition, state) => {
      requireHasRatified(caller, state);
      const date = input.implementationDate ?? null;
      if (state.response === input.response && +(state.implementationDate ?? 0) === +(date ?? 0)) {
        throw badInput('response', `${caller.nationCode}'s implementation status is ${input.response} already, with that date.`);
      }
      return {
        kind: RatificationChangeKind.IMPLEMENTATION_CHANGED, response: input.response, reservations: state.reservations,
        implementationDate: date, nationalReference: state.nationalReference, withdrawn: null,
        detail: `implementation ${state.response} -> ${input.response}` + (date ? ` (${date.toISOString().slice(0, 10)})` : ''),
      };
    });
  }

  withdrawReservation(caller: Caller, input: { editionId: string; index: number }) {
    return this.change(caller, input.editionId, async (_m, _edition, state) => {
      requireHasRatified(caller, state);
      const withdrawn = state.reservations[input.index - 1];
      if (!withdrawn) {
        throw badInput('index', `${caller.nationCode} holds ${state.reservations.length} reservation(s) on this edition; index ${input.index} is none of them.`);
      }
      return {
        kind: RatificationChangeKind.RESERVATION_WITHDRAWN, response: state.response!, reservations: state.reservations.filter((_, i) => i !== input.index - 1),
        implementationDate: state.implementationDate, nationalReference: state.nationalReference, withdrawn,
        detail: `reservation withdrawn (${withdrawn.clause ? `clause ${withdrawn.clause}` : 'whole document'})`,
      };
    });
  }

  /**
   * One change by the caller's nation on an edition in force, in one
   * transaction: read the state (the ballot row lock makes changes of one
   * edition take turns), let `decide` compute the next, insert it, audit it.
   */
  private async change(
    caller: Caller,
    editionId: string,
    decide: (m: EntityManager, edition: EditionEntity, state: NationState) => Promise<{
      kind: RatificationChangeKind; response: RatificationResponse; reservations: ReservationValue[];
      implementationDate: Date | null; nationalReference: string | null; withdrawn: ReservationValue | null; detail: string;
    }>,
  ): Promise<RatificationChangeModel> {
    const nation = caller.nationCode;
    if (!nation) throw forbidden('Your DELEGATE role is bound to no nation, so you cannot change a ratification.');
    const edition = await this.publishing.find(caller, editionId);
    try {
      return await this.dataSource.transaction(async (m) => {
        await m.query(`SELECT 1 FROM ballot WHERE id = $1 FOR UPDATE`, [edition.ballotId]);
        const [inForce] = await m.query(`SELECT status FROM edition WHERE id = $1`, [edition.id]);
        if (inForce.status !== EditionStatus.IN_FORCE) {
          throw invalidState(`${edition.label} is ${inForce.status}; ratification changes are recorded on the edition in force.`, { status: inForce.status });
        }
        const next = await decide(m, edition, await this.stateOf(m, edition, nation));
        const [row]: RatificationChangeModel[] = await m.query(
          `INSERT INTO ratification_change (ballot_id, nation_code, seq, kind, response, reservations, implementation_date, national_reference, withdrawn, changed_by, changed_at)
           VALUES ($1, $2, 0, $3, $4, $5::jsonb, $6, $7, $8::jsonb, $9, ${this.clock.now()}) RETURNING ${CHANGE_COLUMNS}`,
          [edition.ballotId, nation, next.kind, next.response, JSON.stringify(next.reservations), next.implementationDate,
            next.nationalReference, next.withdrawn ? JSON.stringify(next.withdrawn) : null, caller.id],
        );
        await this.audit.record(m, caller, {
          action: `edition.ratification_${next.kind.toLowerCase()}`,
          entityType: 'Edition',
          entityId: edition.id,
          detail: `${nation} on ${edition.label}: ${next.detail} (change ${row.sequence})`,
        });
        return row;
      });
    } catch (err) {
      // The trigger's rules back the checks above; a refusal there is a state the caller can read.
      if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23514') throw invalidState(err.message);
      throw err;
    }
  }

  private async stateOf(m: EntityManager, edition: EditionEntity, nation: string): Promise<NationState> {
    const [last]: RatificationChangeModel[] = await m.query(
      `SELECT ${CHANGE_COLUMNS} FROM ratification_change WHERE ballot_id = $1 AND nation_code = $2 ORDER BY seq DESC LIMIT 1`,
      [edition.ballotId, nation],
    );
    if (last) return last;
    const [first] = await m.findBy(EditionEntity, { ballotId: edition.ballotId, versionNumber: 1 });
    if (!first) throw notFound('edition', edition.id);
    const snap = first.ratification.find((r) => r.nationCode === nation);
    return snap
      ? { response: snap.response, reservations: snap.reservations, implementationDate: snap.implementationDate ? new Date(snap.implementationDate) : null, nationalReference: snap.nationalReference }
      : { response: null, reservations: [], implementationDate: null, nationalReference: null };
  }
}

function requireRatifying(response: RatificationResponse, date: Date | null | undefined): void {
  if (!RATIFYING.includes(response)) throw badInput('response', 'response must be one of the RATIFIED_* values after promulgation.');
  if (response !== RatificationResponse.RATIFIED_NOT_IMPLEMENTING && !date) {
    throw badInput('implementationDate', `implementationDate is required for ${response}: the ${response === RatificationResponse.RATIFIED_IMPLEMENTING ? 'date implementation began' : 'planned date'}.`);
  }
}

function requireHasRatified(caller: Caller, state: NationState): void {
  if (!state.response || !RATIFYING.includes(state.response)) {
    throw invalidState(`${caller.nationCode} has not ratified this edition${state.response ? ` (${state.response})` : ''}; ratify it first.`);
  }
}
