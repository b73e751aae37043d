import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vendor onboarding: a provider's request to join (one PENDING request per
 * person, decided once by the secretariat), invitations a VENDOR_ADMIN mails
 * to colleagues (only the token's digest is kept; single use; seven days by the
 * database clock), and the opt-in that lists a provider on the public pages.
 */
export class VendorOnboarding1764000720000 implements MigrationInterface {
  name = 'VendorOnboarding1764000720000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE organization
        ADD COLUMN website text CHECK (website IS NULL OR website ~ '^https?://'),
        ADD COLUMN public_listing boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT organization_listing_vendor CHECK (NOT public_listing OR kind = 'VENDOR')`);
    await q.query(`
      CREATE TABLE join_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        applicant_id uuid NOT NULL REFERENCES app_user(id),
        company text NOT NULL CHECK (length(btrim(company)) BETWEEN 1 AND 200),
        nation_code char(3) NOT NULL REFERENCES nation(code),
        website text NOT NULL CHECK (website ~ '^https?://' AND length(website) <= 500),
        reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 4000),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','APPROVED','REJECTED','WITHDRAWN')),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by uuid REFERENCES app_user(id),
        decision_reason text,
        organization_id uuid REFERENCES organization(id),
        founded_organization boolean NOT NULL DEFAULT false,
        CONSTRAINT join_request_decided CHECK ((status = 'PENDING') = (decided_at IS NULL)),
        CONSTRAINT join_request_approved CHECK ((status = 'APPROVED') = (organization_id IS NOT NULL)),
        CONSTRAINT join_request_rejected CHECK (status <> 'REJECTED' OR (decision_reason IS NOT NULL AND decided_by IS NOT NULL))
      )`);
    // One pending request per person: a second one while the first waits is refused by the database.
    await q.query(`CREATE UNIQUE INDEX join_request_one_pending ON join_request (applicant_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX join_request_queue ON join_request (status, created_at, id)`);
    await q.query(`
      CREATE TABLE organization_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id),
        email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
        token_hash text NOT NULL UNIQUE,
        invited_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES app_user(id),
        revoked_at timestamptz,
        CONSTRAINT organization_invitation_expiry CHECK (expires_at > created_at),
        CONSTRAINT organization_invitation_accepted CHECK ((accepted_at IS NULL) = (accepted_by IS NULL)),
        CONSTRAINT organization_invitation_once CHECK (accepted_at IS NULL OR revoked_at IS NULL)
      )`);
    // One open invitation per address and organization: a new one revokes the old in the same transaction.
    await q.query(`CREATE UNIQUE INDEX organization_invitation_open ON organization_invitation (organization_id, email)
      WHERE accepted_at IS NULL AND revoked_at IS NULL`);
    await q.query(`CREATE INDEX organization_invitation_list ON organization_invitation (organization_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organization_invitation`);
    await q.query(`DROP TABLE join_request`);
    await q.query(`ALTER TABLE organization DROP CONSTRAINT organization_listing_vendor, DROP COLUMN public_listing, DROP COLUMN website`);
  }
}
