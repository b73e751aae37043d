import { splitBlocks } from './blocks';
import { countLines, splitLines } from './lines';
import { clauseAtLine, inlinePlainText, numberClauses, Markdown, Token } from './markdown';
import type { HeadingLine } from './markdown';
import { HEADING_PLACEHOLDER, headingId, renderPieceTokens } from './render';
import { diffSequences, pushRun, uniqueIndex } from './sequence';
import type { Run, UniqueIndex } from './sequence';
import { diceSimilarity, words } from './similarity';
import { formatUnified, lineChangesFromRuns } from './unified';
import type { LineChange } from './unified';

export interface RedlineResult {
  unified: string;
  html: string;
  wordsInserted: number;
  wordsDeleted: number;
  changedClauses: string[];
}

/**
 * Two changed blocks of the same kind are shown as one edited block when at
 * least this share of their words is common (Dice); below it the old block is
 * shown deleted and the new one inserted.
 */
const PAIR_THRESHOLD = 0.3;
/** Above this many candidate pairs in one changed region we stop pairing: a rewrite reads as delete + insert. */
const MAX_PAIRING_WORK = 10_000;

/**
 * What a piece of a document renders to on its own: the HTML of its
 * top-level blocks and their source lines, its headings and requirement
 * anchors. A piece is one or more consecutive storage blocks (splitBlocks)
 * that Markdown cannot join to what comes before them, so it renders alone
 * exactly as inside the whole document, apart from heading ids (which need
 * the whole document's clause numbers and are filled in by `rendition`).
 * It is cached by its text: content-addressed, so it never goes stale, and
 * an unchanged paragraph is never rendered twice.
 */
export interface PieceRendition {
  /** Top-level blocks: HTML with placeholder heading ids, and source lines [start, end) within the piece (-1 when markdown-it gave none). */
  html: string[];
  start: number[];
  end: number[];
  /** Every heading, in order: depth (## is 2), top level or nested, its plain text, its first line within the piece. */
  headings: { depth: number; topLevel: boolean; text: string; line: number }[];
  /** Its first block is a # heading (the document's title when the piece comes first). */
  startsWithH1: boolean;
  /** Requirement anchor ids ("req-KEY"), in order. */
  requirementIds: string[];
  /** It defines link references, which Markdown applies across the whole document. */
  references: boolean;
  /** It ends inside a fenced code block, which then runs on into what follows. */
  opensFence: boolean;
  /** An estimate of the memory it holds, with its text as a cache key, for cache accounting. */
  bytes: number;
}

/**
 * Where renditions of pieces are kept: a Map for one call, an LRU bounded in
 * bytes in the service. Keys are slices of the text being rendered: a cache
 * that outlives the text keeps an `ownCopy` of a key it stores.
 */
export interface PieceCache {
  get(text: string): PieceRendition | undefined;
  set(text: string, piece: PieceRendition): unknown;
}

/**
 * What a redline needs of one version: its lines and storage blocks, the
 * HTML and source lines of each top-level block, its clause headings, and
 * the pieces it was rendered from (their token streams are parsed again
 * only for blocks that changed). It holds no token stream, so it costs
 * about twice its text in memory, and building it from cached pieces costs
 * a pass over the text.
 */
export interface Rendition {
  /** An estimate of the memory it holds, for cache accounting. */
  bytes: number;
  lines: string[];
  /** The storage blocks (splitBlocks), and the index in `lines` where each starts. */
  blocks: string[];
  blockLine: number[];
  /** Where each block that occurs once stands (uniqueIndex): the block diff anchors on these, so a redline does not index both versions again. */
  blockIndex: UniqueIndex;
  pieces: DocumentPiece[];
  nodeHtml: string[];
  /** Source lines [start, end) of each top-level block (-1 when unknown), its piece and its index in the piece. */
  nodeStart: number[];
  nodeEnd: number[];
  nodePiece: number[];
  nodeInPiece: number[];
  clauses: { number: string; line: number }[];
}

interface DocumentPiece {
  text: string;
  /** The requirement ids earlier pieces took, when some of its own clash with them (then it was rendered knowing them). */
  used: Set<string> | null;
  headingIds: string[];
}

const BLANK_LINE = /^[ \t]*\r?\n?$/;
/**
 * A line that may continue what is open above a blank line: indented
 * (list item content, indented code) or a list item (the list goes on, and
 * turns loose). Any other line after a blank line starts afresh.
 */
const MAY_CONTINUE = /^(?:[ \t]|[-+*](?:[ \t]|\r?\n|$)|\d{1,9}[.)](?:[ \t]|\r?\n|$))/;
/** A fence line as markdown-it reads one at the top level (at most 3 spaces of indent). */
const FENCE = /^ {0,3}(`{3,}|~{3,})([^\r\n]*)/;

/**
 * Where the pieces of a text start, as indexes into its blocks: at a block
 * that follows a blank line, outside a fenced code block, and whose first
 * line cannot continue a list or an indented block. The fence scan is
 * markdown-it's rule for top-level fences; `rendition` checks each piece
 * with markdown-it itself for a fence left open.
 */
function pieceStarts(lines: readonly string[], blockLine: readonly number[]): number[] {
  const starts = [0];
  let fence: { char: string; length: number } | null = null;
  let block = 1;
  for (let i = 0; i < lines.length; i++) {
    if (i === blockLine[block]) {
      if (fence === null && BLANK_LINE.test(lines[i - 1]) && !MAY_CONTINUE.test(lines[i])) starts.push(block);
      block++;
    }
    const m = FENCE.exec(lines[i]);
    if (m === null) continue;
    if (fence === null) {
      // An info string with a backtick makes a backtick line plain text.
      if (m[1][0] !== '`' || !m[2].includes('`')) fence = { char: m[1][0], length: m[1].length };
    } else if (m[1][0] === fence.char && m[1].length >= fence.length && m[2].trim() === '') fence = null;
  }
  return starts;
}

/**
 * A string with characters of its own, not a slice of a larger one (V8
 * shares the characters of a slice with the whole string, and keeps the
 * whole alive while the slice is).
 */
export const ownCopy = (s: string): string => Buffer.from(s, 'utf16le').toString('utf16le');

function renderPiece(text: string, used?: Set<string>): PieceRendition {
  const { md, tokens, references } = renderPieceTokens(text, used);
  const side = { md, tokens };
  const result: PieceRendition = {
    html: [],
    start: [],
    end: [],
    headings: [],
    startsWithH1: tokens[0]?.type === 'heading_open' && tokens[0].tag === 'h1',
    requirementIds: [],
    references,
    opensFence: false,
    bytes: 2 * text.length + 256,
  };
  // One pass: top-level blocks (level 0, open to close), headings, anchors.
  let open = 0;
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open') {
      const heading = { depth: Number(t.tag.slice(1)), topLevel: t.level === 0, text: inlinePlainText(tokens[i + 1].children).text, line: t.map?.[0] ?? 0 };
      result.headings.push(heading);
      result.bytes += 2 * heading.text.length + 64;
    }
    // Only an inline whose source holds a pin can hold an anchor.
    if (t.type === 'inline' && t.content.includes('{#')) for (const c of t.children ?? []) if (c.type === 'requirement_anchor') result.requirementIds.push(c.content);
    if (t.level !== 0) return;
    if (t.nesting === 1) open = i;
    if (t.nesting === 1) return;
    const first = tokens[t.nesting === 0 ? i : open];
    const html = renderRange(side, t.nesting === 0 ? i : open, i);
    result.html.push(html);
    result.start.push(first.map?.[0] ?? -1);
    result.end.push(first.map?.[1] ?? -1);
    result.bytes += 2 * html.length + 64;
    result.opensFence = first.type === 'fence' && first.map?.[1] === countLines(text);
  });
  return result;
}

/**
 * The rendition of a text, made from the renditions of its pieces: those in
 * `cache` are reused, the others rendered and added. The result is what
 * rendering the whole text gives, byte for byte (the spec checks it).
 */
export function rendition(text: string, cache?: PieceCache, cut?: PieceLayout): Rendition {
  return build(text, cache ?? new Map(), cache !== undefined, cut ?? pieceLayout(text));
}

/** How a text is cut into lines, storage blocks and pieces: what `rendition` looks its pieces up by. */
export interface PieceLayout {
  lines: string[];
  blocks: string[];
  /** The line where each block starts, and the line count after the last. */
  blockLine: number[];
  /** The block where each piece starts, and the block count after the last. */
  starts: number[];
  /** The offset in the text where each block starts, and the text's length after the last. */
  offsets: number[];
}

export function pieceLayout(text: string): PieceLayout {
  const lines = splitLines(text);
  const blocks = splitBlocks(text, lines);
  const blockLine: number[] = [];
  const offsets = [0];
  let line = 0;
  for (const block of blocks) {
    blockLine.push(line);
    line += countLines(block);
    offsets.push(offsets[offsets.length - 1] + block.length);
  }
  blockLine.push(line);
  const starts = pieceStarts(lines, blockLine);
  starts.push(blocks.length);
  return { lines, blocks, blockLine, starts, offsets };
}

/**
 * The texts of the pieces `rendition` will look up for this layout, in order
 * (slices of the text). A fence that markdown-it reads open where the scan
 * took it closed makes `rendition` ask for one more, longer piece: a store
 * read by these texts misses it and it is rendered then.
 */
export function pieceTexts(text: string, cut: PieceLayout): string[] {
  const { blocks, starts, offsets } = cut;
  const texts: string[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    const [from, to] = [starts[k], starts[k + 1]];
    texts.push(to - from === 1 ? blocks[from] : text.slice(offsets[from], offsets[to]));
  }
  return texts;
}

/**
 * `copy`: the cache is the caller's and may outlive the text, so its pieces
 * are rendered from copies. A cache of our own dies with the rendition,
 * which keeps the text alive anyway (its lines are slices of it), and
 * copying every piece was a few per cent of a cold redline.
 */
function build(text: string, cache: PieceCache, copy: boolean, cut: PieceLayout): Rendition {
  const { lines, blocks, blockLine, starts, offsets } = cut;
  let parts: { text: string; line: number; rendered: PieceRendition }[] = [];
  const render = (from: number, to: number): PieceRendition => {
    // A slice shares the text's characters, so looking a piece up copies nothing
    // (and a block keeps the hash computed here for the block diff).
    const pieceText = to - from === 1 ? blocks[from] : text.slice(offsets[from], offsets[to]);
    let rendered = cache.get(pieceText);
    if (rendered === undefined) {
      // From a copy when the cache may outlive the text: the HTML then holds slices of the copy, not of the whole text.
      rendered = renderPiece(copy ? ownCopy(pieceText) : pieceText);
      cache.set(pieceText, rendered);
    }
    parts.push({ text: pieceText, line: blockLine[from], rendered });
    return rendered;
  };
  for (let k = 0; k + 1 < starts.length; k++) {
    if (!render(starts[k], starts[k + 1]).opensFence || k + 2 === starts.length) continue;
    // A fence the scan above took for closed (one opened inside a list item,
    // say) while markdown-it reads it open: the rest of the text is one piece.
    parts.pop();
    render(starts[k], blocks.length);
    break;
  }
  // Link references apply across the document: render it as one piece.
  if (parts.some((p) => p.rendered.references)) parts = [{ text, line: 0, rendered: renderPiece(text) }];

  // Requirement anchors: a key pinned twice keeps only its first anchor, as in renderMarkdown.
  const requirementIds = new Set<string>();
  const pieces: DocumentPiece[] = parts.map((part) => {
    let used: Set<string> | null = null;
    if (part.rendered.requirementIds.some((id) => requirementIds.has(id))) {
      used = new Set(requirementIds);
      part.rendered = renderPiece(part.text, used);
    }
    for (const id of part.rendered.requirementIds) requirementIds.add(id);
    return { text: part.text, used, headingIds: [] };
  });

  // Clause numbers and heading ids, as renderMarkdown's setHeadingIds makes them over the whole document.
  const first = parts.find((p) => p.rendered.html.length > 0);
  const hasTitle = first?.rendered.startsWithH1 ?? false;
  const all: { piece: number; text: string; clause: boolean }[] = [];
  const clauseHeadings: HeadingLine[] = [];
  parts.forEach((part, p) => {
    for (const h of part.rendered.headings) {
      const isTitle = hasTitle && all.length === 0;
      const clause = h.topLevel && !isTitle;
      if (clause) clauseHeadings.push({ tokenIndex: all.length, depth: h.depth, text: h.text.replace(/\s+/g, ' ').trim(), line: part.line + h.line + 1 });
      all.push({ piece: p, text: h.text, clause });
    }
  });
  const clauses = numberClauses(clauseHeadings, hasTitle);
  const numberAt = new Map(clauses.map((c) => [c.tokenIndex, c.number]));
  const used = new Set(requirementIds);
  all.forEach((h, k) => pieces[h.piece].headingIds.push(headingId(numberAt.get(k), h.text, used)));

  const nodeHtml: string[] = [];
  const nodeStart: number[] = [];
  const nodeEnd: number[] = [];
  const nodePiece: number[] = [];
  const nodeInPiece: number[] = [];
  parts.forEach(({ rendered, line: offset }, p) => {
    const ids = pieces[p].headingIds;
    rendered.html.forEach((html, k) => {
      nodeHtml.push(ids.length > 0 ? html.replace(HEADING_PLACEHOLDER, (_, n: string) => ids[Number(n)]) : html);
      nodeStart.push(rendered.start[k] < 0 ? -1 : offset + rendered.start[k]);
      nodeEnd.push(rendered.end[k] < 0 ? -1 : offset + rendered.end[k]);
      nodePiece.push(p);
      nodeInPiece.push(k);
    });
  });
  // The HTML is counted although the cached pieces share it: a rendition keeps it alive when they are evicted.
  const bytes = 2 * text.length + nodeHtml.reduce((sum, html) => sum + 2 * html.length + 48, 0) + 64 * (lines.length + pieces.length) + 112 * blocks.length;
  return {
    bytes,
    lines,
    blocks,
    blockLine,
    blockIndex: uniqueIndex(blocks),
    pieces,
    nodeHtml,
    nodeStart,
    nodeEnd,
    nodePiece,
    nodeInPiece,
    clauses: clauses.map(({ number, line: l }) => ({ number, line: l })),
  };
}

/**
 * The token streams of a rendition's pieces, parsed again when a redline
 * needs them (only for blocks that changed), with the document's heading ids.
 */
function pieceSides(r: Rendition): (p: number) => { side: Side; roots: BlockNode[] } {
  const parsed = new Map<number, { side: Side; roots: BlockNode[] }>();
  return (p) => {
    let entry = parsed.get(p);
    if (entry === undefined) {
      const piece = r.pieces[p];
      const { md, tokens } = renderPieceTokens(piece.text, piece.used ?? undefined);
      let k = 0;
      for (const token of tokens) if (token.type === 'heading_open') token.attrSet('id', piece.headingIds[k++]);
      entry = { side: { md, tokens }, roots: blockTree(tokens) };
      parsed.set(p, entry);
    }
    return entry;
  };
}

/**
 * Compares two versions of a standard's Markdown.
 *
 * Versions are stored as content-addressed blocks (paragraphs), so the two
 * texts are first compared block by block: equal blocks need no further
 * work, and only the lines of changed blocks are diffed. Likewise the HTML:
 * top-level rendered blocks are compared as strings, and only those that
 * differ are compared word by word. With both renditions at hand (cached by
 * the service), the cost grows with the change, not with the document.
 *
 * `unified` is what `diff -u` prints (minus the timestamps in the header).
 * `html` is the new rendering with <ins>/<del> on words: both versions are
 * rendered with the same token stream renderMarkdown uses, sibling blocks are
 * diffed by their HTML, and only blocks that differ are diffed word by word.
 * <ins> and <del> only ever wrap escaped text, and every tag comes from one
 * of the two renderings, so the output stays well-formed and as safe as
 * renderMarkdown's.
 * `changedClauses` are the clauses any changed line falls in, old version's
 * numbering for removed lines and new version's for added ones, in the order
 * the changes occur; text before the first clause has no number and is left out.
 */
export function computeRedline(from: string | Rendition, to: string | Rendition, fromName: string, toName: string, cache?: PieceCache): RedlineResult {
  // Two texts given: the pieces they share are rendered once.
  const pieces = cache ?? new Map<string, PieceRendition>();
  const old = typeof from === 'string' ? build(from, pieces, cache !== undefined, pieceLayout(from)) : from;
  const next = typeof to === 'string' ? build(to, pieces, cache !== undefined, pieceLayout(to)) : to;
  const changes = blockLineChanges(old, next);
  const counts = { inserted: 0, deleted: 0 };
  const html = changes.length === 0 ? next.nodeHtml.join('') : diffSiblings(topItems(old), topItems(next), old.nodeHtml, next.nodeHtml, counts, topLevelRuns(old, next, changes));
  return {
    unified: formatUnified(old.lines, next.lines, changes, fromName, toName),
    html,
    wordsInserted: counts.inserted,
    wordsDeleted: counts.deleted,
    changedClauses: changedClauses(changes, old.clauses, next.clauses),
  };
}

/** Line changes, diffing lines only inside the blocks that differ. */
function blockLineChanges(old: Rendition, next: Rendition): LineChange[] {
  const runs: Run[] = [];
  let ob = 0;
  let nb = 0;
  let ol = 0;
  let nl = 0;
  let removed = 0;
  let added = 0;
  const flush = (): void => {
    const oldLines = old.lines.slice(ol, old.blockLine[ob]);
    const newLines = next.lines.slice(nl, next.blockLine[nb]);
    if (oldLines.length + newLines.length > 0) runs.push(...diffSequences(oldLines, newLines));
    ol = old.blockLine[ob];
    nl = next.blockLine[nb];
    removed = added = 0;
  };
  for (const { kind, count } of diffSequences(old.blocks, next.blocks, { anchorFirst: true, uniques: [old.blockIndex, next.blockIndex] })) {
    if (kind === 'removed') {
      ob += count;
      removed += count;
    } else if (kind === 'added') {
      nb += count;
      added += count;
    } else {
      if (removed + added > 0) flush();
      ob += count;
      nb += count;
      runs.push({ kind: 'equal', count: old.blockLine[ob] - ol });
      ol = old.blockLine[ob];
      nl = next.blockLine[nb];
    }
  }
  if (removed + added > 0) flush();
  return lineChangesFromRuns(old.lines, next.lines, runs);
}

/**
 * The top-level blocks paired through the line diff instead of a second
 * diff over the whole rendering: a block whose source lines are unchanged
 * and line up with a block on the other side is equal to it when their HTML
 * is (else it was renumbered, and shows as edited); the blocks between two
 * such pairs are the changed regions.
 */
function topLevelRuns(old: Rendition, next: Rendition, changes: readonly LineChange[]): Run[] {
  const lineMap = (side: 'old' | 'new') => {
    const changed = new Uint8Array(side === 'old' ? old.lines.length + 1 : next.lines.length + 1);
    for (const c of changes) {
      const [start, end] = side === 'old' ? [c.oldStart, c.oldEnd] : [c.newStart, c.newEnd];
      changed.fill(1, start, end);
    }
    return changed;
  };
  const oldChanged = lineMap('old');
  const newChanged = lineMap('new');
  const newNodeAt = nodeAtLine(next.nodeStart);
  const untouched = (changed: Uint8Array, start: number, end: number): boolean => {
    for (let l = start; l < Math.min(end, changed.length); l++) if (changed[l] !== 0) return false;
    return true;
  };
  // Old line → new line, for unchanged lines: shift by the changes before it.
  let c = 0;
  let shift = 0;
  const runs: Run[] = [];
  const push = (kind: Run['kind'], count: number): void => pushRun(runs, kind, count);
  let i = 0;
  let j = 0;
  for (let oi = 0; oi < old.nodeHtml.length; oi++) {
    const [start, end] = [old.nodeStart[oi], old.nodeEnd[oi]];
    if (start < 0) return diffSequences(old.nodeHtml, next.nodeHtml);
    while (c < changes.length && changes[c].oldEnd <= start) {
      shift += changes[c].newEnd - changes[c].newStart - (changes[c].oldEnd - changes[c].oldStart);
      c++;
    }
    if (!untouched(oldChanged, start, end)) continue;
    const nj = newNodeAt(start + shift);
    if (nj === undefined || nj < j) continue;
    const [newStart, newEnd] = [next.nodeStart[nj], next.nodeEnd[nj]];
    if (newEnd - newStart !== end - start || !untouched(newChanged, newStart, newEnd)) continue;
    push('removed', oi - i);
    push('added', nj - j);
    if (old.nodeHtml[oi] === next.nodeHtml[nj]) push('equal', 1);
    else {
      push('removed', 1);
      push('added', 1);
    }
    i = oi + 1;
    j = nj + 1;
  }
  push('removed', old.nodeHtml.length - i);
  push('added', next.nodeHtml.length - j);
  return runs;
}

/**
 * The top-level block that starts at a line (the last one, should two
 * start there), for lines asked in increasing order, as topLevelRuns asks
 * them (unchanged lines, mapped old to new, keep their order). Blocks start
 * in increasing order, so a pointer walks them once instead of a map of
 * every block being built for each redline; when they do not (lines
 * unknown, -1, are skipped), a map it is.
 */
function nodeAtLine(starts: readonly number[]): (line: number) => number | undefined {
  let last = -1;
  for (const start of starts) {
    if (start < 0) continue;
    if (start <= last) {
      const at = new Map<number, number>();
      starts.forEach((s, j) => {
        if (s >= 0) at.set(s, j);
      });
      return (line) => at.get(line);
    }
    last = start;
  }
  let j = 0;
  let previous = -1;
  return (line) => {
    // Asked out of order (never, as topLevelRuns asks): search from the start again.
    if (line < previous) j = 0;
    previous = line;
    while (j < starts.length && starts[j] < line) j++;
    return j < starts.length && starts[j] === line ? j : undefined;
  };
}

// ─────────────────────────── changed clauses ───────────────────────────

function changedClauses(changes: readonly LineChange[], fromClauses: Rendition['clauses'], toClauses: Rendition['clauses']): string[] {
  const seen = new Set<string>();
  for (const c of changes) {
    for (let line = c.oldStart + 1; line <= c.oldEnd; line++) seen.add(clauseAtLine(fromClauses, line));
    for (let line = c.newStart + 1; line <= c.newEnd; line++) seen.add(clauseAtLine(toClauses, line));
  }
  seen.delete('');
  return [...seen];
}

// ───────────────────────────── HTML redline ─────────────────────────────

interface Side {
  md: Markdown;
  tokens: Token[];
}

/** A block in markdown-it's token stream: open..close token indices (equal for a self-closing token). */
interface BlockNode {
  open: number;
  close: number;
  children: BlockNode[];
}

interface Counts {
  inserted: number;
  deleted: number;
}

function blockTree(tokens: readonly Token[]): BlockNode[] {
  const roots: BlockNode[] = [];
  const open: BlockNode[] = [];
  tokens.forEach((token, i) => {
    if (token.nesting === -1) {
      const node = open.pop();
      if (node) node.close = i;
      return;
    }
    const node: BlockNode = { open: i, close: i, children: [] };
    (open.length > 0 ? open[open.length - 1].children : roots).push(node);
    if (token.nesting === 1) open.push(node);
  });
  return roots;
}

/** Same loop as markdown-it's Renderer.render, over a slice, so output matches renderMarkdown byte for byte. */
function renderRange(side: Side, from: number, to: number): string {
  const { md, tokens } = side;
  let html = '';
  for (let i = from; i <= to; i++) {
    const token = tokens[i];
    const rule = md.renderer.rules[token.type];
    if (token.type === 'inline') html += md.renderer.renderInline(token.children ?? [], md.options, {});
    else if (rule) html += rule(tokens, i, md.options, {}, md.renderer);
    else html += md.renderer.renderToken(tokens, i, md.options);
  }
  return html;
}

const nodeHtml = (side: Side, node: BlockNode): string => renderRange(side, node.open, node.close);

/** A rendered block with the token stream it lives in (top-level blocks of one document come from several pieces). */
interface Item {
  side: Side;
  node: BlockNode;
}
/**
 * A changed block's HTML and its pieces (tags and words), made once: a
 * block is read to compare it with its siblings, to pair it with a block of
 * the other version, and to merge its words, and rendering and cutting it
 * up each time cost more than the comparisons. Keyed by the parsed node, so
 * it lives as long as the redline's token streams.
 */
const blockText = new WeakMap<BlockNode, { html: string; pieces?: Piece[] }>();
function readBlock({ side, node }: Item): { html: string; pieces?: Piece[] } {
  let read = blockText.get(node);
  if (read === undefined) {
    read = { html: nodeHtml(side, node) };
    blockText.set(node, read);
  }
  return read;
}
const itemHtml = (item: Item): string => readBlock(item).html;
const itemPieces = (item: Item): Piece[] => {
  const read = readBlock(item);
  return (read.pieces ??= pieces(read.html));
};
const kindOf = ({ side, node }: Item): string => `${side.tokens[node.open].type}/${side.tokens[node.open].tag}`;
/** Lists, list items, tables, rows, quotes: blocks made of blocks, compared child by child. */
const isContainer = ({ side, node }: Item): boolean => node.children.length > 0 && node.children.every((c) => side.tokens[c.open].type !== 'inline');
const childItems = ({ side, node }: Item): Item[] => node.children.map((child) => ({ side, node: child }));

/** A rendition's top-level blocks as items, parsing a piece's tokens only when one of its blocks is asked for. */
function topItems(r: Rendition): (i: number) => Item {
  const sides = pieceSides(r);
  return (i) => {
    const { side, roots } = sides(r.nodePiece[i]);
    return { side, node: roots[r.nodeInPiece[i]] };
  };
}

function diffSiblings(
  oldItems: (i: number) => Item,
  newItems: (i: number) => Item,
  oldHtml: readonly string[],
  newHtml: readonly string[],
  counts: Counts,
  runs = diffSequences(oldHtml, newHtml),
): string {
  // Concatenated, not joined: V8 keeps the parts as a rope and copies them once, when the answer is written.
  let html = '';
  let oi = 0;
  let ni = 0;
  let removed: Item[] = [];
  let added: Item[] = [];
  const flush = (): void => {
    if (removed.length + added.length === 0) return;
    html += changedRegion(removed, added, counts);
    removed = [];
    added = [];
  };
  for (const { kind, count: n } of runs) {
    if (kind === 'removed') {
      for (let k = 0; k < n; k++) removed.push(oldItems(oi++));
    } else if (kind === 'added') {
      for (let k = 0; k < n; k++) added.push(newItems(ni++));
    } else {
      flush();
      for (let k = 0; k < n; k++) html += newHtml[ni + k];
      oi += n;
      ni += n;
    }
  }
  flush();
  return html;
}

/** Children of two paired containers, diffed as siblings. */
function diffChildren(oldItem: Item, newItem: Item, counts: Counts): string {
  const [oldKids, newKids] = [childItems(oldItem), childItems(newItem)];
  return diffSiblings((i) => oldKids[i], (i) => newKids[i], oldKids.map(itemHtml), newKids.map(itemHtml), counts);
}

/** Pairs changed old and new blocks in order, maximising total word similarity (a small LCS-style table). */
function changedRegion(oldItems: Item[], newItems: Item[], counts: Counts): string {
  const pairs = oldItems.length * newItems.length <= MAX_PAIRING_WORK ? alignBlocks(oldItems, newItems) : [];
  let html = '';
  let oi = 0;
  let ni = 0;
  for (const [po, pn] of [...pairs, [oldItems.length, newItems.length] as const]) {
    for (; oi < po; oi++) html += wholeBlock(oldItems[oi], 'del', counts);
    for (; ni < pn; ni++) html += wholeBlock(newItems[ni], 'ins', counts);
    if (po < oldItems.length) {
      html += editedBlock(oldItems[po], newItems[pn], counts);
      oi++;
      ni++;
    }
  }
  return html;
}

function alignBlocks(oldItems: Item[], newItems: Item[]): [number, number][] {
  const oldWords = oldItems.map((item) => words(plainText(itemPieces(item))));
  const newWords = newItems.map((item) => words(plainText(itemPieces(item))));
  const score = (i: number, j: number): number => {
    if (kindOf(oldItems[i]) !== kindOf(newItems[j])) return 0;
    const s = diceSimilarity(oldWords[i], newWords[j]);
    // Containers of the same kind always pair (their children are compared
    // one by one anyway), and so do table cells, or a row would grow a cell.
    const { side, node } = oldItems[i];
    if (isContainer(oldItems[i]) || /^t[dh]$/.test(side.tokens[node.open].tag)) return s + 0.01;
    return s >= PAIR_THRESHOLD ? s : 0;
  };
  const m = oldItems.length;
  const n = newItems.length;
  const best: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  const pairScore: number[][] = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => score(i, j)));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      const paired = pairScore[i][j] > 0 ? pairScore[i][j] + best[i + 1][j + 1] : 0;
      best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], paired);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < m && j < n; ) {
    if (pairScore[i][j] > 0 && best[i][j] === pairScore[i][j] + best[i + 1][j + 1]) pairs.push([i++, j++]);
    else if (best[i][j] === best[i + 1][j]) i++;
    else j++;
  }
  return pairs;
}

function editedBlock(oldItem: Item, newItem: Item, counts: Counts): string {
  if (isContainer(newItem) && isContainer(oldItem)) {
    const { side: to, node: newNode } = newItem;
    const lastChild = newNode.children[newNode.children.length - 1];
    return renderRange(to, newNode.open, newNode.children[0].open - 1) + diffChildren(oldItem, newItem, counts) + renderRange(to, lastChild.close + 1, newNode.close);
  }
  return mergeWords(itemPieces(oldItem), itemPieces(newItem), counts);
}

/** A block only one side has: marked with a class, its text wrapped so it reads as inserted or deleted. */
function wholeBlock({ side, node }: Item, mark: 'ins' | 'del', counts: Counts): string {
  const marked = onCopies(side, node, () => {
    if (mark === 'del') dropAnchors(side.tokens, node);
    side.tokens[node.open].attrJoin('class', `redline-${mark}`);
    return nodeHtml(side, node);
  });
  let html = '';
  for (const run of textRuns(pieces(marked))) {
    if (typeof run === 'string') {
      html += run;
      continue;
    }
    const text = run.map((p) => p.text).join('');
    const wordCount = run.filter((p) => p.word).length;
    if (mark === 'ins') counts.inserted += wordCount;
    else counts.deleted += wordCount;
    html += text.trim() === '' ? text : `<${mark}>${text}</${mark}>`;
  }
  return html;
}

/**
 * Runs `fn` with the node's tokens replaced by copies, then puts the
 * originals back: a piece's token stream serves every block of that piece
 * in this redline, so marking one must not change it.
 */
function onCopies<T>(side: Side, node: BlockNode, fn: () => T): T {
  const originals = side.tokens.slice(node.open, node.close + 1);
  originals.forEach((token, k) => {
    const copy: Token = Object.assign(Object.create(Object.getPrototypeOf(token) as object) as Token, token);
    copy.attrs = token.attrs?.map(([name, value]) => [name, value]) ?? null;
    side.tokens[node.open + k] = copy;
  });
  try {
    return fn();
  } finally {
    side.tokens.splice(node.open, originals.length, ...originals);
  }
}

/** Deleted text must not take the ids (heading anchors, requirement anchors) the new version's blocks carry. */
function dropAnchors(tokens: Token[], node: BlockNode): void {
  for (let i = node.open; i <= node.close; i++) {
    const token = tokens[i];
    if (token.attrs) token.attrs = token.attrs.filter(([name]) => name !== 'id');
    if (token.children) token.children = token.children.filter((c) => c.type !== 'requirement_anchor');
  }
}

// ─────────────────────────── word-level merge ───────────────────────────

/** Rendered HTML cut into tags and text tokens (words, whitespace, single punctuation, entities). */
interface TextPiece {
  text: string;
  /** Compared form: any whitespace compares equal to any other. */
  key: string;
  word: boolean;
}
type Piece = TextPiece | string;

// markdown-it escapes <, >, & and " in text and attribute values, so in its
// output every "<" starts a tag and every tag ends at the first ">".
const TAG = /(<[^>]*>)/;
const TEXT_TOKEN = /&[#a-zA-Z0-9]+;|[\p{L}\p{N}]+(?:[.,'’_-][\p{L}\p{N}]+)*|\s+|[^\s]/gu;

function pieces(html: string): Piece[] {
  const result: Piece[] = [];
  html.split(TAG).forEach((part, i) => {
    if (i % 2 === 1) {
      result.push(part);
      return;
    }
    for (const text of part.match(TEXT_TOKEN) ?? []) {
      const space = /^\s/.test(text);
      result.push({ text, key: space ? ' ' : text, word: /^[\p{L}\p{N}]/u.test(text) });
    }
  });
  return result;
}

/** Groups consecutive text pieces so a mark never spans a tag. */
function textRuns(all: Piece[]): (string | TextPiece[])[] {
  const runs: (string | TextPiece[])[] = [];
  for (const piece of all) {
    const last = runs[runs.length - 1];
    if (typeof piece === 'string') runs.push(piece);
    else if (Array.isArray(last)) last.push(piece);
    else runs.push([piece]);
  }
  return runs;
}

function plainText(all: readonly Piece[]): string {
  return all
    .map((p) => (typeof p === 'string' ? ' ' : p.text))
    .join('');
}

/**
 * The new block's HTML with the word diff against the old block's text
 * marked in: tags come from the new block only, inserted text is wrapped in
 * <ins> (closed before and reopened after any tag; bare whitespace is left
 * unmarked), deleted text is put in a <del> where it was removed.
 */
function mergeWords(oldPieces: readonly Piece[], newPieces: readonly Piece[], counts: Counts): string {
  const oldText = oldPieces.filter((p): p is TextPiece => typeof p !== 'string');
  const newText = newPieces.filter((p): p is TextPiece => typeof p !== 'string');
  let html = '';
  let np = 0; // next piece of the new block to emit
  let oi = 0; // next text piece of the old block
  let emittedText = false;
  const emitTags = (): void => {
    while (np < newPieces.length && typeof newPieces[np] === 'string') html += newPieces[np++] as string;
  };
  const nextText = (): TextPiece => newPieces[np++] as TextPiece;

  for (const { kind, count: n } of diffSequences(oldText.map((p) => p.key), newText.map((p) => p.key))) {
    if (kind === 'removed') {
      const gone = oldText.slice(oi, oi + n);
      oi += n;
      counts.deleted += gone.filter((p) => p.word).length;
      const text = gone.map((p) => p.text).join('');
      // Before any text, step inside the block's opening tags so the <del> is too.
      if (!emittedText) emitTags();
      if (text.trim() !== '') html += `<del>${text}</del>`;
    } else if (kind === 'added') {
      let run = '';
      const closeRun = (): void => {
        html += run.trim() === '' ? run : `<ins>${run}</ins>`;
        run = '';
      };
      for (let k = 0; k < n; k++) {
        if (typeof newPieces[np] === 'string') {
          closeRun();
          emitTags();
        }
        const piece = nextText();
        counts.inserted += piece.word ? 1 : 0;
        run += piece.text;
      }
      closeRun();
      emittedText = true;
    } else {
      for (let k = 0; k < n; k++) {
        emitTags();
        html += nextText().text;
      }
      oi += n;
      emittedText = true;
    }
  }
  emitTags();
  return html;
}
