import { Controller, Get, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'express';
import { Allow, HttpCaller } from '../common/access';
import { HeavyWork } from '../common/heavy-work';
import { Caller, Role } from '../common/caller';
import { badInput } from '../common/errors';
import { idParam } from '../common/id-param';
import { CommentsService } from './comments.service';

// ExcelJS and the Word template (docx, JSZip) are loaded on the first file asked for, not at every start.
const excel = async () => (await import('exceljs')).default;
const wordTemplate = () => import('./iso-docx.js');

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The rows of an uploaded template, header row first: DOCX and XLSX are told apart by their content, anything else is read as CSV. */
async function recordsOf(file: { buffer: Buffer }): Promise<string[][]> {
  const zip = file.buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (!zip) {
    try {
      return parse(file.buffer, { bom: true, skip_empty_lines: true, relax_column_count: true });
    } catch (err) {
      throw badInput('file', `file cannot be read as CSV (${(err as Error).message}); upload the template as DOCX, XLSX or CSV.`);
    }
  }
  const docx = await (await wordTemplate()).readTemplateDocx(file.buffer);
  if (docx) return docx;
  const workbook = new (await excel()).Workbook();
  await workbook.xlsx.load(file.buffer as unknown as ArrayBuffer).catch(() => undefined);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badInput('file', 'file is neither a Word (DOCX) nor an Excel (XLSX) commenting template.');
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    records.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).text ?? ''));
  });
  return records;
}

const layoutOf = (req: Request): 'iso' | 'full' => (req.path.includes('/comments-full.') ? 'full' : 'iso');
const fileName = (title: string, ext: string) => `${title.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'comments'}.${ext}`;

/**
 * The comment resolution matrix of a round as a file, and a nation's filled
 * template uploaded as one, for the same bearer token as the API. CSV cells
 * that a spreadsheet would evaluate (= + - @) get csv-stringify's formula
 * guard; XLSX needs none, as ExcelJS writes strings as text cells, so they
 * keep their words exactly.
 */
@Controller('rounds')
export class CommentsExportController {
  constructor(
    private readonly comments: CommentsService,
    private readonly heavy: HeavyWork,
  ) {}

  /** comments.csv is the ISO template's eight columns; comments-full.csv adds the number, disposition and resolving version. */
  @Get([':id/comments.csv', ':id/comments-full.csv'])
  @Allow(Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE)
  async csv(@Param('id', idParam('id')) id: string, @HttpCaller() caller: Caller, @Req() req: Request, @Res() res: Response) {
    const layout = layoutOf(req);
    const { round, header, rows } = await this.comments.matrix(caller, id, layout);
    const body = stringify([header, ...rows], { escape_formulas: true, bom: true });
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('content-disposition', `attachment; filename="${fileName(round.title + (layout === 'full' ? '-full' : ''), 'csv')}"`)
      .send(body);
  }

  @Get([':id/comments.xlsx', ':id/comments-full.xlsx'])
  @Allow(Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE)
  async xlsx(@Param('id', idParam('id')) id: string, @HttpCaller() caller: Caller, @Req() req: Request, @Res() res: Response) {
    const layout = layoutOf(req);
    await this.heavy.run('XLSX export', async () => {
      const { round, header, rows } = await this.comments.matrix(caller, id, layout);
      const widths = [8, 10, 12, 14, 10, 60, 60, 50, 22, 18];
      res
        .status(200)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .setHeader('content-disposition', `attachment; filename="${fileName(round.title + (layout === 'full' ? '-full' : ''), 'xlsx')}"`);
      // Streamed as it is written, and with inline strings rather than a shared-string table:
      // 5,000 comments took over 2 s through the in-memory workbook, which builds the whole model
      // and then the whole file (bench/bulk.bench.ts). Text cells either way, never formulas.
      const workbook = new (await excel()).stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
      const sheet = workbook.addWorksheet('Comments', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = header.map((_, i) => ({ width: (layout === 'full' ? [10, ...widths] : widths)[i] ?? 20 }));
      const head = sheet.addRow(header);
      head.font = { bold: true };
      head.commit();
      for (const row of rows) sheet.addRow(row).commit();
      sheet.commit();
      await workbook.commit();
    });
  }

  /**
   * A filled ISO commenting template (Word, Excel or CSV) in the multipart
   * field `file`, for the caller's nation: all rows or none, answered as
   * importComments answers.
   */
  @Post(':id/comments/import')
  @Allow(Role.EXPERT, Role.DELEGATE)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  async import(@Param('id', idParam('id')) id: string, @HttpCaller() caller: Caller, @UploadedFile() file: { buffer: Buffer } | undefined, @Res() res: Response) {
    if (!file?.buffer?.length) throw badInput('file', 'Upload the filled template as multipart form data in the field "file".');
    res.status(200).json(await this.heavy.run('import', async () => this.comments.importRecords(caller, id, await recordsOf(file))));
  }

  /** The resolution in the Word template's layout: landscape, the eight columns, the comment number in MB/NC, observations filled. */
  @Get(':id/comments.docx')
  @Allow(Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE)
  async docx(@Param('id', idParam('id')) id: string, @HttpCaller() caller: Caller, @Res() res: Response) {
    const { round, buffer } = await this.heavy.run('DOCX export', async () => {
      const { round, rows } = await this.comments.matrix(caller, id, 'full');
      const meta = await this.comments.roundDocument(caller, round);
      // full: number, MB/NC, the six middle columns, observations, disposition, resolved in.
      const body = rows.map(([number, mb, line, clause, paragraph, type, comment, proposed, observations, disposition]) => [
        number || mb, line, clause, paragraph, type, comment, proposed,
        [disposition ? DISPOSITION_WORDS[disposition] ?? disposition : '', observations].filter(Boolean).join('\n'),
      ]);
      return { round, buffer: await (await wordTemplate()).writeTemplateDocx({ date: new Date().toISOString().slice(0, 10), ...meta }, body) };
    });
    res
      .status(200)
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .setHeader('content-disposition', `attachment; filename="${fileName(round.title, 'docx')}"`)
      .send(buffer);
  }
}

const DISPOSITION_WORDS: Record<string, string> = {
  ACCEPTED: 'Accepted.',
  ACCEPTED_IN_PRINCIPLE: 'Accepted in principle.',
  REJECTED: 'Rejected.',
  NOTED: 'Noted.',
};
