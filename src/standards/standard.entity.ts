import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum StandardStatus {
  PROPOSED = 'PROPOSED',
  DRAFTING = 'DRAFTING',
  IN_RATIFICATION = 'IN_RATIFICATION',
  PROMULGATED = 'PROMULGATED',
  CANCELLED = 'CANCELLED',
  /** A promulgated standard replaced by another (supersededBy). */
  SUPERSEDED = 'SUPERSEDED',
}

/**
 * The NATO names of the stages a standard passes through, one per status:
 * a proposal, study drafts while the text is written and commented, the
 * ratification draft the nations ballot, then the promulgated document.
 */
export enum StandardStage {
  PROPOSAL = 'PROPOSAL',
  STUDY_DRAFT = 'STUDY_DRAFT',
  RATIFICATION_DRAFT = 'RATIFICATION_DRAFT',
  PROMULGATED = 'PROMULGATED',
  CANCELLED = 'CANCELLED',
  SUPERSEDED = 'SUPERSEDED',
}

export const STAGE_OF: Record<StandardStatus, StandardStage> = {
  PROPOSED: StandardStage.PROPOSAL,
  DRAFTING: StandardStage.STUDY_DRAFT,
  IN_RATIFICATION: StandardStage.RATIFICATION_DRAFT,
  PROMULGATED: StandardStage.PROMULGATED,
  CANCELLED: StandardStage.CANCELLED,
  SUPERSEDED: StandardStage.SUPERSEDED,
};

export enum Visibility {
  NATIONS = 'NATIONS',
  INDUSTRY = 'INDUSTRY',
  PUBLIC = 'PUBLIC',
}

/**
 * SQL for the page address of a designation: white space runs become hyphens,
 * compared without case. The column standard.slug is this, and unique.
 */
export const slugSql = (expr: string) => `lower(regexp_replace(btrim(${expr}), '\\s+', '-', 'g'))`;

@Entity('standard')
export class StandardEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() designation: string;
  @Column() title: string;
  @Column() scope: string;
  /** Written only by StandardLifecycle. */
  @Column({ type: 'text', insert: false, update: false }) status: StandardStatus;
  @Column({ type: 'text' }) visibility: Visibility;
  @Column({ name: 'overlap_justification', type: 'text', nullable: true }) overlapJustification: string | null;
  @Column({ name: 'proposer_id', type: 'uuid', nullable: true }) proposerId: string | null;
  /** The covering STANAG ("STANAG 4790") of an Allied Publication, when there is one. */
  @Column({ type: 'text', nullable: true }) stanag: string | null;
  /** Set with the status by StandardLifecycle: CANCELLED carries its date and reason, SUPERSEDED its replacement. */
  @Column({ name: 'cancelled_at', type: 'timestamptz', insert: false, update: false }) cancelledAt: Date | null;
  @Column({ name: 'cancellation_reason', type: 'text', insert: false, update: false }) cancellationReason: string | null;
  @Column({ name: 'superseded_by', type: 'uuid', insert: false, update: false }) supersededById: string | null;
  @Column({ name: 'superseded_at', type: 'timestamptz', insert: false, update: false }) supersededAt: Date | null;
  @Column({ name: 'supersession_reason', type: 'text', insert: false, update: false }) supersessionReason: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false }) updatedAt: Date;
}

@Entity('standard_editor')
export class StandardEditorEntity {
  @PrimaryColumn({ name: 'standard_id', type: 'uuid' }) standardId: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
}
