import type * as Diff3 from 'node-diff3' with { 'resolution-mode': 'import' };
import { parseDocument } from './document';
import { splitLines } from './lines';
import { clauseAtLine } from './markdown';

// node-diff3 is an ES module package that also ships a CommonJS build; a
// CommonJS file compiled with "module": "node16" may not `import` it, so the
// types come from a type-only import and the code from require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const diff3 = require('node-diff3') as typeof Diff3;

export type MergeResult = { clean: true; text: string } | { clean: false; conflictClauses: string[] };

/**
 * Line-based three-way merge of two edits of the same base, as diff3 and git
 * do it: changes to different lines combine, the same change made on both
 * sides is taken once, and changes to the same or adjacent lines conflict.
 * Lines keep their own terminators, so the merged text has exactly the line
 * endings (and final newline, or none) the sides had. On conflict, the
 * clauses the conflicting lines fall in, in `current` then `incoming`
 * numbering, in document order; text before the first clause has no number
 * and is left out.
 */
export function mergeThreeWay(base: string, current: string, incoming: string): MergeResult {
  const regions = diff3.diff3Merge(splitLines(current), splitLines(base), splitLines(incoming), {
    excludeFalseConflicts: true,
  });
  if (regions.every((r) => !r.conflict)) {
    return { clean: true, text: regions.flatMap((r) => r.ok ?? []).join('') };
  }

  const currentClauses = parseDocument(current).clauses;
  const incomingClauses = parseDocument(incoming).clauses;
  const clauses = new Set<string>();
  for (const { conflict } of regions) {
    if (!conflict) continue;
    for (const c of clausesOfLines(currentClauses, conflict.aIndex, conflict.a.length)) clauses.add(c);
    for (const c of clausesOfLines(incomingClauses, conflict.bIndex, conflict.b.length)) clauses.add(c);
  }
  clauses.delete('');
  return { clean: false, conflictClauses: [...clauses] };
}

/** Clauses of the 0-based line range; an empty range (lines deleted on this side) counts as the line before it. */
function clausesOfLines(clauses: { number: string; line: number }[], start: number, length: number): string[] {
  if (length === 0) return [clauseAtLine(clauses, Math.max(start, 1))];
  return Array.from({ length }, (_, k) => clauseAtLine(clauses, start + k + 1));
}
