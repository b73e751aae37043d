import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { BallotOutcome } from '../ballots/ballot.entity';
import { BallotsService } from '../ballots/ballots.service';
import { Caller, Role } from '../common/caller';
import { Clock } from '../common/clock';
import { badInput, conflict, invalidState, notFound } from '../common/errors';
import { EditionInForce } from '../conformance/edition-in-force';
import { NeedsService } from '../needs/needs.service';
import { REFERENCE_LISTENER, ReferenceListener } from '../standards/reference-listener';
import { StandardLifecycle } from '../standards/standard-lifecycle';
import { slugSql, StandardEntity, Visibility } from '../standards/standard.entity';
import { StandardsService } from '../standards/standards.service';
import { renderMarkdown } from '../standards/text/render';
import { VersionsService } from '../standards/versions.service';
import { visibleTo } from '../standards/visibility';
import { kindsFor } from '../webhooks/webhook-events';
import { NotificationsService, readersOf } from '../notifications/notifications.service';
import { NotificationKind } from '../notifications/notification-kind';
import { WebhooksService } from '../webhooks/webhooks.service';
import { VersionStage } from './models/ratification.model';
import { designationSlug, EditionEntity, editionLabel, EditionStatus, RatificationSnapshot } from './edition.entity';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Published editions of PUBLIC standards are for everyone, account or not; the rest follow the drafts' visibility. */
export function editionVisibility(caller: Caller | null): Visibility[] {
  return [...new Set([...visibleTo(caller), Visibility.PUBLIC])];
}

@Injectable()
export class PublishingService implements EditionInForce {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ballots: BallotsService,
    private readonly standards: StandardsService,
    private readonly versions: VersionsService,
    private readonly lifecycle: StandardLifecycle,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly webhooks: WebhooksService,
    private readonly notifications: NotificationsService,
    private readonly needs: NeedsService,
    @Optional() @Inject(REFERENCE_LISTENER) private readonly referenceListener?: ReferenceListener,
  ) {}

  /** effectiveDate: a date (YYYY-MM-DD) from which the edition is effective; without it, effective on receipt. */
  async publish(caller: Caller, ballotId: string, effectiveDate?: string | null): Promise<EditionEntity> {
    if (effectiveDate && !/^\d{4}-\d{2}-\d{2}$/.test(effectiveDate)) throw badInput('effectiveDate', 'effectiveDate must be a date such as 2027-01-01.');
    return this.dataSource.transaction(async (m) => {
      const ballot = await this.ballots.lockForPublishing(m, caller, ballotId);
      if (ballot.outcome === BallotOutcome.PENDING) {
        throw invalidState(`The ballot is still ${ballot.status}; an edition is published after a PASSED ballot has closed.`);
      }
      if (ballot.outcome === BallotOutcome.FAILED) throw invalidState('The ballot FAILED; only a PASSED ballot is promulgated.');
      const standard = await this.standards.lockVisible(caller, ballot.standardId, m);
      if (await m.existsBy(EditionEntity, { ballotId })) throw conflict(`This ballot was published already as an edition of ${standard.designation}.`);
      const [{ next }] = await m.query(`SELECT coalesce(max(number), 0) + 1 AS next FROM edition WHERE standard_id = $1`, [standard.id]);
      const text = await this.versions.text(ballot.versionId, m);
      const nations = new Map((await this.ballots.allNations(m)).map((n) => [n.code, n.name]));
      const ratification: RatificationSnapshot[] = (await this.ballots.responsesIn(m, ballotId)).map((r) => ({
        nationCode: r.nationCode,
        nationName: nations.get(r.nationCode) ?? r.nationCode,
        response: r.response,
        reservations: r.reservations,
        implementationDate: r.implementationDate?.toISOString() ?? null,
        nationalReference: r.nationalReference,
        castById: r.castById,
        castAt: r.castAt.toISOString(),
        revision: r.revision,
      }));
      // What claims were judged against until now: the edition in force, else the current version.
      const [inForce] = await m.query(`SELECT version_id FROM edition WHERE standard_id = $1 AND status = 'IN_FORCE'`, [standard.id]);
      const previousReference: string | null = inForce?.version_id ?? (await this.versions.current(standard.id, m))?.id ?? null;
      const superseded: { number: number }[][] = await m.query(
        `UPDATE edition SET status = 'SUPERSEDED' WHERE standard_id = $1 AND status = 'IN_FORCE' RETURNING number`,
        [standard.id],
      );
      const label = editionLabel(standard.designation, next, 1);
      const [{ id }] = await m.query(
        `INSERT INTO edition (standard_id, version_id, ballot_id, number, label, published_by, content_hash, html, ratification, effective_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10) RETURNING id`,
        [standard.id, ballot.versionId, ballotId, next, label, caller.id, sha256(text), renderMarkdown(text), JSON.stringify(ratification), effectiveDate ?? null],
      );
      await this.lifecycle.transition(m, caller, standard.id, 'PROMULGATE', label);
      // The ACCEPTED needs this standard addresses become ADDRESSED with its promulgation.
      await this.needs.standardPromulgated(m, caller, standard.id, label);
      await this.webhooks.emit(
        m, 'edition.published',
        { editionId: id, standardId: standard.id, designation: standard.designation, number: next, label, versionId: ballot.versionId, effectiveDate: effectiveDate ?? null },
        { kinds: kindsFor(standard.visibility) },
      );
      await this.notifyPublished(m, standard, id, label, superseded[0]?.[0]?.number);
      if (previousReference !== ballot.versionId) await this.referenceListener?.referenceChanged(m, standard.id, previousReference, ballot.versionId);
      const previous = superseded[0]?.[0]?.number;
      await this.audit.record(m, caller, {
        action: 'edition.published',
        entityType: 'Edition',
        entityId: id,
        detail: `${label} published with ${ratification.length} national responses` +
          (standard.stanag ? ` (${standard.stanag} Edition ${next})` : '') +
          `; effective ${effectiveDate ?? 'on receipt'}` + (previous ? `; ${editionLabel(standard.designation, previous, 1).replace(/ Version 1$/, '')} superseded` : ''),
      });
      return m.findOneByOrFail(EditionEntity, { id });
    });
  }

  /** EDITION_PUBLISHED, and EDITION_SUPERSEDED for the one it replaces: to the nations and to the standard's followers who may read it. */
  private async notifyPublished(m: EntityManager, standard: StandardEntity, editionId: string, label: string, previous: number | undefined) {
    const readers = readersOf(standard.visibility);
    await this.notifications.notify(m, {
      kind: NotificationKind.EDITION_PUBLISHED, key: `EDITION_PUBLISHED:${editionId}`, subjectType: 'Edition', subjectId: editionId, standardId: standard.id,
      title: `${label} published`,
      body: `${label}, "${standard.title}", is published and in force.`,
      link: `/app/standards/${standard.id}`,
      to: { nations: 'ALL', roles: [Role.SECRETARIAT], subscriberRoles: readers },
    });
    if (!previous) return;
    const old = editionLabel(standard.designation, previous, 1).replace(/ Version 1$/, '');
    await this.notifications.notify(m, {
      kind: NotificationKind.EDITION_SUPERSEDED, key: `EDITION_SUPERSEDED:${standard.id}:${previous}`, subjectType: 'Edition', subjectId: editionId, standardId: standard.id,
      title: `${old} superseded by ${label}`,
      body: `${old} is superseded: ${label} is now in force. Claims made against the old text may need review.`,
      link: `/app/standards/${standard.id}`,
      to: { nations: 'ALL', subscriberRoles: readers },
    });
  }

  /**
   * A correction or amendment promulgated without a new ratification: the
   * text becomes the next version of the standard and the next Version of the
   * edition in force (Edition A Version 2), which supersedes the one before.
   * Same ballot, same ratification snapshot (the trigger edition_versions
   * checks both).
   */
  async promulgateCorrection(caller: Caller, input: { editionId: string; text: string; reason: string }): Promise<EditionEntity> {
    const reason = input.reason.trim();
    if (!reason) throw badInput('reason', 'reason must say what the correction changes and why.');
    const found = await this.find(caller, input.editionId);
    return this.dataSource.transaction(async (m) => {
      const standard = await this.standards.lockVisible(caller, found.standardId, m);
      const edition = await m.findOneByOrFail(EditionEntity, { id: found.id });
      if (edition.status !== EditionStatus.IN_FORCE) {
        throw invalidState(`${edition.label} is ${edition.status}; only the edition in force is corrected.`, { status: edition.status });
      }
      const versionNumber = edition.versionNumber + 1;
      const label = editionLabel(standard.designation, edition.number, versionNumber);
      const version = await this.versions.createCorrection(m, caller, standard, input.text, label, reason);
      const text = await this.versions.text(version.id, m);
      await m.query(`UPDATE edition SET status = 'SUPERSEDED' WHERE id = $1 AND status = 'IN_FORCE'`, [edition.id]);
      const [{ id }] = await m.query(
        `INSERT INTO edition (standard_id, version_id, ballot_id, number, version_number, label, published_by, content_hash, html,
                              ratification, effective_date, correction_reason, promulgated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, ${this.clock.now()}) RETURNING id`,
        [standard.id, version.id, edition.ballotId, edition.number, versionNumber, label, caller.id, sha256(text), renderMarkdown(text),
          JSON.stringify(edition.ratification), edition.effectiveDate, reason],
      );
      await this.audit.record(m, caller, {
        action: 'edition.corrected',
        entityType: 'Edition',
        entityId: id,
        detail: `${label} promulgated without ratification (version ${version.number} of the text), superseding ${edition.label}: ${reason}`,
      });
      return m.findOneByOrFail(EditionEntity, { id });
    });
  }

  /** The edition, or NOT_FOUND when its standard is not visible to the caller. */
  async find(caller: Caller | null, id: string): Promise<EditionEntity> {
    const [edition] = await this.visible(caller).andWhere('e.id = :id', { id }).getMany();
    if (!edition) throw notFound('edition', id);
    return edition;
  }

  /** Newest first; after is the id of the last edition of the previous page. */
  async list(caller: Caller | null, args: { first?: number | null; after?: string | null }): Promise<EditionEntity[]> {
    const first = args.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'first must be between 1 and 100.');
    const qb = this.visible(caller);
    if (args.after) {
      if (!/^[0-9a-f-]{36}$/i.test(args.after)) throw badInput('after', 'after must be the id of an edition from the previous page.');
      qb.andWhere('(e.promulgated_at, e.id) < (SELECT p.promulgated_at, p.id FROM edition p WHERE p.id = :after)', { after: args.after });
    }
    return qb.orderBy('e.promulgated_at', 'DESC').addOrderBy('e.id', 'DESC').limit(first).getMany();
  }

  ofStandards(standardIds: readonly string[]): Promise<EditionEntity[]> {
    return this.dataSource.getRepository(EditionEntity).find({ where: { standardId: In([...standardIds]) }, order: { number: 'ASC', versionNumber: 'ASC' } });
  }

  /** Standards of editions, shown with the edition even to readers who may not see the drafts. */
  standardsByIds(ids: readonly string[]): Promise<StandardEntity[]> {
    return this.dataSource.getRepository(StandardEntity).findBy({ id: In([...ids]) });
  }

  private visible(caller: Caller | null) {
    return this.dataSource
      .getRepository(EditionEntity)
      .createQueryBuilder('e')
      .innerJoin(StandardEntity, 's', 's.id = e.standard_id')
      .where('s.visibility IN (:...visible)', { visible: editionVisibility(caller) });
  }

  /** The stage of each version: a correction when an edition Version 2+ holds it, a ratification draft when a ballot did, else a study draft. */
  async versionStages(versionIds: readonly string[]): Promise<{ id: string; stage: VersionStage }[]> {
    return this.dataSource.query(
      `SELECT v.id, CASE WHEN EXISTS (SELECT 1 FROM edition e WHERE e.version_id = v.id AND e.version_number > 1) THEN 'CORRECTION'
                         WHEN EXISTS (SELECT 1 FROM ballot b WHERE b.version_id = v.id) THEN 'RATIFICATION_DRAFT'
                         ELSE 'STUDY_DRAFT' END AS stage
         FROM unnest($1::uuid[]) AS v(id)`,
      [versionIds],
    );
  }

  // ── for the public pages ──

  /** The standard behind a page's designation slug, when the reader may see its editions. */
  async standardBySlug(caller: Caller | null, slug: string): Promise<StandardEntity | null> {
    const standard = await this.dataSource
      .getRepository(StandardEntity)
      .createQueryBuilder('s')
      .where(`s.slug = ${slugSql(':slug')}`, { slug: designationSlug(slug) })
      .andWhere('s.visibility IN (:...visible)', { visible: editionVisibility(caller) })
      .getOne();
    return standard ?? null;
  }

  /** Editions in force of every standard the reader may see, by designation. */
  async inForce(caller: Caller | null): Promise<{ edition: EditionEntity; standard: StandardEntity }[]> {
    const editions = await this.visible(caller).andWhere(`e.status = 'IN_FORCE'`).getMany();
    const standards = new Map((await this.standardsByIds(editions.map((e) => e.standardId))).map((s) => [s.id, s]));
    return editions
      .map((edition) => ({ edition, standard: standards.get(edition.standardId)! }))
      .sort((a, b) => a.standard.designation.localeCompare(b.standard.designation));
  }

  markdown(edition: EditionEntity): Promise<string> {
    return this.versions.text(edition.versionId);
  }

  // ── EditionInForce, for conformance ──

  versionInForceSql(standardId: string): string {
    // One edition in force per standard at most (index edition_one_in_force).
    return `(SELECT e.version_id FROM edition e WHERE e.standard_id = ${standardId} AND e.status = 'IN_FORCE')`;
  }

  async versionsInForce(standardIds: readonly string[], m: EntityManager): Promise<Map<string, string>> {
    const rows: { standard_id: string; version_id: string }[] = await m.query(
      `SELECT standard_id, version_id FROM edition WHERE standard_id = ANY($1::uuid[]) AND status = 'IN_FORCE'`,
      [standardIds],
    );
    return new Map(rows.map((r) => [r.standard_id, r.version_id]));
  }

  editionLabelSql(versionId: string): string {
    return `(SELECT e.label FROM edition e WHERE e.version_id = ${versionId} LIMIT 1)`;
  }
}
