import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { Allow, HttpCaller, Scopes } from '../common/access';
import { Caller, Role } from '../common/caller';
import { idParam } from '../common/id-param';
import { ConformanceService } from './conformance.service';

const PICS_COLUMNS = ['item', 'description', 'reference', 'status', 'support', 'values', 'notes'];

@Controller('products')
export class ConformanceController {
  constructor(private readonly conformance: ConformanceService) {}

  /**
   * The product's conformance statement for one standard as a PICS proforma.
   * escape_formulas prefixes cells starting with = + - @ so a spreadsheet shows
   * a vendor's evidence as text rather than running it.
   */
  @Get(':id/conformance.csv')
  @Allow(Role.VENDOR, Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE, Role.ADMIN)
  @Scopes('conformance:read')
  async pics(
    @HttpCaller() caller: Caller,
    @Param('id', idParam('id')) id: string,
    @Query('standardId', idParam('standardId')) standardId: string,
    @Query('versionId', idParam('versionId', { optional: true })) versionId: string | undefined,
    @Res() res: Response,
  ) {
    const { product, standard, version, identification, rows } = await this.conformance.pics(caller, id, standardId, versionId);
    // The identification block first (one "field, value" pair a line), a blank line, then the table.
    const header = stringify([['PICS identification'], ...Object.entries(identification), []], { escape_formulas: true, bom: true });
    const csv = header + stringify(rows, { header: true, columns: PICS_COLUMNS, escape_formulas: true });
    const filename = `${product.name}-${product.productVersion}-${standard.designation}-v${version.number}-pics.csv`.replace(/[^\w.-]+/g, '_');
    res
      .status(200)
      .set('content-type', 'text/csv; charset=utf-8')
      .set('content-disposition', `attachment; filename="${filename}"`)
      .set('cache-control', 'no-store')
      .send(csv);
  }
}
