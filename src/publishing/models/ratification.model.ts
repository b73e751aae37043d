import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RatificationResponse } from '../../ballots/ballot.entity';
import { ReservationModel } from '../../ballots/models/ballot.model';

export enum RatificationChangeKind {
  /** A nation that had not ratified at promulgation ratifies. */
  RATIFIED = 'RATIFIED',
  /** A ratifying nation's implementation status or date changes. */
  IMPLEMENTATION_CHANGED = 'IMPLEMENTATION_CHANGED',
  /** A ratifying nation withdraws one reservation. */
  RESERVATION_WITHDRAWN = 'RESERVATION_WITHDRAWN',
}

registerEnumType(RatificationChangeKind, {
  name: 'RatificationChangeKind',
  description: "What changed in a nation's ratification of an edition after promulgation.",
  valuesMap: {
    RATIFIED: { description: 'A nation that had not ratified at promulgation ratifies (ratifyEdition).' },
    IMPLEMENTATION_CHANGED: { description: "A ratifying nation's implementation status or date changes (changeImplementation)." },
    RESERVATION_WITHDRAWN: { description: 'A ratifying nation withdraws one reservation (withdrawReservation).' },
  },
});

/** One change to a nation's ratification after promulgation; immutable. The fields after kind are the state after it. */
@ObjectType('RatificationChange', { description: "One dated, audited change to a nation's ratification of an edition after promulgation; immutable. The fields after kind are the nation's state after it." })
export class RatificationChangeModel {
  @Field(() => ID, { description: 'The change\'s id.' }) id: string;
  ballotId: string;
  nationCode: string;
  changedById: string;
  @Field(() => Int, { description: '1, 2 … for each change of this nation on this edition.' }) sequence: number;
  @Field(() => RatificationChangeKind, { description: 'What kind of change this was.' }) kind: RatificationChangeKind;
  @Field(() => RatificationResponse, { description: 'The nation\'s response after the change (one of the RATIFIED_* values).' }) response: RatificationResponse;
  @Field(() => [ReservationModel], { description: 'The nation\'s reservations after the change.' }) reservations: ReservationModel[];
  @Field(() => Date, { nullable: true, description: 'The nation\'s implementation date after the change, if any.' }) implementationDate: Date | null;
  @Field(() => String, { nullable: true, description: 'The national ratifying or implementing document after the change, if any.' }) nationalReference: string | null;
  @Field(() => ReservationModel, { nullable: true, description: 'The reservation withdrawn, for RESERVATION_WITHDRAWN.' })
  withdrawnReservation: ReservationModel | null;
  @Field({ description: 'When the change was recorded, by the database clock.' }) changedAt: Date;
}

/** What a version of a standard's text was, by NATO's names: read from the ballots and editions that name it. */
export enum VersionStage {
  /** Written while drafting and commenting; never balloted. */
  STUDY_DRAFT = 'STUDY_DRAFT',
  /** The text the nations balloted. */
  RATIFICATION_DRAFT = 'RATIFICATION_DRAFT',
  /** A correction promulgated without ratification (Version 2, 3 … of an edition). */
  CORRECTION = 'CORRECTION',
}

registerEnumType(VersionStage, {
  name: 'VersionStage',
  description: "What a version of a standard's text was, by NATO's names, read from the ballots and editions that name it.",
  valuesMap: {
    STUDY_DRAFT: { description: 'Written while drafting and commenting; never balloted.' },
    RATIFICATION_DRAFT: { description: 'The text a ballot put to the nations.' },
    CORRECTION: { description: 'A correction promulgated without ratification (Version 2, 3 … of an edition).' },
  },
});
