import { Controller, Get, Query, Res } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { Allow, HttpCaller } from '../common/access';
import { Caller, Role } from '../common/caller';
import { badInput } from '../common/errors';
import { AuditService } from './audit.service';

const when = (name: string, value?: string) => {
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw badInput(name, `${name} must be an ISO date-time, e.g. 2026-11-30T09:00:00Z.`);
  return d;
};

/** The audit log as CSV, with the filters of auditEvents, for the same bearer token as the API. */
@Controller('audit')
export class AuditExportController {
  constructor(private readonly audit: AuditService) {}

  @Get('events.csv')
  @Allow(Role.SECRETARIAT, Role.ADMIN)
  async csv(
    @HttpCaller() caller: Caller,
    @Res() res: Response,
    @Query('actorId') actorId?: string,
    @Query('action') action?: string,
    @Query('entityType') entityType?: string,
    @Query('entityId') entityId?: string,
    @Query('since') since?: string,
    @Query('until') until?: string,
  ) {
    const events = await this.audit.all(caller, { actorId, action, entityType, entityId, since: when('since', since), until: when('until', until) });
    const rows = events.map((e) => [e.id, e.at.toISOString(), e.actorId ?? '', e.action, e.entityType, e.entityId, e.detail]);
    const body = stringify([['id', 'at', 'actorId', 'action', 'entityType', 'entityId', 'detail'], ...rows], { escape_formulas: true, bom: true });
    res.status(200).type('text/csv; charset=utf-8').setHeader('content-disposition', 'attachment; filename="audit-log.csv"').setHeader('cache-control', 'no-store').send(body);
  }
}
