import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller } from '../common/caller';
import { badInput } from '../common/errors';
import { Page, paginate } from '../common/pagination';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
import { AuditEventEntity } from './audit-event.entity';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  detail: string;
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
  constructor(private readonly dataSource: DataSource) {}

  /** Written with the caller's transaction, so the record and the change land together or not at all. */
  async record(manager: EntityManager, actor: Pick<Caller, 'id'> | null, entry: AuditEntry): Promise<void> {
    await manager.insert(AuditEventEntity, { actorId: actor?.id ?? null, ...entry });
  }

  /** Newest first. Callers are SECRETARIAT or ADMIN (declared on the resolver). */
  async list(_caller: Caller, args: AuditFilter & { first?: number | null; after?: string | null }): Promise<Page<AuditEventEntity>> {
    return paginate(this.filtered(args), args, { columns: ['e.id'], values: (e) => [e.id], direction: 'DESC' });
  }

  /** Every event the filter matches, newest first, up to `limit`: the export. */
  all(_caller: Caller, filter: AuditFilter, limit = 50_000): Promise<AuditEventEntity[]> {
    return this.filtered(filter).orderBy('e.id', 'DESC').limit(limit).getMany();
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
}
