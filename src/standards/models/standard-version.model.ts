import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { StandardModel } from './standard.model';

export enum Obligation {
  SHALL = 'SHALL',
  SHOULD = 'SHOULD',
  MAY = 'MAY',
}
export enum ChangeKind {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  MODIFIED = 'MODIFIED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(Obligation, { name: 'Obligation', description: 'Verbal forms of ISO/IEC Directives Part 2: shall, should, may.' });
registerEnumType(ChangeKind, { name: 'ChangeKind' });

@ObjectType('StandardVersion')
export class StandardVersionModel {
  @Field(() => ID) id: string;
  standardId: string;
  @Field(() => Int, { description: '1, 2, 3 … within its standard.' }) number: number;
  @Field(() => String, { nullable: true }) label: string | null;
  @Field(() => String, { nullable: true }) summary: string | null;
  @Field({ description: 'sha256 of text, lowercase hex.' }) contentHash: string;
  authorId: string;
  basedOnId: string | null;
  @Field() createdAt: Date;
}

@ObjectType('Clause')
export class ClauseModel {
  @Field({ description: 'e.g. "5.2.1"; empty for unnumbered headings.' }) number: string;
  @Field() title: string;
  @Field(() => Int) level: number;
  @Field(() => Int, { description: "1-based line of the heading in the version's Markdown." }) line: number;
}

@ObjectType('Requirement')
export class RequirementModel {
  @Field({ description: 'Stable across versions: pinned by the author as {#KEY} or carried forward by the service.' })
  key: string;
  @Field() clause: string;
  @Field(() => Obligation) obligation: Obligation;
  @Field() text: string;
  @Field(() => Int) line: number;
  @Field(() => ChangeKind, { description: 'Against the previous version of the same standard.' }) change: ChangeKind;
}

@ObjectType('RedlineStats')
export class RedlineStatsModel {
  @Field(() => Int) wordsInserted: number;
  @Field(() => Int) wordsDeleted: number;
  @Field(() => [String]) changedClauses: string[];
}

@ObjectType('RequirementDelta')
export class RequirementDeltaModel {
  @Field() key: string;
  @Field(() => ChangeKind) change: ChangeKind;
  @Field(() => String, { nullable: true }) before: string | null;
  @Field(() => String, { nullable: true }) after: string | null;
}

@ObjectType('Redline')
export class RedlineModel {
  @Field(() => StandardVersionModel) from: StandardVersionModel;
  @Field(() => StandardVersionModel) to: StandardVersionModel;
  @Field({ description: 'Unified diff of the Markdown, as `diff -u` would print it.' }) unified: string;
  @Field({ description: 'Word-level redline of the rendered text with <ins> and <del>.' }) html: string;
  @Field(() => RedlineStatsModel) stats: RedlineStatsModel;
  @Field(() => [RequirementDeltaModel]) requirementChanges: RequirementDeltaModel[];
}

@ObjectType('SearchHit')
export class SearchHitModel {
  @Field(() => StandardModel) standard: StandardModel;
  @Field(() => StandardVersionModel, { nullable: true }) version: StandardVersionModel | null;
  @Field({ description: 'Matched passage with the terms wrapped in <mark>.' }) snippet: string;
  @Field(() => Float) rank: number;
}
