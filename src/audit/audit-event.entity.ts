import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only: the database refuses UPDATE, DELETE and TRUNCATE on this table,
 * and chains every row to the one before it at commit (seq, prev_hash, hash;
 * see migrations/1764000600000-AuditChain.ts and audit-chain.ts).
 */
@Entity('audit_event')
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'timestamptz', insert: false }) at: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column() action: string;
  @Column({ name: 'entity_type' }) entityType: string;
  @Column({ name: 'entity_id' }) entityId: string;
  @Column() detail: string;
  /** Set on events about a nation's DRAFT comments: that nation's business until it submits. */
  @Column({ name: 'nation_code', type: 'char', length: 3, nullable: true }) nationCode: string | null;
  /** What a reader who may not see the detail reads instead; null when the detail is for every reader of the event. */
  @Column({ type: 'text', nullable: true }) summary: string | null;
}
