import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { expect } from 'expect';
import { Client } from 'pg';
import { createDataSource } from '../src/database/data-source';
import { alive, freePort } from '../src/database/embedded';
import { runMigrations } from '../src/database/migrate';
import { ADMIN, createDatabase } from './helpers/app';

const MAIN = join(__dirname, '..', 'src', 'main.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Services still running, ended when the file ends however it ends (a timeout included). */
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

/** `node dist/src/main.js` on its own PostgreSQL under dataDir, as `npm start` runs it; resolves once /health answers 200. */
async function service(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error',
    ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, JWT_SECRET: 'r'.repeat(40), SEED_STANDARDS: 'false',
  };
  delete env.DATABASE_URL;
  // No stdio shared with the test runner: a service outliving this file must not hold its pipe open.
  const child = spawn(process.execPath, [MAIN], { env, stdio: 'ignore' });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    if (waited > 120_000) throw new Error('the service did not start');
    const ok = await fetch(`${base}/health`).then((r) => r.status === 200, () => false);
    if (ok) return { child, base };
    await sleep(100);
  }
}

async function gql(base: string, query: string, token?: string): Promise<any> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return res.json();
}

const login = async (base: string) =>
  (await gql(base, `mutation{ login(email:"${ADMIN.email}", password:"${ADMIN.password}"){ accessToken } }`)).data.login.accessToken as string;

const organizations = async (base: string, prefix: string) =>
  ((await gql(base, `{ organizations { name } }`, await login(base))).data.organizations as { name: string }[])
    .filter((o) => o.name.startsWith(prefix)).length;

function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  return exited;
}

describe('the service on its own PostgreSQL, killed and restored', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssw-recovery-'));
  after(async () => {
    await Promise.all([...children].map((c) => stopped(c, 'SIGTERM')));
    rmSync(dataDir, { recursive: true, force: true });
  });
  /** Rows found after the restart, with the service stopped cleanly afterwards (the backup's starting point). */
  let found = 0;

  it('keeps every acknowledged write when killed with SIGKILL mid-write, and recovers the cluster on the next start', async () => {
    let { child, base } = await service(dataDir);
    const token = await login(base);
    let acknowledged = 0;
    let attempted = 0;
    let writing = true;
    const writer = async (w: number) => {
      for (let i = 0; writing; i++) {
        attempted++;
        const res = await gql(base, `mutation{ createOrganization(input:{name:"Killed ${w}-${i}", kind:VENDOR}){ id } }`, token).catch(() => null);
        if (res?.data?.createOrganization?.id) acknowledged++;
        else break;
      }
    };
    const writers = [1, 2, 3, 4].map(writer);
    while (acknowledged < 40) await sleep(20);
    const postmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    await stopped(child, 'SIGKILL'); // writes are in flight
    writing = false;
    await Promise.all(writers);

    ({ child, base } = await service(dataDir));
    try {
      found = await organizations(base, 'Killed ');
      expect(found).toBeGreaterThanOrEqual(acknowledged);
      expect(found).toBeLessThanOrEqual(attempted);
      // The postmaster the killed service left behind was shut down, and a new one serves.
      // alive() counts a zombie as gone: the killed service's orphan is reaped by PID 1 whenever it gets to it.
      expect(alive(postmaster)).toBe(false);
      expect(Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0])).not.toBe(postmaster);
    } finally {
      await stopped(child, 'SIGTERM');
    }
  });

  it('restores a copy of the data folder taken while the service was stopped', async () => {
    expect(found).toBeGreaterThan(0);
    const copy = mkdtempSync(join(tmpdir(), 'ssw-restored-'));
    try {
      cpSync(dataDir, copy, { recursive: true });
      const { child, base } = await service(copy);
      try {
        expect(await organizations(base, 'Killed ')).toBe(found);
      } finally {
        await stopped(child, 'SIGTERM');
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

/** Every table's row count, and the triggers and functions, of a database: what a restore must bring back. */
async function contents(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    const { rows } = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    for (const { tablename } of rows) counts[tablename] = (await client.query(`SELECT count(*)::int AS n FROM "${tablename}"`)).rows[0].n;
    counts['(triggers)'] = (await client.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal`)).rows[0].n;
    counts['(functions)'] = (await client.query(`SELECT count(*)::int AS n FROM pg_proc WHERE pronamespace = 'public'::regnamespace`)).rows[0].n;
    return counts;
  } finally {
    await client.end();
  }
}

/** The major version of the pg_dump on PATH, or null when there is none. */
function pgDumpMajor(): number | null {
  try {
    return Number(/(\d+)\.\d+/.exec(execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }))?.[1]) || null;
  } catch {
    return null;
  }
}

describe('a PostgreSQL server backed up with pg_dump', () => {
  it('restores with pg_restore into an empty database with every row, trigger and function (README, "Backups")', async (t) => {
    const source = await createDatabase();
    const target = await createDatabase();
    try {
      const ds = createDataSource(source.url, 2);
      await ds.initialize();
      try {
        await runMigrations(ds);
        await ds.query(`INSERT INTO organization (name, kind) SELECT 'Backed up ' || i, 'VENDOR' FROM generate_series(1, 25) AS i`);
        const server = Number((await ds.query('SHOW server_version_num'))[0].server_version_num) / 10_000 | 0;
        const dump = pgDumpMajor();
        // pg_dump refuses a server newer than itself: the embedded cluster (18) needs a pg_dump 18, which no npm package ships.
        if (dump === null || dump < server) {
          t.skip(`no pg_dump ${server} or later on PATH (found ${dump ?? 'none'}); install the PostgreSQL ${server} client to run this test`);
          return;
        }
      } finally {
        await ds.destroy();
      }
      const file = join(mkdtempSync(join(tmpdir(), 'ssw-dump-')), 'workbench.dump');
      try {
        execFileSync('pg_dump', ['-Fc', '-f', file, source.url]);
        execFileSync('pg_restore', ['--no-owner', '-d', target.url, file]);
      } finally {
        rmSync(join(file, '..'), { recursive: true, force: true });
      }
      const before = await contents(source.url);
      expect(before.organization).toBeGreaterThanOrEqual(25);
      expect(await contents(target.url)).toEqual(before);
    } finally {
      await source.drop();
      await target.drop();
    }
  });
});
