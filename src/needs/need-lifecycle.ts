import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { invalidState, notFound } from '../common/errors';
import { NeedStatus as S } from './need.entity';

export type NeedEvent = 'ACCEPT' | 'REJECT' | 'ADDRESS' | 'CLOSE';

/**
 * A need's lifecycle: RAISED → ACCEPTED → ADDRESSED → CLOSED, or REJECTED
 * (with a reason) from RAISED or ACCEPTED. This table and `transition` are the
 * only code that writes a need's status; the trigger need_lifecycle holds the same table.
 */
export const NEED_TRANSITIONS: Record<NeedEvent, { from: S[]; to: S; why: string }> = {
  ACCEPT: { from: [S.RAISED], to: S.ACCEPTED, why: 'only a RAISED need can be accepted' },
  REJECT: { from: [S.RAISED, S.ACCEPTED], to: S.REJECTED, why: 'only a RAISED or ACCEPTED need can be rejected' },
  ADDRESS: { from: [S.ACCEPTED], to: S.ADDRESSED, why: 'only an ACCEPTED need can be addressed' },
  CLOSE: { from: [S.ADDRESSED], to: S.CLOSED, why: 'only an ADDRESSED need can be closed' },
};

@Injectable()
export class NeedLifecycle {
  constructor(private readonly audit: AuditService, private readonly clock: Clock) {}

  /**
   * Moves the need in the caller's transaction. The UPDATE names the states it
   * may leave, so of two racing transitions exactly one touches the row. REJECT
   * writes its reason in the same UPDATE (the table's check wants them together).
   */
  async transition(m: EntityManager, caller: Caller | null, needId: string, event: NeedEvent, reason?: string): Promise<S> {
    const rule = NEED_TRANSITIONS[event];
    const [rows] = await m.query(
      `UPDATE interoperability_need n SET status = $2, status_changed_at = ${this.clock.now()}, updated_at = now()
              ${event === 'REJECT' ? ', rejection_reason = $4' : ''}
        FROM (SELECT id, status AS old FROM interoperability_need WHERE id = $1 FOR UPDATE) o
        WHERE n.id = o.id AND n.status = ANY($3::text[]) RETURNING n.number, o.old`,
      event === 'REJECT' ? [needId, rule.to, rule.from, reason ?? ''] : [needId, rule.to, rule.from],
    );
    if (!rows.length) {
      const [current] = await m.query(`SELECT status FROM interoperability_need WHERE id = $1`, [needId]);
      if (!current) throw notFound('need', needId);
      throw invalidState(`The need is ${current.status}: ${rule.why}.`, { status: current.status });
    }
    await m.query(`INSERT INTO need_transition (need_id, from_status, to_status, reason, actor_id, at) VALUES ($1, $2, $3, $4, $5, ${this.clock.now()})`, [
      needId, rows[0].old, rule.to, reason ?? null, caller?.id ?? null,
    ]);
    await this.audit.record(m, caller, {
      action: `need.${event.toLowerCase()}`,
      entityType: 'InteroperabilityNeed',
      entityId: needId,
      detail: `NEED-${rows[0].number} is now ${rule.to}${reason ? `: ${reason}` : ''}`,
    });
    return rule.to;
  }
}
