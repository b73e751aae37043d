import { EntityManager } from 'typeorm';
import { Caller } from '../common/caller';

/**
 * What proposeStandard needs from the needs register: to link the new
 * standard to the needs it addresses, in the proposal's transaction. The
 * needs module (above standards) provides it under this token, so standards
 * does not import needs.
 */
export const NEED_LINKS = Symbol('NEED_LINKS');

export interface NeedLinks {
  /** Refuses (NOT_FOUND, INVALID_STATE) a need the caller may not see or that no longer takes standards. */
  linkProposal(m: EntityManager, caller: Caller, standardId: string, needIds: string[]): Promise<void>;
}
