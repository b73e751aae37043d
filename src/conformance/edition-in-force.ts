import { EntityManager } from 'typeorm';

/**
 * What conformance needs from publishing: which version is the edition in
 * force. Publishing sits above conformance, so it provides this under the
 * token and conformance never imports it: export it from a @Global() module
 * ({ provide: EDITION_IN_FORCE, useExisting: ... }), since ConformanceModule
 * does not import publishing. Without a provider, reports use each standard's
 * current version.
 */
export const EDITION_IN_FORCE = Symbol('EDITION_IN_FORCE');

export interface EditionInForce {
  /** The version id of the standard's edition in force, or null when none is. */
  versionInForce(standardId: string, m: EntityManager): Promise<string | null>;
  /**
   * The same for many standards in ONE query (the interoperability matrix
   * promises a bounded number of queries); standards with no edition in force
   * are left out of the map.
   */
  versionsInForce(standardIds: readonly string[], m: EntityManager): Promise<Map<string, string>>;
  /** The promulgated edition whose text is this version, or null: a draft nobody has ratified. */
  editionOfVersion(versionId: string, m: EntityManager): Promise<{ label: string } | null>;
}
