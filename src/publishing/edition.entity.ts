import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RatificationResponse, ReservationValue } from '../ballots/ballot.entity';

export enum EditionStatus {
  IN_FORCE = 'IN_FORCE',
  SUPERSEDED = 'SUPERSEDED',
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

/** Immutable (trigger edition_guard) except the one step IN_FORCE -> SUPERSEDED. */
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
}

/** Path of the public page; a designation's spaces become hyphens ("STANAG 4790" -> STANAG-4790). */
export const designationSlug = (designation: string) => designation.trim().replace(/\s+/g, '-');
export const editionUrl = (designation: string, number: number) =>
  `/standards/${encodeURIComponent(designationSlug(designation))}/editions/${number}`;
