import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum ConformanceLevel {
  CONFORMANT = 'CONFORMANT',
  PARTIAL = 'PARTIAL',
  NON_CONFORMANT = 'NON_CONFORMANT',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

/** Written only by ConformanceService.setConformance, as an upsert per (product, standard, key). */
@Entity('conformance_claim')
export class ConformanceClaimEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'product_id', type: 'uuid' }) productId: string;
  @Column({ name: 'standard_id', type: 'uuid' }) standardId: string;
  @Column({ name: 'requirement_key' }) requirementKey: string;
  @Column({ name: 'version_id', type: 'uuid' }) versionId: string;
  @Column({ type: 'text' }) level: ConformanceLevel;
  @Column({ type: 'text', nullable: true }) evidence: string | null;
  /** The PICS "values supported" column: ranges, options or parameters the product supports. */
  @Column({ name: 'values_supported', type: 'text', nullable: true }) valuesSupported: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false }) updatedAt: Date;
}
