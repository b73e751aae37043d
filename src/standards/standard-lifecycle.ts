import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller } from '../common/caller';
import { invalidState, notFound } from '../common/errors';
import { StandardStatus as S } from './standard.entity';

export type StandardEvent = 'START_DRAFTING' | 'CANCEL' | 'OPEN_BALLOT' | 'BALLOT_FAILED' | 'PROMULGATE';

/**
 * The standard's lifecycle. This table, and `transition` below, are the only
 * code that writes a standard's status.
 */
const TRANSITIONS: Record<StandardEvent, { from: S[]; to: S; why: string }> = {
  // On a PROMULGATED standard this begins the next edition; the edition in force stays in force.
  START_DRAFTING: { from: [S.PROPOSED, S.PROMULGATED], to: S.DRAFTING, why: 'drafting starts from a PROPOSED or PROMULGATED standard' },
  CANCEL: { from: [S.PROPOSED, S.DRAFTING, S.IN_RATIFICATION], to: S.CANCELLED, why: 'a PROMULGATED or CANCELLED standard cannot be cancelled' },
  OPEN_BALLOT: { from: [S.DRAFTING], to: S.IN_RATIFICATION, why: 'a ballot opens only on a DRAFTING standard' },
  BALLOT_FAILED: { from: [S.IN_RATIFICATION], to: S.DRAFTING, why: 'only a standard in ratification returns to drafting after a failed ballot' },
  PROMULGATE: { from: [S.IN_RATIFICATION], to: S.PROMULGATED, why: 'only a standard in ratification can be promulgated' },
};

export const canTransition = (status: S, event: StandardEvent) => TRANSITIONS[event].from.includes(status);

@Injectable()
export class StandardLifecycle {
  constructor(private readonly audit: AuditService) {}

  /**
   * Moves the standard in the caller's transaction. The UPDATE names the states
   * it may leave, so of two racing transitions exactly one touches the row.
   */
  async transition(m: EntityManager, caller: Caller | null, standardId: string, event: StandardEvent, detail?: string): Promise<S> {
    const rule = TRANSITIONS[event];
    const [rows] = await m.query(
      `UPDATE standard SET status = $2, updated_at = now() WHERE id = $1 AND status = ANY($3::text[]) RETURNING designation`,
      [standardId, rule.to, rule.from],
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
