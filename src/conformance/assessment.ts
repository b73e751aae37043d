import { ConformanceLevel, MEETS } from './conformance-claim.entity';

export interface RequirementLike {
  key: string;
  obligation: string;
  text: string;
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
 * export. A SHALL requirement is met by a fresh CONFORMANT or NOT_APPLICABLE
 * claim; a version with no SHALL requirement is met in full.
 */
export function assess<R extends RequirementLike, C extends ClaimLike>(requirements: readonly R[], claims: readonly C[]): Assessment<R, C> {
  const byKey = new Map(requirements.map((r) => [r.key, r]));
  const claimOf = new Map(claims.map((c) => [c.requirementKey, c]));
  const staleClaims = claims.filter((c) => isStale(c, byKey));
  const stale = new Set(staleClaims);
  const mandatory = requirements.filter((r) => r.obligation === 'SHALL');
  const gaps = mandatory.filter((r) => {
    const claim = claimOf.get(r.key);
    return !claim || stale.has(claim) || !MEETS.has(claim.level);
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
