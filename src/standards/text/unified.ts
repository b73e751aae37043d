import { splitLines } from './lines';
import { diffSequences } from './sequence';
import type { Run } from './sequence';

/**
 * A unified diff laid out the way GNU `diff -u` lays it out, so that what the
 * workbench shows matches what an editor gets from `diff -u old new`.
 *
 * Any minimal line diff would do for correctness, but Markdown repeats lines
 * (blank lines above all), so several minimal diffs exist and tools pick
 * different ones. GNU diff settles the choice by sliding every run of
 * changed lines over equal neighbours: first to merge with nearby runs, else
 * as far down as it goes, then back up to line up with a change in the other
 * file. We compute a shortest diff with jsdiff (bounded, see sequence.ts),
 * apply the same rule, and print hunks with GNU's conventions: 3 lines of
 * context, hunks closer than 2 × context merged, "-5,0" for an empty range at
 * line 5, no ",1" for one line, "\ No newline at end of file" after a line
 * missing its newline.
 */

export const CONTEXT_LINES = 3;

/** One change: old lines [oldStart, oldEnd) replaced by new lines [newStart, newEnd). */
export interface LineChange {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

export function unifiedDiff(fromText: string, toText: string, fromName: string, toName: string): string {
  const oldLines = splitLines(fromText);
  const newLines = splitLines(toText);
  return formatUnified(oldLines, newLines, lineChanges(oldLines, newLines), fromName, toName);
}

/** Identical inputs print nothing at all, as with `diff -u`. */
export function formatUnified(
  oldLines: readonly string[],
  newLines: readonly string[],
  changes: readonly LineChange[],
  fromName: string,
  toName: string,
): string {
  if (changes.length === 0) return '';
  const out = [`--- ${fromName}\n`, `+++ ${toName}\n`];
  for (const hunk of groupHunks(changes)) {
    const first = hunk[0];
    const last = hunk[hunk.length - 1];
    const oldFrom = Math.max(0, first.oldStart - CONTEXT_LINES);
    const newFrom = Math.max(0, first.newStart - CONTEXT_LINES);
    const oldTo = Math.min(oldLines.length, last.oldEnd + CONTEXT_LINES);
    const newTo = Math.min(newLines.length, last.newEnd + CONTEXT_LINES);
    out.push(`@@ -${range(oldFrom, oldTo)} +${range(newFrom, newTo)} @@\n`);
    let o = oldFrom;
    for (const c of hunk) {
      for (; o < c.oldStart; o++) out.push(printed(' ', oldLines[o]));
      for (; o < c.oldEnd; o++) out.push(printed('-', oldLines[o]));
      for (let n = c.newStart; n < c.newEnd; n++) out.push(printed('+', newLines[n]));
    }
    for (; o < oldTo; o++) out.push(printed(' ', oldLines[o]));
  }
  return out.join('');
}

/** The changes between two line arrays (lines compared with their terminators), GNU-aligned. */
export function lineChanges(oldLines: readonly string[], newLines: readonly string[]): LineChange[] {
  return lineChangesFromRuns(oldLines, newLines, diffSequences(oldLines, newLines));
}

/** The same, from a diff of the two line arrays already made (for example block by block). */
export function lineChangesFromRuns(oldLines: readonly string[], newLines: readonly string[], runs: readonly Run[]): LineChange[] {
  // One byte a line (1 = changed): flags for every line of both files, made for each redline, so kept small.
  const oldChanged = new Uint8Array(oldLines.length);
  const newChanged = new Uint8Array(newLines.length);
  let o = 0;
  let n = 0;
  for (const { kind, count } of runs) {
    if (kind === 'removed') for (let k = 0; k < count; k++) oldChanged[o++] = 1;
    else if (kind === 'added') for (let k = 0; k < count; k++) newChanged[n++] = 1;
    else {
      o += count;
      n += count;
    }
  }
  slideRuns(oldChanged, oldLines, newChanged);
  slideRuns(newChanged, newLines, oldChanged);
  return collectChanges(oldChanged, newChanged);
}

/**
 * Slides each run of changed lines in `changed` along equal neighbouring
 * lines, GNU-style: up while that merges it with the run before, down as far
 * as possible (merging on the way), then back up as far as the last position
 * where its end lines up with a change in the other file.
 */
function slideRuns(changed: Uint8Array, lines: readonly string[], otherChanged: Uint8Array): void {
  // otherGap[u]: does the other file have changed lines right after its u-th unchanged line?
  const otherGap = new Uint8Array(otherChanged.length + 1);
  let gaps = 0;
  for (const c of otherChanged) {
    if (c !== 0) otherGap[gaps] = 1;
    else gaps++;
  }
  const size = changed.length;
  let i = 0;
  let unchanged = 0; // unchanged lines before i, which is how the two files line up
  for (;;) {
    while (i < size && !changed[i]) {
      i++;
      unchanged++;
    }
    if (i === size) return;
    let start = i;
    let end = i;
    while (end < size && changed[end]) end++;
    let aligned: number; // last end position that lines up with a change in the other file
    let length: number;
    do {
      length = end - start;
      while (start > 0 && lines[start - 1] === lines[end - 1]) {
        changed[--start] = 1;
        changed[--end] = 0;
        unchanged--;
        while (start > 0 && changed[start - 1]) start--;
      }
      aligned = otherGap[unchanged] === 1 ? end : size;
      while (end < size && lines[start] === lines[end]) {
        changed[start++] = 0;
        changed[end++] = 1;
        unchanged++;
        while (end < size && changed[end]) end++;
        if (otherGap[unchanged] === 1) aligned = end;
      }
    } while (length !== end - start);
    while (aligned < end) {
      changed[--start] = 1;
      changed[--end] = 0;
      unchanged--;
    }
    i = end;
  }
}

function collectChanges(oldChanged: Uint8Array, newChanged: Uint8Array): LineChange[] {
  const changes: LineChange[] = [];
  let o = 0;
  let n = 0;
  while (o < oldChanged.length || n < newChanged.length) {
    if (o < oldChanged.length && n < newChanged.length && !oldChanged[o] && !newChanged[n]) {
      o++;
      n++;
      continue;
    }
    const change = { oldStart: o, oldEnd: o, newStart: n, newEnd: n };
    while (o < oldChanged.length && oldChanged[o]) o++;
    while (n < newChanged.length && newChanged[n]) n++;
    change.oldEnd = o;
    change.newEnd = n;
    changes.push(change);
  }
  return changes;
}

/** Changes whose unchanged gap fits in two contexts share a hunk. */
function groupHunks(changes: readonly LineChange[]): LineChange[][] {
  const hunks: LineChange[][] = [];
  for (const change of changes) {
    const hunk = hunks[hunks.length - 1];
    if (hunk && change.oldStart - hunk[hunk.length - 1].oldEnd <= 2 * CONTEXT_LINES) hunk.push(change);
    else hunks.push([change]);
  }
  return hunks;
}

/** GNU's range: "start,count", just "start" for one line, "line-before,0" when empty. */
function range(from: number, to: number): string {
  if (to - from === 1) return String(from + 1);
  return to === from ? `${from},0` : `${from + 1},${to - from}`;
}

function printed(mark: string, line: string): string {
  return line.endsWith('\n') ? mark + line : `${mark}${line}\n\\ No newline at end of file\n`;
}
