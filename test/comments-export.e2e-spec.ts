import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { createTestApp, TestApp } from './helpers/app';

const TEXT = [
  '# Orbit data messages', '', '## 1 Scope', '', 'This standard covers orbit data.', '',
  '## 2 Requirements', '', 'The provider shall deliver data within 60 seconds.', '', '### 2.1 Formats', '',
  'Data shall be encoded as CCSDS OEM.', '',
].join('\n');

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('a full comment round with three nations, ending in the exported matrix', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('runs the round as the secretariat and three nations would, and exports csv and xlsx', async () => {
    const sec = await t.user('Sam Secretariat', [{ role: 'SECRETARIAT' }]);
    const fr = await t.user('Francois Delegate', [{ role: 'DELEGATE', nationCode: 'FRA' }]);
    const deExpert = await t.user('Dieter Expert', [{ role: 'EXPERT', nationCode: 'DEU' }]);
    const de = await t.user('Doris Delegate', [{ role: 'DELEGATE', nationCode: 'DEU' }]);
    const it_ = await t.user('Ilaria Delegate', [{ role: 'DELEGATE', nationCode: 'ITA' }]);
    const admin = await t.adminToken();
    const org = await t.ok(`mutation{ createOrganization(input:{name:"Orbit Vendor Ltd", kind:VENDOR}){ id } }`, {}, admin);
    const vendor = await t.user('Vera Vendor', [{ role: 'VENDOR', organizationId: org.createOrganization.id }]);

    // The secretariat puts version 1 of a draft out for comment.
    const p = await t.ok(`mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`, {
      i: { designation: 'ASpP-ODM', title: 'Orbit data messages', scope: 'Orbit data exchange', visibility: 'NATIONS',
        overlapJustification: 'A test fixture for the comment matrix.' },
    }, sec.token);
    const standardId = p.proposeStandard.id;
    await t.ok(`mutation($id:ID!){ startDrafting(standardId:$id){ id } }`, { id: standardId }, sec.token);
    const v1 = (await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId, text: TEXT } }, sec.token)).createVersion.id;
    const round = await t.ok(`mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id status } }`, {
      i: { standardId, versionId: v1, title: 'CD 1 comments', closesAt: new Date(Date.now() + 3600_000).toISOString() },
    }, sec.token);
    const roundId = round.openCommentRound.id;

    const add = (token: string, i: Record<string, unknown>) =>
      t.ok(`mutation($i:AddCommentInput!){ addComment(input:$i){ id } }`, { i: { roundId, ...i } }, token);
    // France: a technical comment whose body a spreadsheet would run as a formula.
    const frFormula = (await add(fr.token, { clause: '2', lineFrom: 9, type: 'TECHNICAL', body: '=HYPERLINK("http://evil.example","click")', proposedChange: '+30 s' })).addComment.id;
    // Germany: an expert writes, the delegate adds one and submits both.
    const deLatency = (await add(deExpert.token, { clause: '2', lineFrom: 9, type: 'TECHNICAL', body: 'Sixty seconds is too slow.', proposedChange: 'Use 30 seconds.' })).addComment.id;
    const deTypo = (await add(de.token, { clause: '1', lineFrom: 5, type: 'EDITORIAL', body: 'Say "orbit data messages".' })).addComment.id;
    // Italy imports its spreadsheet.
    const csv = 'MB/NC,Line number,Clause/Subclause,Paragraph/Figure/Table,Type of comment,Comments,Proposed change,Observations of the secretariat\n' +
      'ITA,13,2.1,Table 1,ge,Consider OEM v3.,,\n';
    expect((await t.ok(`mutation($r:ID!,$c:String!){ importComments(roundId:$r,csv:$c){ imported errors } }`, { r: roundId, c: csv }, it_.token)).importComments)
      .toEqual({ imported: 1, errors: [] });
    const itId = (await t.db.query(`SELECT id FROM comment WHERE round_id = $1 AND nation_code = 'ITA'`, [roundId]))[0].id;
    // France and Germany submit; Italy forgets: its comment does not count.
    for (const token of [fr.token, de.token]) await t.ok(`mutation($r:ID!){ submitNationalComments(roundId:$r){ commentCount } }`, { r: roundId }, token);
    await t.ok(`mutation($r:ID!){ closeCommentRound(roundId:$r){ status } }`, { r: roundId }, sec.token);

    // The secretariat resolves in a meeting, with version 2 carrying the changes.
    const v2 = (await t.ok(`mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, {
      i: { standardId, baseVersionId: v1, text: TEXT.replace('60 seconds', '30 seconds') },
    }, sec.token)).createVersion.id;
    const resolve = (commentId: string, disposition: string, resolution: string, resolvedInVersionId?: string) =>
      t.ok(`mutation($i:ResolveCommentInput!){ resolveComment(input:$i){ id } }`, { i: { commentId, disposition, resolution, resolvedInVersionId } }, sec.token);
    await resolve(deLatency, 'ACCEPTED', 'Changed to 30 seconds.', v2);
    await resolve(frFormula, 'ACCEPTED_IN_PRINCIPLE', '@see DEU comment', v2);
    await resolve(deTypo, 'REJECTED', 'The term is defined in clause 1.');
    expect(code(await t.gql(`mutation($i:ResolveCommentInput!){ resolveComment(input:$i){ id } }`,
      { i: { commentId: itId, disposition: 'NOTED', resolution: 'x' } }, sec.token))).toBe('NOT_FOUND');
    const left = await t.ok(`query($id:ID!){ commentRound(id:$id){ unresolvedCount comments { totalCount } } }`, { id: roundId }, sec.token);
    expect(left.commentRound).toEqual({ unresolvedCount: 0, comments: { totalCount: 3 } });

    // CSV: header, the submitted comments in clause/line order, formulas neutralised.
    const csvRes = await t.http.get(`/rounds/${roundId}/comments.csv`).set('authorization', `Bearer ${sec.token}`);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers['content-type']).toMatch(/text\/csv/);
    const records: string[][] = parse(csvRes.text, { bom: true });
    expect(records[0]).toEqual([
      'MB/NC', 'Line number', 'Clause/Subclause', 'Paragraph/Figure/Table', 'Type of comment', 'Comments', 'Proposed change',
      'Observations of the secretariat', 'Disposition', 'Resolved in version',
    ]);
    expect(records.slice(1).map((r) => [r[0], r[2], r[8]])).toEqual([
      ['DEU', '1', 'REJECTED'],
      ['FRA', '2', 'ACCEPTED_IN_PRINCIPLE'],
      ['DEU', '2', 'ACCEPTED'],
    ]);
    const frRow = records[2];
    expect(frRow[5].startsWith('=')).toBe(false);
    expect(frRow[5]).toContain('HYPERLINK');
    expect(frRow[6].startsWith('+')).toBe(false);
    expect(frRow[7].startsWith('@')).toBe(false);
    expect(records[3]).toEqual(['DEU', '9', '2', '', 'te', 'Sixty seconds is too slow.', 'Use 30 seconds.', 'Changed to 30 seconds.', 'ACCEPTED', 'version 2']);

    // XLSX opened with exceljs: text cells, no formulas.
    const xlsxRes = await t.http.get(`/rounds/${roundId}/comments.xlsx`).set('authorization', `Bearer ${fr.token}`).buffer(true).parse(binary);
    expect(xlsxRes.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsxRes.body);
    const sheet = wb.getWorksheet('Comments')!;
    expect(sheet.getRow(1).getCell(6).value).toBe('Comments');
    expect(sheet.rowCount).toBe(4);
    const cell = sheet.getRow(3).getCell(6);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    // A text cell is never evaluated, so it keeps its words exactly: no apostrophe (only CSV needs the guard).
    expect(cell.value).toBe(`=HYPERLINK("http://evil.example","click")`);
    expect(sheet.getRow(3).getCell(7).value).toBe(`+30 s`);
    expect(sheet.getRow(4).getCell(10).value).toBe('version 2');
    for (let r = 1; r <= sheet.rowCount; r++) {
      sheet.getRow(r).eachCell((c) => expect(c.type === ExcelJS.ValueType.String || c.type === ExcelJS.ValueType.Null).toBe(true));
    }

    // The same bearer token rules apply: none, a vendor, and an unknown round.
    expect((await t.http.get(`/rounds/${roundId}/comments.csv`)).status).toBe(401);
    expect((await t.http.get(`/rounds/${roundId}/comments.csv`).set('authorization', `Bearer ${vendor.token}`)).status).toBe(403);
    const unknown = await t.http.get(`/rounds/00000000-0000-4000-8000-000000000000/comments.xlsx`).set('authorization', `Bearer ${sec.token}`);
    expect(unknown.status).toBe(404);
    // A malformed id is the caller's mistake, answered in the body shape of every other HTTP error.
    for (const file of ['comments.csv', 'comments.xlsx']) {
      const malformed = await t.http.get(`/rounds/not-a-uuid/${file}`).set('authorization', `Bearer ${sec.token}`);
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual({ code: 'BAD_USER_INPUT', message: 'id is malformed: it must be a UUID, as the API gives out.' });
    }
    // Italy still sees its own draft in its export; the secretariat does not.
    const itCsv = parse((await t.http.get(`/rounds/${roundId}/comments.csv`).set('authorization', `Bearer ${it_.token}`)).text, { bom: true });
    expect(itCsv.slice(1).filter((r: string[]) => r[0] === 'ITA').length).toBe(1);
  });
});

const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;
