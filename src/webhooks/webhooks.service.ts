import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller, hasRole, Role } from '../common/caller';
import { Clock } from '../common/clock';
import { badInput, forbidden, notFound } from '../common/errors';
import { AppConfig } from '../config/config';
import { newSecret } from './signature';
import { Audience, WebhookEvent } from './webhook-events';

export interface WebhookRow {
  id: string;
  organizationId: string;
  url: string;
  events: string[];
  createdAt: Date;
  disabledAt: Date | null;
  disabledReason: string | null;
  consecutiveFailures: number;
}

export interface DeliveryRow {
  id: string;
  webhookId: string;
  event: string;
  payload: unknown;
  createdAt: Date;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  responseStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
}

const WEBHOOK = `id, organization_id AS "organizationId", url, events, created_at AS "createdAt", disabled_at AS "disabledAt",
  disabled_reason AS "disabledReason", consecutive_failures AS "consecutiveFailures"`;
const DELIVERY = `id, webhook_id AS "webhookId", event, payload, created_at AS "createdAt", status, attempts, next_attempt_at AS "nextAttemptAt",
  last_attempt_at AS "lastAttemptAt", response_status AS "responseStatus", last_error AS "lastError", delivered_at AS "deliveredAt"`;
const MAX_PER_ORGANIZATION = 20;

/**
 * Webhooks of an organization: an ADMIN manages any organization's, a VENDOR
 * its own organization's (there is no vendor-administrator role: every VENDOR
 * of the organization is one). Features call `emit` inside the transaction of
 * the event, so the outbox row commits with it or not at all.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  private mayManage(caller: Caller, organizationId: string): boolean {
    return hasRole(caller, Role.ADMIN) || (hasRole(caller, Role.VENDOR) && caller.organizationId === organizationId);
  }

  private async requireWebhook(caller: Caller, id: string, m: EntityManager = this.dataSource.manager, lock = ''): Promise<WebhookRow> {
    const [row] = await m.query(`SELECT ${WEBHOOK} FROM webhook WHERE id = $1 ${lock}`, [id]);
    if (!row || !this.mayManage(caller, row.organizationId)) throw notFound('webhook', id);
    return row;
  }

  checkUrl(url: string): void {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw badInput('url', 'url must be an absolute URL.');
    }
    const secure = u.protocol === 'https:' || (u.protocol === 'http:' && !this.config.production);
    if (!secure) throw badInput('url', this.config.production ? 'url must use https.' : 'url must use https (or http, outside production).');
    if (u.username || u.password) throw badInput('url', 'url must not carry credentials; verify the signature instead.');
  }

  async register(caller: Caller, input: { organizationId: string; url: string; events: WebhookEvent[] }) {
    if (!this.mayManage(caller, input.organizationId)) {
      throw forbidden("Only an ADMIN, or a VENDOR of the organization, manages the organization's webhooks.");
    }
    this.checkUrl(input.url);
    const secret = newSecret();
    return this.dataSource.transaction(async (m) => {
      const [org] = await m.query(`SELECT id FROM organization WHERE id = $1 FOR UPDATE`, [input.organizationId]);
      if (!org) throw notFound('organization', input.organizationId);
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM webhook WHERE organization_id = $1`, [input.organizationId]);
      if (n >= MAX_PER_ORGANIZATION) throw badInput('organizationId', `An organization has at most ${MAX_PER_ORGANIZATION} webhooks.`);
      const [row] = await m.query(
        `INSERT INTO webhook (organization_id, url, events, secret, created_by, created_at) VALUES ($1, $2, $3, $4, $5, ${this.clock.now()}) RETURNING ${WEBHOOK}`,
        [input.organizationId, input.url, [...new Set(input.events)], secret, caller.id],
      );
      await this.audit.record(m, caller, {
        action: 'webhook.registered', entityType: 'Organization', entityId: input.organizationId,
        detail: `webhook ${row.id} to ${new URL(input.url).origin} for ${row.events.join(', ')}`,
      });
      return { secret, webhook: row as WebhookRow };
    });
  }

  async list(caller: Caller, organizationId: string): Promise<WebhookRow[]> {
    if (!this.mayManage(caller, organizationId)) throw forbidden("Only an ADMIN, or a VENDOR of the organization, reads the organization's webhooks.");
    return this.dataSource.query(`SELECT ${WEBHOOK} FROM webhook WHERE organization_id = $1 ORDER BY created_at, id`, [organizationId]);
  }

  /** Enabling again starts the failure count afresh; deliveries due meanwhile go out then. */
  async setEnabled(caller: Caller, id: string, enabled: boolean): Promise<WebhookRow> {
    return this.dataSource.transaction(async (m) => {
      const hook = await this.requireWebhook(caller, id, m, 'FOR UPDATE');
      const [[row]] = await m.query(
        enabled
          ? `UPDATE webhook SET disabled_at = NULL, disabled_reason = NULL, consecutive_failures = 0 WHERE id = $1 RETURNING ${WEBHOOK}`
          : `UPDATE webhook SET disabled_at = coalesce(disabled_at, ${this.clock.now()}), disabled_reason = coalesce(disabled_reason, 'disabled by its organization') WHERE id = $1 RETURNING ${WEBHOOK}`,
        [id],
      );
      await this.audit.record(m, caller, {
        action: enabled ? 'webhook.enabled' : 'webhook.disabled', entityType: 'Organization', entityId: hook.organizationId, detail: `webhook ${id}`,
      });
      return row;
    });
  }

  /** The delivery log, newest first. */
  async deliveries(caller: Caller, webhookId: string, first = 20): Promise<DeliveryRow[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'first must be between 1 and 100.');
    await this.requireWebhook(caller, webhookId);
    return this.dataSource.query(`SELECT ${DELIVERY} FROM webhook_delivery WHERE webhook_id = $1 ORDER BY created_at DESC, id LIMIT $2`, [webhookId, first]);
  }

  /** Sends a delivery again, with the same id and body, as soon as a worker is free; its attempts count afresh. */
  async resend(caller: Caller, deliveryId: string): Promise<DeliveryRow> {
    return this.dataSource.transaction(async (m) => {
      const [d] = await m.query(`SELECT webhook_id FROM webhook_delivery WHERE id = $1 FOR UPDATE`, [deliveryId]);
      if (!d) throw notFound('webhook delivery', deliveryId);
      await this.requireWebhook(caller, d.webhook_id, m).catch(() => {
        throw notFound('webhook delivery', deliveryId);
      });
      const [[row]] = await m.query(
        `UPDATE webhook_delivery SET status = 'PENDING', delivered_at = NULL, attempts = 0, next_attempt_at = ${this.clock.now()}
          WHERE id = $1 RETURNING ${DELIVERY}`,
        [deliveryId],
      );
      await this.audit.record(m, caller, { action: 'webhook.resent', entityType: 'WebhookDelivery', entityId: deliveryId, detail: `delivery ${deliveryId} queued again` });
      return row;
    });
  }

  /**
   * Queues the event for every enabled webhook of the audience that asked for
   * it, in the caller's transaction. One row per webhook: its id is the delivery id.
   */
  async emit(m: EntityManager, event: WebhookEvent, data: Record<string, unknown>, audience: Audience): Promise<void> {
    const now = this.clock.now();
    const where = 'kinds' in audience ? `o.kind = ANY($3::text[])` : `o.id = $3`;
    await m.query(
      `INSERT INTO webhook_delivery (webhook_id, event, payload, created_at, next_attempt_at)
       SELECT w.id, $1, $2::jsonb, ${now}, ${now}
         FROM webhook w JOIN organization o ON o.id = w.organization_id
        WHERE w.disabled_at IS NULL AND $1 = ANY(w.events) AND ${where}`,
      [event, JSON.stringify(data), 'kinds' in audience ? audience.kinds : audience.organizationId],
    );
  }
}
