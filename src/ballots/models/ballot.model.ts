import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NationModel } from '../../accounts/models/nation.model';
import { BallotOutcome, BallotShortfall, BallotStatus, RatificationResponse } from '../ballot.entity';

registerEnumType(BallotStatus, {
  name: 'BallotStatus',
  description: "Where a ballot stands by the database clock: before opensAt, between opensAt and closesAt (unless closed early), after.",
  valuesMap: {
    SCHEDULED: { description: "Not open yet: opensAt is in the future." },
    OPEN: { description: "Delegates may cast and change their nation's response until closesAt." },
    CLOSED: { description: "Past closesAt or closed early by the secretariat; responses are final." },
  },
});
registerEnumType(BallotOutcome, {
  name: 'BallotOutcome',
  description: "The decision of a ballot, taken when it closes.",
  valuesMap: {
    PENDING: { description: "Not decided yet: the ballot has not closed." },
    PASSED: { description: "Ratifying responses (the three RATIFIED_* values) reached the threshold; the secretariat may publish the edition." },
    FAILED: { description: "Fewer ratifying responses than the threshold; the standard returns to DRAFTING." },
  },
});
registerEnumType(BallotShortfall, {
  name: 'BallotShortfall',
  description: 'What a ballot short of its threshold at closesAt becomes: FAIL (the default) or AWAIT_DECISION by the secretariat (extend or close).',
});
registerEnumType(RatificationResponse, {
  name: 'RatificationResponse',
  description: "A nation's ratification response, as in NATO's standardization procedure.",
  valuesMap: {
    RATIFIED_IMPLEMENTING: { description: "Ratifies and implements the standard now." },
    RATIFIED_FUTURE_IMPLEMENTATION: { description: "Ratifies and will implement it by implementationDate." },
    RATIFIED_NOT_IMPLEMENTING: { description: "Ratifies without implementing it." },
    NOT_RATIFYING: { description: "Does not ratify; does not count towards the threshold." },
    NOT_PARTICIPATING: { description: "Takes no part in this standard; does not count towards the threshold." },
  },
});

@ObjectType('Reservation', { description: "A nation's reservation on a clause (or the whole standard) in its ratification response." })
export class ReservationModel {
  @Field(() => String, { nullable: true, description: 'Clause the reservation applies to; null for the whole document.' })
  clause: string | null;
  @Field() text: string;
}

/** A live response (from ballot_response) or one frozen in an edition's snapshot. */
@ObjectType('NationalResponse', { description: "A nation's current ratification response on a ballot, with its revision count." })
export class NationalResponseModel {
  ballotId: string;
  nationCode: string;
  castById: string;
  @Field(() => RatificationResponse) response: RatificationResponse;
  @Field(() => [ReservationModel]) reservations: ReservationModel[];
  @Field(() => Date, { nullable: true }) implementationDate: Date | null;
  @Field(() => String, { nullable: true }) nationalReference: string | null;
  @Field() castAt: Date;
  @Field(() => Int, { description: '1 for the first response, +1 each time the nation changes it before the close.' })
  revision: number;
}

@ObjectType('Tally', { description: 'The count of responses of a ballot against its threshold.' })
export class TallyModel {
  @Field(() => Int) eligible: number;
  @Field(() => Int) responded: number;
  @Field(() => Int) ratifying: number;
  @Field(() => Int) notRatifying: number;
  @Field(() => Int) notParticipating: number;
  @Field(() => Int) withReservations: number;
  @Field(() => [NationModel]) pending: NationModel[];
  @Field(() => Int) threshold: number;
  @Field() thresholdMet: boolean;
}

@ObjectType('Ballot', { description: "A ratification ballot on one version of a standard: the nations' responses, the tally against the threshold, and the outcome." })
export class BallotModel {
  @Field(() => ID) id: string;
  standardId: string;
  versionId: string;
  @Field() opensAt: Date;
  @Field() closesAt: Date;
  @Field(() => Int, { description: 'Ratifying nations needed for promulgation.' }) threshold: number;
  @Field(() => BallotStatus) status: BallotStatus;
  @Field(() => BallotOutcome) outcome: BallotOutcome;
  @Field(() => BallotShortfall) onShortfall: BallotShortfall;
  @Field(() => Date, { nullable: true, description: 'When the outcome was decided: the early close, or closesAt.' })
  closedAt: Date | null;
}

/** A dated, audited extension of a ballot's period; immutable. */
@ObjectType('BallotExtension')
export class BallotExtensionModel {
  @Field(() => ID) id: string;
  ballotId: string;
  extendedById: string;
  @Field() previousClosesAt: Date;
  @Field() closesAt: Date;
  @Field() reason: string;
  @Field({ description: 'When the extension was recorded, by the database clock.' }) extendedAt: Date;
}
