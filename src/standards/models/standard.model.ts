import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination';
import { StandardStage, StandardStatus, Visibility } from '../standard.entity';

registerEnumType(StandardStatus, {
  name: 'StandardStatus',
  description: "The lifecycle of a standard: PROPOSED \u2192 DRAFTING \u2192 IN_RATIFICATION \u2192 PROMULGATED, or CANCELLED before promulgation.",
  valuesMap: {
    PROPOSED: { description: "Proposed by an expert or delegate; the secretariat has not started drafting." },
    DRAFTING: { description: "Editors write versions; comment rounds may review them." },
    IN_RATIFICATION: { description: "A ballot is open on a frozen version; no new versions." },
    PROMULGATED: { description: "An edition is published and in force; startDrafting begins the next edition." },
    CANCELLED: { description: "Abandoned before promulgation; kept for the record." },
    SUPERSEDED: { description: 'A promulgated standard replaced by another (supersededBy); kept for the record.' },
  },
});
registerEnumType(StandardStage, {
  name: 'StandardStage',
  description: 'The named NATO stage of a standard: PROPOSAL, STUDY_DRAFT (drafting and commenting), RATIFICATION_DRAFT (under ballot), PROMULGATED, CANCELLED or SUPERSEDED.',
  valuesMap: {
    PROPOSAL: { description: 'Status PROPOSED: a proposal not yet drafted.' },
    STUDY_DRAFT: { description: 'Status DRAFTING: study drafts are written and commented.' },
    RATIFICATION_DRAFT: { description: 'Status IN_RATIFICATION: the nations ballot the ratification draft.' },
    PROMULGATED: { description: 'Status PROMULGATED: an edition is in force.' },
    CANCELLED: { description: 'Status CANCELLED.' },
    SUPERSEDED: { description: 'Status SUPERSEDED: replaced by another standard.' },
  },
});
registerEnumType(Visibility, {
  name: 'Visibility',
  description: 'Who may read a standard\'s drafts. Published editions of PUBLIC standards are readable without an account.',
  valuesMap: {
    NATIONS: { description: "Drafts readable by the Alliance roles (ADMIN, SECRETARIAT, EXPERT, DELEGATE) only." },
    INDUSTRY: { description: "Drafts readable by the Alliance roles and vendors." },
    PUBLIC: { description: "Drafts readable by any signed-in person; published editions by anyone." },
  },
});

@ObjectType('Standard', { description: 'A space standard of the group, through its lifecycle from proposal to promulgation.' })
export class StandardModel {
  @Field(() => ID, { description: 'The standard\'s id.' }) id: string;
  @Field({ description: 'Unique, e.g. "STANAG 4790" or "ASpP-3".' }) designation: string;
  @Field(() => String, {
    nullable: true,
    description: 'The covering STANAG of an Allied Publication, e.g. "STANAG 4790": the agreement nations ratify, while the AP (designation) holds the text.',
  })
  stanag: string | null;
  @Field({ description: 'The title.' }) title: string;
  @Field({ description: 'What the standard covers; duplicationCheck compares it with other bodies\' standards.' }) scope: string;
  @Field(() => StandardStatus, { description: 'Where the standard stands in its lifecycle.' }) status: StandardStatus;
  @Field(() => Visibility, { description: 'Who may read its drafts.' }) visibility: Visibility;
  @Field(() => String, { nullable: true, description: 'Recorded when the proposal went ahead despite a likely overlap.' })
  overlapJustification: string | null;
  @Field(() => Date, { nullable: true, description: 'When the standard was cancelled (database clock); null unless CANCELLED.' })
  cancelledAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the standard was cancelled; null unless CANCELLED.' })
  cancellationReason: string | null;
  supersededById: string | null;
  @Field(() => Date, { nullable: true, description: 'When the standard was superseded; null unless SUPERSEDED.' })
  supersededAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was superseded, as the secretariat stated it; null unless SUPERSEDED.' })
  supersessionReason: string | null;
  @Field({ description: 'When it was proposed.' }) createdAt: Date;
  @Field({ description: 'When the standard last changed: its status, title, scope or visibility, or a new version of its text.' }) updatedAt: Date;
}

@ObjectType('StandardConnection', { description: 'A page of standards in designation order (Relay connection).' })
export class StandardConnection extends Connection(StandardModel, 'Standard') {}
