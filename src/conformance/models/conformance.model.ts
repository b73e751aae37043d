import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RequirementModel, StandardVersionModel } from '../../standards/models/standard-version.model';
import { StandardModel } from '../../standards/models/standard.model';
import { ConformanceLevel } from '../conformance-claim.entity';

registerEnumType(ConformanceLevel, {
  name: 'ConformanceLevel',
  description: 'A SHALL requirement is met by CONFORMANT or NOT_APPLICABLE.',
});

@ObjectType('Product')
export class ProductModel {
  @Field(() => ID) id: string;
  /** Resolved by ProductsResolver.organization. */
  organizationId: string;
  @Field() name: string;
  @Field() productVersion: string;
  @Field(() => String, { nullable: true }) description: string | null;
}

@ObjectType('ConformanceClaim')
export class ConformanceClaimModel {
  @Field(() => ID) id: string;
  productId: string;
  standardId: string;
  versionId: string;
  @Field() requirementKey: string;
  @Field(() => ConformanceLevel) level: ConformanceLevel;
  @Field(() => String, { nullable: true }) evidence: string | null;
  @Field({
    description:
      "True when the requirement's text changed after the claim's version. In a report, against the report's version; " +
      "elsewhere, against the standard's edition in force, else its current version.",
  })
  stale: boolean;
  @Field() updatedAt: Date;
}

@ObjectType('ConformanceReport')
export class ConformanceReportModel {
  @Field(() => ProductModel) product: ProductModel;
  @Field(() => StandardModel) standard: StandardModel;
  @Field(() => StandardVersionModel) version: StandardVersionModel;
  @Field(() => Int) mandatoryTotal: number;
  @Field(() => Int) mandatoryMet: number;
  @Field(() => Float, { description: 'mandatoryMet / mandatoryTotal, 0..1.' }) coverage: number;
  @Field({ description: 'True when every SHALL requirement is CONFORMANT or NOT_APPLICABLE with no stale claim.' })
  conformant: boolean;
  @Field(() => [RequirementModel], { description: 'SHALL requirements with no claim, a failing claim or a stale claim.' })
  gaps: RequirementModel[];
  @Field(() => [ConformanceClaimModel]) staleClaims: ConformanceClaimModel[];
}

@ObjectType('MatrixCell')
export class MatrixCellModel {
  @Field(() => ProductModel) product: ProductModel;
  @Field(() => StandardModel) standard: StandardModel;
  @Field(() => Float) coverage: number;
  @Field() conformant: boolean;
}
