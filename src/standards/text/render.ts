import type MarkdownIt from 'markdown-it';
import { analyzeHeadings, createMarkdown, inlinePlainText, Markdown, Token } from './markdown';
import { PIN_SOURCE } from './sentences';

type TokenConstructor = MarkdownIt.StateCore['Token'];

/**
 * Markdown to HTML that is safe to put in a page: raw HTML is off (so every
 * `<` in the source is escaped), links and images must pass the scheme
 * allow-list in markdown.ts, and the only markup we add ourselves is `id`
 * attributes built from [a-z0-9-] and pinned keys ([A-Za-z0-9._-]).
 */

// A pin is stripped where parseDocument would see it: at the end of a
// sentence, before or after its final punctuation.
const PIN_AT_SENTENCE_END = new RegExp(String.raw`${PIN_SOURCE}(?=[.!?]?["'’”)\]]*(?:\s*$|\s+(?![\s\p{Ll}])))`, 'u');

/**
 * Parsing a piece of a document on its own (the redline renders a standard
 * piece by piece, see redline.ts): heading ids depend on the whole document
 * (clause numbers, uniqueness), so each heading gets a placeholder holding
 * its index among the piece's headings, and the piece's requirement anchors
 * skip the ids in `used` (those earlier pieces took).
 */
export interface PieceEnv {
  piece: { used: Set<string> };
}

/** The placeholder id of a piece's k-th heading; NUL never reaches a rendering (markdown-it replaces it in the source). */
export const headingPlaceholder = (k: number): string => `\u0000${k}\u0000`;
// eslint-disable-next-line no-control-regex -- NUL is the placeholder's marker, chosen because no rendering holds one
export const HEADING_PLACEHOLDER = /\u0000(\d+)\u0000/g;

const md: Markdown = createMarkdown();
md.core.ruler.push('standard_anchors', (state) => {
  const piece = (state.env as Partial<PieceEnv>).piece;
  const used = new Set(piece?.used);
  stripPins(state.tokens, used, state.Token);
  if (piece) {
    let k = 0;
    for (const token of state.tokens) if (token.type === 'heading_open') token.attrSet('id', headingPlaceholder(k++));
  } else setHeadingIds(state.tokens, used);
});
md.renderer.rules.requirement_anchor = (tokens, idx) => `<span id="${md.utils.escapeHtml(tokens[idx].content)}"></span>`;

/** The token stream renderMarkdown renders, for callers that render piece by piece (the redline). */
export function renderTokens(markdown: string): { md: Markdown; tokens: Token[] } {
  return { md, tokens: md.parse(markdown, {}) };
}

/** The token stream of a piece of a document, with placeholder heading ids (PieceEnv). */
export function renderPieceTokens(markdown: string, used: Set<string> = new Set()): { md: Markdown; tokens: Token[]; references: boolean } {
  const env: Parameters<Markdown['parse']>[1] & PieceEnv = { piece: { used } };
  const tokens = md.parse(markdown, env);
  // Link reference definitions, which markdown-it gathers in env for the whole text.
  return { md, tokens, references: env.references !== undefined && Object.keys(env.references).length > 0 };
}

export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}

/**
 * Replaces each sentence-final `{#KEY}` by an empty `<span id="req-KEY">`,
 * so a conformance claim can link to its requirement while the key itself
 * is not shown.
 */
function stripPins(tokens: Token[], used: Set<string>, TokenClass: TokenConstructor): void {
  for (const inline of tokens) {
    if (inline.type !== 'inline' || !inline.children) continue;
    const children: Token[] = [];
    for (const child of inline.children) {
      if (child.type !== 'text' || !child.content.includes('{#')) {
        children.push(child);
        continue;
      }
      let rest = child.content;
      for (let m = PIN_AT_SENTENCE_END.exec(rest); m !== null; m = PIN_AT_SENTENCE_END.exec(rest)) {
        // The space before the pin goes with it ("data {#K}." renders "data.").
        children.push(textToken(TokenClass, rest.slice(0, m.index).trimEnd()));
        const id = `req-${m[1]}`;
        if (!used.has(id)) {
          used.add(id);
          const anchor = new TokenClass('requirement_anchor', 'span', 0);
          anchor.content = id;
          children.push(anchor);
        }
        rest = rest.slice(m.index + m[0].length);
      }
      children.push(textToken(TokenClass, rest));
    }
    inline.children = children.filter((c) => c.type !== 'text' || c.content !== '');
  }
}

function textToken(TokenClass: TokenConstructor, content: string): Token {
  const token = new TokenClass('text', '', 0);
  token.content = content;
  return token;
}

/**
 * Clause headings get "clause-5-2" so links survive edits of the title text;
 * the title and headings outside the clause structure get a slug. Ids are
 * made unique with -2, -3 ... and never collide with requirement anchors.
 */
function setHeadingIds(tokens: Token[], used: Set<string>): void {
  const { clauses } = analyzeHeadings(tokens);
  const numberAt = new Map(clauses.map((c) => [c.tokenIndex, c.number]));
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    token.attrSet('id', headingId(numberAt.get(i), inlinePlainText(tokens[i + 1].children).text, used));
  });
}

/** A heading's id: from its clause number when it is a clause, else from its text; unique among `used`, which it joins. */
export function headingId(clauseNumber: string | undefined, text: string, used: Set<string>): string {
  const base = clauseNumber !== undefined ? `clause-${idPart(clauseNumber) || 'x'}` : idPart(text) || 'section';
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function idPart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
