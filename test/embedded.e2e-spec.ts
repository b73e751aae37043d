import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { expect } from 'expect';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { PubSub } from '../src/common/pubsub';
import { AppConfig, loadConfig } from '../src/config/config';
import { EMBEDDED } from '../src/database/database.module';
import { EmbeddedDatabase, startEmbeddedDatabase } from '../src/database/embedded';
import { configureApp } from '../src/main';
import { ADMIN, createTestApp } from './helpers/app';

/** The one-command start: no DATABASE_URL, the service's own PostgreSQL under DATA_DIR, same migrations, same features. */
async function embeddedApp(dataDir: string): Promise<NestExpressApplication> {
  const config = loadConfig({
    NODE_ENV: 'test', DATA_DIR: dataDir, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: 'x'.repeat(40), LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(AppConfig).useValue(config).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  return app;
}

describe('the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssw-embedded-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts with no PostgreSQL server, seeds the corpus once, searches, and keeps its data across restarts', async () => {
    let app = await embeddedApp(dataDir);
    try {
      const health = await request(app.getHttpServer()).get('/health');
      expect(health.body).toEqual({ status: 'ok', database: { kind: 'embedded', cluster: 'running', status: 'up' } });
      const db = app.get(DataSource);
      const [{ sim }] = await db.query(`SELECT similarity('tracking data message', 'tracking data messages')::float8 AS sim`);
      expect(sim).toBeGreaterThan(0.7);
      const login = await request(app.getHttpServer()).post('/graphql')
        .send({ query: `mutation($e:String!,$p:String!){ login(email:$e,password:$p){ accessToken } }`, variables: { e: ADMIN.email, p: ADMIN.password } });
      const token = login.body.data.login.accessToken;
      const search = await request(app.getHttpServer()).post('/graphql').set('authorization', `Bearer ${token}`)
        .send({ query: `{ search(query:"geolocation accuracy"){ standard { designation } snippet } standards { totalCount } }` });
      expect(search.body.data.standards.totalCount).toBeGreaterThanOrEqual(3);
      expect(search.body.data.search[0].snippet).toContain('<mark>');
    } finally {
      await app.close();
    }
    app = await embeddedApp(dataDir);
    try {
      const [{ n }] = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM standard`);
      const [{ admins }] = await app.get(DataSource).query(`SELECT count(*)::int AS admins FROM user_role WHERE role = 'ADMIN'`);
      expect(n).toBe(3);
      expect(admins).toBe(1);
    } finally {
      await app.close();
    }
  });
  it('delivers live events through LISTEN/NOTIFY when the writing transaction commits, and drops them on rollback', async () => {
    const app = await embeddedApp(dataDir);
    try {
      const pubsub = app.get(PubSub);
      const db = app.get(DataSource);
      const events = pubsub.subscribe<{ n: number }>('embedded_test');
      await pubsub.ready('embedded_test');
      await db.transaction((m) => pubsub.publish(m, 'embedded_test', { n: 1 }));
      await db.transaction(async (m) => {
        await pubsub.publish(m, 'embedded_test', { n: 2 });
        throw new Error('rolled back');
      }).catch(() => undefined);
      await db.transaction((m) => pubsub.publish(m, 'embedded_test', { n: 3 }));
      expect((await events.next()).value).toEqual({ n: 1 });
      expect((await events.next()).value).toEqual({ n: 3 });
      await events.return!();
    } finally {
      await app.close();
    }
  });

  it('stops the cluster with the service, leaving no PostgreSQL process behind', async () => {
    const app = await embeddedApp(dataDir);
    const pid = app.get<symbol, EmbeddedDatabase>(EMBEDDED).status().pid!;
    expect(pid).toBeGreaterThan(0);
    await app.close();
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe('a database restart under a running service', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssw-restart-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers 503 while PostgreSQL is down, then 200, and live events flow again without a service restart', async () => {
    let cluster = await startEmbeddedDatabase(dataDir, { throwaway: true });
    const t = await createTestApp({}, { databaseUrl: cluster.url });
    try {
      const pubsub = t.app.get(PubSub);
      const events = pubsub.subscribe<{ n: number }>('restart_test');
      await pubsub.ready('restart_test');
      await t.db.transaction((m) => pubsub.publish(m, 'restart_test', { n: 0 }));
      expect((await events.next()).value).toEqual({ n: 0 });
      const [{ before }] = await t.db.query(`SELECT pid AS before FROM pg_stat_activity WHERE application_name = 'ssw-listen'`);

      await cluster.stop();
      expect((await t.http.get('/health')).status).toBe(503);
      cluster = await startEmbeddedDatabase(dataDir, { throwaway: true, port: cluster.port });

      // Nothing sent while the LISTEN connection was away is replayed, so publish until one arrives.
      const next = events.next();
      let received: IteratorResult<{ n: number }> | undefined;
      void next.then((r) => (received = r));
      for (let n = 1; !received && n < 200; n++) {
        await t.db.transaction((m) => pubsub.publish(m, 'restart_test', { n })).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(received?.value?.n).toBeGreaterThan(0);
      const [{ after: listener }] = await t.db.query(`SELECT pid AS after FROM pg_stat_activity WHERE application_name = 'ssw-listen'`);
      expect(listener).not.toBe(before);
      expect((await t.http.get('/health')).status).toBe(200);
      await events.return!();
    } finally {
      await t.close();
      await cluster.stop();
    }
  });
});

describe('a cluster whose lock or port another program holds', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssw-taken-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts when postmaster.pid names a live process that is not PostgreSQL, and when its port is taken', async () => {
    const first = await startEmbeddedDatabase(dataDir, { throwaway: true });
    await first.stop();
    // A crash left the lock behind, and its pid now belongs to another program.
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    // Something else listens on the port the cluster asks for.
    const squatter = createServer().listen(first.port, '127.0.0.1');
    await once(squatter, 'listening');
    try {
      writeFileSync(join(dataDir, 'postgres', 'postmaster.pid'), `${other.pid}\n${join(dataDir, 'postgres')}\n0\n${first.port}\n`);
      const second = await startEmbeddedDatabase(dataDir, { throwaway: true, port: first.port });
      try {
        expect(second.port).not.toBe(first.port);
        expect(second.status()).toEqual({ state: 'running', pid: expect.any(Number), port: second.port });
        expect(second.status().pid).not.toBe(other.pid);
      } finally {
        await second.stop();
      }
    } finally {
      other.kill();
      squatter.close();
    }
  });
});
