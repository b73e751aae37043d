import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Allow } from '../common/access';
import { AppConfig } from '../config/config';

@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource, private readonly config: AppConfig) {}

  /** 200 when the service can reach its database, 503 when it cannot. */
  @Get()
  @Allow('ANYONE')
  async health(@Res() res: Response) {
    const database = this.config.DATABASE_URL ? 'postgresql' : 'embedded';
    try {
      await this.dataSource.query('SELECT 1');
      res.status(200).json({ status: 'ok', database: { kind: database, status: 'up' } });
    } catch {
      res.status(503).json({ status: 'unavailable', database: { kind: database, status: 'down' } });
    }
  }
}
