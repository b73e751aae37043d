import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganizationEntity, OrganizationKind } from '../accounts/organization.entity';
import { ALLIANCE_ROLES, Caller, hasRole, Role } from '../common/caller';
import { Page, paginate } from '../common/pagination';
import { Visibility } from '../standards/standard.entity';
import { visibleTo } from '../standards/visibility';
import { ProviderFilter, ProviderModel, ProviderProductModel, ProviderStandardModel } from './models/provider.model';

/** The Alliance's roles see every provider; everyone else sees those that opted in (and a VENDOR its own). */
const seesEveryProvider = (caller: Caller | null) => hasRole(caller, ...ALLIANCE_ROLES);

/** Whether a reader may see a provider named (the directory, the front door's claiming products): the Alliance, its own vendors, or anyone once it opted in. */
export const mayNameProvider = (caller: Caller | null, org: { organizationId: string; publicListing: boolean }) =>
  seesEveryProvider(caller) || org.publicListing || (hasRole(caller, Role.VENDOR) && caller?.organizationId === org.organizationId);

/**
 * The provider directory: approved providers (VENDOR organizations) with
 * their products and the standards they state conformance to. Who sees which
 * provider is decided here only, for the GraphQL query and the public page.
 */
@Injectable()
export class ProvidersService {
  constructor(private readonly dataSource: DataSource) {}

  /** The standards a reader may see named in the directory: without an account, PUBLIC ones. */
  private standardsVisible(caller: Caller | null): Visibility[] {
    return caller ? visibleTo(caller) : [Visibility.PUBLIC];
  }

  async list(caller: Caller | null, filter: ProviderFilter | undefined, args: { first?: number | null; after?: string | null }): Promise<Page<ProviderModel>> {
    const qb = this.dataSource.getRepository(OrganizationEntity).createQueryBuilder('o').where('o.kind = :kind', { kind: OrganizationKind.VENDOR });
    if (!seesEveryProvider(caller)) {
      qb.andWhere('(o.public_listing OR o.id = :own)', { own: (hasRole(caller, Role.VENDOR) && caller?.organizationId) || '00000000-0000-0000-0000-000000000000' });
    }
    if (filter?.nationCode) qb.andWhere('o.nation_code = :nation', { nation: filter.nationCode });
    const text = filter?.text?.trim();
    if (text) qb.andWhere('o.name ILIKE :like', { like: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (filter?.standardId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM product p JOIN conformance_claim c ON c.product_id = p.id JOIN standard s ON s.id = c.standard_id
          WHERE p.organization_id = o.id AND c.standard_id = :standard AND s.visibility = ANY(:visible))`,
        { standard: filter.standardId, visible: this.standardsVisible(caller) },
      );
    }
    const page = await paginate(qb, args, { columns: ['lower(o.name)', 'o.id'], values: (o) => [o.name.toLowerCase(), o.id] });
    const full = await this.describe(caller, page.edges.map((e) => e.node));
    return { ...page, edges: page.edges.map((e, i) => ({ ...e, node: full[i] })) };
  }

  /** Products, standards and nations of a page of providers: three queries, whatever the page's size. */
  private async describe(caller: Caller | null, orgs: OrganizationEntity[]): Promise<ProviderModel[]> {
    const ids = orgs.map((o) => o.id);
    if (!ids.length) return [];
    type Of<T> = (T & { organizationId: string })[];
    const [products, standards, nations]: [Of<ProviderProductModel>, Of<ProviderStandardModel>, { code: string; name: string }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT id, organization_id AS "organizationId", name, product_version AS "productVersion"
           FROM product WHERE organization_id = ANY($1::uuid[]) ORDER BY lower(name), product_version, id`, [ids]),
      this.dataSource.query(
        `SELECT p.organization_id AS "organizationId", s.id AS "standardId", s.designation, s.title,
                count(DISTINCT p.id) FILTER (WHERE c.level = 'CONFORMANT')::int AS "conformantProducts"
           FROM product p JOIN conformance_claim c ON c.product_id = p.id JOIN standard s ON s.id = c.standard_id
          WHERE p.organization_id = ANY($1::uuid[]) AND s.visibility = ANY($2::text[])
          GROUP BY p.organization_id, s.id ORDER BY s.designation`, [ids, this.standardsVisible(caller)]),
      this.dataSource.query(`SELECT code, name FROM nation WHERE code IN (SELECT nation_code FROM organization WHERE id = ANY($1::uuid[]))`, [ids]),
    ]);
    const nationByCode = new Map(nations.map((n) => [n.code, n]));
    const of = <T>(rows: Of<T>, id: string): T[] =>
      rows.filter((r) => r.organizationId === id).map(({ organizationId: _o, ...rest }) => rest as T);
    return orgs.map((o) => ({
      id: o.id, name: o.name, website: o.website, publicListing: o.publicListing,
      country: o.nationCode ? nationByCode.get(o.nationCode) ?? null : null,
      products: of(products, o.id), standards: of(standards, o.id),
    }));
  }
}
