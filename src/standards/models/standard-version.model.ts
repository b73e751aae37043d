import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { StandardModel } from './standard.model';

export enum Obligation {
  SHALL = 'SHALL',
  SHOULD = 'SHOULD',
  MAY = 'MAY',
  CAN = 'CAN',
}
export enum ProvisionKind {
  REQUIREMENT = 'REQUIREMENT',
  RECOMMENDATION = 'RECOMMENDATION',
  PERMISSION = 'PERMISSION',
  POSSIBILITY = 'POSSIBILITY',
}
export enum PicsStatus {
  M = 'M',
  O = 'O',
  C = 'C',
  X = 'X',
}
export enum DraftingWarningCode {
  MUST = 'MUST',
  MAY_NOT = 'MAY_NOT',
  PROVISION_IN_INFORMATIVE = 'PROVISION_IN_INFORMATIVE',
}
export enum ChangeKind {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  MODIFIED = 'MODIFIED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(Obligation, {
  name: 'Obligation',
  description: 'Verbal forms of ISO/IEC Directives Part 2: shall (requirement), should (recommendation), may (permission), can (possibility).',
});
registerEnumType(ProvisionKind, {
  name: 'ProvisionKind',
  description: 'The kind of provision (ISO/IEC Directives Part 2, 3.3): shall is a requirement, should a recommendation, may a permission, can a possibility.',
});
registerEnumType(PicsStatus, {
  name: 'PicsStatus',
  description: 'Status of a provision in a PICS proforma: M mandatory, O optional, C conditional (see condition), X prohibited.',
});
registerEnumType(DraftingWarningCode, {
  name: 'DraftingWarningCode',
  description: 'MUST: "must" used for a requirement. MAY_NOT: the ambiguous "may not". PROVISION_IN_INFORMATIVE: a verbal form in a note, example or informative element.',
});
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
  @Field({ description: 'e.g. "5.2.1"; an unnumbered heading gets its number from its place in the hierarchy.' }) number: string;
  @Field() title: string;
  @Field(() => Int) level: number;
  @Field(() => Int, { description: "1-based line of the heading in the version's Markdown." }) line: number;
  @Field({ description: 'True for the foreword, introduction, scope, terms and definitions, bibliography, clauses marked (informative) and their subclauses: they hold no provisions.' })
  informative: boolean;
}

@ObjectType('DraftingWarning', { description: 'A drafting error the ISO/IEC Directives name, found in the text; a warning, never a refusal.' })
export class DraftingWarningModel {
  @Field(() => DraftingWarningCode) code: DraftingWarningCode;
  @Field() clause: string;
  @Field(() => Int, { description: "1-based line in the version's Markdown." }) line: number;
  @Field() message: string;
}

@ObjectType('Requirement', {
  description: 'A provision of the text: a requirement, recommendation, permission or possibility (ISO/IEC Directives Part 2).',
})
export class RequirementModel {
  @Field({ description: 'Stable across versions: pinned by the author as {#KEY} or carried forward by the service.' })
  key: string;
  @Field({ description: 'ECSS-style identifier: clause number and a letter in document order (5.2.1a, 5.2.1b). Changes when the text is renumbered; key does not.' })
  identifier: string;
  @Field() clause: string;
  @Field(() => Obligation) obligation: Obligation;
  /** Resolved from obligation by RequirementsResolver.kind. */
  kind?: ProvisionKind;
  @Field(() => PicsStatus, { nullable: true, description: 'PICS status; null for a possibility, which is not claimed.' })
  status: PicsStatus | null;
  @Field(() => String, { nullable: true, description: 'For status C: the condition under which the provision applies.' })
  condition: string | null;
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
