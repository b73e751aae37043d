import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { Clock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/config/config';
import { configureApp } from '../../src/main';

/** The server the suites run against; each suite gets a database of its own on it. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const ADMIN = { email: 'admin@test.example', password: 'Admin-Passw0rd!x' };
export const PASSWORD = 'Correct-Horse-9-battery';

/** A clock that can be moved forward, to reach expiries without waiting. */
export class TestClock extends Clock {
  offsetSeconds = 0;
  advance(seconds: number) {
    this.offsetSeconds += seconds;
  }
  override now(): string {
    return this.offsetSeconds ? `(now() + make_interval(secs => ${Number(this.offsetSeconds)}))` : 'now()';
  }
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `ssw_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    name,
    url: databaseUrl(name),
    async drop() {
      const c = new Client({ connectionString: TEST_SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface GqlResult<T = any> {
  status: number;
  data: T;
  errors?: { message: string; path?: (string | number)[]; extensions: { code: string; [k: string]: unknown } }[];
}

export class TestApp {
  constructor(
    readonly app: NestExpressApplication,
    readonly config: AppConfig,
    readonly clock: TestClock,
    private readonly cleanup: () => Promise<void>,
  ) {}

  get db(): DataSource {
    return this.app.get(DataSource);
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  async gql<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string, headers: Record<string, string> = {}): Promise<GqlResult<T>> {
    const req = this.http.post('/graphql').set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body.data, errors: res.body.errors };
  }

  /** Like gql, but fails the test on any error. */
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const res = await this.gql<T>(query, variables, token);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data;
  }

  /** The newest code mailed to `email` (read from the outbox, as a developer would). */
  lastCode(email: string): string {
    const dir = join(this.config.DATA_DIR, 'outbox');
    const files = readdirSync(dir).filter((f) => f.endsWith(`-${email.toLowerCase()}.eml`)).sort();
    if (!files.length) throw new Error(`no mail for ${email}`);
    const text = readFileSync(join(dir, files.at(-1)!), 'utf8');
    const match = /^\s{4}(\d{6})$/m.exec(text);
    if (!match) throw new Error(`no code in mail for ${email}`);
    return match[1];
  }

  /** Waits until `email` has received `count` messages (codes are mailed after the answer). */
  async waitForMail(email: string, count: number): Promise<void> {
    for (let waited = 0; this.mailCount(email) < count; waited += 20) {
      if (waited > 10_000) throw new Error(`${email} has ${this.mailCount(email)} messages, expected ${count}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  mailCount(email: string): number {
    const dir = join(this.config.DATA_DIR, 'outbox');
    return readdirSync(dir).filter((f) => f.endsWith(`-${email.toLowerCase()}.eml`)).length;
  }

  async login(email: string, password = PASSWORD): Promise<string> {
    const data = await this.ok(`mutation($e:String!,$p:String!){ login(email:$e,password:$p){ accessToken } }`, { e: email, p: password });
    return data.login.accessToken;
  }

  adminToken(): Promise<string> {
    return this.login(ADMIN.email, ADMIN.password);
  }

  /** Registers, verifies and signs in a person; grants the roles through the admin. */
  async user(
    name: string,
    grants: { role: string; nationCode?: string; organizationId?: string }[] = [],
  ): Promise<{ id: string; email: string; token: string }> {
    const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@test.example`;
    const reg = await this.ok(`mutation($i:RegisterInput!){ register(input:$i){ id } }`, {
      i: { email, password: PASSWORD, displayName: name },
    });
    // The code is mailed right after register answers (so its timing tells nothing).
    await this.waitForMail(email, 1);
    await this.ok(`mutation($e:String!,$c:String!){ verifyEmail(email:$e,code:$c) }`, { e: email, c: this.lastCode(email) });
    if (grants.length) {
      const admin = await this.adminToken();
      for (const g of grants) {
        await this.ok(`mutation($i:GrantRoleInput!){ grantRole(input:$i){ id } }`, { i: { userId: reg.register.id, ...g } }, admin);
      }
    }
    return { id: reg.register.id, email, token: await this.login(email) };
  }

  close(): Promise<void> {
    return this.cleanup();
  }
}

/**
 * A whole application on a database of its own, served through the real HTTP
 * stack (supertest against Nest's express server). Pass `{ databaseUrl:
 * other.config.DATABASE_URL }` and `{ JWT_SECRET: other.config.JWT_SECRET }`
 * to start a second replica on another app's database.
 */
export async function createTestApp(env: Record<string, string> = {}, options: { databaseUrl?: string } = {}): Promise<TestApp> {
  // With databaseUrl the app joins an existing database (a second replica); its owner drops it.
  const database = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => undefined }
    : await createDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'ssw-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SEED_STANDARDS: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    RATE_LIMIT_PER_ADDRESS: '1000',
    RATE_LIMIT_PER_IP: '10000',
    // Notification mail and reminders are driven by hand in notifications.e2e-spec.ts; elsewhere they would add mail to count.
    NOTIFY_POLL_MS: '0',
    ...env,
  });
  const clock = new TestClock();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  return new TestApp(app, config, clock, async () => {
    await app.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
}
