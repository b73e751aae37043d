import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Allow } from '../common/access';
import { EMBEDDED } from './database.module';
import type { EmbeddedDatabase } from './embedded';

@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED) private readonly embedded: EmbeddedDatabase | null,
  ) {}

  /**
   * 200 when the service can reach its database, 503 when it cannot. On the
   * embedded database it also tells the cluster's state (running, exited …),
   * so a 503 says whether PostgreSQL itself is gone.
   */
  @Get()
  @Allow('ANYONE')
  async health(@Res() res: Response) {
    const cluster = this.embedded ? { cluster: this.embedded.status().state } : {};
    const database = { kind: this.embedded ? 'embedded' : 'postgresql', ...cluster };
    try {
      await this.dataSource.query('SELECT 1');
      res.status(200).json({ status: 'ok', database: { ...database, status: 'up' } });
    } catch {
      res.status(503).json({ status: 'unavailable', database: { ...database, status: 'down' } });
    }
  }
}
