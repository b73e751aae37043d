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
  /**
   * SQL: the version id of the edition in force of the standard whose id is
   * the SQL expression `standardId`, or NULL when none is; for a report that
   * reads everything it needs in one statement.
   */
  versionInForceSql(standardId: string): string;
  /**
   * The same for many standards in ONE query (the interoperability matrix
   * promises a bounded number of queries); standards with no edition in force
   * are left out of the map.
   */
  versionsInForce(standardIds: readonly string[], m: EntityManager): Promise<Map<string, string>>;
  /** SQL: the label of the promulgated edition whose text is the version `versionId` (an SQL expression), or NULL: a draft nobody has ratified. */
  editionLabelSql(versionId: string): string;
}
