import { NotificationsService, readersOf } from '../notifications/notifications.service';
import { NotificationKind } from '../notifications/notification-kind';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller, hasRole, Role } from '../common/caller';
import { badInput, conflict, DomainError, ErrorCode, forbidden, invalidState, notFound } from '../common/errors';
import { keyset, Page, pageOf } from '../common/pagination';
import { DUPLICATION_GATE, DuplicationGate } from './duplication-gate';
import { NEED_LINKS, NeedLinks } from './need-links';
import { StandardLifecycle } from './standard-lifecycle';
import { slugSql, StandardEditorEntity, StandardEntity, StandardStatus, Visibility } from './standard.entity';
import { visibleTo } from './visibility';
import { entitiesFromJson, entityColumns, entityJson, findPlain, readPrepared } from '../database/plain-rows';
import { StandardVersionEntity } from './standard-version.entity';

export interface StandardListFilter {
  status?: StandardStatus;
  text?: string;
  visibility?: Visibility;
  nationCode?: string;
  mine?: boolean;
}

export interface ProposeInput {
  designation: string;
  title: string;
  scope: string;
  visibility: Visibility;
  overlapJustification?: string;
  stanag?: string | null;
  needIds?: string[] | null;
}

/** The alias of the page's current-version column. */
const CURRENT = 'currentVersionRow';

/** A standard as a list page reads it: the row, with its current version (null: none yet) for Standard.currentVersion. */
export type StandardRow = StandardEntity & { currentVersion?: StandardVersionEntity | null };

@Injectable()
export class StandardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: StandardLifecycle,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    @Optional() @Inject(DUPLICATION_GATE) private readonly duplication?: DuplicationGate,
    @Optional() @Inject(NEED_LINKS) private readonly needLinks?: NeedLinks,
  ) {
    // Only those who may read a standard follow it.
    notifications.defineVisibilityCheck('standard', (caller, id) => this.requireVisible(caller, id).then(() => true, () => false));
  }

  /** The standard, or NOT_FOUND when it does not exist or the caller may not see it. */
  async requireVisible(caller: Caller | null, id: string, m: EntityManager = this.dataSource.manager): Promise<StandardEntity> {
    const [standard] = await findPlain(m, StandardEntity, 't.id = $1', [id], async () => [await m.findOneBy(StandardEntity, { id })].filter((s) => s !== null));
    if (!standard || !visibleTo(caller).includes(standard.visibility)) throw notFound('standard', id);
    return standard;
  }

  /** Locks the row for the rest of the caller's transaction: writers of one standard take turns. */
  async lockVisible(caller: Caller | null, id: string, m: EntityManager): Promise<StandardEntity> {
    await m.query(`SELECT 1 FROM standard WHERE id = $1 FOR UPDATE`, [id]);
    return this.requireVisible(caller, id, m);
  }

  async find(caller: Caller, args: { id?: string | null; designation?: string | null }): Promise<StandardEntity> {
    if (args.id) return this.requireVisible(caller, args.id);
    if (!args.designation) throw badInput('id', 'Give an id or a designation.');
    const standard = await this.dataSource
      .getRepository(StandardEntity)
      .createQueryBuilder('s')
      .where('lower(s.designation) = lower(:d)', { d: args.designation.trim() })
      .getOne();
    if (!standard || !visibleTo(caller).includes(standard.visibility)) {
      throw new DomainError(ErrorCode.NOT_FOUND, `No standard with designation ${args.designation}.`);
    }
    return standard;
  }

  async byIds(caller: Caller | null, ids: readonly string[]): Promise<StandardEntity[]> {
    const rows = await findPlain(this.dataSource.manager, StandardEntity, 't.id = ANY($1::uuid[])', [ids], () => this.dataSource.getRepository(StandardEntity).findBy({ id: In([...ids]) }));
    return rows.filter((s) => visibleTo(caller).includes(s.visibility));
  }

  /**
   * A page of the standards the caller may read, in designation order, each
   * with its current version (the list shows it): one prepared statement,
   * read into plain rows with `currentVersion` on them for
   * Standard.currentVersion.
   */
  async list(caller: Caller, args: { filter?: StandardListFilter | null; first?: number | null; after?: string | null }): Promise<Page<StandardRow>> {
    const ds = this.dataSource;
    const where = ['s.visibility = ANY($1::text[])'];
    const params: unknown[] = [visibleTo(caller)];
    const param = (value: unknown) => `$${params.push(value)}`;
    const f = args.filter ?? {};
    if (f.status) where.push(`s.status = ${param(f.status)}`);
    if (f.visibility) where.push(`s.visibility = ${param(f.visibility)}`);
    if (f.nationCode) where.push(`s.proposer_id IN (SELECT u.id FROM app_user u WHERE u.nation_code = ${param(f.nationCode.toUpperCase())})`);
    if (f.mine) where.push(`s.id IN (SELECT e.standard_id FROM standard_editor e WHERE e.user_id = ${param(caller.id)})`);
    const text = f.text?.trim();
    if (text) {
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // The words of the current text too, as search() finds them: the list and its snippets agree.
      where.push(
        `(s.document @@ websearch_to_tsquery('english', ${param(text)}) OR s.designation ILIKE ${param(like)} OR s.title ILIKE $${params.length} OR s.scope ILIKE $${params.length})`,
      );
    }
    const counted = [...params];
    const countText = `SELECT count(*)::int AS n FROM standard s WHERE ${where.join(' AND ')}`;
    const page = keyset(args, ['s.designation', 's.id'], params.length + 1);
    if (page.after) {
      where.push(page.after);
      params.push(...page.params);
    }
    const rows = await readPrepared<StandardRow & { [CURRENT]: Record<string, unknown> | null }>(
      ds,
      `SELECT ${entityColumns(ds, StandardEntity, 's', '')},
              (SELECT ${entityJson(ds, StandardVersionEntity, 'v')} FROM standard_version v WHERE v.standard_id = s.id ORDER BY v.number DESC LIMIT 1) AS "${CURRENT}"
         FROM standard s WHERE ${where.join(' AND ')} ORDER BY ${page.orderBy} LIMIT ${page.limit}`,
      params,
    );
    return pageOf(rows, page.size, args.after, (s) => [s.designation, s.id], (row) => {
      const raw = row[CURRENT];
      delete (row as Partial<typeof row>)[CURRENT];
      row.currentVersion = raw ? entitiesFromJson(ds, StandardVersionEntity, [raw])[0] : null;
      return row;
    }, async () => (await readPrepared<{ n: number }>(ds, countText, counted))[0].n);
  }

  async editorIds(standardIds: readonly string[]): Promise<StandardEditorEntity[]> {
    return this.dataSource.getRepository(StandardEditorEntity).find({ where: { standardId: In([...standardIds]) }, order: { userId: 'ASC' } });
  }

  async isEditor(m: EntityManager, standardId: string, userId: string): Promise<boolean> {
    return m.existsBy(StandardEditorEntity, { standardId, userId });
  }

  async propose(caller: Caller, input: ProposeInput): Promise<StandardEntity> {
    const designation = input.designation.trim();
    return this.dataSource.transaction(async (m) => {
      // One page address per standard: "STANAG 4790" takes /standards/STANAG-4790 from "STANAG-4790" too.
      const [taken] = await m.query(`SELECT designation FROM standard WHERE slug = ${slugSql('$1')}`, [designation]);
      if (taken) {
        throw conflict(
          taken.designation.toLowerCase() === designation.toLowerCase()
            ? `The designation ${taken.designation} is taken; choose another.`
            : `The designation ${designation} has the page address of ${taken.designation}; choose one that differs in more than spaces, hyphens or case.`,
          { designation: taken.designation },
        );
      }
      const stanag = input.stanag?.trim().replace(/\s+/g, ' ') || null;
      if (stanag && (await m.query(`SELECT 1 FROM standard WHERE stanag = $1`, [stanag])).length) {
        throw conflict(`${stanag} already covers another standard; a STANAG covers one Allied Publication here.`);
      }
      const overlaps = (await this.duplication?.overlaps(caller, input, m)) ?? [];
      const justification = input.overlapJustification?.trim() || null;
      if (overlaps.length && !justification) {
        throw new DomainError(
          ErrorCode.POSSIBLE_DUPLICATE,
          `This proposal overlaps ${overlaps.map((o) => `${o.name} (${o.score.toFixed(2)})`).join(', ')}. ` +
            'Adopt or profile the existing standard, or propose again with overlapJustification saying why a new one is needed.',
          { candidates: overlaps },
        );
      }
      const standard = await m.save(
        m.create(StandardEntity, {
          designation,
          title: input.title.trim(),
          scope: input.scope.trim(),
          visibility: input.visibility,
          overlapJustification: justification,
          proposerId: caller.id,
          stanag,
        }),
      );
      await m.insert(StandardEditorEntity, { standardId: standard.id, userId: caller.id });
      if (input.needIds?.length) {
        if (!this.needLinks) throw badInput('needIds', 'The needs register is not available here.');
        await this.needLinks.linkProposal(m, caller, standard.id, input.needIds);
      }
      await this.audit.record(m, caller, {
        action: 'standard.proposed',
        entityType: 'Standard',
        entityId: standard.id,
        detail: `${designation} "${standard.title}" proposed (${input.visibility})` +
          (overlaps.length ? `; overlaps ${overlaps.map((o) => o.name).join(', ')}, justified: ${justification}` : ''),
      });
      return m.findOneByOrFail(StandardEntity, { id: standard.id });
    });
  }

  async startDrafting(caller: Caller, id: string): Promise<StandardEntity> {
    return this.dataSource.transaction(async (m) => {
      await this.lockVisible(caller, id, m);
      await this.lifecycle.transition(m, caller, id, 'START_DRAFTING');
      return m.findOneByOrFail(StandardEntity, { id });
    });
  }

  async cancel(caller: Caller, id: string, reason: string): Promise<StandardEntity> {
    if (!reason.trim()) throw badInput('reason', 'reason must say why the standard is cancelled.');
    return this.dataSource.transaction(async (m) => {
      await this.lockVisible(caller, id, m);
      await this.lifecycle.transition(m, caller, id, 'CANCEL', reason.trim());
      const standard = await m.findOneByOrFail(StandardEntity, { id });
      await this.notifications.notify(m, {
        kind: NotificationKind.STANDARD_CANCELLED, key: `STANDARD_CANCELLED:${id}`, subjectType: 'Standard', subjectId: id, standardId: id,
        title: `${standard.designation} cancelled`,
        body: `${standard.designation}, "${standard.title}", is cancelled: ${reason.trim()}`,
        link: `/app/standards/${id}`,
        to: { nations: 'ALL', userIds: standard.proposerId ? [standard.proposerId] : [], subscriberRoles: readersOf(standard.visibility) },
      });
      return standard;
    });
  }

  /** A PROMULGATED standard replaced by another; its edition in force becomes SUPERSEDED with it (a database trigger). */
  async supersede(caller: Caller, id: string, replacementId: string, reason: string): Promise<StandardEntity> {
    if (!reason.trim()) throw badInput('reason', 'reason must say why the standard is superseded.');
    if (id === replacementId) throw badInput('replacementId', 'A standard cannot supersede itself.');
    return this.dataSource.transaction(async (m) => {
      // Both rows locked in id order, so two crossed supersessions wait for each other instead of deadlocking.
      const [first, second] = [id, replacementId].sort();
      const locked = [await this.lockVisible(caller, first, m), await this.lockVisible(caller, second, m)];
      const replacement = locked.find((s) => s.id === replacementId)!;
      if (replacement.status === StandardStatus.CANCELLED || replacement.status === StandardStatus.SUPERSEDED) {
        throw invalidState(`${replacement.designation} is ${replacement.status} and cannot replace another standard.`, { status: replacement.status });
      }
      await this.lifecycle.transition(m, caller, id, 'SUPERSEDE', `by ${replacement.designation}: ${reason.trim()}`, replacement.id);
      const standard = await m.findOneByOrFail(StandardEntity, { id });
      await this.notifications.notify(m, {
        kind: NotificationKind.EDITION_SUPERSEDED, key: `EDITION_SUPERSEDED:${id}:by:${replacement.id}`, subjectType: 'Standard', subjectId: id, standardId: id,
        title: `${standard.designation} superseded by ${replacement.designation}`,
        body: `${standard.designation} and its edition in force are superseded by ${replacement.designation}: ${reason.trim()}`,
        link: `/app/standards/${replacement.id}`,
        to: { nations: 'ALL', subscriberRoles: readersOf(standard.visibility) },
      });
      return standard;
    });
  }

  async addEditor(caller: Caller, standardId: string, userId: string): Promise<StandardEntity> {
    return this.dataSource.transaction(async (m) => {
      const standard = await this.lockVisible(caller, standardId, m);
      const [user] = await m.query(
        `SELECT u.display_name, array_agg(r.role) AS roles FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id
          WHERE u.id = $1 GROUP BY u.id`,
        [userId],
      );
      if (!user) throw notFound('user', userId);
      const roles: string[] = user.roles.filter(Boolean);
      if (!roles.some((r) => [Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT].includes(r as Role))) {
        throw badInput('userId', `${user.display_name} is not an EXPERT, DELEGATE or SECRETARIAT and cannot edit standards.`);
      }
      if (await this.isEditor(m, standardId, userId)) throw conflict(`${user.display_name} is an editor of ${standard.designation} already.`);
      await m.insert(StandardEditorEntity, { standardId, userId });
      await this.audit.record(m, caller, {
        action: 'standard.editor_added', entityType: 'Standard', entityId: standardId,
        detail: `${user.display_name} added as editor of ${standard.designation}`,
      });
      return standard;
    });
  }

  /** Title, scope and visibility, by an editor or the secretariat, while the standard is proposed or drafted. */
  async update(caller: Caller, input: { standardId: string; title?: string; scope?: string; visibility?: Visibility }): Promise<StandardEntity> {
    return this.dataSource.transaction(async (m) => {
      const standard = await this.lockVisible(caller, input.standardId, m);
      await this.requireEditor(m, caller, standard, 'edit its title, scope and visibility');
      if (![StandardStatus.PROPOSED, StandardStatus.DRAFTING].includes(standard.status)) {
        throw invalidState(`${standard.designation} is ${standard.status}; its title, scope and visibility change only while it is PROPOSED or DRAFTING.`);
      }
      const next = {
        title: input.title?.trim() ?? standard.title,
        scope: input.scope?.trim() ?? standard.scope,
        visibility: input.visibility ?? standard.visibility,
      };
      if (!next.title) throw badInput('title', 'title must not be blank.');
      if (!next.scope) throw badInput('scope', 'scope must not be blank.');
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== standard[k]);
      if (!changed.length) return standard;
      await m.update(StandardEntity, { id: standard.id }, next);
      await this.audit.record(m, caller, {
        action: 'standard.updated', entityType: 'Standard', entityId: standard.id,
        detail: `${standard.designation}: ` + changed.map((k) => (k === 'visibility' ? `visibility ${standard.visibility} → ${next.visibility}` : `${k} changed`)).join(', '),
      });
      return m.findOneByOrFail(StandardEntity, { id: standard.id });
    });
  }

  async removeEditor(caller: Caller, standardId: string, userId: string): Promise<StandardEntity> {
    return this.dataSource.transaction(async (m) => {
      const standard = await this.lockVisible(caller, standardId, m);
      const [user] = await m.query(`SELECT display_name FROM app_user WHERE id = $1`, [userId]);
      const removed = await m.delete(StandardEditorEntity, { standardId, userId });
      if (!user || !removed.affected) throw notFound('editor of this standard', userId);
      await this.audit.record(m, caller, {
        action: 'standard.editor_removed', entityType: 'Standard', entityId: standardId,
        detail: `${user.display_name} removed as editor of ${standard.designation}`,
      });
      return standard;
    });
  }

  /** The standards the caller edits, that the caller may still see, by designation. */
  async editedBy(caller: Caller): Promise<StandardEntity[]> {
    return this.dataSource
      .getRepository(StandardEntity)
      .createQueryBuilder('s')
      .where('s.visibility IN (:...visible)', { visible: visibleTo(caller) })
      .andWhere('s.id IN (SELECT e.standard_id FROM standard_editor e WHERE e.user_id = :me)', { me: caller.id })
      .orderBy('s.designation')
      .getMany();
  }

  /** Editors and the secretariat write versions; others who can see the standard are FORBIDDEN. */
  async requireEditor(m: EntityManager, caller: Caller, standard: StandardEntity, what = 'write its versions'): Promise<void> {
    if (hasRole(caller, Role.SECRETARIAT)) return;
    if (!(await this.isEditor(m, standard.id, caller.id))) {
      throw forbidden(`Only the editors of ${standard.designation} and the secretariat may ${what}.`);
    }
  }
}
