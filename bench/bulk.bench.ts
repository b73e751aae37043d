/* eslint-disable no-console -- a benchmark's output is its figures */
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createTestApp } from '../test/helpers/app';
import { binary } from '../test/helpers/files';
import { draftingStandard } from '../test/helpers/standards';
import { rng } from './data';
import { BenchOptions, judge, measure } from './measure';

/**
 * Case 5 of the performance issue, bulk: a nation's 5,000 comments imported
 * from the ISO template as CSV (importComments), and exported to XLSX
 * (/rounds/:id/comments.xlsx), each through HTTP and each under 2 s. The
 * references, in the same run, are the libraries' own floor: csv-parse
 * reading the same file, and exceljs streaming the same rows to nowhere.
 */

const HEADER = 'MB/NC,Line number,Clause/Subclause,Paragraph/Figure/Table,Type of comment,Comments,Proposed change,Observations of the secretariat';
const IMPORT = `mutation($r:ID!,$c:String!){ importComments(roundId:$r,csv:$c){ imported errors } }`;
/** One delegate per run: each imports the same file into the round for its own nation. */
const NATIONS: [string, string][] = [['FRA', 'FR'], ['DEU', 'DE'], ['ITA', 'IT'], ['ESP', 'ES'], ['POL', 'PL']];

/** `n` comments on the sample text's clauses and lines (test/helpers/standards.ts SAMPLE), with realistic lengths. */
function templateCsv(n: number, alpha2: string): string {
  const r = rng(5);
  const places: [number, string][] = [[5, '1'], [9, '2'], [11, '2'], [15, '2.1'], [17, '2.1']];
  const types = ['ge', 'te', 'ed'];
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const [line, clause] = places[i % places.length];
    lines.push([alpha2, line, clause, i % 7 === 0 ? `Table ${1 + (i % 3)}` : '', types[i % 3], `"${r.words(12 + r.int(30))}."`, `"Replace with ${r.words(8 + r.int(20))}."`, ''].join(','));
  }
  return `${lines.join('\n')}\n`;
}

export async function run(options: BenchOptions): Promise<void> {
  const n = options.smoke ? 200 : 5_000;
  const runs = options.smoke ? 1 : NATIONS.length - 1;
  const t = await createTestApp();
  try {
    const secretariat = await t.user('Bulk Secretariat', [{ role: 'SECRETARIAT' }]);
    const delegates: { token: string }[] = [];
    for (const [nation] of NATIONS) delegates.push(await t.user(`Bulk Delegate ${nation}`, [{ role: 'DELEGATE', nationCode: nation }]));
    const { id: standardId, v1 } = await draftingStandard(t, secretariat.token, { designation: 'BULK-1' });
    const round = await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, {
      i: { standardId, versionId: v1, title: 'Bulk comments', closesAt: new Date(Date.now() + 3600_000).toISOString() },
    }, secretariat.token);
    const roundId: string = round.openCommentRound.id;
    const files = NATIONS.map(([, alpha2]) => templateCsv(n, alpha2));
    console.log(`  ${n} comments per file, ${(Buffer.byteLength(files[0]) / 1024).toFixed(0)} KB of CSV`);

    const parsing = await measure('csv-parse of the same file (reference)', runs, (i) => parse(files[i % files.length], { bom: true }));
    // The warm-up imports the first nation's file; each timed run imports the next nation's.
    let next = 0;
    const imported = await measure(`importComments, ${n} rows`, runs, async () => {
      const k = next++;
      const res = await t.ok(IMPORT, { r: roundId, c: files[k] }, delegates[k].token);
      if (res.importComments.imported !== n) throw new Error(`imported ${JSON.stringify(res.importComments)}`);
    });

    // The first nation (the warm-up's) exports its own 5,000 comments.
    const exporter = delegates[0];
    const rows = parse(files[0], { bom: true }) as string[][];
    const writing = await measure('exceljs streaming the same rows (reference)', runs, async () => {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough().resume(), useSharedStrings: false });
      const sheet = workbook.addWorksheet('Comments');
      for (const row of rows) sheet.addRow(row).commit();
      sheet.commit();
      await workbook.commit();
    });
    const exported = await measure(`comments.xlsx, ${n} rows`, runs, async () => {
      const res = await t.http.get(`/rounds/${roundId}/comments.xlsx`).set('authorization', `Bearer ${exporter.token}`).buffer(true).parse(binary);
      if (res.status !== 200) throw new Error(`export answered ${res.status}`);
    });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM comment WHERE round_id = $1 AND nation_code = $2`, [roundId, NATIONS[0][0]]);
    if (count !== n) console.log(`  !! the exporting nation holds ${count} comments, not ${n}`);
    judge(options, `import ${n} comments from CSV through the API`, imported.median, { label: 'csv-parse alone', value: parsing.median }, { limit: 2000 });
    judge(options, `export ${n} comments to XLSX through HTTP`, exported.median, { label: 'exceljs alone', value: writing.median }, { limit: 2000 });
  } finally {
    await t.close();
  }
}
