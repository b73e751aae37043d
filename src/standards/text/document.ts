import { analyzeHeadings, inlinePlainText, lineOffset, parseTokens, Token } from './markdown';
import { collapseWhitespace, detectVerbalForm, splitSentences, stripPin } from './sentences';
import type { Obligation } from './sentences';

export type { Obligation, ProvisionKind } from './sentences';
export { KIND_OF } from './sentences';

/** PICS status: mandatory, optional, conditional (with its condition), prohibited. */
export type PicsStatus = 'M' | 'O' | 'C' | 'X';

export interface ClauseInfo {
  number: string;
  title: string;
  level: number;
  /** 1-based line of the heading. */
  line: number;
  informative: boolean;
}

export interface ExtractedRequirement {
  pinnedKey: string | null;
  clause: string;
  obligation: Obligation;
  text: string;
  /** 1-based line where the sentence starts. */
  line: number;
  /** ECSS-style: the clause number and a letter, in document order within the clause (5.2.1a, 5.2.1b). */
  identifier: string;
  /** PICS status; null for a possibility ("can"), which nobody claims support for. */
  status: PicsStatus | null;
  /** For status C: when the provision applies. */
  condition: string | null;
}

export type DraftingWarningCode = 'MUST' | 'MAY_NOT' | 'PROVISION_IN_INFORMATIVE';

/** A drafting error the Directives name; shown on the version, never a refusal. */
export interface DraftingWarning {
  code: DraftingWarningCode;
  clause: string;
  line: number;
  message: string;
}

export interface ParsedDocument {
  title: string | null;
  clauses: ClauseInfo[];
  requirements: ExtractedRequirement[];
  warnings: DraftingWarning[];
}

// "NOTE", "NOTE 2", "EXAMPLE", "EXAMPLE 1" opening a paragraph (ISO style; "Note 1 to entry" too).
const NOTE_OR_EXAMPLE = /^(?:NOTE|EXAMPLE|Note \d+ to entry)(?:\s+\d+)?(?=[\s:.—–-]|$)/;
// "If ..., the provider shall": the status is C and the condition is the leading clause.
const CONDITION = /^(?:if|when|where|in (?:the )?case)\b\s*([^,]{3,300}?),\s/i;
const STATUS_CELL = /^([MOCX])(?:\s*(?:[:(—–-]|\s)\s*(.+?)\)?)?$/;

const MESSAGES: Record<DraftingWarningCode, string> = {
  MUST: '"must" is not a verbal form of the ISO/IEC Directives: write "shall" for a requirement, or keep "must" only for a constraint imposed from outside the document.',
  MAY_NOT: '"may not" is ambiguous: write "shall not" for a prohibition or "need not" for a permission not to.',
  PROVISION_IN_INFORMATIVE:
    'A verbal form in a note, example or informative element is not a provision: move the provision to a normative clause or rephrase.',
};

/**
 * Reads the structure of a standard: title, numbered clauses and every
 * provision (a sentence with a verbal form of the Directives, or a row of a
 * status table). Works on markdown-it's block tokens so that code blocks are
 * skipped and list items and table cells are read as text, with each token's
 * source map giving line numbers.
 */
export function parseDocument(markdown: string): ParsedDocument {
  const tokens = parseTokens(markdown);
  const { title, clauses } = analyzeHeadings(tokens);
  const clauseAt = new Map(clauses.map((c) => [c.tokenIndex, c]));
  const statusTables = findStatusTables(tokens);

  const requirements: ExtractedRequirement[] = [];
  const warnings: DraftingWarning[] = [];
  let clause = { number: '', informative: false };
  let rowLine = 0; // table cells have no source map; their row does
  tokens.forEach((token, i) => {
    const heading = clauseAt.get(i);
    if (heading !== undefined) clause = heading;
    if (token.type === 'tr_open' && token.map) rowLine = token.map[0];
    const row = statusTables.rows.get(i);
    if (row && !clause.informative) requirements.push({ ...row, clause: clause.number, line: rowLine + 1 });
    if (token.type !== 'inline' || tokens[i - 1]?.type === 'heading_open') return;
    if (statusTables.cells.has(i) && !clause.informative) return;
    extractFrom(token, token.map ? token.map[0] : rowLine, clause, requirements, warnings);
  });

  return {
    title,
    clauses: clauses.map(({ number, title: t, level, line, informative }) => ({ number, title: t, level, line, informative })),
    requirements: withIdentifiers(requirements),
    warnings,
  };
}

function extractFrom(
  inline: Token,
  firstLine: number,
  clause: { number: string; informative: boolean },
  out: ExtractedRequirement[],
  warnings: DraftingWarning[],
): void {
  const plain = inlinePlainText(inline.children);
  const informative = clause.informative || NOTE_OR_EXAMPLE.test(plain.text.trimStart());
  for (const span of splitSentences(plain.text)) {
    const { text, key } = stripPin(plain.text.slice(span.start, span.end));
    // "The `may` flag" names a keyword, it does not grant a permission.
    const { obligation, warnings: found } = detectVerbalForm(stripPin(plain.prose.slice(span.start, span.end)).text);
    const line = firstLine + lineOffset(plain, span.start) + 1;
    const warn = (code: DraftingWarningCode) => warnings.push({ code, clause: clause.number, line, message: MESSAGES[code] });
    for (const w of found) warn(w.code);
    if (obligation === null) continue;
    // A possibility in a note is a plain statement; only the stronger forms are a drafting error there.
    if (informative) {
      if (obligation !== 'CAN') warn('PROVISION_IN_INFORMATIVE');
      continue;
    }
    const clean = collapseWhitespace(text);
    const condition = obligation === 'SHALL' ? (CONDITION.exec(clean)?.[1] ?? null) : null;
    out.push({
      pinnedKey: key,
      clause: clause.number,
      obligation,
      text: clean,
      line,
      identifier: '',
      status: obligation === 'CAN' ? null : obligation !== 'SHALL' ? 'O' : condition ? 'C' : 'M',
      condition,
    });
  }
}

type RowProvision = Omit<ExtractedRequirement, 'clause' | 'line'>;

/**
 * Tables with a "Status" column (the status tables of a PICS proforma or of
 * an annex listing data elements as M, O, C or X): each body row is one
 * provision whose text is the row's other cells, and the sentences in its
 * cells are not read again. Keyed by the row's tr_open token.
 */
function findStatusTables(tokens: readonly Token[]): { rows: Map<number, RowProvision>; cells: Set<number> } {
  const rows = new Map<number, RowProvision>();
  const cells = new Set<number>();
  let statusColumn = -1;
  let inHead = false;
  let cellIndex = 0;
  let row: { at: number; texts: string[]; indices: number[] } | null = null;
  tokens.forEach((t, i) => {
    switch (t.type) {
      case 'table_open':
        statusColumn = -1;
        break;
      case 'thead_open':
        inHead = true;
        break;
      case 'tbody_open':
        inHead = false;
        break;
      case 'tr_open':
        row = { at: i, texts: [], indices: [] };
        cellIndex = 0;
        break;
      case 'inline':
        if (row && (tokens[i - 1]?.type === 'th_open' || tokens[i - 1]?.type === 'td_open')) {
          const text = collapseWhitespace(inlinePlainText(t.children).text);
          if (inHead && /^status$/i.test(text)) statusColumn = cellIndex;
          row.texts.push(text);
          row.indices.push(i);
          cellIndex++;
        }
        break;
      case 'tr_close': {
        if (!row || inHead || statusColumn < 0) break;
        const status = STATUS_CELL.exec(row.texts[statusColumn] ?? '');
        if (status) {
          const [, code, condition] = status;
          const text = row.texts.filter((_, c) => c !== statusColumn && row!.texts[c] !== '').join(' — ');
          const pin = stripPin(text);
          rows.set(row.at, {
            pinnedKey: pin.key,
            obligation: code === 'O' ? 'MAY' : 'SHALL',
            text: collapseWhitespace(pin.text),
            identifier: '',
            status: code as PicsStatus,
            condition: code === 'C' ? (condition?.trim() ?? null) : null,
          });
          row.indices.forEach((c) => cells.add(c));
        }
        row = null;
        break;
      }
    }
  });
  return { rows, cells };
}

/** 5.2.1a, 5.2.1b, … 5.2.1z, 5.2.1aa: letters in document order within each clause. */
function withIdentifiers(requirements: ExtractedRequirement[]): ExtractedRequirement[] {
  const count = new Map<string, number>();
  return requirements.map((r) => {
    const n = count.get(r.clause) ?? 0;
    count.set(r.clause, n + 1);
    return { ...r, identifier: r.clause + letters(n) };
  });
}

function letters(n: number): string {
  const a = 'abcdefghijklmnopqrstuvwxyz';
  return n < 26 ? a[n] : letters(Math.floor(n / 26) - 1) + a[n % 26];
}
