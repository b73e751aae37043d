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

@ObjectType('Clause', { description: 'A numbered clause of a version, from its Markdown headings.' })
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

@ObjectType('RedlineStats', { description: 'Counts of what changed between two versions.' })
export class RedlineStatsModel {
  @Field(() => Int) wordsInserted: number;
  @Field(() => Int) wordsDeleted: number;
  @Field(() => [String]) changedClauses: string[];
}

@ObjectType('RequirementDelta', { description: 'One requirement added, removed or changed between two versions, by key.' })
export class RequirementDeltaModel {
  @Field() key: string;
  @Field(() => ChangeKind) change: ChangeKind;
  @Field(() => String, { nullable: true }) before: string | null;
  @Field(() => String, { nullable: true }) after: string | null;
}

@ObjectType('Redline', { description: 'The differences between two versions of a standard.' })
export class RedlineModel {
  @Field(() => StandardVersionModel) from: StandardVersionModel;
  @Field(() => StandardVersionModel) to: StandardVersionModel;
  @Field({ description: 'Unified diff of the Markdown, as `diff -u` would print it.' }) unified: string;
  @Field({ description: 'Word-level redline of the rendered text with <ins> and <del>.' }) html: string;
  @Field(() => RedlineStatsModel) stats: RedlineStatsModel;
  @Field(() => [RequirementDeltaModel]) requirementChanges: RequirementDeltaModel[];
}

@ObjectType('SearchHit', { description: 'A standard (or one of its versions) matching a search, with a snippet.' })
export class SearchHitModel {
  @Field(() => StandardModel) standard: StandardModel;
  @Field(() => StandardVersionModel, { nullable: true }) version: StandardVersionModel | null;
  @Field({ description: 'Matched passage with the terms wrapped in <mark>.' }) snippet: string;
  @Field(() => Float) rank: number;
}
