import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Caller } from '../common/caller';
import { badInput } from '../common/errors';
import { Page, paginate } from '../common/pagination';

import { AuditEventEntity } from './audit-event.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  detail: string;
  /** The nation whose DRAFT comments the event is about; until it submits, only its people read the event. */
  nationCode?: string | null;
  /** Read instead of detail by those whose subject's policy withholds the detail. */
  summary?: string | null;
}

/**
 * How the events about one kind of subject are read: the subject's own policy,
 * provided by the feature that owns it (the audit module knows no feature).
 */
export interface AuditReadPolicy {
  /** An SQL condition on the event row `e` under which the caller sees it; true or false for all of that kind. */
  visible?(caller: Caller): boolean | { sql: string; params?: Record<string, unknown> };
  /** Whether the caller reads the detail; otherwise it reads the summary. */
  readsDetail?(caller: Caller): boolean;
}

export interface AuditFilter {
  entityId?: string | null;
  entityType?: string | null;
  actorId?: string | null;
  action?: string | null;
  since?: Date | null;
  until?: Date | null;
}

@Injectable()
export class AuditService {
  private readonly policies = new Map<string, AuditReadPolicy>();

  constructor(private readonly dataSource: DataSource) {}

  /** Written with the caller's transaction, so the record and the change land together or not at all. */
  async record(manager: EntityManager, actor: Pick<Caller, 'id'> | null, entry: AuditEntry): Promise<void> {
    await manager.insert(AuditEventEntity, { actorId: actor?.id ?? null, ...entry });
  }

  /** Called by the module that owns the entity type, once at start. */
  definePolicy(entityType: string, policy: AuditReadPolicy): void {
    this.policies.set(entityType, policy);
  }

  /** Newest first, each event under its subject's policy. Callers are SECRETARIAT or ADMIN (declared on the resolver). */
  async list(caller: Caller, args: AuditFilter & { first?: number | null; after?: string | null }): Promise<Page<AuditEventEntity>> {
    const page = await paginate(this.visible(caller, this.filtered(args)), args, { columns: ['e.id'], values: (e) => [e.id], direction: 'DESC' });
    this.withholdDetails(caller, page.edges.map((e) => e.node));
    return page;
  }

  /** Every event the filter matches that the caller may read, newest first, up to `limit`: the export. */
  async all(caller: Caller, filter: AuditFilter, limit = 50_000): Promise<AuditEventEntity[]> {
    const rows = await this.visible(caller, this.filtered(filter)).orderBy('e.id', 'DESC').limit(limit).getMany();
    this.withholdDetails(caller, rows);
    return rows;
  }

  private filtered(f: AuditFilter) {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e').where('true');
    if (f.entityId) qb.andWhere('e.entityId = :entityId', { entityId: f.entityId });
    if (f.entityType) qb.andWhere('e.entityType = :entityType', { entityType: f.entityType });
    if (f.actorId && !UUID.test(f.actorId)) throw badInput('actorId', 'actorId must be a user id (a UUID).');
    if (f.actorId) qb.andWhere('e.actorId = :actorId', { actorId: f.actorId });
    // "ballot." matches every ballot action; "ballot.opened" just that one.
    if (f.action) qb.andWhere(`(e.action = :action OR e.action LIKE :prefix ESCAPE '\\')`, { action: f.action, prefix: `${f.action.replace(/[\\%_]/g, '\\$&').replace(/\.?$/, '.')}%` });
    if (f.since) qb.andWhere('e.at >= :since', { since: f.since });
    if (f.until) qb.andWhere('e.at < :until', { until: f.until });
    return qb;
  }

  /** Only the events whose subject's policy lets the caller see them. */
  private visible(caller: Caller, qb: SelectQueryBuilder<AuditEventEntity>): SelectQueryBuilder<AuditEventEntity> {
    [...this.policies].forEach(([type, policy], i) => {
      const visible = policy.visible?.(caller) ?? true;
      if (visible === true) return;
      const kind = { [`auditType${i}`]: type };
      if (visible === false) qb.andWhere(`e.entity_type <> :auditType${i}`, kind);
      else qb.andWhere(`(e.entity_type <> :auditType${i} OR (${visible.sql}))`, { ...kind, ...visible.params });
    });
    return qb;
  }

  /** Where the policy withholds the detail, the caller reads the summary instead. */
  private withholdDetails(caller: Caller, rows: AuditEventEntity[]): void {
    for (const row of rows) {
      const policy = this.policies.get(row.entityType);
      if (row.summary !== null && policy?.readsDetail && !policy.readsDetail(caller)) row.detail = row.summary;
    }
  }
}
