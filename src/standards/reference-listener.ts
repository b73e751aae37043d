import { EntityManager } from 'typeorm';

/**
 * Told, inside the writing transaction, when the version that conformance
 * claims are judged against (the edition in force, else the current version)
 * changes. The conformance module (above standards) provides it under this
 * token to report claims that just became stale, so standards does not import conformance.
 */
export const REFERENCE_LISTENER = Symbol('REFERENCE_LISTENER');

export interface ReferenceListener {
  referenceChanged(m: EntityManager, standardId: string, from: string | null, to: string): Promise<void>;
}
