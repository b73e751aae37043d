import type { ExtractedRequirement, Obligation } from './document';
import { diceSimilarity, words } from './similarity';

export type ChangeKind = 'ADDED' | 'REMOVED' | 'MODIFIED' | 'UNCHANGED';

export interface PreviousRequirement {
  key: string;
  clause: string;
  text: string;
  obligation: Obligation;
}

export interface KeyedRequirement extends ExtractedRequirement {
  key: string;
  /** ADDED, MODIFIED or UNCHANGED; removed requirements are listed separately. */
  change: ChangeKind;
}

export interface KeyAssignment {
  requirements: KeyedRequirement[];
  removed: PreviousRequirement[];
}

/**
 * Minimum word-level Dice similarity for an edited sentence in the same
 * clause to keep its key. 0.5 means about half of the words survived the
 * edit: a reworded requirement keeps its key, a different one in the same
 * clause does not.
 */
export const SIMILARITY_THRESHOLD = 0.5;

/** An author pinned the same `{#KEY}` on two sentences; the service reports it as BAD_USER_INPUT. */
export class DuplicateRequirementKeyError extends Error {
  readonly code = 'DUPLICATE_REQUIREMENT_KEY';

  constructor(
    readonly key: string,
    readonly lines: number[],
  ) {
    super(`text: requirement key {#${key}} is pinned on more than one sentence (lines ${lines.join(', ')}); each pinned key must be unique`);
    this.name = 'DuplicateRequirementKeyError';
  }
}

/**
 * Gives every requirement of a new version its key, in order of confidence:
 *  1. a pinned `{#KEY}` always wins;
 *  2. the same text as a previous requirement, preferring the same clause,
 *     then anywhere (moved requirement, renumbered clause): UNCHANGED;
 *  3. similar text (Dice >= SIMILARITY_THRESHOLD) in the same clause, or in
 *     the clause the previous one was renumbered to, best pairs first: MODIFIED;
 *  4. otherwise a fresh key: ADDED.
 * Each previous key is carried at most once, so of a split sentence one half
 * keeps the key and of merged sentences one key survives; previous
 * requirements whose key is not carried are returned as removed.
 */
export function assignKeys(
  previous: PreviousRequirement[],
  current: ExtractedRequirement[],
  newKey: () => string,
): KeyAssignment {
  rejectDuplicatePins(current);

  const previousByKey = new Map(previous.map((p) => [p.key, p]));
  const keys: (string | null)[] = current.map(() => null);
  const changes: ChangeKind[] = current.map(() => 'ADDED');
  const taken = new Set<string>();
  const give = (i: number, key: string, change: ChangeKind): void => {
    keys[i] = key;
    changes[i] = change;
    taken.add(key);
  };
  const changeFrom = (p: PreviousRequirement, r: ExtractedRequirement): ChangeKind =>
    p.text === r.text && p.obligation === r.obligation ? 'UNCHANGED' : 'MODIFIED';

  current.forEach((r, i) => {
    if (r.pinnedKey === null) return;
    const p = previousByKey.get(r.pinnedKey);
    give(i, r.pinnedKey, p ? changeFrom(p, r) : 'ADDED');
  });

  // Same text: first within the same clause, so that a sentence repeated in
  // several clauses keeps the key of its own clause, then across clauses.
  const exactPairs: [PreviousRequirement, number][] = [];
  for (const sameClauseOnly of [true, false]) {
    const byText = groupBy(
      previous.filter((p) => !taken.has(p.key)),
      (p) => p.text,
    );
    current.forEach((r, i) => {
      if (keys[i] !== null) return;
      const candidates = (byText.get(r.text) ?? []).filter((p) => !taken.has(p.key));
      const p = candidates.find((c) => c.clause === r.clause) ?? (sameClauseOnly ? undefined : candidates[0]);
      if (!p) return;
      give(i, p.key, changeFrom(p, r));
      exactPairs.push([p, i]);
    });
  }

  // Similar text within a clause, or within the clause it was renumbered to
  // (learnt from the requirements that kept their exact text).
  const renumbered = renumbering(exactPairs.map(([p, i]) => [p.clause, current[i].clause]));
  const candidatesByClause = new Map<string, PreviousRequirement[]>();
  for (const p of previous) {
    if (taken.has(p.key)) continue;
    for (const clause of new Set([p.clause, renumbered.get(p.clause) ?? p.clause])) {
      const list = candidatesByClause.get(clause) ?? [];
      list.push(p);
      candidatesByClause.set(clause, list);
    }
  }
  const wordsOf = new Map(previous.map((p) => [p, words(p.text)]));
  const pairs: { score: number; i: number; p: PreviousRequirement; order: number }[] = [];
  current.forEach((r, i) => {
    if (keys[i] !== null) return;
    const mine = words(r.text);
    (candidatesByClause.get(r.clause) ?? []).forEach((p, order) => {
      const score = diceSimilarity(wordsOf.get(p) ?? [], mine);
      if (score >= SIMILARITY_THRESHOLD) pairs.push({ score, i, p, order });
    });
  });
  // Best first; ties go to document order so the result is deterministic.
  pairs.sort((a, b) => b.score - a.score || a.i - b.i || a.order - b.order);
  for (const { i, p } of pairs) {
    if (keys[i] === null && !taken.has(p.key)) give(i, p.key, changeFrom(p, current[i]));
  }

  current.forEach((_, i) => {
    if (keys[i] === null) give(i, freshKey(newKey, (k) => taken.has(k) || previousByKey.has(k)), 'ADDED');
  });

  return {
    requirements: current.map((r, i) => ({ ...r, key: keys[i] as string, change: changes[i] })),
    removed: previous.filter((p) => !taken.has(p.key)),
  };
}

function rejectDuplicatePins(current: readonly ExtractedRequirement[]): void {
  const lines = new Map<string, number[]>();
  for (const r of current) {
    if (r.pinnedKey === null) continue;
    lines.set(r.pinnedKey, [...(lines.get(r.pinnedKey) ?? []), r.line]);
  }
  for (const [key, at] of lines) {
    if (at.length > 1) throw new DuplicateRequirementKeyError(key, at);
  }
}

/** For each previous clause, the current clause most of its unchanged requirements went to. */
function renumbering(moves: [string, string][]): Map<string, string> {
  const votes = new Map<string, Map<string, number>>();
  for (const [from, to] of moves) {
    const tally = votes.get(from) ?? new Map<string, number>();
    tally.set(to, (tally.get(to) ?? 0) + 1);
    votes.set(from, tally);
  }
  const result = new Map<string, string>();
  for (const [from, tally] of votes) {
    const [to] = [...tally].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
    result.set(from, to);
  }
  return result;
}

// The caller promises fresh keys; checking costs nothing and protects the
// one invariant claims depend on: a key never names two requirements.
function freshKey(newKey: () => string, used: (key: string) => boolean): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const key = newKey();
    if (!used(key)) return key;
  }
  throw new Error('newKey() kept returning keys that are already in use');
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(keyOf(item)) ?? [];
    list.push(item);
    groups.set(keyOf(item), list);
  }
  return groups;
}
