import { renderTokens } from '../../../src/standards/text/render';
import type { Token } from '../../../src/standards/text/markdown';

/** Blocks below the top level that get a number of their own: a comment may cite one item of a list or one row of a table. */
const NESTED = new Set(['list_item_open', 'tr_open']);
/** Containers whose items carry the numbers: the container itself shows none (it would repeat its first item's). */
const CONTAINERS = new Set(['bullet_list_open', 'ordered_list_open', 'table_open']);

/**
 * The service's own renderer (same markdown-it setup, same anchors), with the
 * source lines of each top-level block, list item and table row as data-line
 * / data-line-end, and the label the margin shows as data-lines ("12", or
 * "12" over "–14" for a paragraph written on three lines), so the page shows
 * the line numbers that comments cite.
 */
export function renderWithLines(markdown: string): string {
  const { md, tokens } = renderTokens(markdown);
  tokens.forEach((token, i) => {
    if (!token.map || token.nesting < 0 || token.type === 'inline') return;
    if (token.level !== 0 && !NESTED.has(token.type)) return;
    const from = token.map[0] + 1;
    const to = lastLine(tokens, i);
    token.attrSet('data-line', String(from));
    token.attrSet('data-line-end', String(to));
    if (!CONTAINERS.has(token.type)) token.attrSet('data-lines', to > from ? `${from}\n–${to}` : String(from));
  });
  return md.renderer.render(tokens, md.options, {});
}

/**
 * The last source line of a block. A list item's own map runs on over the
 * blank line after it, so an opening token ends where the last block inside
 * it ends.
 */
function lastLine(tokens: Token[], open: number): number {
  const token = tokens[open];
  if (token.nesting === 0 || token.type === 'paragraph_open' || token.type === 'heading_open' || token.type === 'tr_open') return token.map![1];
  let end = token.map![0] + 1;
  for (let i = open + 1; i < tokens.length && tokens[i].level > token.level; i++) {
    const inner = tokens[i];
    if (inner.map && (inner.nesting === 0 || inner.type === 'paragraph_open' || inner.type === 'heading_open' || inner.type === 'tr_open')) {
      end = Math.max(end, inner.map[1]);
    }
  }
  return end;
}

/** The renderer's anchor of a clause: "5.2" → "clause-5-2", "A.1" → "clause-a-1". */
export const clauseAnchor = (number: string): string => `clause-${number.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x'}`;
