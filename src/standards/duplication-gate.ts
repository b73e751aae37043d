import { EntityManager } from 'typeorm';
import { Caller } from '../common/caller';

/**
 * What proposeStandard needs from the duplication check. The catalogue module
 * (above standards) provides it under this token, so standards does not import
 * catalogue.
 */
export const DUPLICATION_GATE = Symbol('DUPLICATION_GATE');

export interface OverlapSummary {
  /** "ECSS ECSS-E-ST-50-11C" or "ASpP-5". */
  name: string;
  title: string;
  score: number;
}

export interface DuplicationGate {
  /** Candidates at or above the configured threshold, best first. */
  overlaps(caller: Caller, proposal: { title: string; scope: string }, manager: EntityManager): Promise<OverlapSummary[]>;
}
