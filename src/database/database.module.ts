import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { rootLogger } from '../common/logger';
import { createDataSource } from './data-source';
import { EmbeddedDatabase, startEmbeddedDatabase, takeEarlyStart } from './embedded';
import { runMigrations } from './migrate';

/** The embedded cluster the service started, or null with DATABASE_URL. */
export const EMBEDDED = Symbol('EMBEDDED_DATABASE');
const EMBEDDED_POOL_SIZE = 3;

/**
 * The one store. With DATABASE_URL it is that server; without it an embedded
 * PostgreSQL under DATA_DIR. Either way the migrations run before anything else
 * starts, so every module sees the schema it was written for.
 */
@Global()
@Module({
  providers: [
    {
      provide: EMBEDDED,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<EmbeddedDatabase | null> => {
        if (config.DATABASE_URL) return null;
        const log = rootLogger.child({ component: 'postgres' });
        const toLog = (line: string) => log.debug(line);
        const asked = performance.now();
        // `npm start` began it before loading the application (src/main.ts); anything else starts it here.
        const db = await (takeEarlyStart(config.DATA_DIR, toLog) ?? startEmbeddedDatabase(config.DATA_DIR, { log: toLog }));
        // waitedMs: how long the start waited for it here (about 0 when it was begun early and is up).
        rootLogger.info({ dataDir: db.dataDir, port: db.port, waitedMs: Math.round(performance.now() - asked) }, 'embedded PostgreSQL started');
        if (existsSync(join(config.DATA_DIR, 'pgdata'))) {
          rootLogger.warn(`${join(config.DATA_DIR, 'pgdata')} holds a PGlite database of an earlier version; it is not used (README, "From PGlite")`);
        }
        return db;
      },
    },
    {
      provide: DataSource,
      inject: [AppConfig, EMBEDDED],
      useFactory: async (config: AppConfig, embedded: EmbeddedDatabase | null) => {
        // The embedded cluster serves one local service on a small machine: each backend holds 15-20 MB
        // resident, and three keep up with the one Node thread that sends them work (it spends five times
        // the CPU PostgreSQL does per request; BENCHMARKS.md, case 7). The LISTEN connection is a fourth.
        const dataSource = embedded ? createDataSource(embedded.url, EMBEDDED_POOL_SIZE) : createDataSource(config.DATABASE_URL!);
        const began = performance.now();
        await dataSource.initialize();
        const connected = performance.now();
        const applied = await runMigrations(dataSource);
        if (applied.length) rootLogger.info({ migrations: applied }, 'migrations applied');
        rootLogger.debug({ initializeMs: Math.round(connected - began), migrationsMs: Math.round(performance.now() - connected) }, 'database ready');
        return dataSource;
      },
    },
  ],
  exports: [DataSource, EMBEDDED],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED) private readonly embedded: EmbeddedDatabase | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}
