import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { verifyAuditChain } from '../audit/audit-chain';
import { CorpusService } from '../standards/corpus.service';
import { ConfigError, loadConfig } from '../config/config';
import { createDataSource } from './data-source';
import { EmbeddedDatabase, startEmbeddedDatabase } from './embedded';
import { runMigrations } from './migrate';

const USAGE = `usage: node dist/src/database/cli.js <run | revert | generate <Name> | import <folder> | verify-audit [head]>
  run       apply pending migrations
  revert    undo the last applied migration
  generate  write migrations/<timestamp>-<Name>.ts to fill in, listing as comments
            what TypeORM sees differ between the entities and the database
  import    load draft standards (a folder per standard, v1.md, v2.md …) from <folder>,
            skipping designations that exist, all in one transaction
  verify-audit  recompute the audit log's hash chain; exit 1 naming the first row
            that was changed, deleted or reordered, or when the chain no longer
            passes through [head], a hash printed by an earlier run`;

async function withDatabase<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | null = null;
  if (!config.DATABASE_URL) embedded = await startEmbeddedDatabase(config.DATA_DIR);
  const ds = createDataSource(config.DATABASE_URL ?? embedded!.url, 2);
  await ds.initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

/**
 * The schema is written by hand (constraints, triggers and indexes that
 * entities cannot express), so the differences TypeORM sees are suggestions in
 * comments, never statements to run blindly.
 */
function migrationSource(name: string, timestamp: number, up: string[], down: string[]): string {
  const lines = (qs: string[]) => (qs.length ? qs.map((q) => `    // ${q.replace(/\s+/g, ' ')};`).join('\n') : '    // (no differences seen)');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(q: QueryRunner): Promise<void> {
    // Differences TypeORM sees between the entities and the database:
${lines(up)}
    await q.query(\`SELECT 1\`);
  }

  async down(q: QueryRunner): Promise<void> {
${lines(down)}
    await q.query(\`SELECT 1\`);
  }
}
`;
}

async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv;
  switch (command) {
    case 'run': {
      const applied = await withDatabase(runMigrations);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'nothing to apply\n');
      return 0;
    }
    case 'revert':
      await withDatabase((ds) => ds.undoLastMigration({ transaction: 'each' }));
      process.stdout.write('reverted the last migration\n');
      return 0;
    case 'generate': {
      if (!arg || !/^[A-Z][A-Za-z0-9]*$/.test(arg)) {
        process.stderr.write('generate needs a PascalCase name, e.g. generate AddProducts\n');
        return 2;
      }
      const sql = await withDatabase(async (ds) => {
        await runMigrations(ds);
        return ds.driver.createSchemaBuilder().log();
      });
      const timestamp = Date.now();
      const file = join(__dirname, '..', '..', '..', 'migrations', `${timestamp}-${arg}.ts`);
      writeFileSync(
        file,
        migrationSource(arg, timestamp, sql.upQueries.map((q) => q.query), sql.downQueries.reverse().map((q) => q.query)),
      );
      process.stdout.write(`wrote ${file}\n`);
      return 0;
    }
    case 'import': {
      if (!arg) {
        process.stderr.write('import needs a folder, e.g. npm run standards:import -- ./standards\n');
        return 2;
      }
      // The whole application context, so the import goes through the same services as the API.
      process.env.SEED_STANDARDS = 'false';
      const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
      try {
        const loaded = await app.get(CorpusService).importFolder(resolve(arg));
        process.stdout.write(loaded.length ? `imported: ${loaded.join(', ')}\n` : 'nothing new to import\n');
      } finally {
        await app.close();
      }
      return 0;
    }
    case 'verify-audit': {
      const report = await withDatabase((ds) => verifyAuditChain(ds, arg));
      if (!report.ok) {
        process.stderr.write(`audit log TAMPERED: ${report.problem!.message}\n`);
        return 1;
      }
      process.stdout.write(`audit log intact: ${report.rows} rows chained; head ${report.head}\n`);
      return 0;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
    process.exit(1);
  },
);
