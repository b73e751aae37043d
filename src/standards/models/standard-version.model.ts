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
  valuesMap: {
    SHALL: { description: "A requirement (\"shall\", \"shall not\")." },
    SHOULD: { description: "A recommendation." },
    MAY: { description: "A permission." },
    CAN: { description: "A possibility or capability." },
  },
});
registerEnumType(ProvisionKind, {
  name: 'ProvisionKind',
  description: 'The kind of provision (ISO/IEC Directives Part 2, 3.3): shall is a requirement, should a recommendation, may a permission, can a possibility.',
  valuesMap: {
    REQUIREMENT: { description: "Expressed with \"shall\"." },
    RECOMMENDATION: { description: "Expressed with \"should\"." },
    PERMISSION: { description: "Expressed with \"may\"." },
    POSSIBILITY: { description: "Expressed with \"can\"." },
  },
});
registerEnumType(PicsStatus, {
  name: 'PicsStatus',
  description: 'Status of a provision in a PICS proforma: M mandatory, O optional, C conditional (see condition), X prohibited.',
  valuesMap: {
    M: { description: "Mandatory: a product must support it to conform." },
    O: { description: "Optional: support is the vendor's choice." },
    C: { description: "Conditional: mandatory when its condition holds; N/A otherwise." },
    X: { description: "Prohibited: a conforming product must not do it." },
  },
});
registerEnumType(DraftingWarningCode, {
  name: 'DraftingWarningCode',
  description: 'MUST: "must" used for a requirement. MAY_NOT: the ambiguous "may not". PROVISION_IN_INFORMATIVE: a verbal form in a note, example or informative element.',
  valuesMap: {
    MUST: { description: "\"must\" used where ISO/IEC Directives Part 2 asks for \"shall\"." },
    MAY_NOT: { description: "\"may not\", which reads as both prohibition and permission; use \"shall not\"." },
    PROVISION_IN_INFORMATIVE: { description: "A verbal form in a note, example or informative element, where it makes no provision." },
  },
});
registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description: "How a requirement changed between two versions, matched by its key.",
  valuesMap: {
    ADDED: { description: "New in the later version." },
    REMOVED: { description: "In the earlier version only; claims on it go stale." },
    MODIFIED: { description: "Same key, different wording; claims on it go stale." },
    UNCHANGED: { description: "Same key and wording." },
  },
});

@ObjectType('StandardVersion', { description: 'An immutable version of a standard: its Markdown text, clauses and provisions.' })
export class StandardVersionModel {
  @Field(() => ID, { description: 'The version\'s id.' }) id: string;
  standardId: string;
  @Field(() => Int, { description: '1, 2, 3 … within its standard.' }) number: number;
  @Field(() => String, { nullable: true, description: 'A short name the author gave the version, if any.' }) label: string | null;
  @Field(() => String, { nullable: true, description: 'What changed in this version, as the author said, if anything.' }) summary: string | null;
  @Field({ description: 'sha256 of text, lowercase hex.' }) contentHash: string;
  authorId: string;
  basedOnId: string | null;
  @Field({ description: 'When the version was saved, by the database clock.' }) createdAt: Date;
}

@ObjectType('Clause', { description: 'A numbered clause of a version, from its Markdown headings.' })
export class ClauseModel {
  @Field({ description: 'e.g. "5.2.1"; an unnumbered heading gets its number from its place in the hierarchy.' }) number: string;
  @Field({ description: 'The heading text, without its number.' }) title: string;
  @Field(() => Int, { description: 'Depth in the clause hierarchy: 1 for a top-level clause (5), 2 for 5.2, and so on.' }) level: number;
  @Field(() => Int, { description: "1-based line of the heading in the version's Markdown." }) line: number;
  @Field({ description: 'True for the foreword, introduction, scope, terms and definitions, bibliography, clauses marked (informative) and their subclauses: they hold no provisions.' })
  informative: boolean;
}

@ObjectType('DraftingWarning', { description: 'A drafting error the ISO/IEC Directives name, found in the text; a warning, never a refusal.' })
export class DraftingWarningModel {
  @Field(() => DraftingWarningCode, { description: 'Which drafting error.' }) code: DraftingWarningCode;
  @Field({ description: 'Number of the clause the error is in.' }) clause: string;
  @Field(() => Int, { description: "1-based line in the version's Markdown." }) line: number;
  @Field({ description: 'What is wrong and what the Directives ask for, in English.' }) message: string;
}

@ObjectType('Requirement', {
  description: 'A provision of the text: a requirement, recommendation, permission or possibility (ISO/IEC Directives Part 2).',
})
export class RequirementModel {
  @Field({ description: 'Stable across versions: pinned by the author as {#KEY} or carried forward by the service.' })
  key: string;
  @Field({ description: 'ECSS-style identifier: clause number and a letter in document order (5.2.1a, 5.2.1b). Changes when the text is renumbered; key does not.' })
  identifier: string;
  @Field({ description: 'Number of the clause the provision is in.' }) clause: string;
  @Field(() => Obligation, { description: 'The verbal form that makes it a provision: shall, should, may or can.' }) obligation: Obligation;
  /** Resolved from obligation by RequirementsResolver.kind. */
  kind?: ProvisionKind;
  @Field(() => PicsStatus, { nullable: true, description: 'PICS status; null for a possibility, which is not claimed.' })
  status: PicsStatus | null;
  @Field(() => String, { nullable: true, description: 'For status C: the condition under which the provision applies.' })
  condition: string | null;
  @Field({ description: 'The sentence of the provision, as written (a pinned {#KEY} stripped).' }) text: string;
  @Field(() => Int, { description: '1-based line of the provision in the version\'s Markdown.' }) line: number;
  @Field(() => ChangeKind, { description: 'Against the previous version of the same standard.' }) change: ChangeKind;
}

@ObjectType('RedlineStats', { description: 'Counts of what changed between two versions.' })
export class RedlineStatsModel {
  @Field(() => Int, { description: 'Words inserted going from the from version to the to version.' }) wordsInserted: number;
  @Field(() => Int, { description: 'Words deleted going from the from version to the to version.' }) wordsDeleted: number;
  @Field(() => [String], { description: 'Numbers of the clauses whose text changed.' }) changedClauses: string[];
}

@ObjectType('RequirementDelta', { description: 'One requirement added, removed or changed between two versions, by key.' })
export class RequirementDeltaModel {
  @Field({ description: 'The requirement\'s stable key, which conformance claims name.' }) key: string;
  @Field(() => ChangeKind, { description: 'ADDED, REMOVED or MODIFIED (unchanged requirements are not listed).' }) change: ChangeKind;
  @Field(() => String, { nullable: true, description: 'Its text in the from version; null when ADDED.' }) before: string | null;
  @Field(() => String, { nullable: true, description: 'Its text in the to version; null when REMOVED.' }) after: string | null;
}

@ObjectType('Redline', { description: 'The differences between two versions of a standard.' })
export class RedlineModel {
  @Field(() => StandardVersionModel, { description: 'The version compared from (fromVersionId): the base of the diff.' }) from: StandardVersionModel;
  @Field(() => StandardVersionModel, { description: 'The version compared to (toVersionId).' }) to: StandardVersionModel;
  @Field({ description: 'Unified diff of the Markdown, as `diff -u` would print it.' }) unified: string;
  @Field({ description: 'Word-level redline of the rendered text with <ins> and <del>.' }) html: string;
  @Field(() => RedlineStatsModel, { description: 'Counts of words and clauses changed.' }) stats: RedlineStatsModel;
  @Field(() => [RequirementDeltaModel], { description: 'Requirements added, removed or modified, by key.' }) requirementChanges: RequirementDeltaModel[];
}

@ObjectType('SearchHit', { description: 'A standard (or one of its versions) matching a search, with a snippet.' })
export class SearchHitModel {
  @Field(() => StandardModel, { description: 'The standard that matched.' }) standard: StandardModel;
  @Field(() => StandardVersionModel, { nullable: true, description: 'Its current version, whose text the snippet is from; null when it has no version yet.' }) version: StandardVersionModel | null;
  @Field({ description: 'Matched passage with the terms wrapped in <mark>.' }) snippet: string;
  @Field(() => Float, { description: 'PostgreSQL ts_rank_cd score: higher is better; comparable only within one search.' }) rank: number;
}
