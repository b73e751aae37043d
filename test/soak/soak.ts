import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as argon2 from 'argon2';
import { expect } from 'expect';
import { Client } from 'pg';
import WebSocket from 'ws';
import { verifyAuditChain } from '../../src/audit/audit-chain';
import { createDataSource } from '../../src/database/data-source';
import { freePort } from '../../src/database/embedded';
import { ADMIN, PASSWORD } from '../helpers/app';
import { throwawayCluster, ThrowawayCluster } from '../helpers/server';

/**
 * `npm run test:soak`: the service as `npm start` runs it, on a PostgreSQL of
 * its own, under 32 national delegates, 100 experts and 10 vendor staff all
 * acting at once through /graphql and two kinds of subscription, for
 * SOAK_SECONDS (default 120; CI runs 20). Meanwhile the service's database
 * connections are terminated, PostgreSQL is restarted, and the service is
 * killed with SIGKILL and started again. At the end every write the API
 * acknowledged must be in the database, every tally must equal a recount from
 * the audit log, every multi-step write must be whole, and no answer may have
 * been a 500, an INTERNAL_SERVER_ERROR or a stack trace.
 */

const SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
/** Which faults to inject, in this order (all by default; fewer when looking into one). */
const FAULTS = new Set((process.env.SOAK_FAULTS ?? 'terminate,restart,kill').split(','));
const DELEGATES = 32;
const EXPERTS = 100;
const VENDORS = 10;
const ORGANIZATIONS = 5;
const MAIN = join(__dirname, '..', '..', 'src', 'main.js');
const JWT_SECRET = 's'.repeat(48);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

/** The codes a client may see: the contract's, and Apollo's before anything runs. */
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'VERSION_CONFLICT', 'DEADLINE_PASSED',
  'INVALID_STATE', 'POSSIBLE_DUPLICATE', 'RATE_LIMITED', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED',
]);
const STACK = /\bat [^\n]*\.(js|ts):\d+:\d+|stacktrace|node_modules\//i;

const CLAUSES = 32;
const TEXT = [
  '# Space domain awareness data exchange', '',
  ...Array.from({ length: CLAUSES }, (_, i) => [
    `## ${i + 1} Clause ${i + 1}`, '',
    `The provider shall deliver observation set ${i + 1} within ${i + 2} minutes.`, '',
    `The consumer should acknowledge observation set ${i + 1}.`, '',
  ]).flat(),
].join('\n');
const RESPONSES = ['RATIFIED_IMPLEMENTING', 'RATIFIED_NOT_IMPLEMENTING', 'NOT_RATIFYING', 'NOT_PARTICIPATING'] as const;
const LEVELS = ['CONFORMANT', 'NON_CONFORMANT'] as const;

// ─────────────────────────── what was asked, answered and acknowledged ───────────────────────────

const stats = {
  requests: 0,
  answers: new Map<string, number>(),
  leaks: [] as string[],
  faults: [] as string[],
  checks: [] as string[],
};
const count = (key: string) => stats.answers.set(key, (stats.answers.get(key) ?? 0) + 1);

/**
 * Values written to one thing in the order they were sent by its one writer,
 * and how far the API acknowledged them. The database must hold the last
 * acknowledged value or a later one (sent, its answer lost to a fault).
 */
class Ledger<V> {
  readonly entries = new Map<string, { sent: V[]; acknowledged: number }>();
  send(key: string, value: V): number {
    const entry = this.entries.get(key) ?? { sent: [], acknowledged: -1 };
    this.entries.set(key, entry);
    return entry.sent.push(value) - 1;
  }
  acknowledge(key: string, index: number) {
    const entry = this.entries.get(key)!;
    entry.acknowledged = Math.max(entry.acknowledged, index);
  }
  get acknowledgedCount(): number {
    return [...this.entries.values()].filter((e) => e.acknowledged >= 0).length;
  }
  /** Keys whose stored value is not the acknowledged one nor a later one sent. */
  lost(stored: (key: string) => V | undefined, same: (a: V, b: V) => boolean = (a, b) => a === b): string[] {
    return [...this.entries].filter(([key, { sent, acknowledged }]) => {
      if (acknowledged < 0) return false;
      const value = stored(key);
      return value === undefined || !sent.slice(acknowledged).some((v) => same(v, value));
    }).map(([key]) => key);
  }
}

const ledgers = {
  comments: new Ledger<string>(), // comment id -> body
  responses: new Ledger<string>(), // nation -> response
  claims: new Ledger<string>(), // product:key -> level
  versions: new Set<string>(),
  products: new Set<string>(),
  submissions: new Set<string>(), // round:nation
};

let base = '';

interface Answer {
  data?: any;
  codes: string[];
  network?: boolean;
}

/** One GraphQL request as a client makes it, classified and checked for leaks. */
async function gql(token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  stats.requests++;
  const operation = /\{\s*(\w+)/.exec(query)?.[1] ?? 'operation';
  let res: Response;
  try {
    res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    count(`${operation}: no answer (service down)`);
    return { codes: [], network: true };
  }
  const text = await res.text();
  let body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    stats.leaks.push(`HTTP ${res.status} not JSON: ${text.slice(0, 200)}`);
  }
  const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');
  const leak = res.status >= 500 && res.status !== 503 ? `HTTP ${res.status}` :
    codes.find((c) => !KNOWN_CODES.has(c)) ?? (STACK.test(text) ? 'a stack trace' : null);
  if (leak) stats.leaks.push(`${leak}: ${text.slice(0, 300)}`);
  count(`${operation}: ${res.status} ${codes.length ? [...new Set(codes)].join('+') : 'ok'}`);
  return { data: body.data, codes };
}

// ─────────────────────────── the service and its database ───────────────────────────

let cluster: ThrowawayCluster;
let dbUrl = '';
let port = 0;
let service: ChildProcess | null = null;
let logFile = '';
const work = mkdtempSync(join(tmpdir(), 'ssw-soak-'));

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: dbUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

const health = () => fetch(`${base}/health`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status, () => 0);

/** Polls /health until it answers `status`; the milliseconds it took. */
async function healthBecomes(status: number, limitMs = 60_000): Promise<number> {
  const start = Date.now();
  while ((await health()) !== status) {
    if (Date.now() - start > limitMs) {
      // The service's log is deleted with the run's folder: keep its end in the failure.
      const tail = logFile ? readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-20).join('\n') : '';
      throw new Error(`/health did not answer ${status} within ${limitMs} ms; the service's log ends:\n${tail}`);
    }
    await sleep(50);
  }
  return Date.now() - start;
}

/** `node dist/src/main.js` in production mode on the soak's database, on the same port each time. */
async function startService(): Promise<number> {
  const fd = openSync(logFile, 'a');
  service = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env, NODE_ENV: 'production', DATABASE_URL: dbUrl, DATA_DIR: join(work, 'data'), PORT: String(port), HOST: '127.0.0.1',
      LOG_LEVEL: 'warn', JWT_SECRET, JWT_TTL_SECONDS: '86400', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password,
      SEED_STANDARDS: 'false', RATE_LIMIT_PER_IP: '1000000', RATE_LIMIT_PER_ADDRESS: '100000',
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  return healthBecomes(200, 120_000);
}

process.on('exit', () => service?.kill('SIGKILL'));

// ─────────────────────────── the people ───────────────────────────

interface Person {
  id: string;
  email: string;
  token: string;
  nation?: string;
  organization?: string;
}

async function people(nations: string[], organizations: string[]) {
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
  const make = async (name: string, role: string, nation: string | null, organization: string | null): Promise<Person> => {
    const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@soak.example`;
    // Accounts made as registration leaves them once verified; the soak is about what people do next.
    const [{ id }] = await sql(
      `INSERT INTO app_user (email, password_hash, display_name, nation_code, organization_id, email_verified_at)
       VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
      [email, hash, name, nation, organization],
    );
    await sql(`INSERT INTO user_role (user_id, role) VALUES ($1, $2)`, [id, role]);
    return { id, email, token: '', nation: nation ?? undefined, organization: organization ?? undefined };
  };
  const secretariat = await make('Soak Secretariat', 'SECRETARIAT', null, null);
  const delegates: Person[] = [];
  for (const nation of nations.slice(0, DELEGATES)) delegates.push(await make(`Delegate ${nation}`, 'DELEGATE', nation, null));
  const experts: Person[] = [];
  for (let i = 0; i < EXPERTS; i++) experts.push(await make(`Expert ${i} ${nations[i % nations.length]}`, 'EXPERT', nations[i % nations.length], null));
  const vendors: Person[] = [];
  for (let i = 0; i < VENDORS; i++) vendors.push(await make(`Vendor ${i}`, 'VENDOR', null, organizations[i % organizations.length]));
  // Everyone signs in through the API, eight at a time.
  const everyone = [secretariat, ...delegates, ...experts, ...vendors];
  for (let i = 0; i < everyone.length; i += 8) {
    await Promise.all(everyone.slice(i, i + 8).map(async (p) => {
      const a = await gql(null, `mutation($e:String!,$p:String!){ login(email:$e,password:$p){ accessToken } }`, { e: p.email, p: PASSWORD });
      if (!a.data?.login) throw new Error(`${p.email} could not sign in: ${a.codes}`);
      p.token = a.data.login.accessToken;
    }));
  }
  return { secretariat, delegates, experts, vendors };
}

async function must(token: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const a = await gql(token, query, variables);
  if (a.codes.length || !a.data) throw new Error(`setup failed (${a.codes.join(', ')}): ${query}`);
  return a.data;
}

// ─────────────────────────── subscriptions ───────────────────────────

/** A graphql-transport-ws subscription that reconnects when the service goes away, keeping every event it got. */
class Subscriber {
  readonly events: { at: number; payload: any }[] = [];
  connections = 0;
  subscriptions = 0;
  refused = 0;
  readonly messages = new Map<string, number>();
  readonly closes = new Map<number, number>();
  /** When each connection was acknowledged and when it closed (null while open). */
  readonly connected: { from: number; to: number | null }[] = [];
  private ws: WebSocket | null = null;
  private stopped = false;

  constructor(private readonly token: string, private readonly query: string, private readonly variables: Record<string, unknown>) {}

  start() {
    if (this.stopped) return;
    const ws = new WebSocket(`${base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    this.ws = ws;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${this.token}` } })));
    ws.on('message', (raw) => {
      const m = JSON.parse(String(raw));
      this.messages.set(m.type, (this.messages.get(m.type) ?? 0) + 1);
      if (m.type === 'connection_ack') {
        this.connections++;
        this.connected.push({ from: Date.now(), to: null });
        this.subscribe(ws);
      } else if (m.type === 'next') {
        if (m.payload.errors) {
          const text = JSON.stringify(m.payload.errors);
          if (STACK.test(text) || m.payload.errors.some((e: any) => !KNOWN_CODES.has(e.extensions?.code))) stats.leaks.push(`socket: ${text.slice(0, 300)}`);
        } else this.events.push({ at: Date.now(), payload: m.payload.data });
      } else if (m.type === 'error') {
        // Refused as it started (the database restarting): coded, and the client subscribes again shortly.
        const text = JSON.stringify(m.payload);
        if (STACK.test(text) || m.payload.some((e: any) => !KNOWN_CODES.has(e.extensions?.code))) stats.leaks.push(`socket error: ${text.slice(0, 300)}`);
        this.refused++;
        setTimeout(() => ws.readyState === WebSocket.OPEN && this.subscribe(ws), 500);
      } else if (m.type === 'complete') {
        setTimeout(() => ws.readyState === WebSocket.OPEN && this.subscribe(ws), 500);
      }
    });
    ws.on('error', () => undefined);
    ws.on('close', (code) => {
      const last = this.connected.at(-1);
      if (last && last.to === null) last.to = Date.now();
      this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
      setTimeout(() => this.start(), 250);
    });
  }

  private subscribe(ws: WebSocket) {
    ws.send(JSON.stringify({ id: String(++this.subscriptions), type: 'subscribe', payload: { query: this.query, variables: this.variables } }));
  }

  stop() {
    this.stopped = true;
    const last = this.connected.at(-1);
    if (last && last.to === null) last.to = Date.now();
    this.ws?.terminate();
  }

  /** Whether this subscriber was connected, subscribed and settled from `margin` ms before `at` to `margin` ms after. */
  steadyAt(at: number, margin: number): boolean {
    return this.connected.some((c) => c.from + margin <= at && (c.to ?? Infinity) - margin >= at);
  }
}

// ─────────────────────────── the soak ───────────────────────────

describe(`soak: ${DELEGATES} delegates, ${EXPERTS} experts and ${VENDORS} vendors for ${SECONDS} s, with faults`, () => {
  before(async () => {
    cluster = await throwawayCluster();
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ssw_soak`);
    await admin.end();
    const url = new URL(cluster.url);
    url.pathname = '/ssw_soak';
    dbUrl = url.toString();
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    logFile = join(work, 'service.log');
  });
  after(async () => {
    if (service && service.exitCode === null) {
      const exited = new Promise((r) => service!.once('exit', r));
      service.kill('SIGTERM');
      await exited;
    }
    await cluster?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('loses nothing acknowledged, recounts every tally from the audit log and answers no 500, under load and faults', { timeout: (SECONDS + 600) * 1000 }, async () => {
    const firstStart = await startService();
    stats.checks.push(`service started in ${firstStart} ms`);
    const adminToken = (await must('', `mutation{ login(email:"${ADMIN.email}", password:"${ADMIN.password}"){ accessToken } }`)).login.accessToken;
    const nations = (await sql<{ code: string }>(`SELECT code FROM nation ORDER BY code`)).map((n) => n.code);
    expect(nations.length).toBeGreaterThanOrEqual(DELEGATES);
    const organizations: string[] = [];
    for (let i = 0; i < ORGANIZATIONS; i++) {
      organizations.push((await must(adminToken, `mutation($n:String!){ createOrganization(input:{name:$n, kind:VENDOR}){ id } }`, { n: `Soak Vendor ${i}` })).createOrganization.id);
    }
    const { secretariat, delegates, experts, vendors } = await people(nations, organizations);
    const sec = secretariat.token;

    // Three drafts out for comment, every expert an editor of each; a fourth in ratification.
    const drafts: { standardId: string; versionId: string; roundId?: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const s = (await must(sec, `mutation($i:ProposeStandardInput!){ proposeStandard(input:$i){ id } }`, {
        i: { designation: `AStP-SOAK-${i}`, title: `Space domain awareness exchange ${i}`, scope: 'Soak test fixture.', visibility: 'PUBLIC',
          overlapJustification: 'Soak fixtures share their scope on purpose.' },
      })).proposeStandard.id;
      await must(sec, `mutation($id:ID!){ startDrafting(standardId:$id){ id } }`, { id: s });
      const v = (await must(sec, `mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, { i: { standardId: s, text: TEXT } })).createVersion.id;
      drafts.push({ standardId: s, versionId: v });
    }
    const closesAt = new Date(Date.now() + 86400_000).toISOString();
    for (const d of drafts.slice(0, 3)) {
      d.roundId = (await must(sec, `mutation($i:OpenCommentRoundInput!){ openCommentRound(input:$i){ id } }`, {
        i: { standardId: d.standardId, versionId: d.versionId, title: `Round on ${d.standardId.slice(0, 8)}`, closesAt },
      })).openCommentRound.id;
      await sql(`INSERT INTO standard_editor (standard_id, user_id) SELECT $1, unnest($2::uuid[])`, [d.standardId, experts.map((e) => e.id)]);
    }
    const ballotStandard = drafts[3];
    const ballotId = (await must(sec, `mutation($i:OpenBallotInput!){ openBallot(input:$i){ id } }`, {
      i: { standardId: ballotStandard.standardId, versionId: ballotStandard.versionId, closesAt, threshold: 17 },
    })).openBallot.id;
    const rounds = drafts.slice(0, 3).map((d) => d.roundId!);
    const keys = (await sql<{ key: string }>(`SELECT key FROM requirement WHERE version_id = $1 ORDER BY ord`, [ballotStandard.versionId])).map((r) => r.key);

    const cast = new Subscriber(sec, `subscription($b:ID!){ responseCast(ballotId:$b){ nation { code } response revision } }`, { b: ballotId });
    const added = delegates.slice(0, 3).map((d) => new Subscriber(d.token, `subscription($r:ID!){ commentAdded(roundId:$r){ id } }`, { r: rounds[0] }));
    for (const s of [cast, ...added]) s.start();

    const end = Date.now() + SECONDS * 1000;
    /** Until the set time, and on until the service is back from the last fault and has worked a few seconds. */
    let faultsDone = false;
    const running = () => Date.now() < end || !faultsDone;
    /** After a failed request, a client waits a moment before the next one, as a person would. */
    const pause = (a: Answer) => sleep(a.network || a.codes.includes('RATE_LIMITED') ? 300 : 20 + Math.random() * 80);

    const delegate = async (d: Person) => {
      const submitted = new Set<string>();
      while (running()) {
        // The first delegate's casts are the probes after each fault (one writer per nation, for the ledger).
        if (Math.random() < 0.85 && d !== delegates[0]) {
          const response = pick(RESPONSES);
          const n = ledgers.responses.send(d.nation!, response);
          const a = await gql(d.token, `mutation($i:CastResponseInput!){ castResponse(input:$i){ response revision } }`, { i: { ballotId, response } });
          if (a.data?.castResponse) ledgers.responses.acknowledge(d.nation!, n);
          await pause(a);
        } else if (Date.now() > end - SECONDS * 400 && submitted.size < rounds.length && Math.random() < 0.3) {
          // In the last part of the soak, delegates submit their nation's set on a round; their experts then get INVALID_STATE there.
          const round = rounds.find((r) => !submitted.has(r))!;
          submitted.add(round);
          const a = await gql(d.token, `mutation($r:ID!){ submitNationalComments(roundId:$r){ commentCount } }`, { r: round });
          if (a.data?.submitNationalComments) ledgers.submissions.add(`${round}:${d.nation}`);
          await pause(a);
        } else {
          const a = await gql(d.token, `query($b:ID!){ ballot(id:$b){ tally { responded ratifying } } }`, { b: ballotId });
          await pause(a);
        }
      }
    };

    const expert = async (e: Person, index: number) => {
      const mine: string[] = [];
      let edits = 0;
      while (running()) {
        const roll = Math.random();
        if (roll < 0.5 || !mine.length) {
          const body = `Expert ${index} comment ${mine.length} on clause ${1 + (index % CLAUSES)}.`;
          const a = await gql(e.token, `mutation($i:AddCommentInput!){ addComment(input:$i){ id body } }`, {
            i: { roundId: pick(rounds), type: pick(['GENERAL', 'TECHNICAL', 'EDITORIAL']), clause: String(1 + (index % CLAUSES)), body },
          });
          const id = a.data?.addComment?.id;
          if (id) {
            mine.push(id);
            ledgers.comments.acknowledge(id, ledgers.comments.send(id, body));
          }
          await pause(a);
        } else if (roll < 0.85) {
          const id = pick(mine);
          const body = `Expert ${index} edit ${++edits} of ${id.slice(0, 8)}.`;
          const n = ledgers.comments.send(id, body);
          const a = await gql(e.token, `mutation($id:ID!,$i:UpdateCommentInput!){ updateComment(id:$id, input:$i){ id } }`, { id, i: { body } });
          if (a.data?.updateComment) ledgers.comments.acknowledge(id, n);
          await pause(a);
        } else {
          // A new version: the current text with this expert's own clause reworded, merged with whatever landed meanwhile.
          const d = pick(drafts.slice(0, 3));
          const current = await gql(e.token, `query($id:ID!){ standard(id:$id){ currentVersion { id text } } }`, { id: d.standardId });
          const v = current.data?.standard?.currentVersion;
          if (v) {
            const clause = 1 + (index % CLAUSES);
            const text = (v.text as string).replace(
              new RegExp(`(The provider shall deliver observation set ${clause} within \\d+ minutes)[^.]*\\.`),
              `$1, as expert ${index} revised it (${++edits}).`,
            );
            const a = await gql(e.token, `mutation($i:CreateVersionInput!){ createVersion(input:$i){ id } }`, {
              i: { standardId: d.standardId, baseVersionId: v.id, text, summary: `Expert ${index} edit ${edits}` },
            });
            if (a.data?.createVersion) ledgers.versions.add(a.data.createVersion.id);
            await pause(a);
          } else await pause(current);
        }
      }
    };

    const vendor = async (v: Person, index: number) => {
      let product: string | null = null;
      while (running()) {
        if (!product) {
          const a = await gql(v.token, `mutation($i:RegisterProductInput!){ registerProduct(input:$i){ id } }`, { i: { name: `Soak product ${index}`, productVersion: '1.0' } });
          product = a.data?.registerProduct?.id ?? null;
          if (product) ledgers.products.add(product);
          await pause(a);
          continue;
        }
        const key = pick(keys);
        const level = pick(LEVELS);
        const n = ledgers.claims.send(`${product}:${key}`, level);
        const a = await gql(v.token, `mutation($i:SetConformanceInput!){ setConformance(input:$i){ requirementKey level } }`, {
          i: { productId: product, standardId: ballotStandard.standardId, versionId: ballotStandard.versionId, claims: [{ requirementKey: key, level, evidence: 'Soak' }] },
        });
        if (a.data?.setConformance) ledgers.claims.acknowledge(`${product}:${key}`, n);
        await pause(a);
      }
    };

    /**
     * One more response cast by the first delegate, and the time until the
     * secretariat's open subscription delivers it: live events flow again
     * (the LISTEN connection came back) after a fault.
     */
    const probes: { after: string; ms: number | null }[] = [];
    const probing: Promise<void>[] = [];
    /** Events already claimed by a probe: one event may not satisfy two probes. */
    const claimed = new Set<object>();
    const probe = async (after: string) => {
      const d = delegates[0];
      const start = Date.now();
      // The subscription may itself be coming back (resubscribing after the fault): cast again every 10 s until one arrives.
      while (Date.now() - start < 120_000) {
        const n = ledgers.responses.send(d.nation!, 'NOT_PARTICIPATING');
        const a = await gql(d.token, `mutation($i:CastResponseInput!){ castResponse(input:$i){ revision } }`, { i: { ballotId, response: 'NOT_PARTICIPATING' } });
        const revision = a.data?.castResponse?.revision;
        if (!revision) {
          await sleep(500);
          continue;
        }
        ledgers.responses.acknowledge(d.nation!, n);
        // Under full load the event waits behind every request for a pooled connection: it is timed, not hurried.
        for (const cast10 = Date.now(); Date.now() - cast10 < 10_000; await sleep(50)) {
          // Only this delegate casts here, and each cast publishes one event (showing the response as it then stands).
          const own = cast.events.find((e) => !claimed.has(e) && e.payload.responseCast.nation.code === d.nation && e.payload.responseCast.revision >= revision);
          if (own) {
            claimed.add(own);
            probes.push({ after, ms: Date.now() - start });
            return;
          }
        }
      }
      probes.push({ after, ms: null });
    };

    /** From each fault until the service is whole again: NOTIFY keeps nothing for a listener that is away. */
    const faultWindows: { from: number; to: number }[] = [];
    /** The faults, at set points of the soak, one after another. */
    const faults = async () => {
      const at = async (fraction: number) => {
        const when = end - SECONDS * 1000 + SECONDS * 1000 * fraction;
        while (Date.now() < when) await sleep(50);
      };

      await at(0.2);
      if (FAULTS.has('terminate')) {
        const from = Date.now();
        const [{ terminated }] = await sql(
          `SELECT count(pg_terminate_backend(pid))::int AS terminated FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
        const recovered = await healthBecomes(200);
        faultWindows.push({ from, to: Date.now() });
        stats.faults.push(`pg_terminate_backend on ${terminated} connections of the service: /health 200 again after ${recovered} ms, without a restart`);
        probing.push(probe('pg_terminate_backend'));
      }

      await at(0.45);
      if (FAULTS.has('restart')) {
        const restartStart = Date.now();
        await cluster.stop();
        // Normally 0.2-0.3 s; 30 s leaves room for a machine loaded by other work (each probe may take its 5 s timeout).
        const down = await healthBecomes(503, 30_000);
        await cluster.start();
        const up = await healthBecomes(200);
        restartedAt = Date.now();
        faultWindows.push({ from: restartStart, to: restartedAt });
        stats.faults.push(`PostgreSQL restarted under the running service: /health 503 after ${down} ms, 200 again ${up} ms after it was started again (${restartedAt - restartStart} ms in all)`);
        probing.push(probe('the PostgreSQL restart'));
      }

      await at(0.7);
      if (FAULTS.has('kill')) {
        const pid = service!.pid;
        const from = Date.now();
        const exited = new Promise((r) => service!.once('exit', r));
        service!.kill('SIGKILL');
        await exited;
        const back = await startService();
        faultWindows.push({ from, to: Date.now() });
        stats.faults.push(`service (pid ${pid}) killed with SIGKILL mid-load and started again: /health 200 after ${back} ms`);
        probing.push(probe('the SIGKILL and restart'));
      }
      await sleep(3000);
      faultsDone = true;
    };
    let restartedAt = 0;

    const started = Date.now();
    try {
      await Promise.all([
        ...delegates.map(delegate),
        ...experts.map(expert),
        ...vendors.map(vendor),
        // A fault that fails ends the run too: the actors stop at the end of the time, and the
        // subscribers now, so that a failed soak fails at once instead of running for ever.
        faults().finally(() => (faultsDone = true)),
      ]);
    } catch (e) {
      for (const s of [cast, ...added]) s.stop();
      throw e;
    }
    const elapsed = (Date.now() - started) / 1000;
    await Promise.all(probing);
    // The last events on their way to the subscribers: until none has come for 2 s (at most 15 s).
    const eventCount = () => [cast, ...added].reduce((n, s) => n + s.events.length, 0);
    for (let last = eventCount(), quietSince = Date.now(), until = Date.now() + 15_000; Date.now() - quietSince < 2000 && Date.now() < until; await sleep(100)) {
      if (eventCount() !== last) [last, quietSince] = [eventCount(), Date.now()];
    }
    for (const s of [cast, ...added]) s.stop();

    // ── Every acknowledged write is in the database.
    const comments = new Map((await sql<{ id: string; body: string }>(`SELECT id, body FROM comment`)).map((c) => [c.id, c.body]));
    const responses = new Map((await sql<{ nation_code: string; response: string }>(`SELECT nation_code, response FROM ballot_response WHERE ballot_id = $1`, [ballotId])).map((r) => [r.nation_code, r.response]));
    const claims = new Map((await sql<{ k: string; level: string }>(`SELECT product_id || ':' || requirement_key AS k, level FROM conformance_claim`)).map((c) => [c.k, c.level]));
    const versionIds = new Set((await sql<{ id: string }>(`SELECT id FROM standard_version`)).map((v) => v.id));
    const productIds = new Set((await sql<{ id: string }>(`SELECT id FROM product`)).map((p) => p.id));
    const submissionKeys = new Set((await sql<{ k: string }>(`SELECT round_id || ':' || nation_code AS k FROM national_submission`)).map((s) => s.k));
    const lost = {
      comments: ledgers.comments.lost((id) => comments.get(id)),
      responses: ledgers.responses.lost((nation) => responses.get(nation)),
      claims: ledgers.claims.lost((k) => claims.get(k)),
      versions: [...ledgers.versions].filter((id) => !versionIds.has(id)),
      products: [...ledgers.products].filter((id) => !productIds.has(id)),
      submissions: [...ledgers.submissions].filter((k) => !submissionKeys.has(k)),
    };
    stats.checks.push(
      `acknowledged and found: ${ledgers.comments.acknowledgedCount} comments (${comments.size} stored) with their last acknowledged text, ` +
        `${ledgers.responses.acknowledgedCount} national responses, ${ledgers.claims.acknowledgedCount} claims, ${ledgers.versions.size} versions, ` +
        `${ledgers.products.size} products, ${ledgers.submissions.size} national submissions; lost: ${Object.values(lost).flat().length}`,
    );

    // ── Every tally equals a recount from the audit log.
    const events = await sql<{ detail: string }>(`SELECT detail FROM audit_event WHERE action = 'ballot.response_cast' AND entity_id = $1 ORDER BY id`, [ballotId]);
    const last = new Map<string, string>();
    const casts = new Map<string, number>();
    for (const { detail } of events) {
      const [, nation, response] = /^([A-Z]{3}) ([A-Z_]+) on /.exec(detail)!;
      last.set(nation, response);
      casts.set(nation, (casts.get(nation) ?? 0) + 1);
    }
    const recount = {
      responded: last.size,
      ratifying: [...last.values()].filter((r) => r.startsWith('RATIFIED_')).length,
      notRatifying: [...last.values()].filter((r) => r === 'NOT_RATIFYING').length,
      notParticipating: [...last.values()].filter((r) => r === 'NOT_PARTICIPATING').length,
    };
    const { tally } = (await must(sec, `query($b:ID!){ ballot(id:$b){ tally { responded ratifying notRatifying notParticipating } } }`, { b: ballotId })).ballot;
    stats.checks.push(`ballot tally ${JSON.stringify(tally)} = recount of ${events.length} audit events ${JSON.stringify(recount)}`);

    // ── No multi-step write is half-done: each response's revisions and audit events, each comment's and version's event.
    const halfDone = await sql<{ what: string }>(
      `SELECT 'response ' || r.nation_code AS what FROM ballot_response r
        WHERE r.ballot_id = $1 AND r.revision <> (SELECT count(*) FROM ballot_response_revision v WHERE v.ballot_id = r.ballot_id AND v.nation_code = r.nation_code)
       UNION ALL
       SELECT 'comment ' || c.id FROM comment c WHERE NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.action = 'comment.added' AND a.entity_id = c.id::text)
       UNION ALL
       SELECT 'versions of ' || s.id FROM standard s
        WHERE (SELECT count(*) FROM standard_version v WHERE v.standard_id = s.id) <> (SELECT count(*) FROM audit_event a WHERE a.action = 'version.created' AND a.entity_id = s.id::text)
       UNION ALL
       SELECT 'product ' || p.id FROM product p WHERE NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.action = 'product.registered' AND a.entity_id = p.id::text)`,
      [ballotId],
    );
    const revisions = new Map((await sql<{ nation_code: string; revision: number }>(`SELECT nation_code, revision FROM ballot_response WHERE ballot_id = $1`, [ballotId])).map((r) => [r.nation_code, r.revision]));
    const auditMismatch = [...revisions].filter(([nation, revision]) => casts.get(nation) !== revision).map(([nation]) => nation);
    stats.checks.push(`multi-step writes whole: ${halfDone.length + auditMismatch.length} half-done (responses, revisions, audit events, comments, versions, products)`);

    // ── The audit log's hash chain is intact after the faults.
    const ds = createDataSource(dbUrl, 2);
    await ds.initialize();
    const chain = await verifyAuditChain(ds).finally(() => ds.destroy());
    stats.checks.push(`audit chain: ${chain.ok ? `intact, ${chain.rows} rows` : `BROKEN: ${chain.problem?.message}`}`);

    // ── Subscriptions delivered events, after the PostgreSQL restart too, and only of what was stored.
    const revisionRows = new Set((await sql<{ k: string }>(`SELECT nation_code || ':' || revision || ':' || response AS k FROM ballot_response_revision WHERE ballot_id = $1`, [ballotId])).map((r) => r.k));
    const castEvents = cast.events.map((e) => e.payload.responseCast);
    const unstoredCasts = castEvents.filter((e) => !revisionRows.has(`${e.nation.code}:${e.revision}:${e.response}`) && !(responses.get(e.nation.code) && revisions.get(e.nation.code)! >= e.revision));
    const commentEvents = added.flatMap((s) => s.events.map((e) => e.payload.commentAdded.id as string));
    const unstoredComments = commentEvents.filter((id) => !comments.has(id));
    // Delivered vs published: every committed cast sent one event (pg_notify in its transaction).
    const published = await sql<{ nation_code: string; at: number }>(
      `SELECT nation_code, (extract(epoch FROM cast_at) * 1000)::float8 AS at FROM ballot_response_revision WHERE ballot_id = $1`, [ballotId],
    );
    /** Settled: connected and subscribed 2 s before and after, and 2 s clear of any fault (the LISTEN connection may be away). */
    const MARGIN = 2000;
    const settled = (at: number) => cast.steadyAt(at, MARGIN) && !faultWindows.some((w) => at > w.from - MARGIN && at < w.to + MARGIN);
    const owed = published.filter((c) => settled(Number(c.at)));
    // Each event names its nation; a nation's casts while settled must have brought at least as many of its events.
    const short = (casts: typeof owed) => [...new Set(casts.map((c) => c.nation_code))].map((nation) => ({
      nation,
      owed: casts.filter((c) => c.nation_code === nation).length,
      delivered: castEvents.filter((e) => e.nation.code === nation).length,
    })).filter((n) => n.delivered < n.owed);
    const shortBy = short(owed);
    // Asserted for the load before the first fault (or the whole run without faults); after faults it is reported (see the report's figures).
    const firstFault = faultWindows[0]?.from ?? Infinity;
    const shortBeforeFaults = short(owed.filter((c) => Number(c.at) < firstFault - MARGIN));
    const ownComments = await sql<{ nation_code: string; n: number }>(`SELECT nation_code, count(*)::int AS n FROM comment WHERE round_id = $1 GROUP BY nation_code`, [rounds[0]]);
    stats.checks.push(
      `delivered vs published: responseCast ${castEvents.length} delivered of ${published.length} published ` +
        `(${owed.length} cast while the subscriber was connected and settled, away from faults; nations short of events: ${shortBy.length}, ` +
        `${shortBeforeFaults.length} before the first fault); ` +
        `commentAdded ${added.map((s, i) => `${s.events.length} to ${delegates[i].nation} of ${ownComments.find((c) => c.nation_code === delegates[i].nation)?.n ?? 0} its nation added`).join(', ')}`,
    );
    const afterRestart = [cast, ...added].reduce((n, s) => n + s.events.filter((e) => e.at > restartedAt).length, 0);
    stats.checks.push(`live events after each fault: ${probes.map((p) => `after ${p.after} ${p.ms === null ? 'NOT delivered' : `delivered ${p.ms} ms after the cast`}`).join('; ')}`);
    for (const s of [cast, ...added]) stats.checks.push(`socket messages ${JSON.stringify(Object.fromEntries(s.messages))}, closes ${JSON.stringify(Object.fromEntries(s.closes))}`);
    stats.checks.push(
      `subscriptions: ${castEvents.length} responseCast and ${commentEvents.length} commentAdded events over ${[cast, ...added].reduce((n, s) => n + s.connections, 0)} connections ` +
        `(${[cast, ...added].reduce((n, s) => n + s.refused, 0)} subscribes refused while PostgreSQL was down), ` +
        `${afterRestart} after the PostgreSQL restart; ${unstoredCasts.length + unstoredComments.length} of something not stored`,
    );

    const errorLines = new Map<string, number>();
    for (const line of readFileSync(logFile, 'utf8').split('\n').filter((l) => /"level":(50|60)/.test(l))) {
      const entry = JSON.parse(line);
      const what = `${entry.msg}: ${entry.err?.type ?? ''} ${entry.err?.message ?? ''} ${entry.err?.code ?? ''}`.slice(0, 200);
      errorLines.set(what, (errorLines.get(what) ?? 0) + 1);
    }
    const summary = [
      `soak: ${SECONDS} s asked, ${elapsed.toFixed(1)} s run; ${DELEGATES} delegates, ${EXPERTS} experts, ${VENDORS} vendor staff; ${stats.requests} requests (${(stats.requests / elapsed).toFixed(0)}/s)`,
      'answers (HTTP status and error codes):',
      ...[...stats.answers].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(7)}  ${k}`),
      'faults injected:',
      ...stats.faults.map((f) => `  - ${f}`),
      'checked:',
      ...stats.checks.map((c) => `  - ${c}`),
      `  - 500s, unknown codes or stack traces answered: ${stats.leaks.length}${stats.leaks.length ? `, first: ${stats.leaks[0]}` : ''}`,
      `  - errors in the service's log:`,
      ...[...errorLines].map(([what, n]) => `    ${String(n).padStart(5)}  ${what}`),
    ];
    process.stdout.write(summary.map((l) => `# ${l}`).join('\n') + '\n');

    expect(stats.faults).toHaveLength(FAULTS.size);
    expect(stats.leaks).toEqual([]);
    expect(lost).toEqual({ comments: [], responses: [], claims: [], versions: [], products: [], submissions: [] });
    expect(ledgers.comments.acknowledgedCount).toBeGreaterThan(0);
    expect(ledgers.responses.acknowledgedCount).toBeGreaterThan(0);
    expect(ledgers.versions.size).toBeGreaterThan(0);
    expect(ledgers.claims.acknowledgedCount).toBeGreaterThan(0);
    expect(tally).toEqual(recount);
    expect(halfDone).toEqual([]);
    expect(auditMismatch).toEqual([]);
    expect(chain.ok).toBe(true);
    expect(castEvents.length).toBeGreaterThan(0);
    expect(probes.filter((p) => p.ms === null)).toEqual([]);
    expect(shortBeforeFaults).toEqual([]);
    expect(unstoredCasts).toEqual([]);
    expect(unstoredComments).toEqual([]);
  });
});
