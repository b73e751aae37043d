import { renderTokens } from '../../../src/standards/text/render';

/**
 * The service's own renderer (same markdown-it setup, same anchors), with the
 * source line of each top-level block as data-line / data-line-end, so the
 * page can show the line numbers that comments cite.
 */
export function renderWithLines(markdown: string): string {
  const { md, tokens } = renderTokens(markdown);
  for (const token of tokens) {
    if (token.map && token.level === 0 && token.nesting >= 0 && token.type !== 'inline') {
      token.attrSet('data-line', String(token.map[0] + 1));
      token.attrSet('data-line-end', String(token.map[1]));
    }
  }
  return md.renderer.render(tokens, md.options, {});
}

/** The renderer's anchor of a clause: "5.2" → "clause-5-2", "A.1" → "clause-a-1". */
export const clauseAnchor = (number: string): string => `clause-${number.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x'}`;
