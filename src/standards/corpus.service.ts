import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UsersService, toCaller } from '../accounts/users.service';
import { AppConfig } from '../config/config';
import { rootLogger } from '../common/logger';
import { StandardLifecycle } from './standard-lifecycle';
import { slugSql, StandardEditorEntity, StandardEntity, Visibility } from './standard.entity';
import { VersionsService } from './versions.service';

/** standards/ at the project root, beside src/ (and beside dist/ once built). */
export const CORPUS_DIR = resolve(__dirname, '..', '..', '..', 'standards');

interface Draft {
  designation: string;
  title: string;
  scope: string;
  visibility: Visibility;
  versions: { file: string; text: string; label?: string; summary?: string }[];
}

/** A folder per standard, v1.md, v2.md … each with the same front matter. */
export function readCorpus(dir: string): Draft[] {
  // Loaded here, not at every start: only a first start (or an import) reads the corpus.
  const matter: typeof import('gray-matter') = require('gray-matter');
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const files = readdirSync(join(dir, name))
        .filter((f) => /^v\d+\.md$/.test(f))
        .sort((a, b) => Number(a.slice(1, -3)) - Number(b.slice(1, -3)));
      const versions = files.map((file) => {
        const parsed = matter(readFileSync(join(dir, name, file), 'utf8'));
        return { file: join(name, file), text: parsed.content.replace(/^\n+/, ''), data: parsed.data };
      });
      if (!versions.length) throw new Error(`${name}: no v1.md`);
      const head = versions[0].data;
      for (const key of ['designation', 'title', 'scope', 'visibility']) {
        if (typeof head[key] !== 'string' || !head[key]) throw new Error(`${versions[0].file}: front matter needs ${key}`);
      }
      if (!Object.values(Visibility).includes(head.visibility)) throw new Error(`${versions[0].file}: unknown visibility ${head.visibility}`);
      return {
        designation: head.designation, title: head.title, scope: head.scope, visibility: head.visibility,
        versions: versions.map((v) => ({ file: v.file, text: v.text, label: v.data.label, summary: v.data.summary })),
      };
    });
}

/**
 * Loads draft standards from Markdown into the database, in one transaction,
 * skipping designations that exist already. At start it runs only on a
 * database with no standard at all, so a new installation shows real content.
 */
@Injectable()
export class CorpusService implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly versions: VersionsService,
    private readonly lifecycle: StandardLifecycle,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_STANDARDS || !existsSync(CORPUS_DIR)) return;
    // Any standard at all: not a fresh installation, so the corpus need not even be read (importFolder checks again under its lock).
    const [any] = await this.dataSource.query('SELECT 1 FROM standard LIMIT 1');
    if (any) return;
    const loaded = await this.importFolder(CORPUS_DIR, { onlyIfEmpty: true });
    if (loaded.length) rootLogger.info({ standards: loaded }, 'sample corpus loaded');
  }

  async importFolder(dir: string, options: { onlyIfEmpty?: boolean } = {}): Promise<string[]> {
    const drafts = readCorpus(dir);
    const adminId = await this.users.ensureFirstAdmin();
    const admin = toCaller(await this.users.byId(adminId));
    return this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(7405102)');
      if (options.onlyIfEmpty) {
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM standard`);
        if (n > 0) return [];
      }
      const loaded: string[] = [];
      for (const draft of drafts) {
        const [exists] = await m.query(`SELECT 1 FROM standard WHERE slug = ${slugSql('$1')}`, [draft.designation]);
        if (exists) continue;
        await this.load(m, admin, draft);
        loaded.push(draft.designation);
      }
      return loaded;
    });
  }

  private async load(m: EntityManager, admin: ReturnType<typeof toCaller>, draft: Draft): Promise<void> {
    const standard = await m.save(
      m.create(StandardEntity, {
        designation: draft.designation, title: draft.title, scope: draft.scope, visibility: draft.visibility, proposerId: admin.id,
      }),
    );
    await m.insert(StandardEditorEntity, { standardId: standard.id, userId: admin.id });
    await this.audit.record(m, null, {
      action: 'standard.imported', entityType: 'Standard', entityId: standard.id,
      detail: `${draft.designation} imported from ${draft.versions[0].file.split('/')[0]}`,
    });
    await this.lifecycle.transition(m, null, standard.id, 'START_DRAFTING');
    let base: string | null = null;
    for (const v of draft.versions) {
      const version = await this.versions.create(
        admin,
        { standardId: standard.id, baseVersionId: base, text: v.text, label: v.label ?? null, summary: v.summary ?? null },
        m,
      );
      base = version.id;
    }
  }
}
