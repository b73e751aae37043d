import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RequirementModel, StandardVersionModel } from '../../standards/models/standard-version.model';
import { StandardModel } from '../../standards/models/standard.model';
import { ConformanceLevel } from '../conformance-claim.entity';

registerEnumType(ConformanceLevel, {
  name: 'ConformanceLevel',
  description:
    'The support answer of a PICS: CONFORMANT is Yes, NON_CONFORMANT is No. NOT_APPLICABLE says the condition of a conditional (C) provision is false; ' +
    'it does not meet a mandatory (M) one.',
  valuesMap: {
    NOT_APPLICABLE: { description: "N/A: the condition of a conditional provision is false." },
    NON_CONFORMANT: { description: "No: it does not." },
    CONFORMANT: { description: "Yes: the product meets the provision." },
    PARTIAL: {
      description: 'Partly supported: counts as No in a PICS, with a note.',
      deprecationReason: 'A PICS answers Yes or No: PARTIAL counts as No and is shown only as a note. Use NON_CONFORMANT and say what is supported in evidence or valuesSupported.',
    },
  },
});

export enum PicsSupport {
  YES = 'YES',
  NO = 'NO',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
registerEnumType(PicsSupport, {
  name: 'PicsSupport',
  description: 'The support column of a PICS: Yes, No, or N/A for a conditional provision whose condition is false.',
  valuesMap: {
    YES: { description: "Supported." },
    NO: { description: "Not supported." },
    NOT_APPLICABLE: { description: "N/A: the condition of a conditional provision is false." },
  },
});

/** The PICS support answer of a claim level: PARTIAL is No (with a note), never support. */
export const SUPPORT_OF: Record<ConformanceLevel, PicsSupport> = {
  CONFORMANT: PicsSupport.YES,
  PARTIAL: PicsSupport.NO,
  NON_CONFORMANT: PicsSupport.NO,
  NOT_APPLICABLE: PicsSupport.NOT_APPLICABLE,
};

@ObjectType('Product', { description: "A vendor organization's product, whose claims say how it conforms to standards." })
export class ProductModel {
  @Field(() => ID, { description: 'The product\'s id.' }) id: string;
  /** Resolved by ProductsResolver.organization. */
  organizationId: string;
  @Field({ description: 'The product\'s name.' }) name: string;
  @Field({ description: 'The product\'s own version or release.' }) productVersion: string;
  @Field(() => String, { nullable: true, description: 'What the product is, if the vendor said.' }) description: string | null;
}

@ObjectType('ConformanceClaim', { description: "A product's statement about one provision of a standard, made against a version; stale when that provision's wording has changed since." })
export class ConformanceClaimModel {
  @Field(() => ID, { description: 'The claim\'s id.' }) id: string;
  productId: string;
  standardId: string;
  versionId: string;
  @Field({ description: 'The stable key of the provision claimed (Requirement.key).' }) requirementKey: string;
  @Field(() => ConformanceLevel, { description: 'The vendor\'s support answer.' }) level: ConformanceLevel;
  @Field(() => String, { nullable: true, description: 'Why the claim holds, as the vendor stated it.' }) evidence: string | null;
  @Field(() => String, { nullable: true, description: 'The PICS "values supported" column.' }) valuesSupported: string | null;
  /** Resolved from level. */
  support?: PicsSupport;
  @Field({
    description:
      "True when the requirement's text changed after the claim's version. In a report, against the report's version; " +
      "elsewhere, against the standard's edition in force, else its current version.",
  })
  stale: boolean;
  @Field({ description: 'When the claim was last set.' }) updatedAt: Date;
}

@ObjectType('ConformanceReport', { description: 'A product against a version of a standard, as a PICS counts it: mandatory provisions met, gaps and stale claims.' })
export class ConformanceReportModel {
  @Field(() => ProductModel, { description: 'The product assessed.' }) product: ProductModel;
  @Field(() => StandardModel, { description: 'The standard assessed against.' }) standard: StandardModel;
  @Field(() => StandardVersionModel, { description: 'The version whose provisions are counted: versionId, else the edition in force, else the current version.' }) version: StandardVersionModel;
  @Field({ description: 'True when the version is not a promulgated edition: the claims are against an unratified draft.' })
  draft: boolean;
  @Field(() => Int, { description: 'Mandatory provisions (shall) in the version.' }) mandatoryTotal: number;
  @Field(() => Int, { description: 'Mandatory provisions met by a claim that is not stale: CONFORMANT, or NOT_APPLICABLE for a conditional (C) one.' }) mandatoryMet: number;
  @Field(() => Float, { description: 'mandatoryMet / mandatoryTotal, 0..1.' }) coverage: number;
  @Field({
    description:
      'True when every mandatory provision is supported, with no stale claim. NOT_APPLICABLE meets a provision only where it is conditional and its condition is false.',
  })
  conformant: boolean;
  @Field(() => [RequirementModel], { description: 'Mandatory provisions (requirements) with no claim, a claim that does not meet them, or a stale claim.' })
  gaps: RequirementModel[];
  @Field(() => [ConformanceClaimModel], { description: 'Claims on provisions removed or reworded since the version the claim was made against.' }) staleClaims: ConformanceClaimModel[];
}

@ObjectType('MatrixCell', { description: 'One product against one standard in the interoperability matrix.' })
export class MatrixCellModel {
  @Field(() => ProductModel, { description: 'The row: a product.' }) product: ProductModel;
  @Field(() => StandardModel, { description: 'The column: a standard.' }) standard: StandardModel;
  @Field(() => Float, { description: 'Share of the mandatory provisions met, 0 to 1, against the edition in force, else the current version; 0 when the standard has no version.' }) coverage: number;
  @Field({ description: 'True when every mandatory provision is met with no stale claim.' }) conformant: boolean;
}
