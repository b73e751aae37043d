import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readTemplateDocx } from '../src/comments/iso-docx';
import { createTestApp, TestApp } from './helpers/app';
import { binary } from './helpers/files';
import { TEXT } from './helpers/ratification';



/** A Word template filled the way a national body does it: titles repeated in the body, text split over runs, a line break. */
async function filledWordTemplate(rows: (string | string[])[][]): Promise<Buffer> {
  const cell = (v: string | string[]) =>
    new TableCell({ children: [new Paragraph({ children: (Array.isArray(v) ? v : [v]).map((t, i) => new TextRun({ text: t.replace(/^\n/, ''), break: i > 0 && t.startsWith('\n') ? 1 : 0 })) })] });
  const titles = ['MB/NC¹', 'Line number', 'Clause/ Subclause', 'Paragraph/ Figure/ Table/', 'Type of comment²', 'Comments', 'Proposed change', 'Observations of the secretariat'];
  const doc = new Document({
    sections: [{ children: [new Paragraph('Template filled by AFNOR'), new Table({ rows: [titles, ...rows].map((r) => new TableRow({ children: r.map(cell) })) })] }],
  });
  return Packer.toBuffer(doc);
}

describe('the ISO commenting template as files: DOCX, XLSX and CSV in, DOCX out', () => {
  let t: TestApp;
  let sec: { token: string };
  let fr: { token: string };
  let roundId: string;
  const upload = (token: string, file: Buffer, name: string) =>
    t.http.post(`/rounds/${roundId}/comments/import`).set('authorization', `Bearer ${token}`).attach('file', file, name);
  const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM comment WHERE round_id = $1`, [roundId]))[0].n;

  before(async () => {
    t = await createTestApp();
    sec = await t.user('Sam Secretariat', [{ role: 'SECRETARIAT' }]);
    fr = await t.user('Francois Delegate', [{ role: 'DELEGATE', nationCode: 'FRA' }]);
    const p = await t.ok(`mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`, {
      i: { designation: 'ASpP-DOCX', title: 'Orbit data messages', scope: 'Orbit data exchange', visibility: 'NATIONS',
        overlapJustification: 'A test fixture for the commenting template files.' },
    }, sec.token);
    const standardId = p.proposeStandard.id;
    await t.ok(`mutation($id:ID!){ startDrafting(standardId:$id){ id } }`, { id: standardId }, sec.token);
    const v1 = (await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId, text: TEXT } }, sec.token)).createVersion.id;
    roundId = (await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, {
      i: { standardId, versionId: v1, title: 'CD 1 comments', closesAt: new Date(Date.now() + 3600_000).toISOString() },
    }, sec.token)).openCommentRound.id;
  });
  after(() => t.close());

  it('imports a filled Word template all or nothing, with the same answer as importComments', async () => {
    const bad = await filledWordTemplate([
      ['FR', '9', '2', '', 'te', ['Sixty seconds ', 'is too slow.'], 'Use 30 s.', ''],
      ['DE', '5', '1', '', 'ed', 'Wrong nation.', '', ''],
      ['FR', '5', '1', '', 'xx', 'Wrong type.', '', ''],
    ]);
    const refused = await upload(fr.token, bad, 'comments.docx');
    expect(refused.status).toBe(200);
    // Rows count from the column titles as row 1.
    expect(refused.body).toEqual({ imported: 0, errors: ['row 3: MB/NC is DE, but you comment for FR (FRA)', 'row 4: type of comment "xx" is not ge, te or ed'] });
    expect(await count()).toBe(0);

    const good = await filledWordTemplate([
      ['FR', '9', '2', '', 'te', ['Sixty seconds ', 'is too slow.'], ['Use 30 s.', '\nOr 45 s.'], ''],
      ['FR', '13', '2.1', 'Table 1', 'ed', 'Say OEM v3.', '', 'Seen at CD 0.'],
    ]);
    const ok = await upload(fr.token, good, 'comments.docx');
    expect(ok.body).toEqual({ imported: 2, errors: [] });
    const rows = await t.db.query(`SELECT nation_code, clause, line_from, type, body, proposed_change, observations FROM comment WHERE round_id = $1 ORDER BY seq`, [roundId]);
    expect(rows).toEqual([
      { nation_code: 'FRA', clause: '2', line_from: 9, type: 'TECHNICAL', body: 'Sixty seconds is too slow.', proposed_change: 'Use 30 s.\nOr 45 s.', observations: null },
      { nation_code: 'FRA', clause: '2.1', line_from: 13, type: 'EDITORIAL', body: 'Say OEM v3.', proposed_change: null, observations: 'Seen at CD 0.' },
    ]);
  });

  it('imports the template as XLSX and as CSV through the same door, and refuses what is not a template', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Template');
    sheet.addRow(['MB/NC', 'Line number', 'Clause/Subclause', 'Paragraph/Figure/Table', 'Type of comment', 'Comments', 'Proposed change', 'Observations of the secretariat']);
    sheet.addRow(['FR', 5, '1', '', 'ge', 'Scope is vague.', '', '']);
    expect((await upload(fr.token, Buffer.from(await wb.xlsx.writeBuffer()), 'comments.xlsx')).body).toEqual({ imported: 1, errors: [] });
    const csv = 'MB/NC,Line number,Clause/Subclause,Paragraph/Figure/Table,Type of comment,Comments,Proposed change,Observations of the secretariat\nFRA,9,2,,ed,Comma.,,\n';
    expect((await upload(fr.token, Buffer.from(csv), 'comments.csv')).body).toEqual({ imported: 1, errors: [] });
    expect(await count()).toBe(4);

    const none = await t.http.post(`/rounds/${roundId}/comments/import`).set('authorization', `Bearer ${fr.token}`);
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('BAD_USER_INPUT');
    const zip = await new JSZip().file('hello.txt', 'hi').generateAsync({ type: 'nodebuffer' });
    expect((await upload(fr.token, zip, 'x.docx')).body.code).toBe('BAD_USER_INPUT');
    expect((await upload(sec.token, Buffer.from(csv), 'comments.csv')).status).toBe(403);
    expect((await t.http.post(`/rounds/${roundId}/comments/import`).attach('file', Buffer.from(csv), 'c.csv')).status).toBe(401);
    expect(await count()).toBe(4);
  });

  it('exports the resolution in the Word template layout, which imports back', async () => {
    await t.ok(`mutation($r:ID!){ submitNationalComments(roundId:$r){ commentCount } }`, { r: roundId }, fr.token);
    await t.ok(`mutation($r:ID!){ closeCommentRound(roundId:$r){ status } }`, { r: roundId }, sec.token);
    const [first] = await t.db.query(`SELECT id FROM comment WHERE round_id = $1 AND number = 'FR-001'`, [roundId]);
    await t.ok(`mutation($i:ResolveCommentInput!){ resolveComment(input:$i){ id } }`,
      { i: { commentId: first.id, disposition: 'ACCEPTED', resolution: 'Scope reworded.' } }, sec.token);

    const res = await t.http.get(`/rounds/${roundId}/comments.docx`).set('authorization', `Bearer ${sec.token}`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/wordprocessingml/);
    const zip = await JSZip.loadAsync(res.body);
    const document = await zip.file('word/document.xml')!.async('string');
    expect(document).toMatch(/<w:pgSz[^>]*w:orient="landscape"/);
    const headers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(headers.join('')).toContain('Observations of the secretariat');
    expect(headers.join('')).toContain('ASpP-DOCX version 1');

    const rows = (await readTemplateDocx(res.body))!;
    expect(rows.slice(1).map((r) => [r.length, r[0], r[1], r[2], r[4]])).toEqual([
      [8, 'FR-001', '5', '1', 'ge'],
      [8, 'FR-002', '9', '2', 'te'],
      [8, 'FR-003', '9', '2', 'ed'],
      [8, 'FR-004', '13', '2.1', 'ed'],
    ]);
    expect(rows[1][7]).toBe('Accepted.\nScope reworded.');
    expect(rows[2][6]).toBe('Use 30 s.\nOr 45 s.');
    expect(rows[4][7]).toBe('Seen at CD 0.');
  });
});
