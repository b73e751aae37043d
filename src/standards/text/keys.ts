import type { ExtractedRequirement, Obligation } from './document';
import { words } from './similarity';

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

/**
 * An unmatched sentence is compared with at most this many candidates on
 * either side of its relative position in its clause. Below 2 × 32 unmatched
 * candidates in a clause that is every candidate, as before; above it the
 * work stays linear in the number of sentences.
 */
export const SIMILARITY_WINDOW = 32;
const CANDIDATES_KEPT = 8;

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
  // Each queue is walked once, so repeated sentences cost no more than others.
  const exactPairs: [PreviousRequirement, number][] = [];
  for (const keyOf of [(x: { text: string; clause: string }) => `${x.clause}\u0000${x.text}`, (x: { text: string }) => x.text]) {
    const queues = groupBy(
      previous.filter((p) => !taken.has(p.key)),
      keyOf,
    );
    const next = new Map<string, number>();
    current.forEach((r, i) => {
      if (keys[i] !== null) return;
      const k = keyOf(r);
      const queue = queues.get(k) ?? [];
      let at = next.get(k) ?? 0;
      while (at < queue.length && taken.has(queue[at].key)) at++;
      next.set(k, at);
      const p = queue[at];
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
  const bags = new WordBags();
  const pairs: { score: number; i: number; p: PreviousRequirement; order: number }[] = [];
  const unmatched = groupBy(
    current.map((r, i) => ({ r, i })).filter(({ i }) => keys[i] === null),
    ({ r }) => r.clause,
  );
  for (const [clause, mine] of unmatched) {
    const candidates = candidatesByClause.get(clause) ?? [];
    const theirs = candidates.map((p) => bags.of(p.text));
    mine.forEach(({ r, i }, k) => {
      const bag = bags.of(r.text);
      // Edits keep document order, so the match of the k-th unmatched sentence
      // is near the same relative place among the candidates: compare within
      // a window there, which bounds the work per sentence (a clause of
      // thousands of rewritten sentences would otherwise cost n·m).
      const centre = Math.floor((k * candidates.length) / mine.length);
      const from = Math.max(0, centre - SIMILARITY_WINDOW);
      const to = Math.min(candidates.length, centre + SIMILARITY_WINDOW + 1);
      // Only the best few candidates of each sentence go into the greedy
      // matching: enough unless that many better-placed sentences all took
      // theirs first, and it keeps the sort small.
      const best: { score: number; i: number; p: PreviousRequirement; order: number }[] = [];
      for (let order = from; order < to; order++) {
        const score = bagDice(theirs[order], bag);
        if (score < SIMILARITY_THRESHOLD || (best.length === CANDIDATES_KEPT && score <= best[best.length - 1].score)) continue;
        if (best.length === CANDIDATES_KEPT) best.pop();
        let at = best.length;
        while (at > 0 && best[at - 1].score < score) at--;
        best.splice(at, 0, { score, i, p: candidates[order], order });
      }
      pairs.push(...best);
    });
  }
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
    const at = lines.get(r.pinnedKey) ?? [];
    at.push(r.line);
    lines.set(r.pinnedKey, at);
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

/**
 * Word multisets as sorted integer arrays (words interned per call), so the
 * Dice coefficient of two sentences is one merge of two short arrays rather
 * than a map built per pair. Same value as diceSimilarity(words(a), words(b)).
 */
class WordBags {
  private readonly ids = new Map<string, number>();
  private readonly bags = new Map<string, Int32Array>();

  of(text: string): Int32Array {
    let bag = this.bags.get(text);
    if (!bag) {
      const list = words(text);
      bag = new Int32Array(list.length);
      for (let k = 0; k < list.length; k++) {
        let id = this.ids.get(list[k]);
        if (id === undefined) this.ids.set(list[k], (id = this.ids.size));
        bag[k] = id;
      }
      bag.sort();
      this.bags.set(text, bag);
    }
    return bag;
  }
}

function bagDice(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  let common = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}
