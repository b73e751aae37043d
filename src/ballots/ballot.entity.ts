import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum BallotStatus {
  SCHEDULED = 'SCHEDULED',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  /** closesAt has passed short of the threshold, on a ballot opened with AWAIT_DECISION: the secretariat extends it or closes it as FAILED. */
  AWAITING_DECISION = 'AWAITING_DECISION',
}

/** What a ballot short of its threshold at closesAt becomes. */
export enum BallotShortfall {
  /** FAILED at closesAt, decided by the database clock with nobody acting (the default). */
  FAIL = 'FAIL',
  /** Held at closesAt as AWAITING_DECISION until the secretariat extends it (extendBallot) or closes it as FAILED (closeBallot). */
  AWAIT_DECISION = 'AWAIT_DECISION',
}

export enum BallotOutcome {
  PENDING = 'PENDING',
  PASSED = 'PASSED',
  FAILED = 'FAILED',
}

export enum RatificationResponse {
  RATIFIED_IMPLEMENTING = 'RATIFIED_IMPLEMENTING',
  RATIFIED_FUTURE_IMPLEMENTATION = 'RATIFIED_FUTURE_IMPLEMENTATION',
  RATIFIED_NOT_IMPLEMENTING = 'RATIFIED_NOT_IMPLEMENTING',
  NOT_RATIFYING = 'NOT_RATIFYING',
  NOT_PARTICIPATING = 'NOT_PARTICIPATING',
}

/** The three responses that count towards the threshold. */
export const RATIFYING: readonly RatificationResponse[] = [
  RatificationResponse.RATIFIED_IMPLEMENTING,
  RatificationResponse.RATIFIED_FUTURE_IMPLEMENTATION,
  RatificationResponse.RATIFIED_NOT_IMPLEMENTING,
];

export interface ReservationValue {
  clause: string | null;
  text: string;
}

/**
 * The status is not stored: it follows from opens_at, closes_at and
 * closed_at against the database clock (BallotsService reads it in SQL).
 */
@Entity('ballot')
export class BallotEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'standard_id', type: 'uuid' }) standardId: string;
  @Column({ name: 'version_id', type: 'uuid' }) versionId: string;
  @Column({ name: 'opens_at', type: 'timestamptz' }) opensAt: Date;
  @Column({ name: 'closes_at', type: 'timestamptz' }) closesAt: Date;
  @Column({ type: 'int' }) threshold: number;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'text' }) outcome: BallotOutcome;
  @Column({ name: 'opened_by', type: 'uuid' }) openedBy: string;
  @Column({ name: 'on_shortfall', type: 'text' }) onShortfall: BallotShortfall;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false }) createdAt: Date;
}

/** One row per nation per ballot (the primary key); revision counts the nation's changes. */
@Entity('ballot_response')
export class BallotResponseEntity {
  @PrimaryColumn({ name: 'ballot_id', type: 'uuid' }) ballotId: string;
  @PrimaryColumn({ name: 'nation_code', type: 'char', length: 3 }) nationCode: string;
  @Column({ type: 'text' }) response: RatificationResponse;
  @Column({ type: 'jsonb' }) reservations: ReservationValue[];
  @Column({ name: 'implementation_date', type: 'timestamptz', nullable: true }) implementationDate: Date | null;
  @Column({ name: 'national_reference', type: 'text', nullable: true }) nationalReference: string | null;
  @Column({ name: 'cast_by', type: 'uuid' }) castById: string;
  @Column({ name: 'cast_at', type: 'timestamptz' }) castAt: Date;
  @Column({ type: 'int' }) revision: number;
}
