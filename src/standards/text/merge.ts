import { parseDocument } from './document';
import { splitLines } from './lines';
import { clauseAtLine } from './markdown';
import { diffSequences } from './sequence';

export type MergeResult = { clean: true; text: string } | { clean: false; conflictClauses: string[] };

/** One side's edit: its lines [start, end) replace base lines [baseStart, baseEnd). */
interface Hunk {
  side: 'current' | 'incoming';
  baseStart: number;
  baseEnd: number;
  start: number;
  end: number;
}

/**
 * Line-based three-way merge of two edits of the same base, as diff3 and git
 * do it: changes to different lines combine, the same change made on both
 * sides is taken once, and changes to the same or adjacent lines conflict.
 * Lines keep their own terminators, so the merged text has exactly the line
 * endings (and final newline, or none) the sides had. On conflict, the
 * clauses the conflicting lines fall in, in `current` then `incoming`
 * numbering, in document order; text before the first clause has no number
 * and is left out.
 *
 * This is the diff3 algorithm (as in node-diff3's diff3MergeRegions), built on
 * the bounded two-way diff in sequence.ts: node-diff3's own LCS slows down
 * quadratically or worse on repeated lines, and Markdown is full of blank
 * lines (a 2,000-line standard took seconds, 10,000 lines minutes).
 */
export function mergeThreeWay(base: string, current: string, incoming: string): MergeResult {
  const baseLines = splitLines(base);
  const sides = { current: splitLines(current), incoming: splitLines(incoming) };
  const hunks = [...editsOf(baseLines, sides.current, 'current'), ...editsOf(baseLines, sides.incoming, 'incoming')].sort(
    (x, y) => x.baseStart - y.baseStart,
  );

  const merged: string[] = [];
  const conflicts: Record<Hunk['side'], [number, number]>[] = [];
  let done = 0; // base lines already emitted or replaced
  for (let k = 0; k < hunks.length; ) {
    // A region is a run of hunks that overlap or touch in the base.
    const regionStart = hunks[k].baseStart;
    let regionEnd = hunks[k].baseEnd;
    const region = [hunks[k++]];
    while (k < hunks.length && hunks[k].baseStart <= regionEnd) {
      regionEnd = Math.max(regionEnd, hunks[k].baseEnd);
      region.push(hunks[k++]);
    }
    merged.push(...baseLines.slice(done, regionStart));
    done = regionEnd;

    // Each side's lines for the region: its hunks, plus the base lines around them, which it left alone.
    const span = (side: Hunk['side']): [number, number] | null => {
      const own = region.filter((h) => h.side === side);
      if (own.length === 0) return null;
      const first = own[0];
      const last = own[own.length - 1];
      return [first.start - (first.baseStart - regionStart), last.end + (regionEnd - last.baseEnd)];
    };
    const ours = span('current');
    const theirs = span('incoming');
    const oursText = ours && sides.current.slice(...ours);
    const theirsText = theirs && sides.incoming.slice(...theirs);
    if (oursText && theirsText && oursText.join('') !== theirsText.join('')) {
      conflicts.push({ current: ours as [number, number], incoming: theirs as [number, number] });
    } else {
      merged.push(...((oursText ?? theirsText) as string[]));
    }
  }
  merged.push(...baseLines.slice(done));

  if (conflicts.length === 0) return { clean: true, text: merged.join('') };

  const clausesOf = { current: parseDocument(current).clauses, incoming: parseDocument(incoming).clauses };
  const clauses = new Set<string>();
  for (const conflict of conflicts) {
    for (const side of ['current', 'incoming'] as const) {
      const [start, end] = conflict[side];
      for (const c of clausesOfLines(clausesOf[side], start, end)) clauses.add(c);
    }
  }
  clauses.delete('');
  return { clean: false, conflictClauses: [...clauses] };
}

function editsOf(base: readonly string[], side: readonly string[], name: Hunk['side']): Hunk[] {
  const hunks: Hunk[] = [];
  let b = 0;
  let s = 0;
  let open: Hunk | null = null;
  for (const { kind, count } of diffSequences(base, side)) {
    if (kind === 'equal') {
      open = null;
      b += count;
      s += count;
      continue;
    }
    if (!open) {
      open = { side: name, baseStart: b, baseEnd: b, start: s, end: s };
      hunks.push(open);
    }
    if (kind === 'removed') open.baseEnd = b += count;
    else open.end = s += count;
  }
  return hunks;
}

/** Clauses of the 0-based line range [start, end); an empty range (lines deleted on this side) counts as the line before it. */
function clausesOfLines(clauses: { number: string; line: number }[], start: number, end: number): string[] {
  if (end === start) return [clauseAtLine(clauses, Math.max(start, 1))];
  return Array.from({ length: end - start }, (_, k) => clauseAtLine(clauses, start + k + 1));
}
