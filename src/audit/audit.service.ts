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
  async list(caller: Caller, args: { entityId?: string | null; first?: number | null; after?: string | null }): Promise<Page<AuditEventEntity>> {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e').where('true');
    if (args.entityId) qb.andWhere('e.entityId = :entityId', { entityId: args.entityId });
    [...this.policies].forEach(([type, policy], i) => {
      const visible = policy.visible?.(caller) ?? true;
      if (visible === true) return;
      const kind = { [`auditType${i}`]: type };
      if (visible === false) qb.andWhere(`e.entity_type <> :auditType${i}`, kind);
      else qb.andWhere(`(e.entity_type <> :auditType${i} OR (${visible.sql}))`, { ...kind, ...visible.params });
    });
    const page = await paginate(qb, args, { columns: ['e.id'], values: (e) => [e.id], direction: 'DESC' });
    for (const { node } of page.edges) {
      const policy = this.policies.get(node.entityType);
      if (node.summary !== null && policy?.readsDetail && !policy.readsDetail(caller)) node.detail = node.summary;
    }
    return page;
  }
}
