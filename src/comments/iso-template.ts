import { parse } from 'csv-parse/sync';
import { CommentType } from './comment.entity';
import { parseLines } from './location';

/** The eight columns of the ISO/IEC commenting template, in its order. */
export const ISO_COLUMNS = [
  'MB/NC',
  'Line number',
  'Clause/Subclause',
  'Paragraph/Figure/Table',
  'Type of comment',
  'Comments',
  'Proposed change',
  'Observations of the secretariat',
] as const;

type Column = 'nation' | 'line' | 'clause' | 'paragraph' | 'type' | 'body' | 'proposedChange' | 'observations';

/** Header spellings seen in the template's editions, reduced to letters and digits. */
const HEADERS: Record<string, Column> = {
  mbnc: 'nation', mb: 'nation', nc: 'nation', nation: 'nation', memberbody: 'nation', country: 'nation',
  linenumber: 'line', linenumbers: 'line', line: 'line', lines: 'line', lineno: 'line',
  clausesubclause: 'clause', clause: 'clause', clauseno: 'clause', subclause: 'clause', clausesubclauseno: 'clause',
  paragraphfiguretable: 'paragraph', paragraphfiguretablenote: 'paragraph', paragraph: 'paragraph',
  paragraphfiguretableequation: 'paragraph', figuretable: 'paragraph',
  typeofcomment: 'type', type: 'type', commenttype: 'type',
  comments: 'body', comment: 'body',
  proposedchange: 'proposedChange', proposedchanges: 'proposedChange',
  observationsofthesecretariat: 'observations', observations: 'observations', secretariatobservations: 'observations',
};

const normalizeHeader = (h: string) => h.replace(/\([^)]*\)/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

const TYPES: Record<string, CommentType> = {
  ge: CommentType.GENERAL, general: CommentType.GENERAL,
  te: CommentType.TECHNICAL, technical: CommentType.TECHNICAL,
  ed: CommentType.EDITORIAL, editorial: CommentType.EDITORIAL,
};

export const TYPE_CODES: Record<CommentType, string> = {
  [CommentType.GENERAL]: 'ge',
  [CommentType.TECHNICAL]: 'te',
  [CommentType.EDITORIAL]: 'ed',
};

export interface TemplateRow {
  /** The spreadsheet row: the header is row 1. */
  row: number;
  nationCode: string | null;
  clause: string | null;
  lineFrom: number | null;
  lineTo: number | null;
  paragraph: string | null;
  type: CommentType;
  body: string;
  proposedChange: string | null;
}

export interface TemplateParse {
  rows: TemplateRow[];
  errors: string[];
}

const blankToNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/**
 * Reads a CSV in the template's layout. A header row is required; column
 * order is free and headers match case-insensitively. Every row is checked,
 * so a person fixes all problems in one go.
 */
export function parseTemplate(csv: string): TemplateParse {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false });
  } catch (err) {
    const e = err as { message: string; lines?: number };
    return { rows: [], errors: [`row ${e.lines ?? 1}: the CSV cannot be read (${e.message})`] };
  }
  if (!records.length) return { rows: [], errors: ['row 1: the header row is missing'] };
  const columns = new Map<Column, number>();
  records[0].forEach((h, i) => {
    const col = HEADERS[normalizeHeader(h)];
    if (col && !columns.has(col)) columns.set(col, i);
  });
  const missing = (['type', 'body'] as Column[]).filter((c) => !columns.has(c));
  if (missing.length) {
    return {
      rows: [],
      errors: [`row 1: the header row needs the columns "Type of comment" and "Comments" (found: ${records[0].join(', ')})`],
    };
  }
  const rows: TemplateRow[] = [];
  const errors: string[] = [];
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    const cell = (c: Column) => (columns.has(c) ? record[columns.get(c)!] : undefined);
    if (record.every((v) => !v.trim())) return;
    const problems: string[] = [];
    const typeText = (cell('type') ?? '').trim().toLowerCase();
    const type = TYPES[typeText];
    if (!type) problems.push(typeText ? `type of comment "${typeText}" is not ge, te or ed` : 'type of comment is empty');
    const body = blankToNull(cell('body'));
    if (!body) problems.push('the comment is empty');
    else if (body.length > 20000) problems.push('the comment is longer than 20000 characters');
    const lines = parseLines(cell('line') ?? '');
    if (!lines) problems.push(`line number "${cell('line')}" is not a number or range such as 12-15`);
    const paragraph = blankToNull(cell('paragraph'));
    if (paragraph && paragraph.length > 200) problems.push('paragraph/figure/table is longer than 200 characters');
    const proposedChange = blankToNull(cell('proposedChange'));
    if (proposedChange && proposedChange.length > 20000) problems.push('the proposed change is longer than 20000 characters');
    if (problems.length) {
      errors.push(...problems.map((p) => `row ${row}: ${p}`));
      return;
    }
    rows.push({
      row,
      nationCode: blankToNull(cell('nation'))?.toUpperCase() ?? null,
      clause: blankToNull(cell('clause'))?.replace(/\.$/, '') ?? null,
      lineFrom: lines!.lineFrom,
      lineTo: lines!.lineTo,
      paragraph,
      type: type!,
      body: body!,
      proposedChange,
    });
  });
  return { rows, errors };
}

