import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum StandardsBody {
  ECSS = 'ECSS',
  CEN = 'CEN',
  CENELEC = 'CENELEC',
  ETSI = 'ETSI',
  ISO = 'ISO',
  CCSDS = 'CCSDS',
  EU = 'EU',
  NATO = 'NATO',
  OTHER = 'OTHER',
}

export enum RelationKind {
  ADOPTS = 'ADOPTS',
  EQUIVALENT_TO = 'EQUIVALENT_TO',
  PROFILES = 'PROFILES',
  REFERENCES = 'REFERENCES',
  OVERLAPS = 'OVERLAPS',
}

@Entity('external_standard')
export class ExternalStandardEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) body: StandardsBody;
  @Column() designation: string;
  @Column() title: string;
  @Column({ type: 'text', nullable: true }) scope: string | null;
  @Column({ type: 'text', nullable: true }) url: string | null;
  @Column({ name: 'twin_group', type: 'uuid' }) twinGroup: string;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false }) createdAt: Date;
}

@Entity('standard_relation')
export class StandardRelationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'standard_id', type: 'uuid' }) standardId: string;
  @Column({ name: 'external_id', type: 'uuid' }) externalId: string;
  @Column({ type: 'text' }) kind: RelationKind;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false }) createdAt: Date;
}
