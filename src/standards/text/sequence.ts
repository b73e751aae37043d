import { diffArrays } from 'diff';

/**
 * Diff of two sequences (lines, blocks, words) with a bounded cost, because
 * the texts come from users and a redline runs inside a request.
 *
 * Myers' algorithm (jsdiff) gives the shortest diff, and is fast when little
 * changed, but its cost grows with the number of edits times the length. So
 * it may search only up to MAX_EDITS edits; beyond that we anchor on
 * elements that occur exactly once on each side (patience diff), keep the
 * longest in-order run of those, and diff the gaps between them the same
 * bounded way. A gap that is still too different is reported as replaced.
 * Total work stays around (n + m) · MAX_EDITS.
 */

export interface Run {
  kind: 'equal' | 'removed' | 'added';
  count: number;
}

const MAX_EDITS = 200;

/** Appends a run, merged with the last one when of the same kind. */
export function pushRun(runs: Run[], kind: Run['kind'], count: number): void {
  if (count === 0) return;
  const last = runs[runs.length - 1];
  if (last?.kind === kind) last.count += count;
  else runs.push({ kind, count });
}

/**
 * `anchorFirst` skips the first bounded Myers pass and anchors on unique
 * elements straight away: right for sequences whose elements are mostly
 * unique (a document's paragraphs), where the Myers pass would cost
 * (n + m) · MAX_EDITS before giving up on a large document with many edits.
 */
export function diffSequences(a: readonly string[], b: readonly string[], options: { anchorFirst?: boolean; uniques?: readonly [UniqueIndex, UniqueIndex] } = {}): Run[] {
  const runs: Run[] = [];
  const push = (kind: Run['kind'], count: number): void => pushRun(runs, kind, count);
  diffRange(a, b, true, push, options.anchorFirst ?? false, options.uniques);
  return orderReplacements(runs);
}

/**
 * Where each element of a sequence occurs when it occurs exactly once
 * (-1 when it repeats). A sequence that is diffed often against others (a
 * version's blocks) keeps its index, so anchoring costs one lookup per
 * element instead of building three maps over both sequences each time.
 */
export type UniqueIndex = ReadonlyMap<string, number>;

export function uniqueIndex(a: readonly string[]): UniqueIndex {
  const index = new Map<string, number>();
  a.forEach((x, i) => index.set(x, index.has(x) ? -1 : i));
  return index;
}

function diffRange(
  a: readonly string[],
  b: readonly string[],
  anchor: boolean,
  push: (kind: Run['kind'], count: number) => void,
  anchorFirst = false,
  uniques?: readonly [UniqueIndex, UniqueIndex],
): void {
  if (a.length === 0 || b.length === 0) {
    push('removed', a.length);
    push('added', b.length);
    return;
  }
  const changes = anchorFirst ? undefined : diffArrays(a as string[], b as string[], { maxEditLength: MAX_EDITS });
  if (changes) {
    for (const c of changes) push(c.added ? 'added' : c.removed ? 'removed' : 'equal', c.value.length);
    return;
  }
  const anchors = !anchor ? NO_ANCHORS : uniques ? indexedAnchors(a, uniques) : uniqueAnchors(a, b);
  if (anchors.a.length === 0 && anchorFirst) return diffRange(a, b, false, push);
  if (anchors.a.length === 0) {
    push('removed', a.length);
    push('added', b.length);
    return;
  }
  let i = 0;
  let j = 0;
  for (let k = 0; k < anchors.a.length; k++) {
    const [ai, bj] = [anchors.a[k], anchors.b[k]];
    // One level of anchoring only: recursing again could cost a full pass per level.
    // (Most anchors follow the one before: nothing to slice between them.)
    if (ai > i || bj > j) diffRange(a.slice(i, ai), b.slice(j, bj), false, push);
    push('equal', 1);
    i = ai + 1;
    j = bj + 1;
  }
  diffRange(a.slice(i), b.slice(j), false, push);
}

/**
 * Pairs of positions, anchor k at a[k] and b[k]: two arrays of small
 * integers rather than an array of pairs, as a document's blocks make one
 * candidate per block and a pair each would be that much garbage.
 */
interface Anchors {
  a: number[];
  b: number[];
}
const NO_ANCHORS: Anchors = { a: [], b: [] };

/** Pairs (i, j) with a[i] === b[j] occurring once on each side, longest increasing chain of them. */
function uniqueAnchors(a: readonly string[], b: readonly string[]): Anchors {
  const countA = new Map<string, number>();
  for (const x of a) countA.set(x, (countA.get(x) ?? 0) + 1);
  const inB = new Map<string, number>();
  const countB = new Map<string, number>();
  b.forEach((x, j) => {
    countB.set(x, (countB.get(x) ?? 0) + 1);
    inB.set(x, j);
  });
  const candidates: Anchors = { a: [], b: [] };
  a.forEach((x, i) => {
    if (countA.get(x) !== 1 || countB.get(x) !== 1) return;
    candidates.a.push(i);
    candidates.b.push(inB.get(x) as number);
  });
  return longestIncreasing(candidates);
}

/** The same pairs as uniqueAnchors, from the indexes of both sides (uniqueIndex of `a` and of `b`). */
function indexedAnchors(a: readonly string[], [inA, inB]: readonly [UniqueIndex, UniqueIndex]): Anchors {
  const candidates: Anchors = { a: [], b: [] };
  a.forEach((x, i) => {
    if (inA.get(x) !== i) return;
    const j = inB.get(x);
    if (j === undefined || j < 0) return;
    candidates.a.push(i);
    candidates.b.push(j);
  });
  return longestIncreasing(candidates);
}

/** Longest subsequence of pairs (already increasing in a) that is increasing in b: patience sorting, O(k log k). */
function longestIncreasing(pairs: Anchors): Anchors {
  const js = pairs.b;
  const tails: number[] = []; // index into pairs of the smallest tail of a chain of each length
  const previous = new Int32Array(js.length);
  for (let k = 0; k < js.length; k++) {
    const j = js[k];
    let lo = 0;
    let hi = tails.length;
    // Mostly the pairs come in order (few moves): then j extends the longest chain, no search needed.
    if (hi > 0 && js[tails[hi - 1]] < j) lo = hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (js[tails[mid]] < j) lo = mid + 1;
      else hi = mid;
    }
    previous[k] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = k;
  }
  const length = tails.length;
  const chain: Anchors = { a: new Array<number>(length), b: new Array<number>(length) };
  for (let k = length > 0 ? tails[length - 1] : -1, n = length - 1; k >= 0; k = previous[k], n--) {
    chain.a[n] = pairs.a[k];
    chain.b[n] = js[k];
  }
  return chain;
}

/** Within each stretch of changes, removals first, as jsdiff and diff(1) print them. */
function orderReplacements(runs: Run[]): Run[] {
  const ordered: Run[] = [];
  let removed = 0;
  let added = 0;
  const flush = (): void => {
    if (removed > 0) ordered.push({ kind: 'removed', count: removed });
    if (added > 0) ordered.push({ kind: 'added', count: added });
    removed = 0;
    added = 0;
  };
  for (const run of runs) {
    if (run.kind === 'removed') removed += run.count;
    else if (run.kind === 'added') added += run.count;
    else {
      flush();
      ordered.push(run);
    }
  }
  flush();
  return ordered;
}
