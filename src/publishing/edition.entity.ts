import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RatificationResponse, ReservationValue } from '../ballots/ballot.entity';

export enum EditionStatus {
  IN_FORCE = 'IN_FORCE',
  SUPERSEDED = 'SUPERSEDED',
  /** Its standard was cancelled after promulgation. */
  CANCELLED = 'CANCELLED',
}

/** A national response as it stood at promulgation (dates as ISO strings, as JSON keeps them). */
export interface RatificationSnapshot {
  nationCode: string;
  nationName: string;
  response: RatificationResponse;
  reservations: ReservationValue[];
  implementationDate: string | null;
  nationalReference: string | null;
  castById: string;
  castAt: string;
  revision: number;
}

/** Immutable (trigger edition_guard) except the one step IN_FORCE -> SUPERSEDED or CANCELLED. */
@Entity('edition')
export class EditionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'standard_id', type: 'uuid' }) standardId: string;
  @Column({ name: 'version_id', type: 'uuid' }) versionId: string;
  @Column({ name: 'ballot_id', type: 'uuid' }) ballotId: string;
  @Column({ type: 'int' }) number: number;
  @Column() label: string;
  @Column({ type: 'text' }) status: EditionStatus;
  @Column({ name: 'promulgated_at', type: 'timestamptz' }) promulgatedAt: Date;
  @Column({ name: 'published_by', type: 'uuid' }) publishedById: string;
  @Column({ name: 'content_hash', type: 'char', length: 64 }) contentHash: string;
  @Column({ type: 'text' }) html: string;
  @Column({ type: 'jsonb' }) ratification: RatificationSnapshot[];
  /** Allied Publications: Version 1 of each ratified edition, then corrections promulgated without ratification. */
  @Column({ name: 'version_number', type: 'int', insert: false }) versionNumber: number;
  /** Null: effective on receipt. */
  @Column({ name: 'effective_date', type: 'date', nullable: true }) effectiveDate: string | null;
  /** Why this Version 2, 3 … was promulgated without ratification; null for Version 1. */
  @Column({ name: 'correction_reason', type: 'text', nullable: true }) correctionReason: string | null;
}

/** The letter of an Allied Publication's nth ratified edition: 1 -> A, 2 -> B, 27 -> AA. */
export function editionLetter(n: number): string {
  return n <= 26 ? String.fromCharCode(64 + n) : editionLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));
}

/**
 * NATO labels: a STANAG's editions are numbered ("STANAG 4790 Edition 1"), an
 * Allied Publication's are lettered and versioned ("AEDP-4607 Edition A
 * Version 1").
 */
export function editionLabel(designation: string, number: number, version: number): string {
  return /^STANAG\s/i.test(designation.trim())
    ? `${designation} Edition ${number}${version > 1 ? ` Version ${version}` : ''}`
    : `${designation} Edition ${editionLetter(number)} Version ${version}`;
}

/** Path of the public page; a designation's spaces become hyphens ("STANAG 4790" -> STANAG-4790). */
export const designationSlug = (designation: string) => designation.trim().replace(/\s+/g, '-');
export const editionUrl = (designation: string, number: number) =>
  `/standards/${encodeURIComponent(designationSlug(designation))}/editions/${number}`;
