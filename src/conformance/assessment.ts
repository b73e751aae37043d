import { ConformanceLevel } from './conformance-claim.entity';

export interface RequirementLike {
  key: string;
  obligation: string;
  text: string;
  /** PICS status M, O, C or X; null for a possibility. */
  status: string | null;
}

export interface ClaimLike {
  requirementKey: string;
  level: ConformanceLevel;
  /** The requirement's text in the version the claim was made against. */
  claimedText: string;
}

/**
 * A claim vouches for the words it was made against: once those words change
 * in the version under review, or the requirement is gone, the vendor must
 * look again.
 */
export function isStale(claim: ClaimLike, inVersion: ReadonlyMap<string, RequirementLike>): boolean {
  const now = inVersion.get(claim.requirementKey);
  return !now || now.text !== claim.claimedText;
}

export interface Assessment<R, C> {
  mandatoryTotal: number;
  mandatoryMet: number;
  coverage: number;
  conformant: boolean;
  gaps: R[];
  staleClaims: C[];
}

/**
 * The one definition of conformance, shared by the report, the matrix and the
 * export. The mandatory provisions are the requirements (status M, C or X).
 * Each is met by a fresh claim that supports it (CONFORMANT); NOT_APPLICABLE
 * meets only a conditional one (C), where it says the condition is false.
 * PARTIAL is a note, not support. A version with no requirement is met in full.
 */
export function assess<R extends RequirementLike, C extends ClaimLike>(requirements: readonly R[], claims: readonly C[]): Assessment<R, C> {
  const byKey = new Map(requirements.map((r) => [r.key, r]));
  const claimOf = new Map(claims.map((c) => [c.requirementKey, c]));
  const staleClaims = claims.filter((c) => isStale(c, byKey));
  const stale = new Set(staleClaims);
  const mandatory = requirements.filter((r) => r.obligation === 'SHALL');
  const gaps = mandatory.filter((r) => {
    const claim = claimOf.get(r.key);
    return !claim || stale.has(claim) || !meets(r, claim.level);
  });
  const mandatoryTotal = mandatory.length;
  const mandatoryMet = mandatoryTotal - gaps.length;
  return {
    mandatoryTotal,
    mandatoryMet,
    coverage: mandatoryTotal ? mandatoryMet / mandatoryTotal : 1,
    conformant: gaps.length === 0,
    gaps,
    staleClaims,
  };
}

/** Whether a claim's level meets a mandatory provision. */
export function meets(requirement: RequirementLike, level: ConformanceLevel): boolean {
  return level === ConformanceLevel.CONFORMANT || (level === ConformanceLevel.NOT_APPLICABLE && requirement.status === 'C');
}
