import { analyzeHeadings, inlinePlainText, lineOffset, parseTokens, Token } from './markdown';
import { collapseWhitespace, detectObligation, splitSentences, stripPin } from './sentences';
import type { Obligation } from './sentences';

export type { Obligation } from './sentences';

export interface ClauseInfo {
  number: string;
  title: string;
  level: number;
  /** 1-based line of the heading. */
  line: number;
}

export interface ExtractedRequirement {
  pinnedKey: string | null;
  clause: string;
  obligation: Obligation;
  text: string;
  /** 1-based line where the sentence starts. */
  line: number;
}

export interface ParsedDocument {
  title: string | null;
  clauses: ClauseInfo[];
  requirements: ExtractedRequirement[];
}

/**
 * Reads the structure of a standard: title, numbered clauses and every
 * sentence that states a requirement. Works on markdown-it's block tokens so
 * that code blocks are skipped and list items and table cells are read as
 * text, with each token's source map giving line numbers.
 */
export function parseDocument(markdown: string): ParsedDocument {
  const tokens = parseTokens(markdown);
  const { title, clauses } = analyzeHeadings(tokens);
  const clauseAt = new Map(clauses.map((c) => [c.tokenIndex, c.number]));

  const requirements: ExtractedRequirement[] = [];
  let clause = '';
  let rowLine = 0; // table cells have no source map; their row does
  tokens.forEach((token, i) => {
    const number = clauseAt.get(i);
    if (number !== undefined) clause = number;
    if (token.type === 'tr_open' && token.map) rowLine = token.map[0];
    if (token.type !== 'inline' || tokens[i - 1]?.type === 'heading_open') return;
    extractFrom(token, token.map ? token.map[0] : rowLine, clause, requirements);
  });

  return {
    title,
    clauses: clauses.map(({ number, title: t, level, line }) => ({ number, title: t, level, line })),
    requirements,
  };
}

function extractFrom(inline: Token, firstLine: number, clause: string, out: ExtractedRequirement[]): void {
  const plain = inlinePlainText(inline.children);
  for (const span of splitSentences(plain.text)) {
    const { text, key } = stripPin(plain.text.slice(span.start, span.end));
    // "The `may` flag" names a keyword, it does not grant a permission.
    const obligation = detectObligation(stripPin(plain.prose.slice(span.start, span.end)).text);
    if (obligation === null) continue;
    const clean = collapseWhitespace(text);
    out.push({
      pinnedKey: key,
      clause,
      obligation,
      text: clean,
      line: firstLine + lineOffset(plain, span.start) + 1,
    });
  }
}
