import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller, hasRole, Role } from '../common/caller';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { rootLogger } from '../common/logger';
import { pageAfterId } from '../common/pagination';
import { CORPUS_DIR } from '../standards/corpus.service';
import { StandardsService } from '../standards/standards.service';
import { ExternalStandardEntity, RelationKind, StandardRelationEntity, StandardsBody } from './external-standard.entity';

export const CATALOGUE_FILE = join(CORPUS_DIR, 'external-catalogue.csv');

export interface CatalogueRow {
  body: StandardsBody;
  designation: string;
  title: string;
  scope: string | null;
  url: string | null;
  equivalent_to: string | null;
}

export function readCatalogue(file: string): CatalogueRow[] {
  const rows: Record<string, string>[] = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
  return rows.map((r, i) => {
    if (!Object.values(StandardsBody).includes(r.body as StandardsBody)) throw new Error(`${file}:${i + 2}: unknown body ${r.body}`);
    if (!r.designation || !r.title) throw new Error(`${file}:${i + 2}: designation and title are required`);
    return {
      body: r.body as StandardsBody, designation: r.designation, title: r.title,
      scope: r.scope || null, url: r.url || null, equivalent_to: r.equivalent_to || null,
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
      `INSERT INTO external_standard (body, designation, title, scope, url, twin_group)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[])`,
      [
        chunk.map((r) => r.body), chunk.map((r) => r.designation), chunk.map((r) => r.title),
        chunk.map((r) => r.scope), chunk.map((r) => r.url), groups.slice(i, i + 1000),
      ],
    );
  }
}

@Injectable()
export class CatalogueService implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly standards: StandardsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The catalogue is reference data every installation needs (the gate on
   * proposeStandard is blind without it), so unlike the sample drafts it is
   * loaded whenever the table is empty, whatever SEED_STANDARDS says.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!existsSync(CATALOGUE_FILE)) return;
    // Loaded before: the file need not be read (loadIfEmpty checks again under its lock).
    const [any] = await this.dataSource.query('SELECT 1 FROM external_standard LIMIT 1');
    if (any) return;
    const loaded = await this.loadIfEmpty(readCatalogue(CATALOGUE_FILE));
    if (loaded) rootLogger.info({ entries: loaded }, 'external catalogue loaded');
  }

  /** In one transaction under an advisory lock, so replicas starting together load it once. */
  async loadIfEmpty(rows: CatalogueRow[], m?: EntityManager): Promise<number> {
    const run = async (tx: EntityManager) => {
      await tx.query('SELECT pg_advisory_xact_lock(7405103)');
      const [any] = await tx.query('SELECT 1 FROM external_standard LIMIT 1');
      if (any) return 0;
      await insertCatalogue(tx, rows);
      return rows.length;
    };
    return m ? run(m) : this.dataSource.transaction(run);
  }

  list(_caller: Caller, args: { body?: StandardsBody | null; text?: string | null; first?: number | null; after?: string | null }): Promise<ExternalStandardEntity[]> {
    const qb = this.dataSource.getRepository(ExternalStandardEntity).createQueryBuilder('e');
    if (args.body) qb.andWhere('e.body = :body', { body: args.body });
    const text = args.text?.trim();
    if (text) {
      if (text.length > 200) throw badInput('text', 'text must be at most 200 characters.');
      qb.andWhere(
        `(e.search @@ websearch_to_tsquery('english', :text) OR e.designation ILIKE :like OR e.title ILIKE :like)`,
        { text, like: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` },
      );
    }
    return pageAfterId(qb, 'external_standard', (a) => [`${a}.body`, `${a}.designation`, `${a}.id`], args).getMany();
  }

  byIds(ids: readonly string[]): Promise<ExternalStandardEntity[]> {
    return this.dataSource.getRepository(ExternalStandardEntity).findBy({ id: In([...ids]) });
  }

  byTwinGroups(groups: readonly string[]): Promise<ExternalStandardEntity[]> {
    return this.dataSource.getRepository(ExternalStandardEntity).find({ where: { twinGroup: In([...groups]) }, order: { designation: 'ASC' } });
  }

  relationsOf(standardIds: readonly string[]): Promise<StandardRelationEntity[]> {
    return this.dataSource.getRepository(StandardRelationEntity).find({
      where: { standardId: In([...standardIds]) }, order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async add(
    caller: Caller,
    input: { body: StandardsBody; designation: string; title: string; scope?: string | null; url?: string | null; equivalentTo?: string | null },
  ): Promise<ExternalStandardEntity> {
    const designation = input.designation.trim();
    const title = input.title.trim();
    if (!designation) throw badInput('designation', 'designation must not be blank.');
    if (!title) throw badInput('title', 'title must not be blank.');
    return this.dataSource.transaction(async (m) => {
      let twinGroup: string | undefined;
      if (input.equivalentTo) {
        const twin = await m.findOneBy(ExternalStandardEntity, { id: input.equivalentTo });
        if (!twin) throw notFound('external standard', input.equivalentTo);
        twinGroup = twin.twinGroup;
      }
      // The unique index (body, lower(designation)) settles a race; graphql-errors maps 23505 to CONFLICT.
      const [taken] = await m.query(`SELECT 1 FROM external_standard WHERE body = $1 AND lower(designation) = lower($2)`, [input.body, designation]);
      if (taken) throw conflict(`${input.body} ${designation} is in the catalogue already.`);
      const entity = await m.save(
        m.create(ExternalStandardEntity, {
          body: input.body, designation, title, scope: input.scope?.trim() || null, url: input.url?.trim() || null, ...(twinGroup ? { twinGroup } : {}),
        }),
      );
      await this.audit.record(m, caller, {
        action: 'external_standard.added', entityType: 'ExternalStandard', entityId: entity.id,
        detail: `${input.body} ${designation} "${title}" added to the catalogue`,
      });
      return m.findOneByOrFail(ExternalStandardEntity, { id: entity.id });
    });
  }

  async relate(
    caller: Caller,
    input: { standardId: string; externalId: string; kind: RelationKind; note?: string | null },
  ): Promise<StandardRelationEntity> {
    return this.dataSource.transaction(async (m) => {
      const standard = await this.standards.lockVisible(caller, input.standardId, m);
      if (!hasRole(caller, Role.SECRETARIAT) && !(await this.standards.isEditor(m, standard.id, caller.id))) {
        throw forbidden(`Only the editors of ${standard.designation} and the secretariat may relate it to other standards.`);
      }
      const external = await m.findOneBy(ExternalStandardEntity, { id: input.externalId });
      if (!external) throw notFound('external standard', input.externalId);
      const [existing] = await m.query(`SELECT kind FROM standard_relation WHERE standard_id = $1 AND external_id = $2`, [standard.id, external.id]);
      if (existing) throw conflict(`${standard.designation} is related to ${external.body} ${external.designation} already (${existing.kind}).`);
      const relation = await m.save(
        m.create(StandardRelationEntity, {
          standardId: standard.id, externalId: external.id, kind: input.kind, note: input.note?.trim() || null, createdBy: caller.id,
        }),
      );
      await this.audit.record(m, caller, {
        action: 'standard.related', entityType: 'Standard', entityId: standard.id,
        detail: `${standard.designation} ${input.kind} ${external.body} ${external.designation}` + (relation.note ? `: ${relation.note}` : ''),
      });
      return relation;
    });
  }
}
