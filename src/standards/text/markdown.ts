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
  /** Holds no provisions: foreword, introduction, scope, terms and definitions, bibliography, "(informative)" clauses and their subclauses. */
  informative: boolean;
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

// A marker the author writes at the end of a heading (annexes carry it after "Annex A").
const MARKER = /\s*\((normative|informative)\)\s*$/i;
// Elements the Directives make informative, or that hold no provisions, whatever their number.
const INFORMATIVE_TITLE = /^(?:foreword|introduction|scope|terms and definitions|terms, definitions.*|bibliography)$/i;
// Preliminary elements that ISO does not number (an unnumbered introduction is not clause 1).
const UNNUMBERED_TITLE = /^(?:foreword|introduction|bibliography)$/i;

/** "normative", "informative" or null when the heading does not say. */
function marker(heading: string): 'normative' | 'informative' | null {
  const annex = /^(?:Annex|Appendix)\s+[A-Z]\s*\((normative|informative)\)/i.exec(heading);
  const m = annex ?? MARKER.exec(heading);
  return m ? (m[1].toLowerCase() as 'normative' | 'informative') : null;
}

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

  const headings: HeadingLine[] = [];
  tokens.forEach((t, i) => {
    if (t.type !== 'heading_open' || t.level !== 0 || i === titleIndex) return;
    headings.push({
      tokenIndex: i,
      depth: Number(t.tag.slice(1)),
      text: inlinePlainText(tokens[i + 1].children).text.replace(/\s+/g, ' ').trim(),
      line: (t.map?.[0] ?? 0) + 1,
    });
  });
  return { titleIndex, title, clauses: numberClauses(headings, titleIndex !== null) };
}

/** A top-level heading other than the title, as numberClauses reads it: depth (## is 2), text with whitespace collapsed, 1-based line. */
export interface HeadingLine {
  tokenIndex: number;
  depth: number;
  text: string;
  line: number;
}

/**
 * Numbers the clause headings of a document (analyzeHeadings), from its
 * top-level headings alone, so a document rendered piece by piece (the
 * redline's renditions) numbers its clauses exactly as a whole parse does.
 */
export function numberClauses(headings: readonly HeadingLine[], hasTitle: boolean): ClauseHeading[] {
  // "##" is level 1 below a title; without a title the shallowest heading is level 1.
  const minDepth = Math.min(...headings.map((h) => h.depth));
  const base = hasTitle ? Math.min(1, minDepth - 1) : minDepth - 1;

  const lastChild = new Map<string, string>(); // parent number -> last child component
  const stack: { depth: number; number: string; informative: boolean }[] = [];
  return headings.map((h) => {
    while (stack.length > 0 && stack[stack.length - 1].depth >= h.depth) stack.pop();
    const parentClause = stack.length > 0 ? stack[stack.length - 1] : null;
    const parent = parentClause?.number ?? '';
    const explicit = explicitNumber(h.text);
    let number: string;
    let title: string;
    if (explicit) {
      ({ number, title } = explicit);
    } else if (parent === '' && UNNUMBERED_TITLE.test(h.text.replace(MARKER, ''))) {
      number = '';
      title = h.text;
    } else {
      const component = nextComponent(lastChild.get(parent));
      number = parent ? `${parent}.${component}` : component;
      title = h.text;
    }
    const said = marker(h.text);
    title = title.replace(MARKER, '');
    const informative = said !== null ? said === 'informative' : INFORMATIVE_TITLE.test(title) || (parentClause?.informative ?? false);
    if (number !== '') {
      const { parent: numberParent, last } = splitNumber(number);
      lastChild.set(numberParent, last);
    }
    stack.push({ depth: h.depth, number, informative });
    return { tokenIndex: h.tokenIndex, number, title, level: h.depth - base, line: h.line, informative };
  });
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
