import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { StandardModel } from '../../standards/models/standard.model';
import { ExternalStatus, RelationKind, StandardsBody } from '../external-standard.entity';

registerEnumType(StandardsBody, {
  name: 'StandardsBody',
  description: "The body that publishes an external standard of the catalogue.",
  valuesMap: {
    ECSS: { description: "European Cooperation for Space Standardization." },
    CEN: { description: "European Committee for Standardization." },
    CENELEC: { description: "European Committee for Electrotechnical Standardization." },
    ETSI: { description: "European Telecommunications Standards Institute." },
    ISO: { description: "International Organization for Standardization." },
    CCSDS: { description: "Consultative Committee for Space Data Systems." },
    EU: { description: "European Union legislation and programmes." },
    NATO: { description: "NATO standards published outside this workbench." },
    OTHER: { description: "Any other publisher." },
  },
});
registerEnumType(ExternalStatus, {
  name: 'ExternalStatus',
  description: "Where a document stands on its publisher's list (the ECSS active-standards list, the CCSDS and ISO catalogues), as of ExternalStandard.asOf.",
  valuesMap: {
    CURRENT: { description: 'In force on its publisher\'s list.' },
    SUPERSEDED: { description: 'Replaced by another document or a newer issue: see replacedBy.' },
    WITHDRAWN: { description: 'Withdrawn or cancelled without a replacement.' },
  },
});
registerEnumType(RelationKind, {
  name: 'RelationKind',
  description: "How a workbench standard relates to an external one.",
  valuesMap: {
    ADOPTS: { description: "Takes the external standard over as it is." },
    EQUIVALENT_TO: { description: "Says the same thing under another designation." },
    PROFILES: { description: "Selects and constrains options of the external standard." },
    REFERENCES: { description: "Cites it normatively or informatively." },
    OVERLAPS: { description: "Covers partly the same ground (a duplication to justify)." },
  },
});

@ObjectType('ExternalStandard', { description: 'A standard published by another body (ECSS, CEN, ETSI, ISO, CCSDS, EU...), held in the catalogue for the duplication check.' })
export class ExternalStandardModel {
  @Field(() => ID, { description: 'The catalogue entry\'s id.' }) id: string;
  @Field(() => StandardsBody, { description: 'The body that publishes it.' }) body: StandardsBody;
  @Field({ description: 'Its designation at that body, e.g. "ECSS-E-ST-50C"; unique per body.' }) designation: string;
  @Field({ description: 'Its title.' }) title: string;
  @Field(() => String, { nullable: true, description: 'What it covers, if known.' }) scope: string | null;
  @Field(() => String, { nullable: true, description: 'Where to read it (http or https), if known.' }) url: string | null;
  @Field(() => ExternalStatus, { description: 'Whether it is in force on its publisher\'s list, as of asOf.' }) status: ExternalStatus;
  @Field({ description: "The date (YYYY-MM-DD) the status was last checked against the publisher's list." }) asOf: string;
  @Field(() => Int, { nullable: true, description: 'Year the issue named by the designation was published.' }) published: number | null;
  /** Resolved in CatalogueResolver; twinGroup is not exposed. */
  twinGroup: string;
}

@ObjectType('ExternalAdoption', { description: 'One document of the catalogue adopting another: an ECSS adoption notice of a CCSDS or ISO standard, an EN of an ECSS standard.' })
export class ExternalAdoptionModel {
  @Field(() => ExternalStandardModel, { description: 'The document that adopts, e.g. an ECSS adoption notice.' }) adopter: ExternalStandardModel;
  @Field(() => ExternalStandardModel, { description: 'The document adopted, e.g. the CCSDS or ISO standard.' }) adopted: ExternalStandardModel;
  @Field({ description: 'The adopter changes the adopted text (a modified adoption), so the two are different documents, not equivalents.' }) modified: boolean;
}

@ObjectType('StandardRelation', { description: 'How a workbench standard relates to an external standard.' })
export class StandardRelationModel {
  @Field(() => ID, { description: 'The relation\'s id.' }) id: string;
  @Field(() => RelationKind, { description: 'How the workbench standard relates to the external one.' }) kind: RelationKind;
  @Field(() => String, { nullable: true, description: 'An explanation given with the relation, if any.' }) note: string | null;
  externalId: string;
}

@ObjectType('OverlapCandidate', { description: 'A standard that may duplicate a proposal, with its similarity score (0 to 1) and the terms they share.' })
export class OverlapCandidateModel {
  @Field(() => ExternalStandardModel, { nullable: true, description: 'Exactly one of external and standard is set.' })
  external: ExternalStandardModel | null;
  @Field(() => StandardModel, { nullable: true, description: 'A workbench standard the caller may read; exactly one of external and standard is set.' }) standard: StandardModel | null;
  @Field(() => Float, { description: '0..1, higher is more alike.' }) score: number;
  @Field(() => [String], { description: 'Terms the two share that weigh most in the score.' }) sharedTerms: string[];
  @Field(() => [ExternalStandardModel], {
    description: 'For a superseded or withdrawn external standard, the documents that replace it (empty when none is known, and for current ones).',
  })
  replacedBy: ExternalStandardModel[];
}
