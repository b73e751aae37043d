import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, ManyToOne, JoinColumn, PrimaryColumn } from 'typeorm';
import { Role } from '../common/caller';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Always stored lower-case; unique. */
  @Column() email: string;
  @Column({ name: 'password_hash', select: false }) passwordHash: string;
  @Column({ name: 'display_name' }) displayName: string;
  @Column({ name: 'nation_code', type: 'char', length: 3, nullable: true }) nationCode: string | null;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId: string | null;
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true }) emailVerifiedAt: Date | null;
  /** Set while an ADMIN has deactivated the account: it cannot sign in and its sessions have ended. */
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true }) deactivatedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @OneToMany(() => UserRoleEntity, (r) => r.user) roleRows: UserRoleEntity[];

  get roles(): Role[] {
    return (this.roleRows ?? []).map((r) => r.role).sort();
  }
}

@Entity('user_role')
export class UserRoleEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @PrimaryColumn({ type: 'text' }) role: Role;
  @Column({ name: 'granted_at', type: 'timestamptz', insert: false }) grantedAt: Date;
  @ManyToOne(() => UserEntity, (u) => u.roleRows, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: UserEntity;
}
