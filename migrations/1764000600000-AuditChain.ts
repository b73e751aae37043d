import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tamper-evident audit log, and what its readers may see.
 *
 * Each row carries the hash of the previous row's hash and its own content.
 * The chain is computed by the database at commit, by a deferred trigger that
 * holds the one-row chain head's lock only while the transaction commits: the
 * commit order is the chain order, so concurrent writers cannot fork it, and
 * no lock is held while the transaction still waits for others. A BEFORE
 * INSERT trigger clears the chain columns, so no writer can choose them.
 * `npm run audit:verify` recomputes the chain and names the first row that
 * was changed, deleted or moved.
 *
 * nation_code marks an event about a nation's DRAFT comments (readable by that
 * nation only until it submits); summary is what readers who may not see the
 * detail (a national response, a tally) read instead.
 */
export class AuditChain1764000600000 implements MigrationInterface {
  name = 'AuditChain1764000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_event
        ADD COLUMN nation_code char(3) REFERENCES nation(code),
        ADD COLUMN summary text,
        ADD COLUMN seq bigint,
        ADD COLUMN prev_hash bytea,
        ADD COLUMN hash bytea`);
    await q.query(`CREATE UNIQUE INDEX audit_event_seq_key ON audit_event (seq)`);
    await q.query(`
      CREATE TABLE audit_chain_head (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        seq bigint NOT NULL,
        hash bytea NOT NULL
      )`);
    await q.query(`INSERT INTO audit_chain_head (seq, hash) VALUES (0, decode(repeat('00', 32), 'hex'))`);
    // The hashed content: every column but the hashes, each length-prefixed so no two rows encode alike.
    // src/audit/audit-chain.ts computes the same bytes on its own to verify.
    await q.query(`
      CREATE FUNCTION audit_field(f text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN f IS NULL THEN '~' ELSE octet_length(f) || ':' || f END
      $$`);
    await q.query(`
      CREATE FUNCTION audit_event_content(e audit_event) RETURNS bytea LANGUAGE sql STABLE AS $$
        SELECT convert_to(e.seq || '|' || e.id || '|' || to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
          || '|' || audit_field(e.actor_id::text) || '|' || audit_field(e.action) || '|' || audit_field(e.entity_type)
          || '|' || audit_field(e.entity_id) || '|' || audit_field(e.detail) || '|' || audit_field(e.nation_code::text)
          || '|' || audit_field(e.summary), 'UTF8')
      $$`);
    await q.query(`
      CREATE FUNCTION audit_event_unchained() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.seq := NULL; NEW.prev_hash := NULL; NEW.hash := NULL;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_event_unchained BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_unchained()`);
    // Puts one row at the end of the chain; the head's row lock makes writers take turns.
    await q.query(`
      CREATE FUNCTION audit_event_link(event_id bigint) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        head audit_chain_head;
        linked audit_event;
      BEGIN
        SELECT * INTO head FROM audit_chain_head FOR UPDATE;
        SELECT * INTO linked FROM audit_event WHERE id = event_id;
        linked.seq := head.seq + 1;
        linked.hash := sha256(head.hash || audit_event_content(linked));
        UPDATE audit_event SET seq = linked.seq, prev_hash = head.hash, hash = linked.hash WHERE id = event_id;
        UPDATE audit_chain_head SET seq = linked.seq, hash = linked.hash;
      END $$`);
    await q.query(`
      CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM audit_event_link(NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER audit_event_chain AFTER INSERT ON audit_event
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_event_chain()`);
    // Still append-only; the one write allowed is the chain trigger's, filling the hashes of a row that has none.
    await q.query(`
      CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
           AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% on audit_event is not allowed: rows are immutable', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP TRIGGER audit_event_immutable ON audit_event`);
    await q.query(`CREATE TRIGGER audit_event_immutable BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_guard()`);
    // Rows written before this migration join the chain in the order of their ids.
    await q.query(`
      DO $$
      DECLARE e record;
      BEGIN
        FOR e IN SELECT id FROM audit_event ORDER BY id LOOP
          PERFORM audit_event_link(e.id);
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_event_immutable ON audit_event`);
    await q.query(`CREATE TRIGGER audit_event_immutable BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`DROP FUNCTION audit_event_guard()`);
    await q.query(`DROP TRIGGER audit_event_chain ON audit_event`);
    await q.query(`DROP FUNCTION audit_event_chain()`);
    await q.query(`DROP FUNCTION audit_event_link(bigint)`);
    await q.query(`DROP TRIGGER audit_event_unchained ON audit_event`);
    await q.query(`DROP FUNCTION audit_event_unchained()`);
    await q.query(`DROP FUNCTION audit_event_content(audit_event)`);
    await q.query(`DROP FUNCTION audit_field(text)`);
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN seq, DROP COLUMN summary, DROP COLUMN nation_code`);
  }
}
