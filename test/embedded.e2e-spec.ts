import { mkdtempSync, rmSync } from 'node:fs';
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
import { configureApp } from '../src/main';
import { ADMIN } from './helpers/app';

/** The one-command start: no DATABASE_URL, PGlite under DATA_DIR, same migrations, same features. */
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
      expect(health.body).toEqual({ status: 'ok', database: { kind: 'embedded', status: 'up' } });
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
  it('delivers live events in-process when the writing transaction commits, and drops them on rollback', async () => {
    const app = await embeddedApp(dataDir);
    try {
      const pubsub = app.get(PubSub);
      const db = app.get(DataSource);
      const events = pubsub.subscribe<{ n: number }>('embedded_test');
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
});
