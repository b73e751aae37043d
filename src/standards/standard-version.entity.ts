import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Obligation, PicsStatus } from './text/document';
import type { ChangeKind } from './text/keys';

/** Immutable (database triggers). The text is the concatenation of its blocks. */
@Entity('standard_version')
export class StandardVersionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'standard_id', type: 'uuid' }) standardId: string;
  @Column({ type: 'int' }) number: number;
  @Column({ type: 'text', nullable: true }) label: string | null;
  @Column({ type: 'text', nullable: true }) summary: string | null;
  @Column({ name: 'author_id', type: 'uuid' }) authorId: string;
  @Column({ name: 'based_on_id', type: 'uuid', nullable: true }) basedOnId: string | null;
  @Column({ name: 'content_hash', type: 'char', length: 64 }) contentHash: string;
  @Column({ type: 'char', length: 64, array: true, select: false }) blocks: string[];
  @Column({ name: 'byte_length', type: 'int' }) byteLength: number;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false }) createdAt: Date;
}

@Entity('requirement')
export class RequirementEntity {
  @PrimaryColumn({ name: 'version_id', type: 'uuid' }) versionId: string;
  @PrimaryColumn() key: string;
  @Column() clause: string;
  @Column({ type: 'text' }) obligation: Obligation;
  @Column() text: string;
  @Column({ type: 'int' }) line: number;
  @Column({ type: 'text' }) change: Exclude<ChangeKind, 'REMOVED'>;
  @Column({ type: 'text' }) identifier: string;
  @Column({ type: 'text', nullable: true }) status: PicsStatus | null;
  @Column({ type: 'text', nullable: true }) condition: string | null;
  /** Position in the document, for ordering. */
  @Column({ type: 'int' }) ord: number;
}
