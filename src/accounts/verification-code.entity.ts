import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CodePurpose = 'VERIFY_EMAIL' | 'RESET_PASSWORD';

/** One live code per user and purpose; only its HMAC is stored. */
@Entity('verification_code')
export class VerificationCodeEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @PrimaryColumn({ type: 'text' }) purpose: CodePurpose;
  @Column({ name: 'code_hash' }) codeHash: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'failed_attempts', type: 'int' }) failedAttempts: number;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt: Date | null;
}
