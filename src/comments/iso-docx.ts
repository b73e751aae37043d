import {
  AlignmentType, BorderStyle, Document, Footer, Header, HeightRule, Packer, PageOrientation, Paragraph, Table, TableCell, TableLayoutType,
  TableRow, TextRun, WidthType,
} from 'docx';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { ISO_COLUMNS, isHeaderRow } from './iso-template';

/**
 * The ISO/IEC/CEN/CENELEC electronic balloting commenting template as Word
 * documents have it: landscape, the column titles in the page header, and a
 * body of one eight-column table with one row per comment. Built here from
 * its published description; ISO's own file is not copied.
 */

// Column widths in twentieths of a point, summing to the text width of landscape A4 with 1.5 cm margins.
const WIDTHS = [1000, 900, 1100, 1300, 800, 4090, 3500, 3350];
const PAGE = { width: 16838, height: 11906, margin: 850 };
const TITLES = ['MB/NC¹', 'Line number', 'Clause/ Subclause', 'Paragraph/ Figure/ Table/', 'Type of comment²', 'Comments', 'Proposed change', 'Observations of the secretariat'];

const cell = (text: string, width: number, bold = false) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: (text === '' ? [''] : text.split('\n')).map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: 18 })] })),
  });

const table = (rows: string[][], bold: boolean) =>
  new Table({
    layout: TableLayoutType.FIXED,
    width: { size: WIDTHS.reduce((a, b) => a + b), type: WidthType.DXA },
    columnWidths: WIDTHS,
    borders: {
      top: { style: BorderStyle.SINGLE, size: 4, color: '000000' }, bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
      left: { style: BorderStyle.SINGLE, size: 4, color: '000000' }, right: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
      insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: '000000' }, insideVertical: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
    },
    rows: rows.map((r) => new TableRow({ cantSplit: true, height: { value: 300, rule: HeightRule.ATLEAST }, children: r.map((v, i) => cell(v, WIDTHS[i], bold)) })),
  });

/** rows: the eight template columns of each comment, in order. */
export async function writeTemplateDocx(meta: { date: string; document: string; project: string }, rows: string[][]): Promise<Buffer> {
  const small = (text: string, bold = false) => new TextRun({ text, size: 16, bold });
  const doc = new Document({
    creator: 'Space Standards Workbench',
    title: `Comments on ${meta.document}`,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 400, footer: 400 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [small('Date: ', true), small(meta.date), small('\tDocument: ', true), small(meta.document), small('\tProject: ', true), small(meta.project)],
              }),
              table([TITLES], true),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ children: [small('¹ MB = Member body / NC = National Committee (enter the ISO 3166 two-letter country code, e.g. CN for China; comments from the ISO/CS editing unit are identified by **)')] }),
              new Paragraph({ children: [small('² Type of comment: ge = general  te = technical  ed = editorial')] }),
              new Paragraph({ alignment: AlignmentType.RIGHT, children: [small('ISO/IEC/CEN/CENELEC electronic balloting commenting template/version 2012-03 layout')] }),
            ],
          }),
        },
        children: [table(rows.length ? rows : [ISO_COLUMNS.map(() => '')], false)],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

type Node = Record<string, unknown>;
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: true, trimValues: false, processEntities: true });

const childrenOf = (node: Node, tag: string): Node[] => ((node[tag] as Node[] | undefined) ?? []);
const tagOf = (node: Node) => Object.keys(node).find((k) => k !== ':@' && k !== '#text');

/** The text of a paragraph: its runs' text, tabs and breaks, with nested runs (hyperlinks, fields) included. */
function textOf(nodes: Node[]): string {
  let out = '';
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === 'w:t') out += childrenOf(n, 'w:t').map((t) => String(t['#text'] ?? '')).join('');
    else if (tag === 'w:tab') out += '\t';
    else if (tag === 'w:br' || tag === 'w:cr') out += '\n';
    else if (tag && tag !== 'w:rPr' && tag !== 'w:pPr' && tag !== 'w:instrText' && tag !== 'w:delText') out += textOf(childrenOf(n, tag));
  }
  return out;
}

const cellText = (tc: Node[]) =>
  tc.filter((n) => tagOf(n) === 'w:p').map((p) => textOf(childrenOf(p, 'w:p'))).join('\n');

/**
 * The comment rows of a filled template: the body's tables whose rows have
 * eight cells, in order. The column titles live in the page header, so a
 * body row is read by position; a header row repeated in the body is
 * recognised and skipped. Returns the rows with the template's header first,
 * as parseRecords expects, or null when the file is not a Word document.
 */
export async function readTemplateDocx(file: Buffer): Promise<string[][] | null> {
  let xml: string | undefined;
  try {
    xml = await (await JSZip.loadAsync(file)).file('word/document.xml')?.async('string');
  } catch {
    return null;
  }
  if (!xml) return null;
  const root = parser.parse(xml) as Node[];
  const document = root.find((n) => tagOf(n) === 'w:document');
  const body = childrenOf(document ?? {}, 'w:document').find((n) => tagOf(n) === 'w:body');
  const records: string[][] = [[...ISO_COLUMNS]];
  const tables = childrenOf(body ?? {}, 'w:body').filter((n) => tagOf(n) === 'w:tbl');
  for (const tbl of tables) {
    for (const tr of childrenOf(tbl, 'w:tbl').filter((n) => tagOf(n) === 'w:tr')) {
      const cells = childrenOf(tr, 'w:tr').filter((n) => tagOf(n) === 'w:tc').map((tc) => cellText(childrenOf(tc, 'w:tc')));
      if (cells.length !== ISO_COLUMNS.length) continue;
      if (records.length === 1 && isHeaderRow(cells)) continue;
      records.push(cells);
    }
  }
  return records;
}
