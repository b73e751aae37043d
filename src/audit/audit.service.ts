import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller } from '../common/caller';
import { Page, paginate } from '../common/pagination';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  detail: string;
}

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Written with the caller's transaction, so the record and the change land together or not at all. */
  async record(manager: EntityManager, actor: Pick<Caller, 'id'> | null, entry: AuditEntry): Promise<void> {
    await manager.insert(AuditEventEntity, { actorId: actor?.id ?? null, ...entry });
  }

  /** Newest first. Callers are SECRETARIAT or ADMIN (declared on the resolver). */
  async list(_caller: Caller, args: { entityId?: string | null; first?: number | null; after?: string | null }): Promise<Page<AuditEventEntity>> {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (args.entityId) qb.where('e.entityId = :entityId', { entityId: args.entityId });
    return paginate(qb, args, { columns: ['e.id'], values: (e) => [e.id], direction: 'DESC' });
  }
}
