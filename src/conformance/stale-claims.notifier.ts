import { Global, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { REFERENCE_LISTENER, ReferenceListener } from '../standards/reference-listener';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { WebhooksService } from '../webhooks/webhooks.service';
import { NotificationKind } from '../notifications/notification-kind';
import { NotificationsService } from '../notifications/notifications.service';

/**
 * claim.stale for webhooks: when the reference version of a standard changes,
 * the claims whose wording was current before and is not now (the same rule
 * as assessment.ts isStale) are reported to their product's organization, one
 * delivery per organization, in the transaction that made them stale; and
 * CLAIM_STALE to the organization's vendors in the same transaction.
 */
@Injectable()
export class StaleClaimsNotifier implements ReferenceListener {
  constructor(private readonly webhooks: WebhooksService, private readonly notifications: NotificationsService) {}

  async referenceChanged(m: EntityManager, standardId: string, from: string | null, to: string): Promise<void> {
    const rows: { organizationId: string; designation: string; claims: { productId: string; productName: string; requirementKey: string }[] }[] = await m.query(
      `SELECT p.organization_id AS "organizationId", s.designation,
              json_agg(json_build_object('claimId', c.id, 'productId', c.product_id, 'productName', p.name, 'requirementKey', c.requirement_key)
                       ORDER BY p.name, c.requirement_key) AS claims
         FROM conformance_claim c
         JOIN product p ON p.id = c.product_id
         JOIN standard s ON s.id = c.standard_id
         JOIN requirement claimed ON claimed.version_id = c.version_id AND claimed.key = c.requirement_key
         LEFT JOIN requirement before ON before.version_id = $2 AND before.key = c.requirement_key
         LEFT JOIN requirement now ON now.version_id = $3 AND now.key = c.requirement_key
        WHERE c.standard_id = $1
          AND now.text IS DISTINCT FROM claimed.text
          AND ($2::uuid IS NULL OR before.text IS NOT DISTINCT FROM claimed.text)
        GROUP BY p.organization_id, s.designation`,
      [standardId, from, to],
    );
    for (const row of rows) {
      await this.webhooks.emit(m, 'claim.stale', { standardId, designation: row.designation, versionId: to, claims: row.claims }, { organizationId: row.organizationId });
      const products = [...new Set(row.claims.map((c) => c.productName))];
      await this.notifications.notify(m, {
        kind: NotificationKind.CLAIM_STALE, key: `CLAIM_STALE:${standardId}:${to}:${row.organizationId}`, subjectType: 'Standard', subjectId: standardId,
        standardId,
        title: `${row.claims.length} conformance claim${row.claims.length === 1 ? '' : 's'} on ${row.designation} went stale`,
        body: `The provisions these claims name changed in the reference text of ${row.designation}: ` +
          `${row.claims.slice(0, 20).map((c) => `${c.productName} ${c.requirementKey}`).join(', ')}${row.claims.length > 20 ? ', ...' : ''}. Review and state them again.`,
        link: products.length === 1 ? `/app/products/${row.claims[0].productId}` : '/app/products',
        to: { organizationId: row.organizationId },
      });
    }
  }
}

/** Global only for the one token it provides, which StandardsModule (below) injects optionally. */
@Global()
@Module({
  imports: [WebhooksModule],
  providers: [StaleClaimsNotifier, { provide: REFERENCE_LISTENER, useExisting: StaleClaimsNotifier }],
  exports: [REFERENCE_LISTENER],
})
export class StaleClaimsModule {}
