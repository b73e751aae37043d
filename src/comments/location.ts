import { badInput } from '../common/errors';
import { ClauseInfo } from '../standards/text/document';

/** What a comment may point at in the version under review. */
export interface VersionOutline {
  clauses: Set<string>;
  lineCount: number;
}

export function outlineOf(text: string, clauses: ClauseInfo[]): VersionOutline {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return { clauses: new Set(clauses.map((c) => c.number)), lineCount: lines.length };
}

export interface Location {
  clause: string | null;
  lineFrom: number | null;
  lineTo: number | null;
}

/** The reason a location does not exist in the version, or null when it does. */
export function locationProblem(outline: VersionOutline, loc: Location): { field: string; message: string } | null {
  if (loc.clause !== null && !outline.clauses.has(loc.clause)) {
    return { field: 'clause', message: `clause ${loc.clause} does not exist in the version under review` };
  }
  if (loc.lineTo !== null && loc.lineFrom === null) return { field: 'lineTo', message: 'lineTo needs lineFrom' };
  for (const [field, line] of [['lineFrom', loc.lineFrom], ['lineTo', loc.lineTo]] as const) {
    if (line !== null && (line < 1 || line > outline.lineCount)) {
      return { field, message: `line ${line} is outside the text (lines 1 to ${outline.lineCount})` };
    }
  }
  if (loc.lineFrom !== null && loc.lineTo !== null && loc.lineTo < loc.lineFrom) {
    return { field: 'lineTo', message: `lineTo ${loc.lineTo} is before lineFrom ${loc.lineFrom}` };
  }
  return null;
}

export function requireLocation(outline: VersionOutline, loc: Location): void {
  const problem = locationProblem(outline, loc);
  if (problem) throw badInput(problem.field, `${problem.field}: ${problem.message}.`);
}

/**
 * A sort key that orders clause numbers as a reader does: 2 before 10, 5.2
 * after 5, annex A after the numbered clauses. General comments ('') come first.
 */
export function clauseKey(clause: string | null): string {
  if (!clause) return '';
  return clause
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? `0${part.padStart(6, '0')}` : `1${part.toUpperCase().padEnd(6, ' ')}`))
    .join('.');
}

/** "12", "12-15" or "12–15" in the template's line column. */
export function parseLines(value: string): { lineFrom: number | null; lineTo: number | null } | null {
  const v = value.trim();
  if (!v) return { lineFrom: null, lineTo: null };
  const m = /^(\d{1,7})(?:\s*[-–—]\s*(\d{1,7}))?$/.exec(v);
  if (!m) return null;
  return { lineFrom: Number(m[1]), lineTo: m[2] ? Number(m[2]) : null };
}
