import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NationModel } from '../../accounts/models/nation.model';
import { BallotOutcome, BallotShortfall, BallotStatus, RatificationResponse } from '../ballot.entity';

registerEnumType(BallotStatus, { name: 'BallotStatus' });
registerEnumType(BallotOutcome, { name: 'BallotOutcome' });
registerEnumType(BallotShortfall, {
  name: 'BallotShortfall',
  description: 'What a ballot short of its threshold at closesAt becomes: FAIL (the default) or AWAIT_DECISION by the secretariat (extend or close).',
});
registerEnumType(RatificationResponse, { name: 'RatificationResponse' });

@ObjectType('Reservation')
export class ReservationModel {
  @Field(() => String, { nullable: true, description: 'Clause the reservation applies to; null for the whole document.' })
  clause: string | null;
  @Field() text: string;
}

/** A live response (from ballot_response) or one frozen in an edition's snapshot. */
@ObjectType('NationalResponse')
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

@ObjectType('Tally')
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

@ObjectType('Ballot')
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
