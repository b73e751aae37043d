import { splitLines } from './lines';

/**
 * Cuts a version's text into content-addressed storage units, so that a new
 * version stores only the blocks that changed. A block is a paragraph (a run
 * of non-blank lines) together with the blank lines after it; blank lines at
 * the very start form a block of their own. Concatenating the blocks gives
 * back the text byte for byte, whatever it contains.
 *
 * A paragraph over MAX_BLOCK_BYTES is cut further, between lines. Its cut
 * points are chosen by content, not position (content-defined chunking: a
 * line is a cut point with a probability proportional to its length, decided
 * by its hash), so inserting a line near the start of a huge paragraph
 * changes one or two blocks rather than shifting every later cut. A single
 * line is never cut, and blank lines stay with the lines before them.
 */

export const MAX_BLOCK_BYTES = 64 * 1024;
/** Inside a long paragraph: no cut before this many bytes, and on average a cut point every TARGET bytes. */
const MIN_CUT_BYTES = 4 * 1024;
const TARGET_CUT_BYTES = 16 * 1024;

export function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  for (const paragraph of cutBefore(splitLines(text), (_line, _bytes, afterBlank) => afterBlank)) {
    const bytes = Buffer.byteLength(paragraph, 'utf8');
    if (bytes <= MAX_BLOCK_BYTES) blocks.push(paragraph);
    else blocks.push(...cutBefore(splitLines(paragraph), (previous, size) => size >= MAX_BLOCK_BYTES || (size >= MIN_CUT_BYTES && isCutPoint(previous))));
  }
  return blocks;
}

/**
 * Groups lines into chunks, starting a new chunk at a non-blank line when
 * `cut(previousNonBlankLine, chunkBytes, previousLineWasBlank)` says so.
 */
function cutBefore(lines: string[], cut: (previous: string, bytes: number, afterBlank: boolean) => boolean): string[] {
  const chunks: string[] = [];
  let chunk = '';
  let bytes = 0;
  let previous = '';
  let afterBlank = false;
  for (const line of lines) {
    const blank = /^[ \t]*\r?\n?$/.test(line);
    if (!blank && chunk !== '' && cut(previous, bytes, afterBlank)) {
      chunks.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += line;
    bytes += Buffer.byteLength(line, 'utf8');
    afterBlank = blank;
    if (!blank) previous = line;
  }
  if (chunk !== '') chunks.push(chunk);
  return chunks;
}

/** True for about one line in TARGET_CUT_BYTES / line length, decided by the line's content alone. */
function isCutPoint(line: string): boolean {
  return fnv1a(line) < Math.min(1, Buffer.byteLength(line, 'utf8') / TARGET_CUT_BYTES) * 0x1_0000_0000;
}

/** 32-bit FNV-1a over UTF-16 code units: cheap, stable, and good enough to pick cut points. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
