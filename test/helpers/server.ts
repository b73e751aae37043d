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

/**
 * The PostgreSQL server of this run: TEST_DATABASE_URL, else a server at the
 * default address if one answers, else a throwaway embedded cluster in a
 * temporary folder, removed afterwards. One server for the whole run; each
 * test file creates its own database on it (test/helpers/app.ts).
 */
export async function runServer(): Promise<{ url: string; close(): Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, close: async () => undefined };
  if (await answers(DEFAULT_SERVER)) return { url: DEFAULT_SERVER, close: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'ssw-test-pg-'));
  const started = Date.now();
  const db = await startEmbeddedDatabase(dir, { throwaway: true });
  process.stdout.write(`# PostgreSQL for this run: a throwaway embedded cluster in ${dir} (ready in ${Date.now() - started} ms)\n`);
  return {
    url: db.url,
    async close() {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
