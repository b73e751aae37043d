import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum JoinRequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

/** Written only through JoinRequestsService.transition (the status) and requestToJoin (the row). */
@Entity('join_request')
export class JoinRequestEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'applicant_id', type: 'uuid' }) applicantId: string;
  @Column() company: string;
  @Column({ name: 'nation_code', type: 'char', length: 3 }) nationCode: string;
  @Column() website: string;
  @Column() reason: string;
  @Column({ type: 'text' }) status: JoinRequestStatus;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason: string | null;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId: string | null;
  @Column({ name: 'founded_organization' }) foundedOrganization: boolean;
}
