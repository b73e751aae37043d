import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum StandardStatus {
  PROPOSED = 'PROPOSED',
  DRAFTING = 'DRAFTING',
  IN_RATIFICATION = 'IN_RATIFICATION',
  PROMULGATED = 'PROMULGATED',
  CANCELLED = 'CANCELLED',
}

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
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false }) updatedAt: Date;
}

@Entity('standard_editor')
export class StandardEditorEntity {
  @PrimaryColumn({ name: 'standard_id', type: 'uuid' }) standardId: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
}
