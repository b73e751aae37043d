import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

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

/** Where a document stands on its publisher's list, as of ExternalStandardEntity.asOf. */
export enum ExternalStatus {
  CURRENT = 'CURRENT',
  /** Replaced by another document or a newer issue; the replacement is an external_link of kind REPLACES. */
  SUPERSEDED = 'SUPERSEDED',
  /** Withdrawn or cancelled with no replacement. */
  WITHDRAWN = 'WITHDRAWN',
}

/** How two catalogue documents relate: `from` ADOPTS `to` (an adoption notice, an EN of an ECSS standard); `from` REPLACES `to`. */
export enum ExternalLinkKind {
  ADOPTS = 'ADOPTS',
  REPLACES = 'REPLACES',
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
  @Column({ type: 'text', default: ExternalStatus.CURRENT }) status: ExternalStatus;
  /** The date the status was last checked against the publisher's list (YYYY-MM-DD). */
  @Column({ name: 'as_of', type: 'date', default: () => 'CURRENT_DATE' }) asOf: string;
  /** Year the issue named by the designation was published. */
  @Column({ type: 'int', nullable: true }) published: number | null;
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

@Entity('external_link')
export class ExternalLinkEntity {
  @PrimaryColumn({ name: 'from_id', type: 'uuid' }) fromId: string;
  @PrimaryColumn({ name: 'to_id', type: 'uuid' }) toId: string;
  @PrimaryColumn({ type: 'text' }) kind: ExternalLinkKind;
  /** ADOPTS only: the adopting document changes the adopted one (ECSS-U-AS-10C and ISO 24113), so they are not twins. */
  @Column({ type: 'boolean', default: false }) modified: boolean;
}
