import { Inject, Injectable, Optional } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller, hasRole, Role } from '../common/caller';
import { Clock } from '../common/clock';
import { badInput, conflict, forbidden, invalidState, notFound } from '../common/errors';
import { Page, paginate } from '../common/pagination';
import { CallerCache } from './caller-cache';
import { JoinRequestEntity, JoinRequestStatus } from './join-request.entity';
import { MailService } from './mail.service';
import { NationEntity } from './nation.entity';
import { OrganizationEntity, OrganizationKind } from './organization.entity';
import { UsersService } from './users.service';

type JoinEvent = 'APPROVE' | 'REJECT' | 'WITHDRAW';

/**
 * A join request's lifecycle: PENDING → APPROVED | REJECTED (the secretariat)
 * | WITHDRAWN (the applicant). `transition` is the only code that writes a
 * status, with a conditional update that must touch exactly one row, so of two
 * secretariat members deciding at once exactly one wins.
 */
const JOIN_TRANSITIONS: Record<JoinEvent, { from: JoinRequestStatus[]; to: JoinRequestStatus }> = {
  APPROVE: { from: [JoinRequestStatus.PENDING], to: JoinRequestStatus.APPROVED },
  REJECT: { from: [JoinRequestStatus.PENDING], to: JoinRequestStatus.REJECTED },
  WITHDRAW: { from: [JoinRequestStatus.PENDING], to: JoinRequestStatus.WITHDRAWN },
};

/**
 * Told when a request is filed, inside the filing transaction (the place to
 * write a "a join request waits" notification for the secretariat). Optional:
 * provided by a module above accounts.
 */
export const JOIN_REQUEST_FILED = Symbol('JOIN_REQUEST_FILED');
export interface JoinRequestFiledListener {
  joinRequestFiled(m: EntityManager, request: JoinRequestEntity): Promise<void>;
}

/**
 * A commercial provider asks to join. The applicant registers and verifies an
 * account first (the ordinary registration flow, which never tells whether an
 * address has an account), then files the request signed in: the request
 * needs no second path that creates accounts, and the secretariat decides on
 * a verified address.
 */
@Injectable()
export class JoinRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly callers: CallerCache,
    private readonly clock: Clock,
    @Optional() @Inject(JOIN_REQUEST_FILED) private readonly filedListener?: JoinRequestFiledListener,
  ) {}

  async requestToJoin(caller: Caller, input: { company: string; nationCode: string; website: string; reason: string }): Promise<JoinRequestEntity> {
    if (caller.organizationToken) throw forbidden('An organization token cannot ask to join: sign in as a person.');
    if (hasRole(caller, Role.VENDOR)) throw conflict('You are a VENDOR of an organization already.');
    return this.dataSource.transaction(async (m) => {
      if (!(await m.existsBy(NationEntity, { code: input.nationCode }))) {
        throw badInput('nationCode', `${input.nationCode} is not an Allied nation: only providers from Allied nations may join.`);
      }
      // The partial unique index join_request_one_pending refuses a second pending request, even of two filed at once.
      const [row] = await m.query(
        `INSERT INTO join_request (applicant_id, company, nation_code, website, reason, created_at)
         VALUES ($1, $2, $3, $4, $5, ${this.clock.now()})
         ON CONFLICT (applicant_id) WHERE status = 'PENDING' DO NOTHING RETURNING id`,
        [caller.id, input.company.trim(), input.nationCode, input.website.trim(), input.reason.trim()],
      );
      if (!row) throw conflict('You have a pending request to join already; withdraw it first or wait for the decision.');
      const request = await m.findOneByOrFail(JoinRequestEntity, { id: row.id });
      await this.audit.record(m, caller, {
        action: 'join.requested', entityType: 'JoinRequest', entityId: request.id,
        detail: `${caller.displayName} asked to join for ${request.company} (${request.nationCode})`,
      });
      await this.filed(m, request);
      return request;
    });
  }

  /** The one place a filed request is announced (see JOIN_REQUEST_FILED). */
  private async filed(m: EntityManager, request: JoinRequestEntity): Promise<void> {
    await this.filedListener?.joinRequestFiled(m, request);
  }

  /** The secretariat's queue, oldest first. */
  list(caller: Caller, status: JoinRequestStatus | undefined, args: { first?: number | null; after?: string | null }): Promise<Page<JoinRequestEntity>> {
    if (!hasRole(caller, Role.SECRETARIAT)) throw forbidden('Only the SECRETARIAT reads the join requests.');
    const qb = this.dataSource.getRepository(JoinRequestEntity).createQueryBuilder('j');
    if (status) qb.where('j.status = :status', { status });
    // The cursor holds milliseconds (a JavaScript Date); the order uses the same, so a row never straddles two pages.
    return paginate(qb, args, { columns: [`date_trunc('milliseconds', j.created_at)`, 'j.id'], values: (j) => [j.createdAt.toISOString(), j.id] });
  }

  /** The caller's own requests, newest first. */
  mine(caller: Caller): Promise<JoinRequestEntity[]> {
    return this.dataSource.getRepository(JoinRequestEntity).find({ where: { applicantId: caller.id }, order: { createdAt: 'DESC' }, take: 20 });
  }

  /**
   * In one transaction: the organization is created (or the chosen one
   * checked), the request approved, the applicant made VENDOR (and
   * VENDOR_ADMIN of an organization they founded), each step audited, and
   * the applicant's mail queued.
   */
  async approve(caller: Caller, id: string, organizationId?: string): Promise<JoinRequestEntity> {
    this.requireSecretariat(caller);
    const request = await this.dataSource.transaction(async (m) => {
      // Locks the request: of two approvals at once the second waits here, then finds it decided.
      const pending = await this.lockPending(m, id, 'APPROVE');
      const founded = !organizationId;
      const org = founded ? await this.createOrganization(m, caller, pending) : await this.existingVendor(m, organizationId);
      const request = await this.transition(m, caller, id, 'APPROVE', { organization_id: org.id, founded_organization: founded });
      await this.users.joinVendor(m, caller, pending.applicantId, org.id, founded);
      await this.tell(m, request, {
        subject: `Welcome to the Space Standards Workbench: ${org.name}`,
        text: `Your request to join the Space Standards Workbench for ${request.company} was approved.\n\n` +
          `You are now a VENDOR of ${org.name}${request.foundedOrganization ? ", and its VENDOR_ADMIN: you may invite colleagues and choose whether the organization appears in the public provider directory" : ''}.\n` +
          `Sign in again to use your new role.\n`,
      });
      return request;
    });
    this.callers.forget(request.applicantId);
    return request;
  }

  async reject(caller: Caller, id: string, reason: string): Promise<JoinRequestEntity> {
    this.requireSecretariat(caller);
    const why = reason.trim();
    if (!why) throw badInput('reason', 'Give the reason for the rejection; it is mailed to the applicant.');
    return this.dataSource.transaction(async (m) => {
      await this.lockPending(m, id, 'REJECT');
      const request = await this.transition(m, caller, id, 'REJECT', { decision_reason: why });
      await this.tell(m, request, {
        subject: 'Your request to join the Space Standards Workbench',
        text: `Your request to join the Space Standards Workbench for ${request.company} was not approved.\n\nThe secretariat's reason:\n\n${why}\n\n` +
          'You may file a new request once the reason is addressed.\n',
      });
      return request;
    });
  }

  async withdraw(caller: Caller, id: string): Promise<JoinRequestEntity> {
    return this.dataSource.transaction(async (m) => {
      const request = await this.lockPending(m, id, 'WITHDRAW');
      // Someone else's request does not exist for the caller.
      if (request.applicantId !== caller.id) throw notFound('join request', id);
      return this.transition(m, caller, id, 'WITHDRAW', {});
    });
  }

  /** Queues the decision's mail to the applicant in the deciding transaction: it leaves if and only if the decision commits. */
  private async tell(m: EntityManager, request: JoinRequestEntity, mail: { subject: string; text: string }): Promise<void> {
    const [applicant] = await m.query(`SELECT email FROM app_user WHERE id = $1`, [request.applicantId]);
    await this.mail.enqueue(m, { key: `join-request:${request.id}:${request.status}`, to: applicant.email, kind: 'JOIN_DECISION', ...mail });
  }

  private requireSecretariat(caller: Caller) {
    if (!hasRole(caller, Role.SECRETARIAT)) throw forbidden('Only the SECRETARIAT decides on join requests.');
  }

  /** Locks the request and checks that the event may happen in its status. */
  private async lockPending(m: EntityManager, id: string, event: JoinEvent): Promise<JoinRequestEntity> {
    if (!isUUID(id)) throw notFound('join request', id);
    const [row] = await m.query(`SELECT id FROM join_request WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw notFound('join request', id);
    const request = await m.findOneByOrFail(JoinRequestEntity, { id });
    if (!JOIN_TRANSITIONS[event].from.includes(request.status)) {
      throw invalidState(`This join request is ${request.status} already; it can be decided only while PENDING.`, { status: request.status });
    }
    return request;
  }

  /** The only writer of join_request.status. */
  private async transition(m: EntityManager, caller: Caller, id: string, event: JoinEvent, set: Record<string, unknown>): Promise<JoinRequestEntity> {
    const rule = JOIN_TRANSITIONS[event];
    const keys = Object.keys(set);
    const [rows] = await m.query(
      `UPDATE join_request SET status = $2, decided_at = ${this.clock.now()}, decided_by = $3${keys.map((k, i) => `, ${k} = $${i + 5}`).join('')}
        WHERE id = $1 AND status = ANY($4::text[]) RETURNING id`,
      [id, rule.to, caller.id, rule.from, ...keys.map((k) => set[k])],
    );
    if (rows.length !== 1) throw invalidState('This join request was decided meanwhile.');
    const request = await m.findOneByOrFail(JoinRequestEntity, { id });
    await this.audit.record(m, caller, {
      action: `join.${rule.to.toLowerCase()}`, entityType: 'JoinRequest', entityId: id,
      detail: `join request of ${request.company} ${rule.to.toLowerCase()}${request.decisionReason ? `: ${request.decisionReason}` : ''}`,
    });
    return request;
  }

  private async createOrganization(m: EntityManager, caller: Caller, request: JoinRequestEntity): Promise<OrganizationEntity> {
    const [clash] = await m.query(`SELECT id FROM organization WHERE lower(name) = lower($1)`, [request.company]);
    if (clash) {
      throw conflict(`An organization named "${request.company}" exists already; approve with organizationId to join the applicant to it.`, { organizationId: clash.id });
    }
    const org = await m.save(m.create(OrganizationEntity, {
      name: request.company, kind: OrganizationKind.VENDOR, nationCode: request.nationCode, website: request.website, publicListing: false,
    }));
    await this.audit.record(m, caller, {
      action: 'organization.created', entityType: 'Organization', entityId: org.id, detail: `VENDOR ${org.name} created on approval of a join request`,
    });
    return org;
  }

  private async existingVendor(m: EntityManager, organizationId: string): Promise<OrganizationEntity> {
    const org = isUUID(organizationId) ? await m.findOneBy(OrganizationEntity, { id: organizationId }) : null;
    if (!org || org.kind !== OrganizationKind.VENDOR) throw badInput('organizationId', 'organizationId must name a VENDOR organization.');
    return org;
  }
}
