import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller, hasRole, Role } from '../common/caller';
import { badInput, conflict, forbidden, invalidState, notFound } from '../common/errors';
import { pageAfterId } from '../common/pagination';
import { RequirementEntity, StandardVersionEntity } from '../standards/standard-version.entity';
import { StandardEntity } from '../standards/standard.entity';
import { StandardsService } from '../standards/standards.service';
import { VersionsService } from '../standards/versions.service';
import { maySee, visibleTo } from '../standards/visibility';
import { Visibility } from '../standards/standard.entity';
import { assess, isStale } from './assessment';
import { ConformanceLevel } from './conformance-claim.entity';
import { EDITION_IN_FORCE, EditionInForce } from './edition-in-force';
import { ProductEntity } from './product.entity';
import { entitiesFromJson, entityColumns, entityFrom, entityJsonArray, findPlain, readPrepared } from '../database/plain-rows';

export interface ClaimView {
  id: string;
  productId: string;
  standardId: string;
  versionId: string;
  requirementKey: string;
  level: ConformanceLevel;
  evidence: string | null;
  valuesSupported: string | null;
  updatedAt: Date;
  claimedText: string;
  stale: boolean;
}

export interface RegisterProductCommand {
  name: string;
  productVersion: string;
  description?: string | null;
}

/** A product's fields trimmed and checked, for registering and editing alike. */
function productFields(input: RegisterProductCommand): { name: string; productVersion: string; description: string | null } {
  const name = input.name.trim();
  const productVersion = input.productVersion.trim();
  if (!name) throw badInput('name', 'name must not be blank.');
  if (!productVersion) throw badInput('productVersion', 'productVersion must not be blank.');
  return { name, productVersion, description: input.description?.trim() || null };
}

export interface SetConformanceCommand {
  productId: string;
  standardId: string;
  versionId: string;
  claims: { requirementKey: string; level: ConformanceLevel; evidence?: string | null; valuesSupported?: string | null }[];
}

const MAX_MATRIX_STANDARDS = 100;
const MAX_MATRIX_PRODUCTS = 500;

/**
 * Products, claims, reports and the matrix. A VENDOR works on its own
 * organization's products only (others are NOT_FOUND, so their existence does
 * not leak), whatever other roles it holds; the Alliance's roles read every product. Standards stay behind
 * their own visibility in every path.
 */
@Injectable()
export class ConformanceService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly standards: StandardsService,
    private readonly versions: VersionsService,
    private readonly audit: AuditService,
    @Optional() @Inject(EDITION_IN_FORCE) private readonly editions?: EditionInForce,
  ) {}

  /**
   * null: every product; otherwise the one organization whose products the
   * caller may see. A VENDOR is bound to its organization whatever other roles
   * it holds: an EXPERT who is also a vendor's staff must not read competitors.
   */
  private scope(caller: Caller): { organizationId: string | null } | null {
    if (!hasRole(caller, Role.VENDOR) && hasRole(caller, Role.ADMIN, Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE)) return null;
    return { organizationId: caller.organizationId };
  }

  /** A product's events in the audit log follow the product: a VENDOR reads its own organization's only. */
  onModuleInit(): void {
    this.audit.definePolicy('Product', {
      visible: (caller) => {
        const scope = this.scope(caller);
        if (!scope) return true;
        return {
          sql: `EXISTS (SELECT 1 FROM product p WHERE p.id = e.entity_id::uuid AND p.organization_id = :auditProductOrg)`,
          params: { auditProductOrg: scope.organizationId ?? '00000000-0000-0000-0000-000000000000' },
        };
      },
    });
  }

  private maySee(caller: Caller, product: ProductEntity): boolean {
    const scope = this.scope(caller);
    return !scope || (scope.organizationId !== null && product.organizationId === scope.organizationId);
  }

  list(caller: Caller, organizationId?: string | null, page: { first?: number | null; after?: string | null } = {}): Promise<ProductEntity[]> {
    const scope = this.scope(caller);
    const orgs = [organizationId, scope?.organizationId].filter((o): o is string => o !== undefined && o !== null);
    if (scope && !scope.organizationId) return Promise.resolve([]);
    // A vendor asking for another organization gets nothing, not an error that confirms it exists.
    if (new Set(orgs).size > 1) return Promise.resolve([]);
    const qb = this.dataSource.getRepository(ProductEntity).createQueryBuilder('p');
    if (orgs.length) qb.where('p.organizationId = :org', { org: orgs[0] });
    return pageAfterId(qb, 'product', (a) => [`lower(${a}.name)`, `${a}.product_version`, `${a}.id`], page).getMany();
  }

  async requireProduct(caller: Caller, id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<ProductEntity> {
    const product = lock
      ? await m.findOne(ProductEntity, { where: { id }, lock: { mode: 'pessimistic_write' as const } })
      : (await findPlain(m, ProductEntity, 't.id = $1', [id], async () => [await m.findOneBy(ProductEntity, { id })].filter((p) => p !== null)))[0];
    if (!product || !this.maySee(caller, product)) throw notFound('product', id);
    return product;
  }

  async productsByIds(caller: Caller, ids: readonly string[]): Promise<ProductEntity[]> {
    const rows = await this.dataSource.getRepository(ProductEntity).findBy({ id: In([...ids]) });
    return rows.filter((p) => this.maySee(caller, p));
  }

  async register(caller: Caller, input: RegisterProductCommand): Promise<ProductEntity> {
    if (!caller.organizationId) throw forbidden('Your VENDOR role is not bound to an organization; ask an ADMIN to grant it with one.');
    const fields = productFields(input);
    return this.dataSource.transaction(async (m) => {
      await this.requireFreeRelease(m, caller.organizationId!, fields, null);
      const product = await m.save(m.create(ProductEntity, { organizationId: caller.organizationId!, ...fields }));
      await this.audit.record(m, caller, {
        action: 'product.registered', entityType: 'Product', entityId: product.id,
        detail: `Product ${fields.name} ${fields.productVersion} registered`,
      });
      return m.findOneByOrFail(ProductEntity, { id: product.id });
    });
  }

  /** Name, release and description, by the product's own vendor; its claims stay with it. */
  async updateProduct(caller: Caller, id: string, input: Partial<RegisterProductCommand>): Promise<ProductEntity> {
    return this.dataSource.transaction(async (m) => {
      const product = await this.requireProduct(caller, id, m, true);
      if (product.organizationId !== caller.organizationId) throw forbidden(`Only ${product.name}'s own vendor edits it.`);
      const next = productFields({
        name: input.name ?? product.name,
        productVersion: input.productVersion ?? product.productVersion,
        description: input.description === undefined ? product.description : input.description,
      });
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== product[k]);
      if (!changed.length) return product;
      await this.requireFreeRelease(m, product.organizationId, next, product.id);
      await m.update(ProductEntity, { id: product.id }, next);
      await this.audit.record(m, caller, {
        action: 'product.updated', entityType: 'Product', entityId: product.id,
        detail: `Product ${product.name} ${product.productVersion}: ` +
          changed.map((k) => (k === 'description' ? 'description changed' : `${k} ${product[k]} → ${next[k]}`)).join(', '),
      });
      return m.findOneByOrFail(ProductEntity, { id: product.id });
    });
  }

  /** One product per organization, name and release, compared without case; the unique index settles a race. */
  private async requireFreeRelease(m: EntityManager, organizationId: string, p: { name: string; productVersion: string }, except: string | null): Promise<void> {
    const [taken] = await m.query(
      `SELECT 1 FROM product WHERE organization_id = $1 AND lower(name) = lower($2) AND lower(product_version) = lower($3) AND id IS DISTINCT FROM $4`,
      [organizationId, p.name, p.productVersion, except],
    );
    if (taken) throw conflict(`${p.name} ${p.productVersion} is registered already; set its conformance instead.`);
  }

  /**
   * Upserts the claims in one statement, after every key has been checked
   * against the version: the set lands whole or not at all. The product row
   * lock makes concurrent sets on one product take turns, so the audited
   * "old -> new" levels are the ones actually replaced.
   */
  async setConformance(caller: Caller, input: SetConformanceCommand): Promise<ClaimView[]> {
    const keys = input.claims.map((c) => c.requirementKey.trim());
    const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
    if (repeated.length) throw badInput('claims', `Each requirement appears once per set; repeated: ${[...new Set(repeated)].join(', ')}.`, { keys: [...new Set(repeated)] });
    return this.dataSource.transaction(async (m) => {
      const product = await this.requireProduct(caller, input.productId, m, true);
      if (product.organizationId !== caller.organizationId) {
        throw forbidden(`Only ${product.name}'s own vendor states its conformance.`);
      }
      const standard = await this.standards.requireVisible(caller, input.standardId, m);
      const { version } = await this.versions.requireVisible(caller, input.versionId, m);
      if (version.standardId !== standard.id) {
        throw badInput('versionId', `versionId is not a version of ${standard.designation}.`);
      }
      const known = new Set((await this.versions.requirementsOf([version.id], m)).map((r) => r.key));
      const unknown = keys.filter((k) => !known.has(k));
      if (unknown.length) {
        throw badInput(
          'claims',
          `${standard.designation} version ${version.number} has no requirement ${unknown.join(', ')}.`,
          { keys: unknown },
        );
      }
      const before: { requirement_key: string; level: string }[] = await m.query(
        `SELECT requirement_key, level FROM conformance_claim WHERE product_id = $1 AND standard_id = $2 AND requirement_key = ANY($3::text[])`,
        [product.id, standard.id, keys],
      );
      const old = new Map(before.map((r) => [r.requirement_key, r.level]));
      await m.query(
        `INSERT INTO conformance_claim (product_id, standard_id, version_id, requirement_key, level, evidence, values_supported)
         SELECT $1, $2, $3, t.key, t.level, t.evidence, t.vals
           FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS t(key, level, evidence, vals)
         ON CONFLICT (product_id, standard_id, requirement_key) DO UPDATE
           SET version_id = EXCLUDED.version_id, level = EXCLUDED.level, evidence = EXCLUDED.evidence,
               values_supported = EXCLUDED.values_supported, updated_at = now()`,
        [
          product.id, standard.id, version.id, keys, input.claims.map((c) => c.level), input.claims.map((c) => c.evidence?.trim() || null),
          input.claims.map((c) => c.valuesSupported?.trim() || null),
        ],
      );
      await this.audit.record(m, caller, {
        action: 'conformance.set',
        entityType: 'Product',
        entityId: product.id,
        detail:
          `${product.name} ${product.productVersion} against ${standard.designation} version ${version.number}: ` +
          input.claims.map((c, i) => `${keys[i]} ${old.get(keys[i]) ?? 'none'} -> ${c.level}`).join('; '),
      });
      const claims = await this.claims(m, caller, [product.id], [standard.id]);
      const order = new Map(keys.map((k, i) => [k, i]));
      return claims.filter((c) => order.has(c.requirementKey)).sort((a, b) => order.get(a.requirementKey)! - order.get(b.requirementKey)!);
    });
  }

  /** The version each standard is judged against: its edition in force, else its current version. */
  private async referenceVersions(standardIds: readonly string[], m: EntityManager): Promise<Map<string, string>> {
    if (!standardIds.length) return new Map();
    const result = new Map(this.editions ? await this.editions.versionsInForce(standardIds, m) : []);
    const rest = standardIds.filter((id) => !result.has(id));
    if (rest.length) {
      const rows: { standard_id: string; id: string }[] = await m.query(
        `SELECT DISTINCT ON (standard_id) standard_id, id FROM standard_version
          WHERE standard_id = ANY($1::uuid[]) ORDER BY standard_id, number DESC`,
        [rest],
      );
      for (const r of rows) result.set(r.standard_id, r.id);
    }
    return result;
  }

  /**
   * Claims of the products on standards the caller may see, each marked stale
   * against `against` (standard id -> version id), or against each standard's
   * reference version when not given. Three or four queries whatever the size.
   */
  private async claims(
    m: EntityManager,
    caller: Caller,
    productIds: readonly string[],
    standardIds: readonly string[] | null,
    against?: Map<string, string>,
    requirements?: RequirementEntity[],
  ): Promise<ClaimView[]> {
    if (!productIds.length || (standardIds && !standardIds.length)) return [];
    const rows: Omit<ClaimView, 'stale'>[] = await m.query(
      `SELECT c.id, c.product_id AS "productId", c.standard_id AS "standardId", c.version_id AS "versionId",
              c.requirement_key AS "requirementKey", c.level, c.evidence, c.values_supported AS "valuesSupported", c.updated_at AS "updatedAt", r.text AS "claimedText"
         FROM conformance_claim c
         JOIN requirement r ON r.version_id = c.version_id AND r.key = c.requirement_key
         JOIN standard s ON s.id = c.standard_id
        WHERE c.product_id = ANY($1::uuid[]) AND s.visibility = ANY($2::text[])
          AND ($3::uuid[] IS NULL OR c.standard_id = ANY($3::uuid[]))
        ORDER BY s.designation, c.product_id, c.requirement_key`,
      [productIds, visibleTo(caller), standardIds],
    );
    const refs = against ?? (await this.referenceVersions([...new Set(rows.map((r) => r.standardId))], m));
    const reqs = requirements ?? (await this.versions.requirementsOf([...new Set(refs.values())], m));
    const byVersion = new Map<string, Map<string, RequirementEntity>>();
    for (const r of reqs) {
      if (!byVersion.has(r.versionId)) byVersion.set(r.versionId, new Map());
      byVersion.get(r.versionId)!.set(r.key, r);
    }
    return rows.map((row) => {
      const ref = refs.get(row.standardId);
      return { ...row, stale: isStale(row, byVersion.get(ref ?? '') ?? new Map()) };
    });
  }

  /** For Product.claims: many products at once, one batch per request. */
  claimsOfProducts(caller: Caller, productIds: readonly string[], standardId?: string | null): Promise<ClaimView[]> {
    return this.claims(this.dataSource.manager, caller, productIds, standardId ? [standardId] : null);
  }

  /**
   * Everything a report needs in ONE statement: the product, the standard,
   * the version (versionId's, else the edition in force, else the current
   * one), whether that version is an edition, its requirements and the
   * product's claims on the standard with the words each was made against.
   * The checks then run on what came back, in the order they always ran:
   * the product, the standard, the version; a refusal answers as before.
   */
  private async reportParts(caller: Caller, productId: string, standardId: string, versionId?: string | null) {
    const ds = this.dataSource;
    const inForce = this.editions ? this.editions.versionInForceSql('s.id') : 'NULL::uuid';
    const [row] = await readPrepared<Record<string, unknown>>(
      ds,
      `SELECT ${entityColumns(ds, ProductEntity, 'p', 'p.')}, o.name AS supplier, ${entityColumns(ds, StandardEntity, 's', 's.')},
              ${entityColumns(ds, StandardVersionEntity, 'v', 'v.')}, vs.visibility AS "versionVisibility",
              ${this.editions ? this.editions.editionLabelSql('v.id') : 'NULL::text'} AS edition,
              (SELECT ${entityJsonArray(ds, RequirementEntity, 'q', 'q.ord')} FROM requirement q WHERE q.version_id = v.id) AS requirements,
              (SELECT coalesce(json_agg(json_build_object(
                        'id', c.id, 'productId', c.product_id, 'standardId', c.standard_id, 'versionId', c.version_id, 'requirementKey', c.requirement_key,
                        'level', c.level, 'evidence', c.evidence, 'valuesSupported', c.values_supported, 'updatedAt', c.updated_at, 'claimedText', r.text)
                      ORDER BY c.requirement_key), '[]')
                 FROM conformance_claim c JOIN requirement r ON r.version_id = c.version_id AND r.key = c.requirement_key
                WHERE c.product_id = p.id AND c.standard_id = s.id) AS claims
         FROM (SELECT) one
         LEFT JOIN product p ON p.id = $1
         LEFT JOIN organization o ON o.id = p.organization_id
         LEFT JOIN standard s ON s.id = $2
         LEFT JOIN standard_version v ON v.id = coalesce($3::uuid, ${inForce},
                     (SELECT x.id FROM standard_version x WHERE x.standard_id = s.id ORDER BY x.number DESC LIMIT 1))
         LEFT JOIN standard vs ON vs.id = v.standard_id`,
      [productId, standardId, versionId ?? null],
    );
    const product = entityFrom(ds, ProductEntity, row, 'p.');
    if (!product || !this.maySee(caller, product)) throw notFound('product', productId);
    const standard = entityFrom(ds, StandardEntity, row, 's.');
    if (!standard || !maySee(caller, standard.visibility)) throw notFound('standard', standardId);
    const version = entityFrom(ds, StandardVersionEntity, row, 'v.');
    if (versionId) {
      // A version of a standard the caller may not see is unknown, as versions.requireVisible has it.
      if (!version || !maySee(caller, row.versionVisibility as Visibility)) throw notFound('version', versionId);
      if (version.standardId !== standard.id) throw badInput('versionId', `versionId is not a version of ${standard.designation}.`);
    }
    if (!version) throw invalidState(`${standard.designation} has no version yet; there is nothing to conform to.`);
    const requirements = entitiesFromJson(ds, RequirementEntity, row.requirements as Record<string, unknown>[]);
    const byKey = new Map(requirements.map((r) => [r.key, r]));
    // The parsed JSON objects become the claims in place: 200 of them per report, no copies.
    const claims = row.claims as ClaimView[];
    for (const c of claims) {
      c.updatedAt = new Date(c.updatedAt as unknown as string);
      c.stale = isStale(c, byKey);
    }
    return { product, standard, version, requirements, claims, edition: row.edition as string | null, supplier: row.supplier as string };
  }

  async report(caller: Caller, productId: string, standardId: string, versionId?: string | null) {
    const { product, standard, version, requirements, claims, edition } = await this.reportParts(caller, productId, standardId, versionId);
    return { product, standard, version, draft: edition === null, ...assess(requirements, claims) };
  }

  /**
   * One cell per visible (product, standard) pair. Six queries at most,
   * whatever the numbers of products, standards and claims.
   */
  async matrix(caller: Caller, standardIds: readonly string[], productIds?: readonly string[] | null, page: { first?: number | null; after?: string | null } = {}) {
    const wantedStandards = [...new Set(standardIds)];
    if (wantedStandards.length > MAX_MATRIX_STANDARDS) throw badInput('standardIds', `standardIds may name at most ${MAX_MATRIX_STANDARDS} standards.`);
    if (productIds && new Set(productIds).size > MAX_MATRIX_PRODUCTS) throw badInput('productIds', `productIds may name at most ${MAX_MATRIX_PRODUCTS} products.`);
    const m = this.dataSource.manager;
    const found = new Map((await this.standards.byIds(caller, wantedStandards)).map((s) => [s.id, s]));
    const standards = wantedStandards.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
    const products = productIds ? await this.productsByIds(caller, [...new Set(productIds)]) : await this.list(caller, null, page);
    products.sort((a, b) => a.name.localeCompare(b.name) || a.productVersion.localeCompare(b.productVersion) || a.id.localeCompare(b.id));
    if (!standards.length || !products.length) return [];
    const refs = await this.referenceVersions(standards.map((s) => s.id), m);
    const requirements = await this.versions.requirementsOf([...refs.values()], m);
    const claims = await this.claims(m, caller, products.map((p) => p.id), standards.map((s) => s.id), refs, requirements);

    const reqsOf = new Map<string, RequirementEntity[]>();
    for (const r of requirements) reqsOf.set(r.versionId, [...(reqsOf.get(r.versionId) ?? []), r]);
    const claimsOf = new Map<string, ClaimView[]>();
    for (const c of claims) {
      const k = `${c.productId}|${c.standardId}`;
      claimsOf.set(k, [...(claimsOf.get(k) ?? []), c]);
    }
    return products.flatMap((product) =>
      standards.map((standard) => {
        const ref = refs.get(standard.id);
        // A standard with no version yet has nothing a product could conform to.
        if (!ref) return { product, standard, coverage: 0, conformant: false };
        const { coverage, conformant } = assess(reqsOf.get(ref) ?? [], claimsOf.get(`${product.id}|${standard.id}`) ?? []);
        return { product, standard, coverage, conformant };
      }),
    );
  }

  /**
   * The product's conformance statement as a PICS proforma (ISO/IEC 9646-7,
   * CCSDS PICS annexes): an identification header, then one row per
   * provision the vendor can claim (possibilities are not claimed), in
   * document order. Support is Yes, No or N/A: PARTIAL is No with a note, and
   * N/A on a provision that is not conditional is reported as not met.
   */
  async pics(caller: Caller, productId: string, standardId: string, versionId?: string | null) {
    const { product, standard, version, requirements, claims, edition, supplier } = await this.reportParts(caller, productId, standardId, versionId);
    const { gaps } = assess(requirements, claims);
    const notMet = new Set(gaps.map((g) => g.key));
    const claimOf = new Map(claims.map((c) => [c.requirementKey, c]));
    const rows = requirements.filter((r) => r.status !== null).map((r) => {
      const claim = claimOf.get(r.key);
      const notes: string[] = [];
      if (claim?.level === ConformanceLevel.PARTIAL) notes.push('Partial support (counted as No).');
      if (claim?.level === ConformanceLevel.NOT_APPLICABLE && r.status !== 'C') notes.push('Not met: N/A applies only to a conditional provision whose condition is false.');
      // A stale claim vouches for other words; say so rather than let it pass as support.
      if (claim?.stale) notes.push(`Stale: the claim was made against other wording of this provision.`);
      if (claim?.evidence) notes.push(claim.evidence);
      return {
        item: r.key,
        description: r.text,
        reference: r.identifier,
        status: r.status === 'C' && r.condition ? `C: ${r.condition}` : r.status!,
        support: claim ? SUPPORT_LABEL[claim.level] + (claim.stale ? ' (stale)' : '') : '',
        values: claim?.valuesSupported ?? '',
        notes: notes.join(' '),
      };
    });
    const exceptions = requirements.filter((r) => notMet.has(r.key)).map((r) => `${r.key} (${r.identifier})`);
    const identification = {
      date: new Date().toISOString().slice(0, 10),
      product: product.name,
      version: product.productVersion,
      supplier,
      standard: `${standard.designation} ${standard.title}`,
      edition: edition !== null ? edition : `DRAFT: version ${version.number}${version.label ? ` (${version.label})` : ''}, not ratified`,
      exceptions: exceptions.length ? exceptions.join('; ') : 'none',
    };
    return { product, standard, version, draft: edition === null, identification, rows };
  }
}

const SUPPORT_LABEL: Record<ConformanceLevel, string> = {
  CONFORMANT: 'Yes',
  PARTIAL: 'No',
  NON_CONFORMANT: 'No',
  NOT_APPLICABLE: 'N/A',
};
