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
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
