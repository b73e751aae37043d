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

/** `lines` is splitLines(text), for a caller that has it already. */
export function splitBlocks(text: string, lines: readonly string[] = splitLines(text)): string[] {
  const blocks: string[] = [];
  // Blocks are slices of the text (V8 shares the characters), not copies of its lines.
  let offset = 0;
  for (const length of cutBefore(lines, (_line, _bytes, afterBlank) => afterBlank, false)) {
    const paragraph = text.slice(offset, offset + length);
    // UTF-8 takes at most 3 bytes per UTF-16 unit: most paragraphs need no count.
    if (3 * length <= MAX_BLOCK_BYTES || Buffer.byteLength(paragraph, 'utf8') <= MAX_BLOCK_BYTES) blocks.push(paragraph);
    else {
      let at = offset;
      for (const piece of cutBefore(splitLines(paragraph), (previous, size) => size >= MAX_BLOCK_BYTES || (size >= MIN_CUT_BYTES && isCutPoint(previous)))) {
        blocks.push(text.slice(at, at + piece));
        at += piece;
      }
    }
    offset += length;
  }
  return blocks;
}

/**
 * Groups lines into chunks, starting a new chunk at a non-blank line when
 * `cut(previousNonBlankLine, chunkBytes, previousLineWasBlank)` says so;
 * returns the length of each chunk (UTF-16 units). `bytes` is 0 throughout
 * when `countBytes` is false.
 */
function cutBefore(lines: readonly string[], cut: (previous: string, bytes: number, afterBlank: boolean) => boolean, countBytes = true): number[] {
  const chunks: number[] = [];
  let chunk = 0;
  let bytes = 0;
  let previous = '';
  let afterBlank = false;
  for (const line of lines) {
    const blank = /^[ \t]*\r?\n?$/.test(line);
    if (!blank && chunk > 0 && cut(previous, bytes, afterBlank)) {
      chunks.push(chunk);
      chunk = 0;
      bytes = 0;
    }
    chunk += line.length;
    // Cutting into paragraphs looks at blank lines only: no byte count for every line of the text.
    if (countBytes) bytes += Buffer.byteLength(line, 'utf8');
    afterBlank = blank;
    if (!blank) previous = line;
  }
  if (chunk > 0) chunks.push(chunk);
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
