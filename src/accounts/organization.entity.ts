import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum OrganizationKind {
  SECRETARIAT = 'SECRETARIAT',
  NATIONAL_BODY = 'NATIONAL_BODY',
  VENDOR = 'VENDOR',
}

@Entity('organization')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ type: 'text' }) kind: OrganizationKind;
  @Column({ name: 'nation_code', type: 'char', length: 3, nullable: true }) nationCode: string | null;
  @Column({ type: 'text', nullable: true }) website: string | null;
  /** The provider agrees to appear in the public directory; set by its VENDOR_ADMIN. */
  @Column({ name: 'public_listing', default: false }) publicListing: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
