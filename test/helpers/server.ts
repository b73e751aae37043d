import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '../../src/database/embedded';

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A throwaway embedded cluster in a temporary folder, which a test may stop and start again on the same port. */
export interface ThrowawayCluster {
  url: string;
  /** Shuts PostgreSQL down (fast: open transactions are rolled back), leaving its files. */
  stop(): Promise<void>;
  /** Starts it again on the same port and files. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

export async function throwawayCluster(): Promise<ThrowawayCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'ssw-test-pg-'));
  const started = Date.now();
  let db = await startEmbeddedDatabase(dir, { throwaway: true });
  const { port, url } = db;
  process.stdout.write(`# PostgreSQL for this run: a throwaway embedded cluster in ${dir} (ready in ${Date.now() - started} ms)\n`);
  return {
    url,
    stop: () => db.stop(),
    async start() {
      db = await startEmbeddedDatabase(dir, { throwaway: true, port });
      if (db.port !== port) throw new Error(`PostgreSQL came back on port ${db.port}, not ${port}`);
    },
    async close() {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The PostgreSQL server of this run: TEST_DATABASE_URL, else a server at the
 * default address if one answers, else a throwaway embedded cluster in a
 * temporary folder, removed afterwards. One server for the whole run; each
 * test file creates its own database on it (test/helpers/app.ts).
 */
export async function runServer(): Promise<{ url: string; close(): Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, close: async () => undefined };
  if (await answers(DEFAULT_SERVER)) return { url: DEFAULT_SERVER, close: async () => undefined };
  return throwawayCluster();
}
