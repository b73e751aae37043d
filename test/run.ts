import { spawn } from 'node:child_process';
import { runServer } from './helpers/server';

/** `node dist/test/run.js <test files>`: node's test runner with TEST_DATABASE_URL set for every file. */
async function main(files: string[]): Promise<number> {
  const db = await runServer();
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
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
