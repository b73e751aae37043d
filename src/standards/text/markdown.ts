import MarkdownIt from 'markdown-it';

/**
 * The one markdown-it configuration shared by parsing (clauses, requirements)
 * and rendering, so that the line numbers of a clause and the anchor of its
 * rendered heading always come from the same token stream.
 */

export type Token = MarkdownIt.Token;
export type Markdown = MarkdownIt.MarkdownIt;

// Only schemes that cannot run code. Relative and fragment links have no scheme.
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);
// A figure is embedded in the text as a raster data: image (markdown-it's own rule); SVG could carry script.
const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[a-z0-9+/=\s]*$/i;

/**
 * Allow-list link check. markdown-it hands us the URL after decoding HTML
 * entities and percent-encoding it, so we undo the percent-encoding and drop
 * whitespace and control characters the way browsers do inside a scheme
 * ("java\tscript:"), then compare the scheme against the allow-list.
 */
export function isSafeLink(url: string): boolean {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // Malformed escapes: browsers do not decode a scheme either, keep the raw form.
  }
  // eslint-disable-next-line no-control-regex
  const compact = decoded.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact);
  return scheme === null || SAFE_SCHEMES.has(scheme[1]) || DATA_IMAGE.test(decoded);
}

/** A fresh instance: render.ts adds renderer rules, which must not leak into parsing elsewhere. */
export function createMarkdown(): Markdown {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.validateLink = isSafeLink;
  return md;
}

const parser = createMarkdown();

export function parseTokens(markdown: string): Token[] {
  return parser.parse(markdown, {});
}

/**
 * Plain text of an inline token (Markdown syntax removed) together with the
 * offsets where a source line break falls, so a position in the text can be
 * mapped back to a source line.
 */
export interface PlainText {
  text: string;
  /** The same text with code spans blanked out, for finding verbal forms outside code. */
  prose: string;
  breaks: number[];
}

export function inlinePlainText(children: readonly Token[] | null): PlainText {
  let text = '';
  let prose = '';
  const breaks: number[] = [];
  const add = (content: string, asProse = content): void => {
    text += content;
    prose += asProse;
  };
  for (const child of children ?? []) {
    switch (child.type) {
      case 'text':
      case 'text_special':
        add(child.content);
        break;
      case 'code_inline':
        add(child.content, ' '.repeat(child.content.length));
        break;
      case 'image': {
        const alt = inlinePlainText(child.children);
        add(alt.text, alt.prose);
        break;
      }
      case 'softbreak':
      case 'hardbreak':
        add('\n');
        breaks.push(text.length);
        break;
      default:
        // Emphasis, links and the like are markup only; their text arrives as text tokens.
        break;
    }
  }
  return { text, prose, breaks };
}

/** Number of source lines the offset lies below the first line of its inline token. */
export function lineOffset(plain: PlainText, offset: number): number {
  let n = 0;
  while (n < plain.breaks.length && plain.breaks[n] <= offset) n++;
  return n;
}

export interface ClauseHeading {
  tokenIndex: number;
  number: string;
  title: string;
  level: number;
  line: number;
}

export interface HeadingAnalysis {
  /** Index of the heading_open token of the title, if any. */
  titleIndex: number | null;
  title: string | null;
  clauses: ClauseHeading[];
}

// "5", "5.2", "5.2.1." and annex sub-clauses "A.1"; a lone letter is only a
// number after "Annex" ("## A note" is not clause A).
const EXPLICIT_NUMBER = /^(\d+(?:\.\d+)*|[A-Z](?:\.\d+)+)\.?(?:\s+(.*))?$/s;
const ANNEX = /^(?:Annex|Appendix)\s+([A-Z])(?![A-Za-z0-9])\s*(?:\((?:normative|informative)\))?\s*[-–—:.]?\s*(.*)$/is;

function explicitNumber(heading: string): { number: string; title: string } | null {
  const annex = ANNEX.exec(heading);
  if (annex) return { number: annex[1].toUpperCase(), title: annex[2].trim() };
  const numbered = EXPLICIT_NUMBER.exec(heading);
  if (numbered) return { number: numbered[1], title: (numbered[2] ?? '').trim() };
  return null;
}

/** Next sibling number component: 4 -> 5, A -> B. */
function nextComponent(last: string | undefined): string {
  if (last === undefined) return '1';
  if (/^\d+$/.test(last)) return String(Number(last) + 1);
  if (/^[A-Y]$/.test(last)) return String.fromCharCode(last.charCodeAt(0) + 1);
  return '1';
}

function splitNumber(number: string): { parent: string; last: string } {
  const dot = number.lastIndexOf('.');
  return dot < 0 ? { parent: '', last: number } : { parent: number.slice(0, dot), last: number.slice(dot + 1) };
}

/**
 * Finds the title and numbers every clause heading.
 *
 * Only top-level headings are clauses (a heading quoted inside a list or
 * blockquote is not). The parent of a heading is the nearest preceding heading
 * of smaller depth, and an unnumbered heading gets the next number among the
 * children of its parent; an explicit number resets that sequence, so after
 * "## 4" an unnumbered "##" becomes 5 and its unnumbered "###" children 5.1, 5.2.
 */
export function analyzeHeadings(tokens: readonly Token[]): HeadingAnalysis {
  const first = tokens[0];
  const titleIndex = first?.type === 'heading_open' && first.tag === 'h1' ? 0 : null;
  const title = titleIndex === null ? null : inlinePlainText(tokens[1].children).text.replace(/\s+/g, ' ').trim();

  const headings: { tokenIndex: number; depth: number; text: string; line: number }[] = [];
  tokens.forEach((t, i) => {
    if (t.type !== 'heading_open' || t.level !== 0 || i === titleIndex) return;
    headings.push({
      tokenIndex: i,
      depth: Number(t.tag.slice(1)),
      text: inlinePlainText(tokens[i + 1].children).text.replace(/\s+/g, ' ').trim(),
      line: (t.map?.[0] ?? 0) + 1,
    });
  });

  // "##" is level 1 below a title; without a title the shallowest heading is level 1.
  const minDepth = Math.min(...headings.map((h) => h.depth));
  const base = titleIndex === null ? minDepth - 1 : Math.min(1, minDepth - 1);

  const lastChild = new Map<string, string>(); // parent number -> last child component
  const stack: { depth: number; number: string }[] = [];
  const clauses = headings.map((h) => {
    while (stack.length > 0 && stack[stack.length - 1].depth >= h.depth) stack.pop();
    const parent = stack.length > 0 ? stack[stack.length - 1].number : '';
    const explicit = explicitNumber(h.text);
    let number: string;
    let title: string;
    if (explicit) {
      ({ number, title } = explicit);
    } else {
      const component = nextComponent(lastChild.get(parent));
      number = parent ? `${parent}.${component}` : component;
      title = h.text;
    }
    const { parent: numberParent, last } = splitNumber(number);
    lastChild.set(numberParent, last);
    stack.push({ depth: h.depth, number });
    return { tokenIndex: h.tokenIndex, number, title, level: h.depth - base, line: h.line };
  });

  return { titleIndex, title, clauses };
}

/** The clause a 1-based line falls in: the last clause heading at or above it ("" before any). */
export function clauseAtLine(clauses: readonly { number: string; line: number }[], line: number): string {
  let lo = 0;
  let hi = clauses.length - 1;
  let found = '';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (clauses[mid].line <= line) {
      found = clauses[mid].number;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
