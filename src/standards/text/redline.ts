import { splitBlocks } from './blocks';
import { splitLines } from './lines';
import { analyzeHeadings, clauseAtLine, Markdown, Token } from './markdown';
import { renderTokens } from './render';
import { diffSequences, pushRun } from './sequence';
import type { Run } from './sequence';
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
 * What a redline needs of one version, computed once per text and reusable
 * for every redline that involves it (the service caches it by content
 * hash): its lines and storage blocks, the rendered token stream, the HTML of
 * each top-level block and the clause headings.
 */
export interface Rendition {
  /** UTF-16 length of the text, for cache accounting. */
  bytes: number;
  lines: string[];
  /** The storage blocks (splitBlocks), and the index in `lines` where each starts. */
  blocks: string[];
  blockLine: number[];
  side: Side;
  nodes: BlockNode[];
  nodeHtml: string[];
  clauses: { number: string; line: number }[];
}

export function rendition(text: string): Rendition {
  const lines = splitLines(text);
  const blocks = splitBlocks(text);
  const blockLine: number[] = [];
  let line = 0;
  for (const block of blocks) {
    blockLine.push(line);
    line += splitLines(block).length;
  }
  blockLine.push(line);
  const side = renderTokens(text);
  const nodes = blockTree(side.tokens);
  // Same numbering as parseDocument: the anchors rule changes ids and pins, not headings.
  const clauses = analyzeHeadings(side.tokens).clauses;
  return { bytes: text.length, lines, blocks, blockLine, side, nodes, nodeHtml: nodes.map((n) => nodeHtml(side, n)), clauses };
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
export function computeRedline(from: string | Rendition, to: string | Rendition, fromName: string, toName: string): RedlineResult {
  const old = typeof from === 'string' ? rendition(from) : from;
  const next = typeof to === 'string' ? rendition(to) : to;
  const changes = blockLineChanges(old, next);
  const counts = { inserted: 0, deleted: 0 };
  const html =
    changes.length === 0
      ? next.nodeHtml.join('')
      : diffSiblings(old.side, old.nodes, next.side, next.nodes, counts, old.nodeHtml, next.nodeHtml, topLevelRuns(old, next, changes));
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
  for (const { kind, count } of diffSequences(old.blocks, next.blocks, { anchorFirst: true })) {
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
  const newNodeAt = new Map<number, number>();
  next.nodes.forEach((n, j) => {
    const map = next.side.tokens[n.open].map;
    if (map) newNodeAt.set(map[0], j);
  });
  const untouched = (changed: Uint8Array, map: [number, number]) => changed.subarray(map[0], map[1]).every((c) => c === 0);
  // Old line → new line, for unchanged lines: shift by the changes before it.
  let c = 0;
  let shift = 0;
  const runs: Run[] = [];
  const push = (kind: Run['kind'], count: number): void => pushRun(runs, kind, count);
  let i = 0;
  let j = 0;
  for (let oi = 0; oi < old.nodes.length; oi++) {
    const map = old.side.tokens[old.nodes[oi].open].map;
    if (!map) return diffSequences(old.nodeHtml, next.nodeHtml);
    while (c < changes.length && changes[c].oldEnd <= map[0]) {
      shift += changes[c].newEnd - changes[c].newStart - (changes[c].oldEnd - changes[c].oldStart);
      c++;
    }
    if (!untouched(oldChanged, map)) continue;
    const nj = newNodeAt.get(map[0] + shift);
    if (nj === undefined || nj < j) continue;
    const newMap = next.side.tokens[next.nodes[nj].open].map as [number, number];
    if (newMap[1] - newMap[0] !== map[1] - map[0] || !untouched(newChanged, newMap)) continue;
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
  push('removed', old.nodes.length - i);
  push('added', next.nodes.length - j);
  return runs;
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
const kindOf = (side: Side, node: BlockNode): string => `${side.tokens[node.open].type}/${side.tokens[node.open].tag}`;
/** Lists, list items, tables, rows, quotes: blocks made of blocks, compared child by child. */
const isContainer = (side: Side, node: BlockNode): boolean =>
  node.children.length > 0 && node.children.every((c) => side.tokens[c.open].type !== 'inline');

function diffSiblings(
  from: Side,
  oldNodes: BlockNode[],
  to: Side,
  newNodes: BlockNode[],
  counts: Counts,
  oldHtml = oldNodes.map((n) => nodeHtml(from, n)),
  newHtml = newNodes.map((n) => nodeHtml(to, n)),
  runs = diffSequences(oldHtml, newHtml),
): string {
  let html = '';
  let oi = 0;
  let ni = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const flush = (): void => {
    if (removed.length + added.length === 0) return;
    html += changedRegion(from, removed.map((i) => oldNodes[i]), to, added.map((i) => newNodes[i]), counts);
    removed = [];
    added = [];
  };
  for (const { kind, count: n } of runs) {
    if (kind === 'removed') {
      for (let k = 0; k < n; k++) removed.push(oi++);
    } else if (kind === 'added') {
      for (let k = 0; k < n; k++) added.push(ni++);
    } else {
      flush();
      html += newHtml.slice(ni, ni + n).join('');
      oi += n;
      ni += n;
    }
  }
  flush();
  return html;
}

/** Pairs changed old and new blocks in order, maximising total word similarity (a small LCS-style table). */
function changedRegion(from: Side, oldNodes: BlockNode[], to: Side, newNodes: BlockNode[], counts: Counts): string {
  const pairs = oldNodes.length * newNodes.length <= MAX_PAIRING_WORK ? alignBlocks(from, oldNodes, to, newNodes) : [];
  let html = '';
  let oi = 0;
  let ni = 0;
  for (const [po, pn] of [...pairs, [oldNodes.length, newNodes.length] as const]) {
    for (; oi < po; oi++) html += wholeBlock(from, oldNodes[oi], 'del', counts);
    for (; ni < pn; ni++) html += wholeBlock(to, newNodes[ni], 'ins', counts);
    if (po < oldNodes.length) {
      html += editedBlock(from, oldNodes[po], to, newNodes[pn], counts);
      oi++;
      ni++;
    }
  }
  return html;
}

function alignBlocks(from: Side, oldNodes: BlockNode[], to: Side, newNodes: BlockNode[]): [number, number][] {
  const oldWords = oldNodes.map((n) => words(plainText(nodeHtml(from, n))));
  const newWords = newNodes.map((n) => words(plainText(nodeHtml(to, n))));
  const score = (i: number, j: number): number => {
    if (kindOf(from, oldNodes[i]) !== kindOf(to, newNodes[j])) return 0;
    const s = diceSimilarity(oldWords[i], newWords[j]);
    // Containers of the same kind always pair (their children are compared
    // one by one anyway), and so do table cells, or a row would grow a cell.
    if (isContainer(from, oldNodes[i]) || /^t[dh]$/.test(from.tokens[oldNodes[i].open].tag)) return s + 0.01;
    return s >= PAIR_THRESHOLD ? s : 0;
  };
  const m = oldNodes.length;
  const n = newNodes.length;
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

function editedBlock(from: Side, oldNode: BlockNode, to: Side, newNode: BlockNode, counts: Counts): string {
  if (isContainer(to, newNode) && isContainer(from, oldNode)) {
    const lastChild = newNode.children[newNode.children.length - 1];
    return (
      renderRange(to, newNode.open, newNode.children[0].open - 1) +
      diffSiblings(from, oldNode.children, to, newNode.children, counts) +
      renderRange(to, lastChild.close + 1, newNode.close)
    );
  }
  return mergeWords(nodeHtml(from, oldNode), nodeHtml(to, newNode), counts);
}

/** A block only one side has: marked with a class, its text wrapped so it reads as inserted or deleted. */
function wholeBlock(side: Side, node: BlockNode, mark: 'ins' | 'del', counts: Counts): string {
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
 * originals back: a rendition's token stream is cached and shared by
 * every redline of that version, so marking must not change it.
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

function plainText(html: string): string {
  return pieces(html)
    .map((p) => (typeof p === 'string' ? ' ' : p.text))
    .join('');
}

/**
 * The new block's HTML with the word diff against the old block's text
 * marked in: tags come from the new block only, inserted text is wrapped in
 * <ins> (closed before and reopened after any tag; bare whitespace is left
 * unmarked), deleted text is put in a <del> where it was removed.
 */
function mergeWords(oldHtml: string, newHtml: string, counts: Counts): string {
  const oldText = pieces(oldHtml).filter((p): p is TextPiece => typeof p !== 'string');
  const newPieces = pieces(newHtml);
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
