import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source';
import { runMigrations } from '../src/database/migrate';
import { createDatabase } from './helpers/app';

/** Every migration's down() undoes its up(): all the way down and up again leaves the same schema. */
describe('migrations', () => {
  let drop: () => Promise<void>;
  let ds: DataSource;
  before(async () => {
    const db = await createDatabase();
    drop = db.drop;
    ds = createDataSource(db.url, 2);
    await ds.initialize();
  });
  after(async () => {
    await ds.destroy();
    await drop();
  });

  const schema = async () =>
    ds.query(`SELECT table_name, column_name, data_type FROM information_schema.columns
               WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1, 2`);

  it('reverts every migration and applies them again', async () => {
    const applied = await runMigrations(ds);
    expect(applied.length).toBeGreaterThanOrEqual(6);
    const before = await schema();
    for (let i = 0; i < applied.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await schema()).toEqual([]);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal`);
    expect(n).toBe(0);
    const [{ ext }] = await ds.query(`SELECT count(*)::int AS ext FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(ext).toBe(0);
    expect(await runMigrations(ds)).toEqual(applied);
    expect(await schema()).toEqual(before);
  });
});

/** Replicas starting together on a new database: one applies the migrations, the others wait and find nothing to do. */
describe('migrations under several replicas', () => {
  it('are applied once, by one replica, under the advisory lock', async () => {
    const db = await createDatabase();
    const replicas = [createDataSource(db.url, 2), createDataSource(db.url, 2), createDataSource(db.url, 2)];
    try {
      await Promise.all(replicas.map((r) => r.initialize()));
      const applied = await Promise.all(replicas.map((r) => runMigrations(r)));
      const appliers = applied.filter((names) => names.length > 0);
      expect(appliers).toHaveLength(1);
      expect(appliers[0].length).toBeGreaterThanOrEqual(6);
      const [{ rows, distinct }] = await replicas[0].query(`SELECT count(*)::int AS rows, count(DISTINCT name)::int AS distinct FROM migrations`);
      expect(rows).toBe(appliers[0].length);
      expect(distinct).toBe(rows);
    } finally {
      await Promise.all(replicas.map((r) => (r.isInitialized ? r.destroy() : undefined)));
      await db.drop();
    }
  });
});
