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
    AWAITING_DECISION: { description: 'Past closesAt short of the threshold, opened with AWAIT_DECISION: the secretariat extends it or closes it as FAILED.' },
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
  valuesMap: {
    FAIL: { description: 'FAILED at closesAt by the database clock, with nobody acting (the default).' },
    AWAIT_DECISION: { description: 'Held at closesAt as AWAITING_DECISION until the secretariat extends it (extendBallot) or closes it as FAILED (closeBallot).' },
  },
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
  @Field({ description: 'The reservation as the nation wrote it.' }) text: string;
}

/** A live response (from ballot_response) or one frozen in an edition's snapshot. */
@ObjectType('NationalResponse', { description: "A nation's current ratification response on a ballot, with its revision count." })
export class NationalResponseModel {
  ballotId: string;
  nationCode: string;
  castById: string;
  @Field(() => RatificationResponse, { description: 'The nation\'s ratification response.' }) response: RatificationResponse;
  @Field(() => [ReservationModel], { description: 'The nation\'s reservations; empty when it has none.' }) reservations: ReservationModel[];
  @Field(() => Date, { nullable: true, description: 'By when the nation will implement; given with RATIFIED_FUTURE_IMPLEMENTATION.' }) implementationDate: Date | null;
  @Field(() => String, { nullable: true, description: 'The national document that ratifies or implements the standard.' }) nationalReference: string | null;
  @Field({ description: 'When this revision was cast, by the database clock.' }) castAt: Date;
  @Field(() => Int, { description: '1 for the first response, +1 each time the nation changes it before the close.' })
  revision: number;
}

@ObjectType('Tally', { description: 'The count of responses of a ballot against its threshold.' })
export class TallyModel {
  @Field(() => Int, { description: 'Nations that may respond: the Allies.' }) eligible: number;
  @Field(() => Int, { description: 'Nations that have responded.' }) responded: number;
  @Field(() => Int, { description: 'Responses with one of the three RATIFIED_* values; these count towards the threshold.' }) ratifying: number;
  @Field(() => Int, { description: 'NOT_RATIFYING responses.' }) notRatifying: number;
  @Field(() => Int, { description: 'NOT_PARTICIPATING responses.' }) notParticipating: number;
  @Field(() => Int, { description: 'Responses with at least one reservation.' }) withReservations: number;
  @Field(() => [NationModel], { description: 'Allies that have not responded yet.' }) pending: NationModel[];
  @Field(() => Int, { description: 'Ratifying responses needed to pass.' }) threshold: number;
  @Field({ description: 'ratifying has reached threshold.' }) thresholdMet: boolean;
}

@ObjectType('Ballot', { description: "A ratification ballot on one version of a standard: the nations' responses, the tally against the threshold, and the outcome." })
export class BallotModel {
  @Field(() => ID, { description: 'The ballot\'s id.' }) id: string;
  standardId: string;
  versionId: string;
  @Field({ description: 'When delegates may start responding.' }) opensAt: Date;
  @Field({ description: 'The deadline for responses, by the database clock; later after an extension.' }) closesAt: Date;
  @Field(() => Int, { description: 'Ratifying nations needed for promulgation.' }) threshold: number;
  @Field(() => BallotStatus, { description: 'SCHEDULED, OPEN, CLOSED or AWAITING_DECISION, by the database clock.' }) status: BallotStatus;
  @Field(() => BallotOutcome, { description: 'PENDING until the ballot closes, then PASSED or FAILED.' }) outcome: BallotOutcome;
  @Field(() => BallotShortfall, { description: 'What happens when closesAt passes short of the threshold.' }) onShortfall: BallotShortfall;
  @Field(() => Date, { nullable: true, description: 'When the outcome was decided: the early close, or closesAt.' })
  closedAt: Date | null;
}

/** A dated, audited extension of a ballot's period; immutable. */
@ObjectType('BallotExtension', { description: 'A dated, audited extension of a ballot\'s period by the secretariat; immutable.' })
export class BallotExtensionModel {
  @Field(() => ID, { description: 'The extension\'s id.' }) id: string;
  ballotId: string;
  extendedById: string;
  @Field({ description: 'The deadline before this extension.' }) previousClosesAt: Date;
  @Field({ description: 'The new deadline this extension set.' }) closesAt: Date;
  @Field({ description: 'Why the period was extended, 1 to 2000 characters.' }) reason: string;
  @Field({ description: 'When the extension was recorded, by the database clock.' }) extendedAt: Date;
}
