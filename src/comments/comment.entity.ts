import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum CommentType {
  GENERAL = 'GENERAL',
  TECHNICAL = 'TECHNICAL',
  EDITORIAL = 'EDITORIAL',
}
export enum CommentStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
}
export enum Disposition {
  ACCEPTED = 'ACCEPTED',
  ACCEPTED_IN_PRINCIPLE = 'ACCEPTED_IN_PRINCIPLE',
  REJECTED = 'REJECTED',
  NOTED = 'NOTED',
}
export enum RoundStatus {
  SCHEDULED = 'SCHEDULED',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/** A round as read with its status computed against the database clock (see CommentsService.roundSql). */
export interface CommentRoundRow {
  id: string;
  standardId: string;
  versionId: string;
  title: string;
  opensAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  status: RoundStatus;
}

/** Submitted comments never change their words (database trigger); only the adjudication is written. */
@Entity('comment')
export class CommentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'round_id', type: 'uuid' }) roundId: string;
  @Column({ name: 'nation_code', type: 'char', length: 3 }) nationCode: string;
  @Column({ name: 'author_id', type: 'uuid' }) authorId: string;
  @Column({ type: 'text', nullable: true }) clause: string | null;
  @Column({ name: 'clause_key', type: 'text' }) clauseKey: string;
  @Column({ name: 'line_from', type: 'int', nullable: true }) lineFrom: number | null;
  @Column({ name: 'line_to', type: 'int', nullable: true }) lineTo: number | null;
  @Column({ name: 'line_key', type: 'int', insert: false, update: false }) lineKey: number;
  @Column({ type: 'text', nullable: true }) paragraph: string | null;
  @Column({ type: 'text', nullable: true }) quote: string | null;
  @Column({ type: 'text' }) type: CommentType;
  @Column({ type: 'text' }) body: string;
  @Column({ name: 'proposed_change', type: 'text', nullable: true }) proposedChange: string | null;
  @Column({ type: 'text' }) status: CommentStatus;
  @Column({ type: 'text', nullable: true }) disposition: Disposition | null;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
  @Column({ name: 'resolved_in_version_id', type: 'uuid', nullable: true }) resolvedInVersionId: string | null;
  /** FR-001: given at submission, per nation and round, never changed (trigger comment_submitted_fixed). */
  @Column({ type: 'text', nullable: true, insert: false }) number: string | null;
  /** "Observations of the secretariat" as an imported template carried them. */
  @Column({ type: 'text', nullable: true }) observations: string | null;
  /** Insertion order, the last tie-breaker of the resolution order. */
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('national_submission')
export class NationalSubmissionEntity {
  @PrimaryColumn({ name: 'round_id', type: 'uuid' }) roundId: string;
  @PrimaryColumn({ name: 'nation_code', type: 'char', length: 3 }) nationCode: string;
  @Column({ name: 'submitted_by', type: 'uuid' }) submittedBy: string;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @Column({ name: 'comment_count', type: 'int' }) commentCount: number;
}
