import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { invalidState, notFound } from '../common/errors';
import { StandardStatus as S } from './standard.entity';

export type StandardEvent = 'START_DRAFTING' | 'CANCEL' | 'OPEN_BALLOT' | 'BALLOT_FAILED' | 'PROMULGATE' | 'SUPERSEDE';

/**
 * The standard's lifecycle. This table, and `transition` below, are the only
 * code that writes a standard's status. The database holds the same table
 * (trigger standard_lifecycle), so no other write can bend it.
 */
const TRANSITIONS: Record<StandardEvent, { from: S[]; to: S; why: string }> = {
  // On a PROMULGATED standard this begins the next edition; the edition in force stays in force.
  START_DRAFTING: { from: [S.PROPOSED, S.PROMULGATED], to: S.DRAFTING, why: 'drafting starts from a PROPOSED or PROMULGATED standard' },
  // A promulgated standard may be cancelled too; its edition in force is cancelled with it (trigger standard_retires_edition).
  CANCEL: { from: [S.PROPOSED, S.DRAFTING, S.IN_RATIFICATION, S.PROMULGATED], to: S.CANCELLED, why: 'a CANCELLED or SUPERSEDED standard cannot be cancelled' },
  OPEN_BALLOT: { from: [S.DRAFTING], to: S.IN_RATIFICATION, why: 'a ballot opens only on a DRAFTING standard' },
  BALLOT_FAILED: { from: [S.IN_RATIFICATION], to: S.DRAFTING, why: 'only a standard in ratification returns to drafting after a failed ballot' },
  PROMULGATE: { from: [S.IN_RATIFICATION], to: S.PROMULGATED, why: 'only a standard in ratification can be promulgated' },
  SUPERSEDE: { from: [S.PROMULGATED], to: S.SUPERSEDED, why: 'only a PROMULGATED standard can be superseded' },
};



export const canTransition = (status: S, event: StandardEvent) => TRANSITIONS[event].from.includes(status);

@Injectable()
export class StandardLifecycle {
  constructor(private readonly audit: AuditService, private readonly clock: Clock) {}

  /**
   * Moves the standard in the caller's transaction. The UPDATE names the states
   * it may leave, so of two racing transitions exactly one touches the row.
   * CANCEL records the date and the reason (detail) in the same UPDATE, and
   * SUPERSEDE the replacement (replacementId) too: the table's checks want them together.
   */
  async transition(
    m: EntityManager, caller: Caller | null, standardId: string, event: StandardEvent, detail?: string, replacementId?: string,
  ): Promise<S> {
    const rule = TRANSITIONS[event];
    const now = this.clock.now();
    // The date and reason of a cancellation, the replacement of a supersession: detail is the reason.
    const record =
      event === 'CANCEL' ? `, cancelled_at = ${now}, cancellation_reason = $4`
      : event === 'SUPERSEDE' ? `, superseded_at = ${now}, supersession_reason = $4, superseded_by = $5`
      : '';
    const params: unknown[] = [standardId, rule.to, rule.from];
    if (record) params.push(detail ?? '');
    if (event === 'SUPERSEDE') params.push(replacementId);
    const [rows] = await m.query(
      `UPDATE standard SET status = $2, updated_at = now()${record} WHERE id = $1 AND status = ANY($3::text[]) RETURNING designation`,
      params,
    );
    if (!rows.length) {
      const [current] = await m.query(`SELECT status FROM standard WHERE id = $1`, [standardId]);
      if (!current) throw notFound('standard', standardId);
      throw invalidState(`The standard is ${current.status}: ${rule.why}.`, { status: current.status });
    }
    await this.audit.record(m, caller, {
      action: `standard.${event.toLowerCase()}`,
      entityType: 'Standard',
      entityId: standardId,
      detail: `${rows[0].designation} is now ${rule.to}${detail ? `: ${detail}` : ''}`,
    });
    return rule.to;
  }
}
