import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/** The hash the first row chains to. */
export const GENESIS = Buffer.alloc(32);

export interface ChainRow {
  id: string;
  seq: string | null;
  at: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  detail: string;
  nation_code: string | null;
  summary: string | null;
  prev_hash: Buffer | null;
  hash: Buffer | null;
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** The last hash of the chain, to keep somewhere the database owner cannot write. */
  head: string;
  /** The first row found wrong, and how. */
  problem?: { id: string | null; seq: string | null; kind: 'CHANGED' | 'DELETED' | 'REORDERED' | 'UNCHAINED' | 'TRUNCATED' | 'REWRITTEN'; message: string };
}

const field = (v: string | null) => (v === null ? '~' : `${Buffer.byteLength(v, 'utf8')}:${v}`);

/** The bytes the database hashes (function audit_event_content), computed here independently of it. */
export function rowHash(prev: Buffer, r: ChainRow): Buffer {
  const content = [r.seq, r.id, r.at, ...[r.actor_id, r.action, r.entity_type, r.entity_id, r.detail, r.nation_code, r.summary].map(field)].join('|');
  return createHash('sha256').update(prev).update(content, 'utf8').digest();
}

const BATCH = 5000;

/**
 * Walks the audit log in chain order and recomputes every hash. A row whose
 * content no longer gives its hash was CHANGED; a row whose link does not name
 * the hash before it follows a gap (DELETED, when its seq skips) or was moved
 * (REORDERED); a committed row without a hash was written with the triggers
 * off (UNCHAINED); a chain that ends before the recorded head lost its tail.
 * `anchor`, a head printed by an earlier run and kept outside the database,
 * must still be in the chain: a chain recomputed from some row on does not
 * pass through it (REWRITTEN).
 */
export async function verifyAuditChain(ds: DataSource, anchor?: string): Promise<ChainReport> {
  let anchored = !anchor;
  let prev: Buffer = GENESIS;
  let prevSeq = 0n;
  let rows = 0;
  const fail = (r: ChainRow | null, kind: NonNullable<ChainReport['problem']>['kind'], message: string): ChainReport => ({
    ok: false, rows, head: prev.toString('hex'), problem: { id: r?.id ?? null, seq: r?.seq ?? null, kind, message },
  });
  for (let after = -1n; ;) {
    const batch: ChainRow[] = await ds.query(
      `SELECT id::text, seq::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_id::text, action,
              entity_type, entity_id, detail, nation_code::text, summary, prev_hash, hash
         FROM audit_event WHERE coalesce(seq, 9223372036854775807) > $1 ORDER BY audit_event.seq NULLS LAST, audit_event.id LIMIT ${BATCH}`,
      [after.toString()],
    );
    for (const r of batch) {
      if (r.seq === null || r.hash === null || r.prev_hash === null) {
        return fail(r, 'UNCHAINED', `audit row ${r.id} has no place in the chain: it was inserted with the triggers disabled.`);
      }
      const seq = BigInt(r.seq);
      if (!r.prev_hash.equals(prev)) {
        return seq > prevSeq + 1n
          ? fail(r, 'DELETED', `audit row ${r.id} (seq ${r.seq}) follows seq ${prevSeq}: ${seq - prevSeq - 1n} row(s) before it were deleted.`)
          : fail(r, 'REORDERED', `audit row ${r.id} (seq ${r.seq}) does not link to the row before it: rows were reordered or replaced.`);
      }
      if (!rowHash(r.prev_hash, r).equals(r.hash)) {
        return fail(r, 'CHANGED', `audit row ${r.id} (seq ${r.seq}) was changed: its content no longer matches its hash.`);
      }
      prev = r.hash;
      prevSeq = seq;
      anchored ||= prev.toString('hex') === anchor;
      rows++;
    }
    if (batch.length < BATCH) break;
    after = prevSeq;
  }
  const [head] = await ds.query(`SELECT seq::text, hash FROM audit_chain_head`);
  if (!head || BigInt(head.seq) !== prevSeq || !(head.hash as Buffer).equals(prev)) {
    return fail(null, 'TRUNCATED', `the chain ends at seq ${prevSeq}, but its head records seq ${head?.seq ?? 'none'}: the last rows were deleted.`);
  }
  if (!anchored) return fail(null, 'REWRITTEN', `no row of the chain has the hash ${anchor}: the log was rewritten since that head was printed.`);
  return { ok: true, rows, head: prev.toString('hex') };
}
