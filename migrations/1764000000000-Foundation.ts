import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts, reference data, the audit log and rate-limit counters.
 * The audit log is append-only by the database's own rule (triggers), so no
 * code path, and no operator with a SQL prompt, can quietly rewrite history.
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE nation (
        code char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
        name text NOT NULL UNIQUE
      )`);
    await q.query(`
      INSERT INTO nation (code, name) VALUES
        ('ALB','Albania'),('BEL','Belgium'),('BGR','Bulgaria'),('CAN','Canada'),('HRV','Croatia'),
        ('CZE','Czechia'),('DNK','Denmark'),('EST','Estonia'),('FIN','Finland'),('FRA','France'),
        ('DEU','Germany'),('GRC','Greece'),('HUN','Hungary'),('ISL','Iceland'),('ITA','Italy'),
        ('LVA','Latvia'),('LTU','Lithuania'),('LUX','Luxembourg'),('MNE','Montenegro'),('NLD','Netherlands'),
        ('MKD','North Macedonia'),('NOR','Norway'),('POL','Poland'),('PRT','Portugal'),('ROU','Romania'),
        ('SVK','Slovakia'),('SVN','Slovenia'),('ESP','Spain'),('SWE','Sweden'),('TUR','Türkiye'),
        ('GBR','United Kingdom'),('USA','United States')`);
    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('SECRETARIAT','NATIONAL_BODY','VENDOR')),
        nation_code char(3) REFERENCES nation(code),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'NATIONAL_BODY' OR nation_code IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX organization_name_key ON organization (lower(name))`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
        password_hash text NOT NULL,
        display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 120),
        nation_code char(3) REFERENCES nation(code),
        organization_id uuid REFERENCES organization(id),
        email_verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (email)`);
    await q.query(`
      CREATE TABLE user_role (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('ADMIN','SECRETARIAT','EXPERT','DELEGATE','VENDOR')),
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, role)
      )`);
    // One live code per user and purpose: a resend replaces the row.
    await q.query(`
      CREATE TABLE verification_code (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('VERIFY_EMAIL','RESET_PASSWORD')),
        code_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        failed_attempts int NOT NULL DEFAULT 0,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, purpose)
      )`);
    await q.query(`
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES app_user(id),
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        detail text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_event_entity_idx ON audit_event (entity_id, id)`);
    // Shared by every table that must never change once written.
    await q.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % is not allowed: rows are immutable', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_event_immutable BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
    // Counters of rate-limiter-flexible, shared by every replica.
    await q.query(`
      CREATE TABLE rate_limit (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit`);
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION refuse_change()`);
    await q.query(`DROP TABLE verification_code`);
    await q.query(`DROP TABLE user_role`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE organization`);
    await q.query(`DROP TABLE nation`);
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
