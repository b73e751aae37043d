import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MissionArea } from '../../common/mission-area';
import { Connection } from '../../common/pagination';
import { NeedField, NeedPriority, NeedStatus, NeedVisibility } from '../need.entity';
import { NeedSort } from '../needs.service';

registerEnumType(NeedStatus, {
  name: 'NeedStatus',
  description: 'The lifecycle of an interoperability need: RAISED → ACCEPTED → ADDRESSED (by a standard) → CLOSED, or REJECTED with a reason from RAISED or ACCEPTED.',
  valuesMap: {
    RAISED: { description: 'Raised by a nation or the secretariat; the secretariat has not decided on it yet.' },
    ACCEPTED: { description: 'Accepted into the work programme: a standard should answer it.' },
    ADDRESSED: { description: 'A promulgated standard linked to it answers it (or the secretariat said so).' },
    CLOSED: { description: 'Addressed and closed by the secretariat; kept for the record.' },
    REJECTED: { description: 'Not taken up, with the reason (rejectionReason).' },
  },
});
registerEnumType(NeedPriority, {
  name: 'NeedPriority',
  description: 'How urgent a need is for the Alliance.',
  valuesMap: {
    LOW: { description: 'Useful, not urgent.' },
    MEDIUM: { description: 'Needed within the planning horizon.' },
    HIGH: { description: 'Needed soon; gaps hurt operations.' },
    CRITICAL: { description: 'Needed now; operations are affected.' },
  },
});
registerEnumType(NeedVisibility, {
  name: 'NeedVisibility',
  description: 'Who may read a need (needs/visibility.ts).',
  valuesMap: {
    NATIONS: { description: 'The Alliance roles only (ADMIN, SECRETARIAT, EXPERT, DELEGATE).' },
    INDUSTRY: { description: 'The Alliance roles and vendors (shown to signed-in vendors in the app).' },
    PUBLIC: { description: 'Anyone, without an account: on the public pages and in /feeds/needs.atom.' },
  },
});
registerEnumType(NeedSort, {
  name: 'NeedSort',
  description: 'The order of the needs list.',
  valuesMap: {
    SUPPORT: { description: 'Most supporting nations first (the work programme\'s order), then the newest.' },
    NEWEST: { description: 'Most recently raised first.' },
    PRIORITY: { description: 'CRITICAL first, then by supporting nations, then the newest.' },
  },
});

@ObjectType('InteroperabilityNeed', { description: 'An interoperability need of the Alliance, raised by a nation or the secretariat, that standards address.' })
export class NeedModel {
  @Field(() => ID, { description: 'The need\'s id.' }) id: string;
  @Field(() => Int, { description: 'The need\'s number, shown as NEED-<number>.' }) number: number;
  @Field({ description: 'The reference people cite, e.g. "NEED-12".' }) reference: string;
  @Field({ description: 'A short title, 1 to 300 characters.' }) title: string;
  @Field({ description: 'What the Alliance needs and why, in plain text.' }) statement: string;
  @Field(() => MissionArea, { description: 'The mission area the need is filed under.' }) missionArea: MissionArea;
  @Field(() => NeedPriority, { description: 'How urgent it is.' }) priority: NeedPriority;
  @Field(() => NeedVisibility, { description: 'Who may read it.' }) visibility: NeedVisibility;
  @Field(() => NeedStatus, { description: 'Where it stands in its lifecycle.' }) status: NeedStatus;
  @Field(() => String, { nullable: true, description: 'Why it was rejected; null unless REJECTED.' }) rejectionReason: string | null;
  @Field(() => Int, { description: 'How many nations support it: the secretariat\'s sort key.' }) supportCount: number;
  @Field({ description: 'When its status last changed (database clock).' }) statusChangedAt: Date;
  @Field({ description: 'When it was raised.' }) createdAt: Date;
  @Field({ description: 'When it last changed.' }) updatedAt: Date;
  @Field(() => Int, { description: 'How many times it was amended: 0 as raised; the number of its latest revision. amendNeed takes it as expectedRevision.' }) revision: number;
  raisedById: string;
  raisedByNation: string | null;
}

@ObjectType('InteroperabilityNeedConnection', { description: 'A page of interoperability needs (Relay connection).' })
export class NeedConnection extends Connection(NeedModel, 'InteroperabilityNeed') {}

@ObjectType('NeedTransition', { description: 'One step of a need\'s history; append-only.' })
export class NeedTransitionModel {
  @Field(() => NeedStatus, { nullable: true, description: 'The status before; null for the raising.' }) from: NeedStatus | null;
  @Field(() => NeedStatus, { description: 'The status after.' }) to: NeedStatus;
  @Field(() => String, { nullable: true, description: 'The reason given (a rejection), or what addressed it.' }) reason: string | null;
  @Field({ description: 'When (database clock).' }) at: Date;
}

registerEnumType(NeedField, {
  name: 'NeedField',
  description: 'A field of a need that an amendment may change.',
  valuesMap: {
    TITLE: { description: 'The title.' },
    STATEMENT: { description: 'The statement of what is needed.' },
    MISSION_AREA: { description: 'The mission area (before and after are MissionArea values).' },
    PRIORITY: { description: 'The priority (before and after are NeedPriority values).' },
  },
});

@ObjectType('NeedFieldChange', { description: 'One field an amendment changed, with its text before and after.' })
export class NeedFieldChangeModel {
  @Field(() => NeedField, { description: 'Which field.' }) field: NeedField;
  @Field({ description: 'Its value before the amendment.' }) before: string;
  @Field({ description: 'Its value after the amendment.' }) after: string;
}

@ObjectType('NeedRevision', { description: 'One amendment of a need: what changed, who, when and why; revisions never change.' })
export class NeedRevisionModel {
  @Field(() => Int, { description: 'Its number: 1 for the first amendment, then 2, 3…' }) number: number;
  @Field(() => [NeedFieldChangeModel], { description: 'The fields it changed (at least one), in the order title, statement, mission area, priority.' }) changes: NeedFieldChangeModel[];
  @Field(() => String, { nullable: true, description: 'Why, as the author said; always given once the need was ACCEPTED.' }) reason: string | null;
  @Field({ description: 'When (database clock).' }) amendedAt: Date;
  amendedById: string;
  needId: string;
}

@ObjectType('SimilarNeed', { description: 'An existing need that looks like a proposal, with how alike they are.' })
export class SimilarNeedModel {
  @Field(() => NeedModel, { description: 'The need.' }) need: NeedModel;
  @Field(() => Float, { description: 'Similarity from 0 to 1: title trigrams and shared words of title and statement.' }) score: number;
}

@ObjectType('NeedSupport', { description: 'A nation supporting a need.' })
export class NeedSupportModel {
  @Field({ description: 'When the nation gave its support.' }) supportedAt: Date;
  code: string;
}
