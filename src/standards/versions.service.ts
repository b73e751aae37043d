import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config';
import { HeavyWork } from '../common/heavy-work';
import { Caller } from '../common/caller';
import { badInput, DomainError, ErrorCode, invalidState, notFound } from '../common/errors';
import { REFERENCE_LISTENER, ReferenceListener } from './reference-listener';
import { StandardsService } from './standards.service';
import { StandardEntity, StandardStatus } from './standard.entity';
import { RequirementEntity, StandardVersionEntity } from './standard-version.entity';
import { splitBlocks } from './text/blocks';
import { ClauseInfo, DraftingWarning, parseDocument } from './text/document';
import { assignKeys, DuplicateRequirementKeyError, PreviousRequirement } from './text/keys';
import { mergeThreeWay } from './text/merge';
import { renderMarkdown } from './text/render';
import { LRUCache } from 'lru-cache';
import { computeRedline, ownCopy, PieceCache, PieceRendition, Rendition, rendition } from './text/redline';
import { findPlain } from '../database/plain-rows';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export interface CreateVersionCommand {
  standardId: string;
  baseVersionId?: string | null;
  text: string;
  label?: string | null;
  summary?: string | null;
}

export interface RequirementDelta {
  key: string;
  change: 'ADDED' | 'REMOVED' | 'MODIFIED';
  before: string | null;
  after: string | null;
}

/**
 * Versions are immutable, so what is derived from their text can be kept by
 * content hash: a replica that misses only pays the time again. Sizes are
 * estimates in bytes. Renditions are kept at two levels: the pieces a text
 * renders in (paragraphs, keyed by their text), which successive versions
 * share, and each version's rendition assembled from them (about twice its
 * text). The two together hold what one level of token streams held before.
 *
 * In memory rather than in a table of piece renditions keyed by digest
 * (measured in round 6, BENCHMARKS.md case 1): node reads the 1.2 MB of
 * stored pieces of a 1 MB pair in about 4 ms of CPU where markdown-it takes
 * some 50 ms to render them, but a redline from a table still reads both
 * texts, rebuilds both renditions and computes the diff: 2.6-3.6x git's CPU
 * time against 3.7-5.4x rendering, a third less and far from the 2x target,
 * for a table about as large as the stored text and a write after every save.
 */
const CACHE_BYTES = { renditions: 16 << 20, pieces: 32 << 20, html: 32 << 20, redlines: 32 << 20, requirements: 32 << 20 };

interface CachedRedline {
  unified: string;
  html: string;
  stats: { wordsInserted: number; wordsDeleted: number; changedClauses: string[] };
  requirementChanges: RequirementDelta[];
}

@Injectable()
export class VersionsService {
  private readonly renditions = new LRUCache<string, Rendition>({ maxSize: CACHE_BYTES.renditions, sizeCalculation: (r) => Math.max(1, r.bytes) });
  /** Rendered paragraphs by their text: an unchanged paragraph of a new version is not rendered again. */
  private readonly pieceLru = new LRUCache<string, PieceRendition>({ maxSize: CACHE_BYTES.pieces, sizeCalculation: (p) => Math.max(1, p.bytes) });
  private readonly pieces: PieceCache = {
    get: (text) => this.pieceLru.get(text),
    // A key is a slice of a version's text: a copy, or the cache would keep whole texts alive.
    set: (text, piece) => this.pieceLru.set(ownCopy(text), piece),
  };
  private readonly htmlByHash = new LRUCache<string, string>({ maxSize: CACHE_BYTES.html, sizeCalculation: (h) => Math.max(1, h.length) });
  private readonly redlines = new LRUCache<string, CachedRedline>({
    maxSize: CACHE_BYTES.redlines,
    sizeCalculation: (r) => Math.max(1, r.html.length + r.unified.length),
  });
  /**
   * The requirements a save wrote, by version id, for key assignment in the next save of the
   * same standard (a version's requirements never change); a miss reads them from the database.
   */
  private readonly keyedByVersion = new LRUCache<string, { list: PreviousRequirement[]; bytes: number }>({
    maxSize: CACHE_BYTES.requirements,
    sizeCalculation: (e) => Math.max(1, e.bytes),
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly standards: StandardsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly heavy: HeavyWork,
    @Optional() @Inject(REFERENCE_LISTENER) private readonly referenceListener?: ReferenceListener,
  ) {}

  /** The version with its standard, or NOT_FOUND when either is unknown or not visible to the caller. */
  async requireVisible(caller: Caller | null, versionId: string, m: EntityManager = this.dataSource.manager) {
    const version = await m.findOneBy(StandardVersionEntity, { id: versionId });
    if (!version) throw notFound('version', versionId);
    try {
      const standard = await this.standards.requireVisible(caller, version.standardId, m);
      return { version, standard };
    } catch (err) {
      // A hidden standard hides its versions too; anything else is a real failure.
      if (err instanceof DomainError && err.code === ErrorCode.NOT_FOUND) throw notFound('version', versionId);
      throw err;
    }
  }

  byIds(ids: readonly string[]): Promise<StandardVersionEntity[]> {
    return this.dataSource.getRepository(StandardVersionEntity).findBy({ id: In([...ids]) });
  }

  /** Every version of the given standards, oldest first. */
  ofStandards(standardIds: readonly string[]): Promise<StandardVersionEntity[]> {
    const fallback = () => this.dataSource.getRepository(StandardVersionEntity).find({ where: { standardId: In([...standardIds]) }, order: { number: 'ASC' } });
    return findPlain(this.dataSource.manager, StandardVersionEntity, 't.standard_id = ANY($1::uuid[])', [standardIds], fallback, 't.number ASC');
  }

  async current(standardId: string, m: EntityManager = this.dataSource.manager): Promise<StandardVersionEntity | null> {
    const fallback = async () => [await m.findOne(StandardVersionEntity, { where: { standardId }, order: { number: 'DESC' } })].filter((v) => v !== null);
    const [version] = await findPlain(m, StandardVersionEntity, 't.standard_id = $1', [standardId], fallback, 't.number DESC LIMIT 1');
    return version ?? null;
  }

  /** Texts of many versions in one query, reassembled from their blocks byte for byte. */
  async texts(versionIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (!versionIds.length) return new Map();
    const rows: { id: string; text: string }[] = await m.query(
      `SELECT v.id, coalesce(string_agg(b.content, '' ORDER BY t.ord), '') AS text
         FROM standard_version v
         LEFT JOIN LATERAL unnest(v.blocks) WITH ORDINALITY AS t(hash, ord) ON true
         LEFT JOIN text_block b ON b.hash = t.hash
        WHERE v.id = ANY($1::uuid[])
        GROUP BY v.id`,
      [versionIds],
    );
    return new Map(rows.map((r) => [r.id, r.text]));
  }

  async text(versionId: string, m?: EntityManager): Promise<string> {
    return (await this.texts([versionId], m)).get(versionId) ?? '';
  }

  requirementsOf(versionIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<RequirementEntity[]> {
    const fallback = () => m.find(RequirementEntity, { where: { versionId: In([...versionIds]) }, order: { ord: 'ASC' } });
    return findPlain(m, RequirementEntity, 't.version_id = ANY($1::uuid[])', [versionIds], fallback, 't.ord ASC');
  }

  clauses(text: string): ClauseInfo[] {
    return parseDocument(text).clauses;
  }

  /** Drafting errors in the text ("must", "may not", provisions in notes); computed, since they never refuse a version. */
  warnings(text: string): DraftingWarning[] {
    return parseDocument(text).warnings;
  }

  /** In the given transaction (the corpus loader's), or in a new one. */
  async create(caller: Caller, input: CreateVersionCommand, manager?: EntityManager): Promise<StandardVersionEntity> {
    const bytes = Buffer.byteLength(input.text, 'utf8');
    if (bytes > this.config.MAX_TEXT_BYTES) {
      throw badInput('text', `text is ${bytes} bytes; the limit is ${this.config.MAX_TEXT_BYTES} bytes.`);
    }
    if (!input.text.trim()) throw badInput('text', 'text is empty.');
    let saved: string | undefined;
    const work = async (m: EntityManager) => {
      // The row lock makes concurrent saves of one standard take turns, so the
      // second one sees the first as the current version and merges against it.
      const standard = await this.standards.lockVisible(caller, input.standardId, m);
      await this.standards.requireEditor(m, caller, standard);
      if (standard.status !== StandardStatus.DRAFTING) {
        throw invalidState(`${standard.designation} is ${standard.status}; versions are written only while it is DRAFTING.`);
      }
      const current = await this.current(standard.id, m);
      const { text, merged } = await this.resolveText(m, standard, current, input);
      saved = text;
      return this.store(m, caller, standard, current, text, {
        basedOnId: input.baseVersionId ?? null,
        label: input.label?.trim() || null,
        summary: merged ? [input.summary?.trim(), `Merged with version ${current!.number}.`].filter(Boolean).join(' ') : input.summary?.trim() || null,
      });
    };
    if (manager) return work(manager);
    const version = await this.dataSource.transaction(work);
    // The screen that follows a save shows the version and its redline: prepare
    // its rendition once the request is answered, not while the row is locked.
    // From the text just stored (the merged one when merged), not read back from the database.
    setImmediate(() => void this.renditionOf(version, saved).catch(() => undefined));
    return version;
  }

  /**
   * The text of a correction promulgated without ratification (publishing's
   * promulgateCorrection), stored as the next version of a PROMULGATED
   * standard whose standard row the caller's transaction has locked. It is
   * the one version written outside DRAFTING.
   */
  async createCorrection(m: EntityManager, caller: Caller, standard: StandardEntity, text: string, label: string, reason: string): Promise<StandardVersionEntity> {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > this.config.MAX_TEXT_BYTES) throw badInput('text', `text is ${bytes} bytes; the limit is ${this.config.MAX_TEXT_BYTES} bytes.`);
    if (!text.trim()) throw badInput('text', 'text is empty.');
    if (standard.status !== StandardStatus.PROMULGATED) {
      throw invalidState(`${standard.designation} is ${standard.status}; a correction is made to a PROMULGATED standard.`, { status: standard.status });
    }
    const current = await this.current(standard.id, m);
    return this.store(m, caller, standard, current, text, { basedOnId: current?.id ?? null, label, summary: `Correction: ${reason}` });
  }

  /** The rendition of a version's text, from the cache or made (and cached) now. */
  private async renditionOf(version: StandardVersionEntity, text?: string): Promise<Rendition> {
    const cached = this.renditions.get(version.contentHash);
    if (cached) return cached;
    const made = rendition(text ?? (await this.text(version.id)), this.pieces);
    this.renditions.set(version.contentHash, made);
    return made;
  }

  /** The rendered HTML of a version, rendered once per content hash. */
  async html(version: StandardVersionEntity, text: () => Promise<string>): Promise<string> {
    const cached = this.htmlByHash.get(version.contentHash) ?? this.renditions.get(version.contentHash)?.nodeHtml.join('');
    if (cached !== undefined) {
      this.htmlByHash.set(version.contentHash, cached);
      return cached;
    }
    const html = renderMarkdown(await text());
    this.htmlByHash.set(version.contentHash, html);
    return html;
  }

  /** The text to store: the caller's own, or merged three-way with what landed since its base. */
  private async resolveText(m: EntityManager, standard: StandardEntity, current: StandardVersionEntity | null, input: CreateVersionCommand) {
    if (!current) {
      if (input.baseVersionId) throw badInput('baseVersionId', `${standard.designation} has no versions yet; leave baseVersionId out.`);
      return { text: input.text, merged: false };
    }
    if (!input.baseVersionId) {
      throw badInput('baseVersionId', `baseVersionId is required: the current version of ${standard.designation} is ${current.number} (${current.id}).`);
    }
    if (input.baseVersionId === current.id) return { text: input.text, merged: false };
    const base = await m.findOneBy(StandardVersionEntity, { id: input.baseVersionId, standardId: standard.id });
    if (!base) throw badInput('baseVersionId', `baseVersionId is not a version of ${standard.designation}.`);
    const texts = await this.texts([base.id, current.id], m);
    const result = mergeThreeWay(texts.get(base.id)!, texts.get(current.id)!, input.text);
    if (!result.clean) {
      throw new DomainError(
        ErrorCode.VERSION_CONFLICT,
        `Version ${current.number} landed after your base version ${base.number} and changes the same lines` +
          (result.conflictClauses.length ? ` in clause ${result.conflictClauses.join(', ')}` : '') +
          `. Edit from version ${current.number} and save again.`,
        { conflictClauses: result.conflictClauses, currentVersionId: current.id, currentVersionNumber: current.number },
      );
    }
    return { text: result.text, merged: true };
  }

  private async store(
    m: EntityManager,
    caller: Caller,
    standard: StandardEntity,
    current: StandardVersionEntity | null,
    text: string,
    meta: { basedOnId: string | null; label: string | null; summary: string | null },
  ): Promise<StandardVersionEntity> {
    const contentHash = sha256(text);
    if (current?.contentHash === contentHash) {
      throw badInput('text', `The text is identical to version ${current.number}; there is nothing to save.`);
    }
    const parsed = parseDocument(text);
    const previous: PreviousRequirement[] = current ? await this.previousRequirements(m, current.id) : [];
    let [{ requirement_seq: seq }] = await m.query(`SELECT requirement_seq FROM standard WHERE id = $1`, [standard.id]);
    // Only keys a new one could collide with: those of the generated form numbered above the
    // sequence (pinned by an author). Every other key differs from R-<seq+1>, R-<seq+2>, ...
    const used = new Set<string>(
      (await m.query(
        `SELECT key FROM requirement_key
          WHERE standard_id = $1 AND key ~ '^R-[0-9]+$' AND substring(key from 3)::numeric > $2`,
        [standard.id, seq],
      )).map((r: { key: string }) => r.key),
    );
    // Each new key is one never given out in this standard before.
    const newKey = () => {
      let key: string;
      do key = `R-${String(++seq).padStart(3, '0')}`;
      while (used.has(key));
      used.add(key);
      return key;
    };
    let keyed;
    try {
      keyed = assignKeys(previous, parsed.requirements, newKey);
    } catch (err) {
      if (err instanceof DuplicateRequirementKeyError) throw badInput('text', err.message, { key: err.key, lines: err.lines });
      throw err;
    }

    const blocks = splitBlocks(text);
    const hashes = blocks.map(sha256);
    // Only new blocks are inserted, so only they get their search vector computed (migration BlockSearchVectors).
    // The hashes go first, so only the content of the few blocks not stored yet is sent, not the whole text.
    const missing = new Set<string>(
      (await m.query(
        `SELECT DISTINCT u.hash FROM unnest($1::text[]) AS u(hash) WHERE NOT EXISTS (SELECT 1 FROM text_block t WHERE t.hash = u.hash)`,
        [hashes],
      )).map((r: { hash: string }) => r.hash),
    );
    if (missing.size) {
      const fresh = hashes.flatMap((h, i) => (missing.delete(h) ? [i] : []));
      await m.query(
        `INSERT INTO text_block (hash, content) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (hash) DO NOTHING`,
        [fresh.map((i) => hashes[i]), fresh.map((i) => blocks[i])],
      );
    }
    const version = await m.save(
      m.create(StandardVersionEntity, {
        standardId: standard.id,
        number: (current?.number ?? 0) + 1,
        label: meta.label,
        summary: meta.summary,
        authorId: caller.id,
        basedOnId: meta.basedOnId,
        contentHash,
        blocks: hashes,
        byteLength: Buffer.byteLength(text, 'utf8'),
      }),
    );
    if (keyed.requirements.length) {
      // One statement with arrays: a large standard has thousands of requirements.
      const rs = keyed.requirements;
      await m.query(
        `INSERT INTO requirement (version_id, key, clause, obligation, text, line, change, ord, identifier, status, condition)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[])`,
        [version.id, rs.map((r) => r.key), rs.map((r) => r.clause), rs.map((r) => r.obligation), rs.map((r) => r.text),
          rs.map((r) => r.line), rs.map((r) => r.change), rs.map((_, ord) => ord),
          rs.map((r) => r.identifier), rs.map((r) => r.status), rs.map((r) => r.condition ?? null)],
      );
      // The previous version's keys were recorded when it was saved; only the others can be new.
      const known = new Set(previous.map((p) => p.key));
      const fresh = keyed.requirements.filter((r) => !known.has(r.key)).map((r) => r.key);
      if (fresh.length) {
        await m.query(`INSERT INTO requirement_key (standard_id, key) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [standard.id, fresh]);
      }
    }
    this.rememberRequirements(version.id, keyed.requirements);
    // The text's vector from its blocks' stored ones, in document order; concatenated in groups
    // of 64 blocks, then the groups, so a long text is not copied once per block.
    await m.query(
      `UPDATE standard SET requirement_seq = $2, updated_at = now(), text_search = (
         SELECT COALESCE(tsvector_agg(g.v ORDER BY g.n), ''::tsvector)
           FROM (SELECT (u.ord - 1) / 64 AS n, tsvector_agg(b.search ORDER BY u.ord) AS v
                   FROM unnest($3::text[]) WITH ORDINALITY AS u(hash, ord) JOIN text_block b ON b.hash = u.hash
                  GROUP BY 1) g)
       WHERE id = $1`,
      [standard.id, seq, hashes],
    );
    const changed = keyed.requirements.filter((r) => r.change !== 'UNCHANGED').length + keyed.removed.length;
    // While no edition is in force, the new version is what claims are judged against.
    const [inForce] = await m.query(`SELECT 1 FROM edition WHERE standard_id = $1 AND status = 'IN_FORCE'`, [standard.id]);
    if (!inForce) await this.referenceListener?.referenceChanged(m, standard.id, current?.id ?? null, version.id);
    await this.audit.record(m, caller, {
      action: 'version.created',
      entityType: 'Standard',
      entityId: standard.id,
      detail: `${standard.designation} version ${version.number} saved: ${keyed.requirements.length} requirements, ${changed} changed or removed` +
        (meta.summary ? `; ${meta.summary}` : ''),
    });
    return m.findOneByOrFail(StandardVersionEntity, { id: version.id });
  }

  /** A version's requirements as key assignment needs them: from this replica's last saves, or read as plain rows. */
  private async previousRequirements(m: EntityManager, versionId: string): Promise<PreviousRequirement[]> {
    const cached = this.keyedByVersion.get(versionId);
    if (cached) return cached.list;
    return m.query(`SELECT key, clause, text, obligation FROM requirement WHERE version_id = $1 ORDER BY ord`, [versionId]);
  }

  private rememberRequirements(versionId: string, requirements: readonly PreviousRequirement[]): void {
    let bytes = 0;
    const list = requirements.map(({ key, clause, text, obligation }) => {
      bytes += 64 + 2 * (key.length + clause.length + text.length);
      return { key, clause, text, obligation };
    });
    this.keyedByVersion.set(versionId, { list, bytes });
  }

  async redline(caller: Caller, fromId: string, toId: string) {
    const from = await this.requireVisible(caller, fromId);
    const to = await this.requireVisible(caller, toId);
    if (from.version.standardId !== to.version.standardId) {
      throw badInput('toVersionId', 'A redline compares two versions of the same standard.');
    }
    const name = (v: StandardVersionEntity) => `${from.standard.designation} version ${v.number}`;
    // Both versions are immutable: the redline of a pair is computed once.
    const cacheKey = `${from.version.id}:${to.version.id}:${name(from.version)}:${name(to.version)}`;
    let cached: CachedRedline | undefined = this.redlines.get(cacheKey);
    if (!cached) {
      cached = await this.heavy.run('redline', async () => {
        // The database joins the requirements while the redline is computed here.
        const deltas = this.requirementDeltas(fromId, toId);
        void deltas.catch(() => undefined); // awaited below; not unhandled if the redline throws first
        const missing = [from.version, to.version].filter((v) => !this.renditions.has(v.contentHash)).map((v) => v.id);
        const texts = await this.texts(missing);
        const [a, b] = await Promise.all([from.version, to.version].map((v) => this.renditionOf(v, texts.get(v.id))));
        const result = computeRedline(a, b, name(from.version), name(to.version));
        return {
          unified: result.unified,
          html: result.html,
          stats: { wordsInserted: result.wordsInserted, wordsDeleted: result.wordsDeleted, changedClauses: result.changedClauses },
          requirementChanges: await deltas,
        };
      });
      this.redlines.set(cacheKey, cached);
    }
    return { from: from.version, to: to.version, ...cached };
  }

  /**
   * ADDED, REMOVED and MODIFIED requirements between two versions, by key, in
   * the newer document's order, then the removed ones in the older's order.
   * The database joins the two sets, so only the changes leave it.
   */
  private requirementDeltas(fromId: string, toId: string): Promise<RequirementDelta[]> {
    return this.dataSource.query(
      `SELECT coalesce(b.key, a.key) AS key,
              CASE WHEN a.key IS NULL THEN 'ADDED' WHEN b.key IS NULL THEN 'REMOVED' ELSE 'MODIFIED' END AS change,
              a.text AS before, b.text AS after
         FROM (SELECT key, text, obligation, ord FROM requirement WHERE version_id = $1) a
         FULL JOIN (SELECT key, text, obligation, ord FROM requirement WHERE version_id = $2) b ON a.key = b.key
        WHERE a.key IS NULL OR b.key IS NULL OR a.text <> b.text OR a.obligation <> b.obligation
        ORDER BY b.ord IS NULL, b.ord, a.ord`,
      [fromId, toId],
    );
  }
}
