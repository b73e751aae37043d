import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Client } from 'pg';
import { verifyAuditChain } from '../src/audit/audit-chain';
import { runMigrations } from '../src/database/migrate';
import { createTestApp, TestApp } from './helpers/app';

const run = promisify(execFile);
const CLI = join(__dirname, '..', 'src', 'database', 'cli.js');

/** The audit log's hash chain: built by the database under concurrent writers, and broken by any tampering. */
describe('tamper-evident audit log', () => {
  let t: TestApp;
  let owner: Client;
  before(async () => {
    t = await createTestApp();
    // The database owner, who can switch triggers off: the one the chain must still catch.
    owner = new Client({ connectionString: t.config.DATABASE_URL });
    await owner.connect();
  });
  after(async () => {
    await owner.end();
    await t.close();
  });

  const verify = () => verifyAuditChain(t.db);
  /** `npm run audit:verify`, as an operator runs it. */
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, 'verify-audit', ...args], { env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: t.config.DATABASE_URL!, DATA_DIR: t.config.DATA_DIR } })
      .then(({ stdout }) => ({ code: 0, out: stdout }), (err: { code: number; stderr: string }) => ({ code: err.code, out: err.stderr }));
  const tamper = async (sql: string, params: unknown[] = []) => {
    await owner.query(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
    try {
      return await owner.query(sql, params);
    } finally {
      await owner.query(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
    }
  };
  /** Deletes a row, keeping it aside (microseconds and all) to put back. */
  const remove = async (id: string) => {
    await owner.query(`DROP TABLE IF EXISTS removed; CREATE TEMP TABLE removed AS SELECT * FROM audit_event WHERE id = ${BigInt(id)}`);
    await tamper(`DELETE FROM audit_event WHERE id = $1`, [id]);
  };
  const restore = () => tamper(`INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM removed`);
  const rowAt = async (seq: number) => (await owner.query(`SELECT * FROM audit_event WHERE seq = $1`, [seq])).rows[0];

  it('chains rows written by 24 truly concurrent writers without a fork or a gap', async () => {
    const writers = await Promise.all(Array.from({ length: 24 }, async () => {
      const c = new Client({ connectionString: t.config.DATABASE_URL });
      await c.connect();
      return c;
    }));
    try {
      await Promise.all(writers.map(async (c, w) => {
        for (let i = 0; i < 8; i++) {
          await c.query('BEGIN');
          for (let k = 0; k <= (w + i) % 3; k++) {
            await c.query(`INSERT INTO audit_event (action, entity_type, entity_id, detail) VALUES ('test.write', 'Test', $1, $2)`, [`${w}`, `writer ${w} tx ${i} row ${k}`]);
            await c.query(`SELECT pg_sleep(random() * 0.005)`);
          }
          // Every fourth transaction rolls back: identity values are lost, chain positions are not.
          await c.query(i % 4 === 3 ? 'ROLLBACK' : 'COMMIT');
        }
      }));
    } finally {
      await Promise.all(writers.map((c) => c.end()));
    }
    const [{ n, max, distinct }] = await t.db.query(`SELECT count(*)::int AS n, max(seq)::int AS max, count(DISTINCT prev_hash)::int AS distinct FROM audit_event`);
    expect(n).toBeGreaterThan(250);
    expect(max).toBe(n);
    // A fork would show as two rows naming one predecessor.
    expect(distinct).toBe(n);
    const report = await verify();
    expect(report).toEqual({ ok: true, rows: n, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const { code, out } = await cli();
    expect(code).toBe(0);
    expect(out).toContain(`audit log intact: ${n} rows chained; head ${report.head}`);
  });

  it('lets no writer choose the chain columns', async () => {
    await expect(t.db.transaction(async (m) => {
      await m.query(`INSERT INTO audit_event (action, entity_type, entity_id, detail) VALUES ('x', 'Test', '1', 'forged')`);
      await m.query(`UPDATE audit_event SET hash = '\\x00', seq = -1 WHERE detail = 'forged'`);
    })).rejects.toThrow(/not allowed/);
    await t.db.query(`INSERT INTO audit_event (action, entity_type, entity_id, detail, seq, hash) VALUES ('x', 'Test', '1', 'chosen', 1, '\\x00')`);
    expect((await verify()).ok).toBe(true);
    await expect(t.db.query(`UPDATE audit_event SET detail = 'rewritten' WHERE detail = 'chosen'`)).rejects.toThrow(/not allowed/);
  });

  it('names a row whose content was changed', async () => {
    const row = await rowAt(7);
    await tamper(`UPDATE audit_event SET detail = 'nothing happened' WHERE id = $1`, [row.id]);
    expect((await verify()).problem).toMatchObject({ id: row.id, seq: '7', kind: 'CHANGED' });
    const { code, out } = await cli();
    expect(code).toBe(1);
    expect(out).toContain(`audit row ${row.id} (seq 7) was changed`);
    await tamper(`UPDATE audit_event SET detail = $2 WHERE id = $1`, [row.id, row.detail]);
    expect((await verify()).ok).toBe(true);
  });

  it('names the row after a deleted one', async () => {
    const row = await rowAt(20);
    const next = await rowAt(21);
    await remove(row.id);
    expect((await verify()).problem).toMatchObject({ id: next.id, seq: '21', kind: 'DELETED' });
    expect((await cli()).out).toContain(`audit row ${next.id} (seq 21) follows seq 19: 1 row(s) before it were deleted`);
    await restore();
    expect((await verify()).ok).toBe(true);
  });

  it('names rows that were reordered', async () => {
    const [a, b] = [await rowAt(30), await rowAt(32)];
    const swap = `UPDATE audit_event SET seq = CASE seq WHEN 30 THEN -32 WHEN 32 THEN -30 END WHERE seq IN (30, 32);
                  UPDATE audit_event SET seq = -seq WHERE seq < 0`;
    await tamper(swap);
    expect((await verify()).problem).toMatchObject({ id: b.id, seq: '30', kind: 'REORDERED' });
    await tamper(swap);
    expect((await verify()).problem).toBeUndefined();
    expect(a.id).not.toBe(b.id);
  });

  it('notices a deleted tail and a row slipped in with the triggers off', async () => {
    const [{ max }] = await t.db.query(`SELECT max(seq)::int AS max FROM audit_event`);
    const last = await rowAt(max);
    await remove(last.id);
    expect((await verify()).problem).toMatchObject({ kind: 'TRUNCATED' });
    await restore();
    expect((await verify()).ok).toBe(true);
    const slipped = await tamper(`INSERT INTO audit_event (action, entity_type, entity_id, detail) VALUES ('x', 'Test', '1', 'slipped in') RETURNING id`);
    expect((await verify()).problem).toMatchObject({ id: slipped.rows[0].id, kind: 'UNCHAINED' });
  });

  it('chains the rows already there when the migration runs, and its down() takes the chain away', async () => {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event`);
    while ((await t.db.query(`SELECT 1 FROM migrations WHERE name = 'AuditChain1764000600000'`)).length) {
      await t.db.undoLastMigration({ transaction: 'each' });
    }
    const columns = await t.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_event' AND column_name IN ('seq', 'hash')`);
    expect(columns).toEqual([]);
    await runMigrations(t.db);
    expect(await verify()).toMatchObject({ ok: true, rows: n });
  });

  it('notices a chain recomputed from some row on, given a head printed before', async () => {
    const { head } = await verify();
    expect((await verifyAuditChain(t.db, head)).ok).toBe(true);
    // The owner rewrites row 40 and recomputes every hash after it, so that the chain itself is consistent.
    await tamper(`UPDATE audit_event SET detail = 'rewritten history' WHERE seq = 40`);
    await tamper(`DO $$ DECLARE e record; BEGIN
                    UPDATE audit_chain_head SET seq = 39, hash = (SELECT hash FROM audit_event WHERE seq = 39);
                    FOR e IN SELECT id FROM audit_event WHERE seq >= 40 ORDER BY seq LOOP
                      UPDATE audit_event SET hash = NULL, seq = NULL WHERE id = e.id;
                      PERFORM audit_event_link(e.id);
                    END LOOP; END $$`);
    expect((await verify()).ok).toBe(true);
    expect((await verifyAuditChain(t.db, head)).problem).toMatchObject({ kind: 'REWRITTEN' });
    const { code, out } = await cli(head);
    expect(code).toBe(1);
    expect(out).toContain(`no row of the chain has the hash ${head}`);
  });
});
