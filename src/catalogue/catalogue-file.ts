import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { EntityManager } from 'typeorm';
import { CORPUS_DIR } from '../standards/corpus.service';
import { ExternalStatus, StandardsBody } from './external-standard.entity';

/**
 * The external catalogue as a file (standards/external-catalogue.csv, columns
 * in standards/README.md) and its loading into the database. Plain functions,
 * so the bench and the migration that corrected the catalogue use them too.
 */
export const CATALOGUE_FILE = join(CORPUS_DIR, 'external-catalogue.csv');

export interface CatalogueRow {
  body: StandardsBody;
  designation: string;
  title: string;
  scope: string | null;
  url: string | null;
  equivalent_to: string | null;
  /** Absent in generated rows (the bench): CURRENT, as of the load. */
  status?: ExternalStatus;
  as_of?: string | null;
  published?: number | null;
  /** Designations of the documents that replace this one. */
  replaced_by?: string[];
  /** Designation of the document this one adopts, and whether the adoption changes it. */
  adopts?: string | null;
  adoption_modified?: boolean;
}

export function readCatalogue(file: string): CatalogueRow[] {
  const rows: Record<string, string>[] = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
  return rows.map((r, i) => {
    const at = `${file}:${i + 2}`;
    if (!Object.values(StandardsBody).includes(r.body as StandardsBody)) throw new Error(`${at}: unknown body ${r.body}`);
    if (!r.designation || !r.title) throw new Error(`${at}: designation and title are required`);
    const status = (r.status || ExternalStatus.CURRENT) as ExternalStatus;
    if (!Object.values(ExternalStatus).includes(status)) throw new Error(`${at}: unknown status ${r.status}`);
    if (r.as_of && !/^\d{4}-\d{2}-\d{2}$/.test(r.as_of)) throw new Error(`${at}: as_of must be YYYY-MM-DD`);
    if (r.published && !/^\d{4}$/.test(r.published)) throw new Error(`${at}: published must be a year`);
    if (r.adoption && !['identical', 'modified'].includes(r.adoption)) throw new Error(`${at}: adoption must be identical or modified`);
    const replacedBy = (r.replaced_by ?? '').split(';').map((d) => d.trim()).filter(Boolean);
    if (replacedBy.length && status === ExternalStatus.CURRENT) throw new Error(`${at}: a replaced document is not CURRENT`);
    return {
      body: r.body as StandardsBody, designation: r.designation, title: r.title,
      scope: r.scope || null, url: r.url || null, equivalent_to: r.equivalent_to || null,
      status, as_of: r.as_of || null, published: r.published ? Number(r.published) : null,
      replaced_by: replacedBy, adopts: r.adopts || null, adoption_modified: r.adoption === 'modified',
    };
  });
}

/**
 * One group id per set of twins. equivalent_to names a designation of another
 * body and is sometimes filled on one side only, so the pairs are treated as
 * undirected edges and joined transitively (union-find).
 */
export function twinGroups(rows: CatalogueRow[]): string[] {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const byDesignation = new Map(rows.map((r, i) => [r.designation.toLowerCase(), i]));
  rows.forEach((r, i) => {
    const j = r.equivalent_to ? byDesignation.get(r.equivalent_to.toLowerCase()) : undefined;
    if (j !== undefined) parent[find(i)] = find(j);
  });
  const ids = new Map<number, string>();
  return rows.map((_, i) => {
    const root = find(i);
    if (!ids.has(root)) ids.set(root, randomUUID());
    return ids.get(root)!;
  });
}

/** One INSERT per 1,000 rows: the lexeme statistics trigger then runs once per statement, not once per row. */
export async function insertCatalogue(m: EntityManager, rows: CatalogueRow[]): Promise<void> {
  const groups = twinGroups(rows);
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await m.query(
      `INSERT INTO external_standard (body, designation, title, scope, url, twin_group, status, as_of, published)
       SELECT body, designation, title, scope, url, twin_group, coalesce(status, 'CURRENT'), coalesce(as_of, CURRENT_DATE), published
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::date[], $9::int[])
              AS u(body, designation, title, scope, url, twin_group, status, as_of, published)`,
      [
        chunk.map((r) => r.body), chunk.map((r) => r.designation), chunk.map((r) => r.title),
        chunk.map((r) => r.scope), chunk.map((r) => r.url), groups.slice(i, i + 1000),
        chunk.map((r) => r.status ?? null), chunk.map((r) => r.as_of ?? null), chunk.map((r) => r.published ?? null),
      ],
    );
  }
  await insertLinks(m, rows);
}

/**
 * The rows' REPLACES and ADOPTS links, by designation (unique enough across
 * bodies in the catalogue; a designation that names nothing is an error in
 * the file). Links that exist already are kept.
 */
export async function insertLinks(m: EntityManager, rows: CatalogueRow[]): Promise<void> {
  const links = rows.flatMap((r) => [
    ...(r.replaced_by ?? []).map((by) => ({ from: by, to: r.designation, kind: 'REPLACES', modified: false })),
    ...(r.adopts ? [{ from: r.designation, to: r.adopts, kind: 'ADOPTS', modified: !!r.adoption_modified }] : []),
  ]);
  if (!links.length) return;
  const unresolved: { name: string }[] = await m.query(
    `SELECT DISTINCT d AS name FROM unnest($1::text[]) d
      WHERE NOT EXISTS (SELECT 1 FROM external_standard e WHERE lower(e.designation) = lower(d))`,
    [links.flatMap((l) => [l.from, l.to])],
  );
  if (unresolved.length) throw new Error(`The catalogue links to designations it does not hold: ${unresolved.map((u) => u.name).join(', ')}`);
  await m.query(
    `INSERT INTO external_link (from_id, to_id, kind, modified)
     SELECT f.id, t.id, l.kind, l.modified
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[]) AS l(from_d, to_d, kind, modified)
       JOIN external_standard f ON lower(f.designation) = lower(l.from_d)
       JOIN external_standard t ON lower(t.designation) = lower(l.to_d)
     ON CONFLICT DO NOTHING`,
    [links.map((l) => l.from), links.map((l) => l.to), links.map((l) => l.kind), links.map((l) => l.modified)],
  );
}
