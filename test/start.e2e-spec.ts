import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { expect } from 'expect';
import { freePort } from '../src/database/embedded';
import { ADMIN } from './helpers/app';

const MAIN = join(__dirname, '..', 'src', 'main.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

interface Started { child: ChildProcess; base: string; output: () => string; exited: Promise<number | null> }

/** `node dist/src/main.js` on its own PostgreSQL under dataDir, as `npm start` runs it, at debug level. */
async function launch(dataDir: string): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'debug',
    ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, JWT_SECRET: 'r'.repeat(40), SEED_STANDARDS: 'false',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  // 'close': the process has exited and its output has all been read.
  const exited = new Promise<number | null>((r) => child.once('close', (code) => (children.delete(child), r(code))));
  return { child, base: `http://127.0.0.1:${port}`, output: () => text, exited };
}

async function ready(s: Started): Promise<void> {
  for (let waited = 0; ; waited += 100) {
    if (s.child.exitCode !== null) throw new Error(`the service exited with ${s.child.exitCode}:\n${s.output()}`);
    if (waited > 120_000) throw new Error('the service did not start');
    if (await fetch(`${s.base}/health`).then((r) => r.status === 200, () => false)) return;
    await sleep(100);
  }
}

async function stop(s: Started): Promise<void> {
  if (s.child.exitCode === null) s.child.kill('SIGTERM');
  await s.exited;
}

const PHASES = 'start phases, in ms since the process started';

/** The service's log lines so far; /health may answer before the line logged after listen() has reached this process. */
async function lines(s: Started, last = PHASES): Promise<any[]> {
  for (let waited = 0; !s.output().includes(last); waited += 50) {
    if (waited > 10_000) throw new Error(`no "${last}" in the log:\n${s.output()}`);
    await sleep(50);
  }
  return s.output().split('\n').filter((l) => l.startsWith('{') && l.endsWith('}')).map((l) => JSON.parse(l));
}

/**
 * `npm start` starts the embedded PostgreSQL before it loads the application
 * (src/main.ts, startEmbeddedEarly): the service still answers only once the
 * migrations ran, and a cluster that cannot start still fails the start.
 */
describe('the start of the embedded mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssw-start-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts PostgreSQL before loading the application, migrates, then listens; a second service on the folder fails', async () => {
    const first = await launch(dataDir);
    await ready(first);
    try {
      const log = await lines(first);
      const phases = log.find((l) => l.msg === PHASES)?.ms;
      // Spawned before the modules were loaded, the application created (database migrated) after, listening last.
      expect(phases.postgresSpawned).toBeLessThan(phases.modulesLoaded);
      expect(phases.modulesLoaded).toBeLessThan(phases.created);
      expect(phases.created).toBeLessThanOrEqual(phases.listening);
      const at = (msg: string) => log.findIndex((l) => l.msg === msg);
      expect(at('migrations applied')).toBeGreaterThan(at('embedded PostgreSQL started'));
      expect(at(PHASES)).toBeGreaterThan(at('migrations applied'));
      // PostgreSQL's own lines from before the take-over reach the log too.
      expect(log.some((l) => l.component === 'postgres' && /starting PostgreSQL/.test(l.msg))).toBe(true);
      const health = await (await fetch(`${first.base}/health`)).json();
      expect(health).toEqual({ status: 'ok', database: { kind: 'embedded', cluster: 'running', status: 'up' } });

      // The folder is in use: the second start fails with the reason, and leaves the first one's cluster alone.
      const second = await launch(dataDir);
      const code = await second.exited;
      expect(code).not.toBe(0);
      expect(second.output()).toMatch(/is in use by another running service/);
      expect((await fetch(`${first.base}/health`)).status).toBe(200);
    } finally {
      await stop(first);
    }
  });
});
