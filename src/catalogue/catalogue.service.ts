import { existsSync } from 'node:fs';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller, hasRole, Role } from '../common/caller';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { rootLogger } from '../common/logger';
import { pageAfterId } from '../common/pagination';
import { StandardsService } from '../standards/standards.service';
import { CATALOGUE_FILE, CatalogueRow, insertCatalogue, readCatalogue } from './catalogue-file';
import { ExternalLinkEntity, ExternalStandardEntity, ExternalStatus, RelationKind, StandardRelationEntity, StandardsBody } from './external-standard.entity';

export interface ExternalFields {
  body: StandardsBody;
  designation: string;
  title: string;
  scope?: string | null;
  url?: string | null;
}

/** An entry's fields trimmed and checked, for adding and editing alike. */
function externalFields(input: ExternalFields): Required<ExternalFields> {
  const designation = input.designation.trim();
  const title = input.title.trim();
  if (!designation) throw badInput('designation', 'designation must not be blank.');
  if (!title) throw badInput('title', 'title must not be blank.');
  return { body: input.body, designation, title, scope: input.scope?.trim() || null, url: input.url?.trim() || null };
}

/** One entry per body and designation, compared without case; the unique index (graphql-errors maps 23505 to CONFLICT) settles a race. */
async function requireFreeDesignation(m: EntityManager, e: { body: StandardsBody; designation: string }, except: string | null): Promise<void> {
  const [taken] = await m.query(
    `SELECT 1 FROM external_standard WHERE body = $1 AND lower(designation) = lower($2) AND id IS DISTINCT FROM $3`,
    [e.body, e.designation, except],
  );
  if (taken) throw conflict(`${e.body} ${e.designation} is in the catalogue already.`);
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

  list(
    _caller: Caller,
    args: { body?: StandardsBody | null; text?: string | null; first?: number | null; after?: string | null; status?: ExternalStatus | null },
  ): Promise<ExternalStandardEntity[]> {
    const qb = this.dataSource.getRepository(ExternalStandardEntity).createQueryBuilder('e');
    if (args.body) qb.andWhere('e.body = :body', { body: args.body });
    if (args.status) qb.andWhere('e.status = :status', { status: args.status });
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

  /** Every ADOPTS and REPLACES link with one of these entries at either end. */
  linksOf(ids: readonly string[]): Promise<ExternalLinkEntity[]> {
    return this.dataSource.getRepository(ExternalLinkEntity).find({
      where: [{ fromId: In([...ids]) }, { toId: In([...ids]) }],
    });
  }

  relationsOf(standardIds: readonly string[]): Promise<StandardRelationEntity[]> {
    return this.dataSource.getRepository(StandardRelationEntity).find({
      where: { standardId: In([...standardIds]) }, order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async add(caller: Caller, input: ExternalFields & { equivalentTo?: string | null }): Promise<ExternalStandardEntity> {
    const fields = externalFields(input);
    return this.dataSource.transaction(async (m) => {
      let twinGroup: string | undefined;
      if (input.equivalentTo) {
        const twin = await m.findOneBy(ExternalStandardEntity, { id: input.equivalentTo });
        if (!twin) throw notFound('external standard', input.equivalentTo);
        twinGroup = twin.twinGroup;
      }
      await requireFreeDesignation(m, fields, null);
      const entity = await m.save(m.create(ExternalStandardEntity, { ...fields, ...(twinGroup ? { twinGroup } : {}) }));
      await this.audit.record(m, caller, {
        action: 'external_standard.added', entityType: 'ExternalStandard', entityId: entity.id,
        detail: `${fields.body} ${fields.designation} "${fields.title}" added to the catalogue`,
      });
      return m.findOneByOrFail(ExternalStandardEntity, { id: entity.id });
    });
  }

  /**
   * Corrects an entry (a new title, a scope, a moved address). Relations and
   * twins follow the id, so they stay; the search columns are generated from
   * the row and follow too.
   */
  async update(caller: Caller, id: string, input: Partial<ExternalFields>): Promise<ExternalStandardEntity> {
    return this.dataSource.transaction(async (m) => {
      const entry = await m.findOne(ExternalStandardEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!entry) throw notFound('external standard', id);
      const next = externalFields({
        body: input.body ?? entry.body,
        designation: input.designation ?? entry.designation,
        title: input.title ?? entry.title,
        scope: input.scope === undefined ? entry.scope : input.scope,
        url: input.url === undefined ? entry.url : input.url,
      });
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== entry[k]);
      if (!changed.length) return entry;
      await requireFreeDesignation(m, next, entry.id);
      await m.update(ExternalStandardEntity, { id: entry.id }, next);
      await this.audit.record(m, caller, {
        action: 'external_standard.updated', entityType: 'ExternalStandard', entityId: entry.id,
        detail: `${entry.body} ${entry.designation}: ` +
          changed.map((k) => (k === 'scope' || k === 'title' ? `${k} changed` : `${k} ${entry[k] ?? '(none)'} → ${next[k] ?? '(none)'}`)).join(', '),
      });
      return m.findOneByOrFail(ExternalStandardEntity, { id: entry.id });
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
