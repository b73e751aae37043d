import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller, hasRole, Role } from '../common/caller';
import { Clock } from '../common/clock';
import { badInput, conflict, forbidden, invalidState, notFound } from '../common/errors';
import { MissionArea } from '../common/mission-area';
import { paginate } from '../common/pagination';
import { DigestItem, NeedsDigestSource } from '../notifications/digest.service';
import { NotificationKind } from '../notifications/notification-kind';
import { NotificationsService } from '../notifications/notifications.service';
import { NeedLinks } from '../standards/need-links';
import { StandardEntity, StandardStatus } from '../standards/standard.entity';
import { visibleTo } from '../standards/visibility';
import { NeedLifecycle } from './need-lifecycle';
import { NeedEntity, NeedField, NeedPriority, NeedStatus, NeedVisibility, needReference } from './need.entity';
import { needReaderRoles, needVisibilitiesFor } from './visibility';

export enum NeedSort {
  SUPPORT = 'SUPPORT',
  NEWEST = 'NEWEST',
  PRIORITY = 'PRIORITY',
}

export interface NeedFilter {
  status?: NeedStatus | null;
  missionArea?: MissionArea | null;
  priority?: NeedPriority | null;
  visibility?: NeedVisibility | null;
  text?: string | null;
}

export interface RaiseNeedCommand {
  title: string;
  statement: string;
  missionArea: MissionArea;
  priority: NeedPriority;
  visibility: NeedVisibility;
  sharingNationCodes?: string[] | null;
}

export interface AmendNeedCommand {
  needId: string;
  expectedRevision: number;
  title?: string | null;
  statement?: string | null;
  missionArea?: MissionArea | null;
  priority?: NeedPriority | null;
  reason?: string | null;
}

/** One amendment as the API shows it. */
export interface NeedRevisionRow {
  needId: string;
  number: number;
  changes: { field: NeedField; before: string; after: string }[];
  reason: string | null;
  amendedById: string;
  amendedAt: Date;
}

/** What an amendment may change, in the order a revision lists it: the entity's property and need_revision's column prefix. */
const AMENDABLE: { field: NeedField; property: 'title' | 'statement' | 'missionArea' | 'priority'; column: string; words: string }[] = [
  { field: NeedField.TITLE, property: 'title', column: 'title', words: 'title' },
  { field: NeedField.STATEMENT, property: 'statement', column: 'statement', words: 'statement' },
  { field: NeedField.MISSION_AREA, property: 'missionArea', column: 'mission_area', words: 'mission area' },
  { field: NeedField.PRIORITY, property: 'priority', column: 'priority', words: 'priority' },
];

/** Why a need in this state is never amended (the message of INVALID_STATE). */
const NEVER_AMENDED: Partial<Record<NeedStatus, string>> = {
  ADDRESSED: 'the standards linked to it answer it as it stands, so it is no longer amended',
  CLOSED: 'it is kept for the record as it was closed, so it is never amended',
  REJECTED: 'it is kept as it was rejected, so it is never amended; raise a new need instead',
};

/** raiseNeed's and amendNeed's check of the text, beyond the input's lengths: the same messages for both. */
function checkText(title: string | undefined, statement: string | undefined): void {
  if (title !== undefined && !title) throw badInput('title', 'title must not be blank.');
  if (statement !== undefined && !statement) throw badInput('statement', 'statement must say what the Alliance needs.');
}

const PRIORITY_RANK: Record<NeedPriority, number> = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };
const PRIORITY_SQL = `(CASE n.priority WHEN 'CRITICAL' THEN 4 WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END)`;
/** Needs that still take standards: a proposal or the secretariat may link them. */
const LINKABLE = [NeedStatus.RAISED, NeedStatus.ACCEPTED, NeedStatus.ADDRESSED];
const MAX_LINKS = 20;

@Injectable()
export class NeedsService implements NeedLinks, NeedsDigestSource {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: NeedLifecycle,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
  ) {
    // Only those who may read a need follow it.
    notifications.defineVisibilityCheck('need', (caller, id) => this.requireVisible(caller, id).then(() => true, () => false));
  }

  /** The need, or NOT_FOUND when it does not exist or the caller may not see it. */
  async requireVisible(caller: Caller | null, id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<NeedEntity> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('need', id);
    const need = await m.findOne(NeedEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!need || !needVisibilitiesFor(caller).includes(need.visibility)) throw notFound('need', id);
    return need;
  }

  async byIds(caller: Caller | null, ids: readonly string[]): Promise<NeedEntity[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(NeedEntity).findBy({ id: In([...ids]) });
    return rows.filter((n) => needVisibilitiesFor(caller).includes(n.visibility));
  }

  list(caller: Caller | null, args: { filter?: NeedFilter | null; sort?: NeedSort | null; first?: number | null; after?: string | null }) {
    const qb = this.dataSource
      .getRepository(NeedEntity)
      .createQueryBuilder('n')
      .where('n.visibility IN (:...visible)', { visible: needVisibilitiesFor(caller) });
    const f = args.filter ?? {};
    if (f.status) qb.andWhere('n.status = :status', { status: f.status });
    if (f.missionArea) qb.andWhere('n.missionArea = :area', { area: f.missionArea });
    if (f.priority) qb.andWhere('n.priority = :priority', { priority: f.priority });
    if (f.visibility) qb.andWhere('n.visibility = :visibility', { visibility: f.visibility });
    const text = f.text?.trim();
    if (text) {
      qb.andWhere(`(n.search @@ websearch_to_tsquery('english', :text) OR n.title ILIKE :like OR n.statement ILIKE :like)`, {
        text, like: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    switch (args.sort ?? NeedSort.SUPPORT) {
      case NeedSort.SUPPORT:
        // Most supported first, then the newest of equal support.
        return paginate(qb, args, { columns: ['n.supportCount', 'n.number'], values: (n) => [n.supportCount, n.number], direction: 'DESC' });
      case NeedSort.PRIORITY:
        return paginate(qb, args, { columns: [PRIORITY_SQL, 'n.supportCount', 'n.number'], values: (n) => [PRIORITY_RANK[n.priority], n.supportCount, n.number], direction: 'DESC' });
      case NeedSort.NEWEST:
        return paginate(qb, args, { columns: ['n.number'], values: (n) => [n.number], direction: 'DESC' });
    }
  }

  async raise(caller: Caller, input: RaiseNeedCommand): Promise<NeedEntity> {
    const title = input.title.trim();
    const statement = input.statement.trim();
    checkText(title, statement);
    // A nation's expert or delegate raises for their nation; the secretariat raises for the Alliance.
    const nation = hasRole(caller, Role.EXPERT, Role.DELEGATE) ? caller.nationCode : null;
    if (!nation && !hasRole(caller, Role.SECRETARIAT)) throw forbidden('Only an expert or delegate of a nation, or the secretariat, may raise a need.');
    const sharing = [...new Set([...(input.sharingNationCodes ?? []).map((c) => c.trim().toUpperCase()), ...(nation ? [nation] : [])])].sort();
    return this.dataSource.transaction(async (m) => {
      if (sharing.length) {
        const known: { code: string }[] = await m.query(`SELECT code FROM nation WHERE code = ANY($1::text[])`, [sharing]);
        const unknown = sharing.filter((c) => !known.some((k) => k.code === c));
        if (unknown.length) throw badInput('sharingNationCodes', `Unknown nation codes: ${unknown.join(', ')}.`, { unknown });
      }
      const [{ id }] = await m.query(
        `INSERT INTO interoperability_need (title, statement, mission_area, priority, visibility, raised_by, raised_by_nation, status_changed_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, ${this.clock.now()}, ${this.clock.now()}, ${this.clock.now()}) RETURNING id`,
        [title, statement, input.missionArea, input.priority, input.visibility, caller.id, nation],
      );
      if (sharing.length) {
        await m.query(`INSERT INTO interoperability_need_nation (need_id, nation_code) SELECT $1, unnest($2::text[])`, [id, sharing]);
      }
      await m.query(`INSERT INTO need_transition (need_id, from_status, to_status, actor_id, at) VALUES ($1, NULL, 'RAISED', $2, ${this.clock.now()})`, [id, caller.id]);
      // The raising nation supports its own need.
      if (nation) await m.query(`INSERT INTO need_support (need_id, nation_code, supported_by, supported_at) VALUES ($1, $2, $3, ${this.clock.now()})`, [id, nation, caller.id]);
      const need = await m.findOneByOrFail(NeedEntity, { id });
      await this.audit.record(m, caller, {
        action: 'need.raised', entityType: 'InteroperabilityNeed', entityId: id,
        detail: `${needReference(need)} "${title}" raised by ${nation ?? 'the secretariat'} (${input.missionArea}, ${input.priority}, ${input.visibility})` +
          (sharing.length ? `; shared by ${sharing.join(', ')}` : ''),
      });
      return need;
    });
  }

  /**
   * Amends a need's title, statement, mission area or priority. While RAISED:
   * the person who raised it, a DELEGATE of the raising nation, or the
   * SECRETARIAT; once ACCEPTED: the SECRETARIAT only, with a reason; never an
   * ADDRESSED, CLOSED or REJECTED need. The row lock orders concurrent
   * amendments, and the UPDATE names the revision the author saw, so of two
   * amendments of the same revision exactly one lands and the other is a
   * CONFLICT. The revision row, the audit record and the notifications of the
   * supporting nations commit with the change or not at all.
   */
  async amend(caller: Caller, input: AmendNeedCommand): Promise<NeedEntity> {
    const proposed: Partial<Record<(typeof AMENDABLE)[number]['property'], string>> = {
      title: input.title?.trim(), statement: input.statement?.trim(), missionArea: input.missionArea ?? undefined, priority: input.priority ?? undefined,
    };
    checkText(proposed.title, proposed.statement);
    const reason = input.reason?.trim() || null;
    return this.dataSource.transaction(async (m) => {
      const need = await this.requireVisible(caller, input.needId, m, true);
      this.requireAmendable(caller, need, reason);
      if (need.revision !== input.expectedRevision) {
        throw conflict(
          `${needReference(need)} was amended meanwhile: it is at revision ${need.revision}, and you amended revision ${input.expectedRevision}. Reload it, read the change, and amend again.`,
          { revision: need.revision },
        );
      }
      const changed = AMENDABLE.filter((f) => proposed[f.property] !== undefined && proposed[f.property] !== need[f.property]);
      if (!changed.length) throw badInput('input', `nothing to change: the fields given are what ${needReference(need)} says already.`);
      const after = { ...need, ...Object.fromEntries(changed.map((f) => [f.property, proposed[f.property]])) };
      const number = need.revision + 1;
      const [, touched] = await m.query(
        `UPDATE interoperability_need SET title = $3, statement = $4, mission_area = $5, priority = $6, revision = $2 + 1, updated_at = ${this.clock.now()}
          WHERE id = $1 AND revision = $2`,
        [need.id, need.revision, after.title, after.statement, after.missionArea, after.priority],
      );
      // Under the row lock this always touches the row; the condition keeps the rule in the database too.
      if (touched !== 1) throw conflict(`${needReference(need)} was amended meanwhile: reload it and amend again.`);
      const values = (side: 'before' | 'after') => AMENDABLE.map((f) => (changed.includes(f) ? (side === 'before' ? need : after)[f.property] : null));
      await m.query(
        `INSERT INTO need_revision (need_id, number, ${AMENDABLE.map((f) => `${f.column}_before`).join(', ')}, ${AMENDABLE.map((f) => `${f.column}_after`).join(', ')},
                                    reason, amended_by, amended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, ${this.clock.now()})`,
        [need.id, number, ...values('before'), ...values('after'), reason, caller.id],
      );
      const fields = changed.map((f) => f.words).join(', ');
      await this.audit.record(m, caller, {
        action: 'need.amended', entityType: 'InteroperabilityNeed', entityId: need.id,
        detail: `${needReference(need)} amended to revision ${number} (${fields})${reason ? `: ${reason}` : ''}`,
      });
      // The nations that support it hear of it, so they may withdraw their support (the amender's own
      // nation knows), and so do the need's followers who may read it, as when it is addressed.
      const supporters: { code: string }[] = await m.query(`SELECT nation_code AS code FROM need_support WHERE need_id = $1 AND nation_code IS DISTINCT FROM $2`, [need.id, caller.nationCode]);
      await this.notifications.notify(m, {
        kind: NotificationKind.NEED_AMENDED, key: `NEED_AMENDED:${need.id}:${number}`, subjectType: 'InteroperabilityNeed', subjectId: need.id, needId: need.id,
        title: `${needReference(need)} amended`,
        body: `${needReference(need)}, "${after.title}", was amended (revision ${number}): its ${fields} changed${reason ? `, because: ${reason}` : ''}. ` +
          'A nation that supports it can withdraw its support if the change no longer suits it.',
        link: `/app/needs/${need.id}`,
        to: { nations: supporters.map((r) => r.code), subscriberRoles: needReaderRoles(need.visibility) },
      });
      return m.findOneByOrFail(NeedEntity, { id: need.id });
    });
  }

  /** The rule of amendNeed, on the locked need. */
  private requireAmendable(caller: Caller, need: NeedEntity, reason: string | null): void {
    const ref = needReference(need);
    if (need.status === NeedStatus.RAISED) {
      const raiser = need.raisedById === caller.id;
      const nationDelegate = hasRole(caller, Role.DELEGATE) && !!need.raisedByNation && caller.nationCode === need.raisedByNation;
      if (!raiser && !nationDelegate && !hasRole(caller, Role.SECRETARIAT)) {
        throw forbidden(`While ${ref} is RAISED, only the person who raised it, a delegate of ${need.raisedByNation ?? 'the raising nation'} or the secretariat may amend it.`);
      }
      return;
    }
    if (need.status === NeedStatus.ACCEPTED) {
      if (!hasRole(caller, Role.SECRETARIAT)) throw forbidden(`${ref} is ACCEPTED (in the work programme): only the secretariat may amend it now.`);
      if (!reason) throw badInput('reason', `${ref} is ACCEPTED: say why it is amended (reason).`);
      return;
    }
    throw invalidState(`${ref} is ${need.status}: ${NEVER_AMENDED[need.status]}.`, { status: need.status });
  }

  /** The caller's nation supports the need, once; a second support by the same nation is a CONFLICT, even when both arrive together. */
  async support(caller: Caller, needId: string): Promise<NeedEntity> {
    const nation = this.supportingNation(caller);
    return this.dataSource.transaction(async (m) => {
      // The row lock orders supports after a concurrent decision (a need rejected meanwhile takes no support).
      const need = await this.requireVisible(caller, needId, m, true);
      this.requireOpen(need, 'supported');
      // The primary key (need, nation) settles two supports at once: the second finds the first's row and inserts nothing.
      const inserted = await m.query(
        `INSERT INTO need_support (need_id, nation_code, supported_by, supported_at) VALUES ($1, $2, $3, ${this.clock.now()})
         ON CONFLICT (need_id, nation_code) DO NOTHING RETURNING nation_code`,
        [need.id, nation, caller.id],
      );
      if (!inserted.length) throw conflict(`${nation} supports ${needReference(need)} already.`, { nationCode: nation });
      await this.audit.record(m, caller, {
        action: 'need.supported', entityType: 'InteroperabilityNeed', entityId: need.id, detail: `${nation} supports ${needReference(need)}`,
      });
      return m.findOneByOrFail(NeedEntity, { id: need.id });
    });
  }

  async withdrawSupport(caller: Caller, needId: string): Promise<NeedEntity> {
    const nation = this.supportingNation(caller);
    return this.dataSource.transaction(async (m) => {
      const need = await this.requireVisible(caller, needId, m, true);
      this.requireOpen(need, 'supported');
      const [, removed] = await m.query(`DELETE FROM need_support WHERE need_id = $1 AND nation_code = $2`, [need.id, nation]);
      if (!removed) throw notFound(`support of ${nation} for this need`, need.id);
      await this.audit.record(m, caller, {
        action: 'need.support_withdrawn', entityType: 'InteroperabilityNeed', entityId: need.id, detail: `${nation} no longer supports ${needReference(need)}`,
      });
      return m.findOneByOrFail(NeedEntity, { id: need.id });
    });
  }

  /** A need accepted when a standard linked to it is promulgated already is addressed by it at once. */
  async accept(caller: Caller, needId: string): Promise<NeedEntity> {
    return this.dataSource.transaction(async (m) => {
      const need = await this.requireVisible(caller, needId, m);
      await this.lifecycle.transition(m, caller, need.id, 'ACCEPT');
      const promulgated: { designation: string }[] = await m.query(
        `SELECT s.designation FROM need_standard l JOIN standard s ON s.id = l.standard_id WHERE l.need_id = $1 AND s.status = 'PROMULGATED' ORDER BY s.designation`,
        [need.id],
      );
      if (promulgated.length) await this.address(m, caller, need.id, `by ${promulgated.map((p) => p.designation).join(', ')}, promulgated`);
      return m.findOneByOrFail(NeedEntity, { id: need.id });
    });
  }

  reject(caller: Caller, needId: string, reason: string) {
    if (!reason.trim()) throw badInput('reason', 'reason must say why the need is rejected.');
    return this.move(caller, needId, 'REJECT', reason.trim());
  }

  close(caller: Caller, needId: string) {
    return this.move(caller, needId, 'CLOSE');
  }

  /** The secretariat marks an ACCEPTED need addressed by the standards linked to it (at least one). */
  async markAddressed(caller: Caller, needId: string): Promise<NeedEntity> {
    return this.dataSource.transaction(async (m) => {
      const need = await this.requireVisible(caller, needId, m, true);
      const linked: { designation: string }[] = await m.query(
        `SELECT s.designation FROM need_standard l JOIN standard s ON s.id = l.standard_id WHERE l.need_id = $1 ORDER BY s.designation`, [need.id],
      );
      if (!linked.length) throw invalidState(`${needReference(need)} has no standard linked: link the standard that addresses it first.`, { status: need.status });
      await this.address(m, caller, need.id, `by ${linked.map((l) => l.designation).join(', ')} (marked by the secretariat)`);
      return m.findOneByOrFail(NeedEntity, { id: need.id });
    });
  }

  /** The secretariat links a standard that addresses the need; a PROMULGATED standard addresses an ACCEPTED need at once. */
  async linkStandard(caller: Caller, needId: string, standardId: string): Promise<NeedEntity> {
    return this.dataSource.transaction(async (m) => {
      const need = await this.requireVisible(caller, needId, m, true);
      const standard = await this.requireStandard(m, caller, standardId);
      if (!LINKABLE.includes(need.status)) throw invalidState(`${needReference(need)} is ${need.status}; standards are linked to RAISED, ACCEPTED or ADDRESSED needs.`, { status: need.status });
      await this.insertLink(m, caller, need, standard);
      if (need.status === NeedStatus.ACCEPTED && standard.status === StandardStatus.PROMULGATED) {
        await this.address(m, caller, need.id, `by ${standard.designation}, promulgated`);
      }
      return m.findOneByOrFail(NeedEntity, { id: need.id });
    });
  }

  async unlinkStandard(caller: Caller, needId: string, standardId: string): Promise<NeedEntity> {
    return this.dataSource.transaction(async (m) => {
      const need = await this.requireVisible(caller, needId, m, true);
      const standard = await this.requireStandard(m, caller, standardId);
      if (need.status === NeedStatus.CLOSED || need.status === NeedStatus.REJECTED) {
        throw invalidState(`${needReference(need)} is ${need.status}; its links are kept for the record.`, { status: need.status });
      }
      const linked: { standard_id: string }[] = await m.query(`SELECT standard_id FROM need_standard WHERE need_id = $1`, [need.id]);
      if (!linked.some((l) => l.standard_id === standard.id)) throw notFound(`link of ${standard.designation} to this need`, need.id);
      if (need.status === NeedStatus.ADDRESSED && linked.length === 1) {
        throw invalidState(`${needReference(need)} is ADDRESSED by ${standard.designation} alone; link its replacement first.`, { status: need.status });
      }
      await m.query(`DELETE FROM need_standard WHERE need_id = $1 AND standard_id = $2`, [need.id, standard.id]);
      await this.audit.record(m, caller, {
        action: 'need.standard_unlinked', entityType: 'InteroperabilityNeed', entityId: need.id,
        detail: `${standard.designation} no longer linked to ${needReference(need)}`,
      });
      return m.findOneByOrFail(NeedEntity, { id: need.id });
    });
  }

  /** NeedLinks, for proposeStandard: written in the proposal's transaction. */
  async linkProposal(m: EntityManager, caller: Caller, standardId: string, needIds: string[]): Promise<void> {
    const ids = [...new Set(needIds)];
    if (ids.length > MAX_LINKS) throw badInput('needIds', `A proposal names at most ${MAX_LINKS} needs.`);
    const standard = await m.findOneByOrFail(StandardEntity, { id: standardId });
    for (const id of ids.sort()) {
      const need = await this.requireVisible(caller, id, m, true);
      if (need.status !== NeedStatus.RAISED && need.status !== NeedStatus.ACCEPTED) {
        throw invalidState(`${needReference(need)} is ${need.status}; a proposal addresses RAISED or ACCEPTED needs.`, { status: need.status, needId: need.id });
      }
      await this.insertLink(m, caller, need, standard);
    }
  }

  /** Publishing tells us, in its transaction, that a standard was promulgated: the ACCEPTED needs it is linked to are addressed. */
  async standardPromulgated(m: EntityManager, caller: Caller | null, standardId: string, label: string): Promise<void> {
    const needs: { id: string }[] = await m.query(
      `SELECT n.id FROM interoperability_need n JOIN need_standard l ON l.need_id = n.id
        WHERE l.standard_id = $1 AND n.status = 'ACCEPTED' ORDER BY n.id FOR UPDATE OF n`,
      [standardId],
    );
    for (const n of needs) await this.address(m, caller, n.id, `by ${label}`);
  }

  /**
   * The one place a need becomes ADDRESSED (from publishing, a link to a
   * promulgated standard, or the secretariat's mark). Whatever must follow an
   * addressed need (telling the nations that support it) hooks in here.
   */
  private async address(m: EntityManager, caller: Caller | null, needId: string, why: string): Promise<void> {
    await this.lifecycle.transition(m, caller, needId, 'ADDRESS', why);
    // Told in the same transaction: whoever raised it, the nations that support it, and its followers who may read it.
    const need = await m.findOneByOrFail(NeedEntity, { id: needId });
    const supporters: { code: string }[] = await m.query(`SELECT nation_code AS code FROM need_support WHERE need_id = $1`, [needId]);
    await this.notifications.notify(m, {
      kind: NotificationKind.NEED_ADDRESSED, key: `NEED_ADDRESSED:${needId}`, subjectType: 'InteroperabilityNeed', subjectId: needId,
      needId, missionArea: need.missionArea,
      title: `${needReference(need)} addressed`,
      body: `${needReference(need)}, "${need.title}", is addressed ${why}.`,
      link: `/app/needs/${needId}`,
      to: { userIds: [need.raisedById], nations: supporters.map((s) => s.code), subscriberRoles: needReaderRoles(need.visibility) },
    });
  }

  /** The weekly digest's needs: PUBLIC needs raised since a time and not rejected. */
  async newPublicNeeds(m: EntityManager, since: Date): Promise<DigestItem[]> {
    const rows: { number: number; title: string }[] = await m.query(
      `SELECT number, title FROM interoperability_need
        WHERE visibility = 'PUBLIC' AND status <> 'REJECTED' AND created_at >= $1 ORDER BY number`,
      [since],
    );
    return rows.map((r) => ({ title: `${needReference(r)}: ${r.title}`, link: this.notifications.url(`/needs/${needReference(r)}`) }));
  }

  /** Existing needs that look like a proposal: trigram similarity of titles and full-text match of title and statement. */
  async similar(caller: Caller, text: { title: string; scope: string }, first = 5): Promise<{ need: NeedEntity; score: number }[]> {
    if (!Number.isInteger(first) || first < 1 || first > 20) throw badInput('first', 'first must be between 1 and 20.');
    const rows: { id: string; score: number }[] = await this.dataSource.query(
      `WITH q AS (SELECT nullif(replace(plainto_tsquery('english', $2 || ' ' || $3)::text, '&', '|'), '')::tsquery AS words)
       SELECT n.id, round((0.6 * similarity(n.title, $2) + 0.4 * coalesce(ts_rank(n.search, q.words, 32), 0))::numeric, 3)::float AS score
         FROM interoperability_need n, q
        WHERE n.visibility = ANY($1::text[])
          AND (n.title % $2 OR (q.words IS NOT NULL AND n.search @@ q.words))
        ORDER BY score DESC, n.number DESC
        LIMIT $4`,
      [needVisibilitiesFor(caller), text.title, text.scope, first],
    );
    const needs = new Map((await this.byIds(caller, rows.map((r) => r.id))).map((n) => [n.id, n]));
    return rows.filter((r) => needs.has(r.id)).map((r) => ({ need: needs.get(r.id)!, score: Number(r.score) }));
  }

  // Loaders' batch functions.

  sharingNations(needIds: readonly string[]): Promise<{ needId: string; code: string }[]> {
    return this.dataSource.query(`SELECT need_id AS "needId", nation_code AS code FROM interoperability_need_nation WHERE need_id = ANY($1::uuid[]) ORDER BY nation_code`, [needIds]);
  }

  supports(needIds: readonly string[]): Promise<{ needId: string; code: string; supportedAt: Date }[]> {
    return this.dataSource.query(
      `SELECT need_id AS "needId", nation_code AS code, supported_at AS "supportedAt" FROM need_support WHERE need_id = ANY($1::uuid[]) ORDER BY supported_at, nation_code`,
      [needIds],
    );
  }

  links(by: 'need' | 'standard', ids: readonly string[]): Promise<{ needId: string; standardId: string }[]> {
    return this.dataSource.query(
      `SELECT need_id AS "needId", standard_id AS "standardId" FROM need_standard WHERE ${by === 'need' ? 'need_id' : 'standard_id'} = ANY($1::uuid[]) ORDER BY linked_at, need_id, standard_id`,
      [ids],
    );
  }

  history(needIds: readonly string[]) {
    return this.dataSource.query(
      `SELECT need_id AS "needId", from_status AS "from", to_status AS "to", reason, actor_id AS "actorId", at FROM need_transition WHERE need_id = ANY($1::uuid[]) ORDER BY id`,
      [needIds],
    ) as Promise<{ needId: string; from: NeedStatus | null; to: NeedStatus; reason: string | null; actorId: string | null; at: Date }[]>;
  }

  /** Loaders' batch: the needs' revisions, oldest first, with the fields each changed. */
  async revisions(needIds: readonly string[]): Promise<NeedRevisionRow[]> {
    const rows: Record<string, string | number | Date | null>[] = await this.dataSource.query(
      `SELECT * FROM need_revision WHERE need_id = ANY($1::uuid[]) ORDER BY need_id, number`,
      [needIds],
    );
    return rows.map((r) => ({
      needId: r.need_id as string,
      number: r.number as number,
      changes: AMENDABLE.filter((f) => r[`${f.column}_after`] !== null).map((f) => ({ field: f.field, before: r[`${f.column}_before`] as string, after: r[`${f.column}_after`] as string })),
      reason: r.reason as string | null,
      amendedById: r.amended_by as string,
      amendedAt: r.amended_at as Date,
    }));
  }

  /** The front door: needs the reader may see that are not rejected, most supported first. */
  async published(caller: Caller | null, limit = 200): Promise<NeedEntity[]> {
    return this.dataSource
      .getRepository(NeedEntity)
      .createQueryBuilder('n')
      .where('n.visibility IN (:...visible)', { visible: needVisibilitiesFor(caller).filter((v) => v !== NeedVisibility.NATIONS) })
      .andWhere(`n.status <> 'REJECTED'`)
      .orderBy('n.supportCount', 'DESC')
      .addOrderBy('n.number', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** The products with claims on these standards, with their count of CONFORMANT provisions; the caller filters who may see names. */
  claimingProducts(standardIds: readonly string[]): Promise<ClaimingProduct[]> {
    if (!standardIds.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT c.standard_id AS "standardId", p.organization_id AS "organizationId", p.name, p.product_version AS "productVersion", o.name AS organization,
              o.public_listing AS "publicListing", count(*) FILTER (WHERE c.level = 'CONFORMANT')::int AS conformant
         FROM conformance_claim c JOIN product p ON p.id = c.product_id JOIN organization o ON o.id = p.organization_id
        WHERE c.standard_id = ANY($1::uuid[])
        GROUP BY c.standard_id, p.id, o.name, o.public_listing ORDER BY o.name, p.name, p.product_version`,
      [standardIds],
    );
  }

  async byNumber(caller: Caller | null, number: number): Promise<NeedEntity | null> {
    const need = await this.dataSource.getRepository(NeedEntity).findOneBy({ number });
    return need && needVisibilitiesFor(caller).includes(need.visibility) ? need : null;
  }

  private async move(caller: Caller, needId: string, event: 'REJECT' | 'CLOSE', reason?: string): Promise<NeedEntity> {
    return this.dataSource.transaction(async (m) => {
      const need = await this.requireVisible(caller, needId, m);
      await this.lifecycle.transition(m, caller, need.id, event, reason);
      return m.findOneByOrFail(NeedEntity, { id: need.id });
    });
  }

  private supportingNation(caller: Caller): string {
    if (!hasRole(caller, Role.EXPERT, Role.DELEGATE) || !caller.nationCode) throw forbidden('Only an expert or delegate supports a need, for their nation.');
    return caller.nationCode;
  }

  private requireOpen(need: NeedEntity, what: string) {
    if (need.status !== NeedStatus.RAISED && need.status !== NeedStatus.ACCEPTED) {
      throw invalidState(`${needReference(need)} is ${need.status}; only RAISED or ACCEPTED needs are ${what}.`, { status: need.status });
    }
  }

  private async requireStandard(m: EntityManager, caller: Caller, standardId: string): Promise<StandardEntity> {
    const standard = /^[0-9a-f-]{36}$/i.test(standardId) ? await m.findOneBy(StandardEntity, { id: standardId }) : null;
    if (!standard || !visibleTo(caller).includes(standard.visibility)) throw notFound('standard', standardId);
    return standard;
  }

  private async insertLink(m: EntityManager, caller: Caller, need: NeedEntity, standard: StandardEntity) {
    if (standard.status === StandardStatus.CANCELLED) throw invalidState(`${standard.designation} is CANCELLED and addresses no need.`, { status: standard.status });
    const inserted = await m.query(
      `INSERT INTO need_standard (need_id, standard_id, linked_by, linked_at) VALUES ($1, $2, $3, ${this.clock.now()}) ON CONFLICT DO NOTHING RETURNING need_id`,
      [need.id, standard.id, caller.id],
    );
    if (!inserted.length) throw conflict(`${standard.designation} is linked to ${needReference(need)} already.`);
    await this.audit.record(m, caller, {
      action: 'need.standard_linked', entityType: 'InteroperabilityNeed', entityId: need.id,
      detail: `${standard.designation} addresses ${needReference(need)}`,
    });
  }
}

/** What the front door shows of the products claiming a standard: named for readers who may see them, counted for all. */
export interface ClaimingProduct {
  standardId: string;
  organizationId: string;
  name: string;
  productVersion: string;
  organization: string;
  /** The provider agreed to be listed in public. */
  publicListing: boolean;
  conformant: number;
}
