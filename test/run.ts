/* eslint-disable no-console -- the test run says which database it uses */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '../src/database/embedded';

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
async function server(): Promise<{ url: string; close(): Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, close: async () => undefined };
  if (await answers(DEFAULT_SERVER)) return { url: DEFAULT_SERVER, close: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'ssw-test-pg-'));
  const started = Date.now();
  const db = await startEmbeddedDatabase(dir, { throwaway: true });
  console.log(`# PostgreSQL for this run: a throwaway embedded cluster in ${dir} (ready in ${Date.now() - started} ms)`);
  return {
    url: db.url,
    async close() {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `node dist/test/run.js <test files>`: node's test runner with TEST_DATABASE_URL set for every file. */
async function main(files: string[]): Promise<number> {
  const db = await server();
  try {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', '--test', '--test-concurrency=2', '--test-timeout=300000', ...files],
      { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: db.url } },
    );
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    return await new Promise<number>((done) => child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0))));
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
