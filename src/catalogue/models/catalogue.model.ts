import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { StandardModel } from '../../standards/models/standard.model';
import { RelationKind, StandardsBody } from '../external-standard.entity';

registerEnumType(StandardsBody, { name: 'StandardsBody' });
registerEnumType(RelationKind, { name: 'RelationKind' });

@ObjectType('ExternalStandard')
export class ExternalStandardModel {
  @Field(() => ID) id: string;
  @Field(() => StandardsBody) body: StandardsBody;
  @Field() designation: string;
  @Field() title: string;
  @Field(() => String, { nullable: true }) scope: string | null;
  @Field(() => String, { nullable: true }) url: string | null;
  /** Resolved in CatalogueResolver; twinGroup is not exposed. */
  twinGroup: string;
}

@ObjectType('StandardRelation')
export class StandardRelationModel {
  @Field(() => ID) id: string;
  @Field(() => RelationKind) kind: RelationKind;
  @Field(() => String, { nullable: true }) note: string | null;
  externalId: string;
}

@ObjectType('OverlapCandidate')
export class OverlapCandidateModel {
  @Field(() => ExternalStandardModel, { nullable: true, description: 'Exactly one of external and standard is set.' })
  external: ExternalStandardModel | null;
  @Field(() => StandardModel, { nullable: true }) standard: StandardModel | null;
  @Field(() => Float, { description: '0..1, higher is more alike.' }) score: number;
  @Field(() => [String], { description: 'Terms the two share that weigh most in the score.' }) sharedTerms: string[];
}
