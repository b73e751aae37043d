import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source';
import { runMigrations } from '../src/database/migrate';

/** The server the cases run against; each case gets a fresh database on it, dropped afterwards. */
export const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function withBenchDatabase<T>(fn: (db: DataSource) => Promise<T>): Promise<T> {
  const name = `ssw_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const db = createDataSource(url.toString(), 4);
  try {
    await db.initialize();
    await runMigrations(db);
    return await fn(db);
  } finally {
    if (db.isInitialized) await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
