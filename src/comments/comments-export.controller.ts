import { Controller, Get, Param, Res } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { Allow, HttpCaller } from '../common/access';
import { Caller, Role } from '../common/caller';
import { idParam } from '../common/id-param';
import { CommentsService } from './comments.service';

const fileName = (title: string, ext: string) => `${title.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'comments'}.${ext}`;

/**
 * The comment resolution matrix of a round as a file, for the same bearer
 * token as the API. CSV cells that a spreadsheet would evaluate (= + - @) get
 * csv-stringify's formula guard; XLSX needs none, as ExcelJS writes strings as
 * text cells, so they keep their words exactly.
 */
@Controller('rounds')
export class CommentsExportController {
  constructor(private readonly comments: CommentsService) {}

  @Get(':id/comments.csv')
  @Allow(Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE)
  async csv(@Param('id', idParam('id')) id: string, @HttpCaller() caller: Caller, @Res() res: Response) {
    const { round, header, rows } = await this.comments.matrix(caller, id);
    const body = stringify([header, ...rows], { escape_formulas: true, bom: true });
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('content-disposition', `attachment; filename="${fileName(round.title, 'csv')}"`)
      .send(body);
  }

  @Get(':id/comments.xlsx')
  @Allow(Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE)
  async xlsx(@Param('id', idParam('id')) id: string, @HttpCaller() caller: Caller, @Res() res: Response) {
    const { round, header, rows } = await this.comments.matrix(caller, id);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Comments');
    sheet.addRow(header).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
    sheet.columns.forEach((c, i) => (c.width = [8, 10, 12, 14, 10, 60, 60, 50, 22, 18][i] ?? 20));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    const buffer = await workbook.xlsx.writeBuffer();
    res
      .status(200)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .setHeader('content-disposition', `attachment; filename="${fileName(round.title, 'xlsx')}"`)
      .send(Buffer.from(buffer as ArrayBuffer));
  }
}
