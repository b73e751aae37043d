import { MigrationInterface, QueryRunner } from 'typeorm';
import { CATALOGUE_FILE, insertCatalogue, insertLinks, readCatalogue } from '../src/catalogue/catalogue-file';

/**
 * Issue 13: every catalogue entry has a status (CURRENT, SUPERSEDED,
 * WITHDRAWN), the date it was last checked and the year of its issue, and
 * catalogue entries link to each other: an adoption notice ADOPTS what it
 * adopts, a new issue REPLACES the old one.
 *
 * A new database gets all of it from standards/external-catalogue.csv when the
 * service first starts (the table is empty here). An installation that has a
 * catalogue already gets the entries the review added, the corrected ones and
 * all the file's links; entries the secretariat added stay as they are.
 */
const CORRECTED = [
  'ECSS-E-ST-10-02C', 'ECSS-E-ST-10-03C', 'ECSS-E-ST-10-04C', 'ECSS-U-AS-10C',
  'ECSS-E-ST-50-01C', 'ECSS-E-ST-50-03C', 'ECSS-E-ST-50-04C', 'Decision No 541/2014/EU',
  'ETSI EN 303 413', 'ISO 26900', 'CCSDS 502.0-B',
];
/** Old issues that were twins of an EN that now reproduces the new issue (or, for ECSS-U-AS-10C, a modified adoption). */
const UNTWINNED = ['ECSS-E-ST-10-02C', 'ECSS-E-ST-10-03C', 'ECSS-E-ST-10-04C', 'ECSS-U-AS-10C'];

export class CatalogueFidelity1764000613000 implements MigrationInterface {
  name = 'CatalogueFidelity1764000613000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE external_standard
      ADD COLUMN status text NOT NULL DEFAULT 'CURRENT' CHECK (status IN ('CURRENT','SUPERSEDED','WITHDRAWN')),
      ADD COLUMN as_of date NOT NULL DEFAULT CURRENT_DATE,
      ADD COLUMN published int CHECK (published BETWEEN 1900 AND 2200)`);
    await q.query(`
      CREATE TABLE external_link (
        from_id uuid NOT NULL REFERENCES external_standard(id) ON DELETE CASCADE,
        to_id uuid NOT NULL REFERENCES external_standard(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('ADOPTS','REPLACES')),
        -- A modified adoption (ECSS-U-AS-10C of ISO 24113) is another document; an identical one (an EN of an ECSS standard) is a twin.
        modified boolean NOT NULL DEFAULT false CHECK (kind = 'ADOPTS' OR NOT modified),
        PRIMARY KEY (from_id, to_id, kind),
        CHECK (from_id <> to_id)
      )`);
    await q.query(`CREATE INDEX external_link_to_idx ON external_link (to_id)`);
    // A replaced document is not current: checked where the link is made and where a status changes.
    await q.query(`
      CREATE FUNCTION external_replaced_not_current() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE replaced uuid;
      BEGIN
        IF TG_TABLE_NAME = 'external_link' THEN
          IF NEW.kind <> 'REPLACES' THEN RETURN NULL; END IF;
          replaced := NEW.to_id;
        ELSE
          replaced := NEW.id;
        END IF;
        IF EXISTS (SELECT 1 FROM external_link l JOIN external_standard e ON e.id = l.to_id
                    WHERE l.kind = 'REPLACES' AND l.to_id = replaced AND e.status = 'CURRENT') THEN
          RAISE EXCEPTION 'A replaced external standard must be SUPERSEDED or WITHDRAWN, not CURRENT' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER external_link_replaced AFTER INSERT OR UPDATE ON external_link
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION external_replaced_not_current()`);
    await q.query(`CREATE CONSTRAINT TRIGGER external_standard_replaced AFTER UPDATE OF status ON external_standard
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION external_replaced_not_current()`);

    const [any] = await q.query(`SELECT 1 FROM external_standard LIMIT 1`);
    if (!any) return;
    const rows = readCatalogue(CATALOGUE_FILE);
    const held = new Set<string>((await q.query(`SELECT lower(designation) AS d FROM external_standard`)).map((r: { d: string }) => r.d));
    const missing = rows.filter((r) => !held.has(r.designation.toLowerCase()));
    await q.query(`UPDATE external_standard SET twin_group = gen_random_uuid() WHERE designation = ANY($1::text[])`, [UNTWINNED]);
    await insertCatalogue(q.manager, missing.map((r) => ({ ...r, replaced_by: [], adopts: null })));
    for (const r of rows.filter((x) => CORRECTED.includes(x.designation))) {
      await q.query(`UPDATE external_standard SET title = $2, scope = $3, status = $4, as_of = $5, published = $6 WHERE lower(designation) = lower($1)`,
        [r.designation, r.title, r.scope, r.status, r.as_of, r.published]);
    }
    for (const r of rows.filter((x) => x.published)) {
      await q.query(`UPDATE external_standard SET published = $2 WHERE lower(designation) = lower($1) AND published IS NULL`, [r.designation, r.published]);
    }
    // A new entry and an entry held already that are twins: the new one joins the old one's group.
    const isNew = new Set(missing.map((r) => r.designation.toLowerCase()));
    for (const r of rows.filter((x) => x.equivalent_to && isNew.has(x.designation.toLowerCase()) !== isNew.has(x.equivalent_to.toLowerCase()))) {
      const [fresh, old] = isNew.has(r.designation.toLowerCase()) ? [r.designation, r.equivalent_to] : [r.equivalent_to, r.designation];
      await q.query(
        `UPDATE external_standard n SET twin_group = o.twin_group FROM external_standard o WHERE lower(n.designation) = lower($1) AND lower(o.designation) = lower($2)`,
        [fresh, old],
      );
    }
    await insertLinks(q.manager, rows);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE external_link`);
    await q.query(`DROP TRIGGER external_standard_replaced ON external_standard`);
    await q.query(`DROP FUNCTION external_replaced_not_current()`);
    await q.query(`ALTER TABLE external_standard DROP COLUMN status, DROP COLUMN as_of, DROP COLUMN published`);
  }
}
