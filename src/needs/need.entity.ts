import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { MissionArea } from '../common/mission-area';

export enum NeedStatus {
  RAISED = 'RAISED',
  ACCEPTED = 'ACCEPTED',
  ADDRESSED = 'ADDRESSED',
  CLOSED = 'CLOSED',
  REJECTED = 'REJECTED',
}

export enum NeedPriority {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

/** Who may read a need: the Alliance only, also industry, or anyone (the front door). */
export enum NeedVisibility {
  NATIONS = 'NATIONS',
  INDUSTRY = 'INDUSTRY',
  PUBLIC = 'PUBLIC',
}

/** The fields an amendment may change: not the visibility (narrowing it would hide what others read already), nor the sharing nations. */
export enum NeedField {
  TITLE = 'TITLE',
  STATEMENT = 'STATEMENT',
  MISSION_AREA = 'MISSION_AREA',
  PRIORITY = 'PRIORITY',
}

@Entity('interoperability_need')
export class NeedEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'int', insert: false, update: false }) number: number;
  @Column() title: string;
  @Column() statement: string;
  @Column({ name: 'mission_area', type: 'text' }) missionArea: MissionArea;
  @Column({ type: 'text' }) priority: NeedPriority;
  @Column({ type: 'text' }) visibility: NeedVisibility;
  /** Written only by NeedLifecycle (and the trigger need_lifecycle holds the same table). */
  @Column({ type: 'text', insert: false, update: false }) status: NeedStatus;
  @Column({ name: 'rejection_reason', type: 'text', insert: false, update: false }) rejectionReason: string | null;
  /** How many amendments it has had (0 as raised); written only with a need_revision row (NeedsService.amend). */
  @Column({ type: 'int', insert: false, update: false }) revision: number;
  @Column({ name: 'raised_by', type: 'uuid' }) raisedById: string;
  @Column({ name: 'raised_by_nation', type: 'char', length: 3, nullable: true }) raisedByNation: string | null;
  /** Kept by the trigger need_support_count: the number of need_support rows. */
  @Column({ name: 'support_count', type: 'int', insert: false, update: false }) supportCount: number;
  @Column({ name: 'status_changed_at', type: 'timestamptz', insert: false, update: false }) statusChangedAt: Date;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false }) updatedAt: Date;
}

/** "NEED-12": how people cite a need. */
export const needReference = (n: { number: number }) => `NEED-${n.number}`;
