import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Caller, Role } from '../common/caller';
import { badInput, conflict, forbidden } from '../common/errors';
import { NationEntity } from './nation.entity';
import { OrganizationEntity, OrganizationKind } from './organization.entity';
import { allianceNations } from './nations-cache';

@Injectable()
export class OrganizationsService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  list(kind?: OrganizationKind | null): Promise<OrganizationEntity[]> {
    return this.dataSource.getRepository(OrganizationEntity).find({ where: kind ? { kind } : {}, order: { name: 'ASC' } });
  }

  byIds(ids: readonly string[]): Promise<OrganizationEntity[]> {
    return this.dataSource.getRepository(OrganizationEntity).findBy({ id: In([...ids]) });
  }

  async nations(): Promise<NationEntity[]> {
    return [...(await allianceNations(this.dataSource))];
  }

  async nationsByCodes(codes: readonly string[]): Promise<NationEntity[]> {
    const wanted = new Set(codes);
    return (await allianceNations(this.dataSource)).filter((n) => wanted.has(n.code));
  }

  async create(caller: Caller, input: { name: string; kind: OrganizationKind; nationCode?: string }) {
    const name = input.name.trim();
    if (input.kind === OrganizationKind.NATIONAL_BODY && !input.nationCode) {
      throw badInput('nationCode', 'nationCode is required for a NATIONAL_BODY.');
    }
    return this.dataSource.transaction(async (m) => {
      if (input.nationCode && !(await m.existsBy(NationEntity, { code: input.nationCode }))) {
        throw badInput('nationCode', `${input.nationCode} is not an Allied nation code.`);
      }
      const [clash] = await m.query(`SELECT 1 FROM organization WHERE lower(name) = lower($1)`, [name]);
      if (clash) throw conflict(`An organization named "${name}" exists already.`);
      const org = await m.save(m.create(OrganizationEntity, { name, kind: input.kind, nationCode: input.nationCode ?? null }));
      await this.audit.record(m, caller, {
        action: 'organization.created', entityType: 'Organization', entityId: org.id, detail: `${input.kind} ${name} created`,
      });
      return org;
    });
  }

  /** A VENDOR_ADMIN lists its organization in the public provider directory, or takes it off. */
  async setPublicListing(caller: Caller, listed: boolean): Promise<OrganizationEntity> {
    if (caller.organizationToken || !caller.roles.includes(Role.VENDOR_ADMIN) || !caller.organizationId) {
      throw forbidden('Only a VENDOR_ADMIN chooses whether its organization is listed publicly.');
    }
    const id = caller.organizationId;
    return this.dataSource.transaction(async (m) => {
      await m.update(OrganizationEntity, { id }, { publicListing: listed });
      await this.audit.record(m, caller, {
        action: 'organization.listing', entityType: 'Organization', entityId: id, detail: listed ? 'listed in the public provider directory' : 'taken off the public provider directory',
      });
      return m.findOneByOrFail(OrganizationEntity, { id });
    });
  }
}
