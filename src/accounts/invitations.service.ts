import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { Caller, Role } from '../common/caller';
import { Clock } from '../common/clock';
import { deadlinePassed, forbidden, invalidState, notFound } from '../common/errors';
import { CallerCache } from './caller-cache';
import { MailService } from './mail.service';
import { InvitationModel, InvitationPreviewModel, InvitationStatus } from './models/invitation.model';
import { OrganizationEntity } from './organization.entity';
import { UsersService } from './users.service';

export const INVITATION_DAYS = 7;
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** The status as the database clock sees it now; `now` is Clock.now(). */
const statusSql = (now: string) => `CASE WHEN accepted_at IS NOT NULL THEN 'ACCEPTED' WHEN revoked_at IS NOT NULL THEN 'REVOKED'
  WHEN expires_at <= ${now} THEN 'EXPIRED' ELSE 'PENDING' END`;
const columns = (now: string) => `id, organization_id AS "organizationId", email, created_at AS "createdAt", expires_at AS "expiresAt",
  accepted_at AS "acceptedAt", ${statusSql(now)} AS status`;

/**
 * A VENDOR_ADMIN invites colleagues by e-mail. The link carries a random
 * token of which only the SHA-256 digest is stored; it works once (a
 * conditional update that must touch exactly one row), for seven days by the
 * database clock, and only for an account with the address invited.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly callers: CallerCache,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The organization the caller administers (a VENDOR_ADMIN's VENDOR binding). */
  private adminOrganization(caller: Caller): string {
    if (caller.organizationToken || !caller.roles.includes(Role.VENDOR_ADMIN) || !caller.organizationId) {
      throw forbidden("Only a VENDOR_ADMIN, signed in as a person, manages its organization's invitations.");
    }
    return caller.organizationId;
  }

  /** Mails an invitation; an open one to the same address is revoked (replaced) in the same transaction. */
  async invite(caller: Caller, rawEmail: string): Promise<InvitationModel> {
    const organizationId = this.adminOrganization(caller);
    const email = rawEmail.trim().toLowerCase();
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const { invitation, org } = await this.dataSource.transaction(async (m) => {
      const org = await m.findOneByOrFail(OrganizationEntity, { id: organizationId });
      await m.query(`UPDATE organization_invitation SET revoked_at = ${now}
        WHERE organization_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL`, [organizationId, email]);
      const [invitation] = await m.query(
        `INSERT INTO organization_invitation (organization_id, email, token_hash, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, ${now}, ${now} + make_interval(days => $5)) RETURNING ${columns(now)}`,
        [organizationId, email, digest(token), caller.id, INVITATION_DAYS],
      );
      await this.audit.record(m, caller, {
        action: 'invitation.sent', entityType: 'Organization', entityId: organizationId, detail: `${email} invited to ${org.name}`,
      });
      return { invitation: invitation as InvitationModel, org };
    });
    // Sent at once, not queued in the outbox: the link carries the token, which the database keeps only as a digest.
    // The admin is on the screen: a mail that fails is an error they see, and inviting again replaces the link.
    await this.mail.send({
      to: email,
      subject: `${caller.displayName} invites you to ${org.name} on the Space Standards Workbench`,
      text: `${caller.displayName} invites you to join ${org.name} on the Space Standards Workbench, NATO's space standards service, as a VENDOR.\n\n` +
        `Open this link to accept (sign in, or register with this address first):\n\n    ${this.config.PUBLIC_URL.replace(/\/$/, '')}/app/invitation?token=${token}\n\n` +
        `The link works once and expires in ${INVITATION_DAYS} days. If you did not expect it, you need not do anything.\n`,
    });
    return invitation;
  }

  list(caller: Caller): Promise<InvitationModel[]> {
    const organizationId = this.adminOrganization(caller);
    return this.dataSource.query(`SELECT ${columns(this.clock.now())} FROM organization_invitation WHERE organization_id = $1 ORDER BY created_at DESC, id LIMIT 200`, [organizationId]);
  }

  async revoke(caller: Caller, id: string): Promise<InvitationModel> {
    const organizationId = this.adminOrganization(caller);
    if (!isUUID(id)) throw notFound('invitation', id);
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const [rows] = await m.query(
        `UPDATE organization_invitation SET revoked_at = ${now}
          WHERE id = $1 AND organization_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING ${columns(now)}`,
        [id, organizationId],
      );
      if (rows.length !== 1) {
        const [seen] = await m.query(`SELECT ${statusSql(now)} AS status FROM organization_invitation WHERE id = $1 AND organization_id = $2`, [id, organizationId]);
        // Another organization's invitation does not exist for this admin.
        if (!seen) throw notFound('invitation', id);
        throw invalidState(`This invitation is ${seen.status} already.`, { status: seen.status });
      }
      await this.audit.record(m, caller, {
        action: 'invitation.revoked', entityType: 'Organization', entityId: organizationId, detail: `invitation of ${rows[0].email} revoked`,
      });
      return rows[0] as InvitationModel;
    });
  }

  /** What a link leads to, for the accept screen; anyone holding the token may ask. */
  async preview(token: string): Promise<InvitationPreviewModel> {
    const now = this.clock.now();
    const [row] = await this.dataSource.query(
      `SELECT o.name AS "organizationName", i.email, i.expires_at AS "expiresAt", ${statusSql(now).replace(/(accepted_at|revoked_at|expires_at)/g, 'i.$1')} AS status
         FROM organization_invitation i JOIN organization o ON o.id = i.organization_id WHERE i.token_hash = $1`,
      [digest(token)],
    );
    if (!row) throw notFound('invitation', 'in this link');
    return row;
  }

  /** Makes the caller a VENDOR of the inviting organization; the token is used up in the same transaction. */
  async accept(caller: Caller, token: string): Promise<InvitationModel> {
    if (caller.organizationToken) throw forbidden('An organization token cannot accept an invitation: sign in as a person.');
    const now = this.clock.now();
    const hash = digest(token);
    const accepted = await this.dataSource.transaction(async (m) => {
      const [rows] = await m.query(
        `UPDATE organization_invitation SET accepted_at = ${now}, accepted_by = $2
          WHERE token_hash = $1 AND email = $3 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ${now}
          RETURNING ${columns(now)}`,
        [hash, caller.id, caller.email.toLowerCase()],
      );
      if (rows.length !== 1) await this.refuse(m, hash, caller);
      const invitation = rows[0] as InvitationModel;
      await this.users.joinVendor(m, caller, caller.id, invitation.organizationId, false);
      await this.audit.record(m, caller, {
        action: 'invitation.accepted', entityType: 'Organization', entityId: invitation.organizationId, detail: `${invitation.email} accepted an invitation`,
      });
      return { ...invitation, status: InvitationStatus.ACCEPTED };
    });
    this.callers.forget(caller.id);
    return accepted;
  }

  /** Says why a token was not accepted: unknown, for another address, expired, or used or revoked. */
  private async refuse(m: EntityManager, hash: string, caller: Caller): Promise<never> {
    const [seen] = await m.query(`SELECT email, ${statusSql(this.clock.now())} AS status FROM organization_invitation WHERE token_hash = $1`, [hash]);
    if (!seen) throw notFound('invitation', 'in this link');
    if (seen.email !== caller.email.toLowerCase()) throw forbidden('This invitation was sent to another address; sign in with the address it was sent to.');
    if (seen.status === InvitationStatus.EXPIRED) throw deadlinePassed(`This invitation expired; ask for a new one (they last ${INVITATION_DAYS} days).`);
    throw invalidState(`This invitation was ${seen.status.toLowerCase()} already; ask for a new one.`, { status: seen.status });
  }
}
