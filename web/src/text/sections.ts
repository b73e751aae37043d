import { parseDocument } from '../../../src/standards/text/document';
import { splitLines } from '../../../src/standards/text/lines';
import { mergeThreeWay } from '../../../src/standards/text/merge';

/** A clause's lines, from its heading to the next clause heading: [start, end), 0-based. */
function sectionRange(text: string, clause: string): [number, number] | null {
  const clauses = parseDocument(text).clauses;
  const i = clauses.findIndex((c) => c.number === clause);
  if (i < 0) return null;
  const end = clauses[i + 1]?.line ?? splitLines(text).length + 1;
  return [clauses[i].line - 1, end - 1];
}

export function sectionText(text: string, clause: string): string {
  const range = sectionRange(text, clause);
  return range ? splitLines(text).slice(...range).join('') : '';
}

function replaceSection(text: string, clause: string, replacement: string): string {
  const range = sectionRange(text, clause);
  if (!range) return text;
  const lines = splitLines(text);
  const section = replacement === '' || replacement.endsWith('\n') ? replacement : `${replacement}\n`;
  return [...lines.slice(0, range[0]), section, ...lines.slice(range[1])].join('');
}

/**
 * Settles a VERSION_CONFLICT the way the person chose, clause by clause: both
 * sides get the chosen words for each conflicting clause, then the service's
 * own three-way merge combines everything else either side changed. Null when
 * the edits still collide outside those clauses.
 */
export function resolveConflict(base: string, theirs: string, mine: string, chosen: Record<string, string>): string | null {
  let a = theirs;
  let b = mine;
  for (const [clause, words] of Object.entries(chosen)) {
    a = replaceSection(a, clause, words);
    b = replaceSection(b, clause, words);
  }
  const merged = mergeThreeWay(base, a, b);
  return merged.clean ? merged.text : null;
}
