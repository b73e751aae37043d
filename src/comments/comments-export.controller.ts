import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Request, Response } from 'express';
import { Allow, HttpCaller } from '../common/access';
import { Caller, Role } from '../common/caller';
import { CommentsService } from './comments.service';
import { neutralizeFormula } from './iso-template';

const layoutOf = (req: Request): 'iso' | 'full' => (req.path.includes('/comments-full.') ? 'full' : 'iso');
const fileName = (title: string, ext: string) => `${title.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'comments'}.${ext}`;

/**
 * The comment resolution matrix of a round as a file, for the same bearer
 * token as the API. Every cell a spreadsheet would evaluate is neutralised.
 */
@Controller('rounds')
export class CommentsExportController {
  constructor(private readonly comments: CommentsService) {}

  /** comments.csv is the ISO template's eight columns; comments-full.csv adds the number, disposition and resolving version. */
  @Get([':id/comments.csv', ':id/comments-full.csv'])
  @Allow(Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE)
  async csv(@Param('id') id: string, @HttpCaller() caller: Caller, @Req() req: Request, @Res() res: Response) {
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
  async xlsx(@Param('id') id: string, @HttpCaller() caller: Caller, @Req() req: Request, @Res() res: Response) {
    const layout = layoutOf(req);
    const { round, header, rows } = await this.comments.matrix(caller, id, layout);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Comments');
    sheet.addRow(header).font = { bold: true };
    // Strings are written as text cells; the apostrophe keeps a pasted or re-saved cell from turning into a formula.
    for (const row of rows) sheet.addRow(row.map(neutralizeFormula));
    const widths = [8, 10, 12, 14, 10, 60, 60, 50, 22, 18];
    sheet.columns.forEach((c, i) => (c.width = (layout === 'full' ? [10, ...widths] : widths)[i] ?? 20));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    const buffer = await workbook.xlsx.writeBuffer();
    res
      .status(200)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .setHeader('content-disposition', `attachment; filename="${fileName(round.title + (layout === 'full' ? '-full' : ''), 'xlsx')}"`)
      .send(Buffer.from(buffer as ArrayBuffer));
  }
}
