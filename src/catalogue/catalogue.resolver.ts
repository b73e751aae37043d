import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Scopes } from '../common/access';
import { Caller, Role } from '../common/caller';
import { Ctx, CurrentCaller, GqlContext, groupBy, indexBy } from '../common/context';
import { LIST_AFTER, LIST_FIRST } from '../common/pagination';
import { StandardModel } from '../standards/models/standard.model';
import { StandardsService } from '../standards/standards.service';
import { CatalogueService } from './catalogue.service';
import { ExternalStandardInput, RelateStandardInput, UpdateExternalStandardInput } from './dto/catalogue.inputs';
import { DuplicationService } from './duplication.service';
import { ExternalLinkEntity, ExternalLinkKind, ExternalStandardEntity, ExternalStatus, StandardsBody } from './external-standard.entity';
import { ExternalAdoptionModel, ExternalStandardModel, OverlapCandidateModel, StandardRelationModel } from './models/catalogue.model';

export function externalLoader(ctx: GqlContext, catalogue: CatalogueService) {
  return ctx.loaders.get<string, ExternalStandardEntity | null>('externalStandardById', async (ids) =>
    indexBy(ids, await catalogue.byIds(ids), (e) => e.id),
  );
}

@Resolver(() => ExternalStandardModel)
@Allow('SIGNED_IN')
export class CatalogueResolver {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly duplication: DuplicationService,
    private readonly standards: StandardsService,
  ) {}

  @Query(() => [ExternalStandardModel], {
    description: 'Any signed-in person: the external catalogue (ECSS, CEN, CENELEC, ETSI, ISO, CCSDS, EU...), filtered by body and text.',
  })
  @Allow('SIGNED_IN')
  @Scopes('standards:read')
  externalStandards(
    @CurrentCaller() caller: Caller,
    @Args('body', { type: () => StandardsBody, nullable: true, description: 'Only documents of this body.' }) body?: StandardsBody,
    @Args('text', { nullable: true, description: 'Words to find (English full-text search of the entry, or a part of its designation or title), at most 200 characters.' }) text?: string,
    @Args('first', LIST_FIRST) first?: number,
    @Args('after', LIST_AFTER) after?: string,
    @Args('status', { type: () => ExternalStatus, nullable: true, description: 'Only documents with this status (CURRENT for what is in force).' }) status?: ExternalStatus,
  ) {
    return this.catalogue.list(caller, { body, text, first, after, status });
  }

  @Query(() => [OverlapCandidateModel], {
    description: 'Any signed-in person: ranks external and internal standards by similarity of title, scope and text to a proposal, with the terms they share; score 0 to 1.',
  })
  @Allow('SIGNED_IN')
  @Scopes('standards:read')
  async duplicationCheck(
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: GqlContext,
    @Args('title', { description: 'The proposal\'s title, 1 to 300 characters.' }) title: string,
    @Args('scope', { description: 'The proposal\'s scope, at most 5000 characters.' }) scope: string,
    @Args('text', { nullable: true, description: 'The proposal\'s draft text, if any, at most 100 KB (UTF-8).' }) text?: string,
    @Args('first', { type: () => Int, nullable: true, description: 'How many candidates, best first: 1 to 50, default 10.' }) first?: number,
  ) {
    const rows = await this.duplication.check(caller, { title, scope, text }, first ?? 10);
    const ids = rows.filter((r) => r.kind === 'standard').map((r) => r.id);
    const standards = new Map((ids.length ? await this.standards.byIds(caller, ids) : []).map((s) => [s.id, s]));
    const externals = await externalLoader(ctx, this.catalogue).loadMany(
      rows.flatMap((r) => (r.kind === 'external' ? [r.id, ...r.replacedByIds] : [])),
    );
    const byId = new Map(externals.flatMap((e) => (e && !(e instanceof Error) ? [[e.id, e] as const] : [])));
    return rows.map((r) => ({
      external: r.kind === 'external' ? byId.get(r.id) ?? null : null,
      standard: r.kind === 'standard' ? standards.get(r.id) ?? null : null,
      score: r.score,
      sharedTerms: r.sharedTerms,
      replacedBy: r.replacedByIds.flatMap((id) => byId.get(id) ?? []),
    }));
  }

  @Mutation(() => ExternalStandardModel, { description: 'SECRETARIAT: adds an entry to the external catalogue; a designation is unique per body (CONFLICT otherwise).' })
  @Allow(Role.SECRETARIAT)
  addExternalStandard(@CurrentCaller() caller: Caller, @Args('input', { description: 'The new catalogue entry.' }) input: ExternalStandardInput) {
    return this.catalogue.add(caller, input);
  }

  @Mutation(() => ExternalStandardModel, {
    description: 'SECRETARIAT: corrects a catalogue entry; only the fields given change, null clears the scope or the address; audited.',
  })
  @Allow(Role.SECRETARIAT)
  updateExternalStandard(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID, description: 'The catalogue entry to correct.' }) id: string,
    @Args('input', { description: 'The fields to change.' }) input: UpdateExternalStandardInput,
  ) {
    return this.catalogue.update(caller, id, input);
  }

  @Mutation(() => StandardRelationModel, {
    description: 'EXPERT, DELEGATE or SECRETARIAT: states how a standard relates to an external one (ADOPTS, EQUIVALENT_TO, PROFILES, REFERENCES, OVERLAPS).',
  })
  @Allow(Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT)
  relateStandard(@CurrentCaller() caller: Caller, @Args('input', { description: 'The standard, the external standard and the kind of relation.' }) input: RelateStandardInput) {
    return this.catalogue.relate(caller, input);
  }

  @ResolveField(() => [ExternalStandardModel], {
    description: 'Other editions of the same document by other bodies (the EN twin of an ECSS standard, the ISO twin of a CCSDS one).',
  })
  async equivalents(@Parent() external: ExternalStandardModel, @Ctx() ctx: GqlContext) {
    const twins = await ctx.loaders
      .get<string, ExternalStandardEntity[]>('externalByTwinGroup', async (groups) =>
        groupBy(groups, await this.catalogue.byTwinGroups(groups), (e) => e.twinGroup),
      )
      .load(external.twinGroup);
    return twins.filter((t) => t.id !== external.id);
  }

  @ResolveField(() => [ExternalStandardModel], { description: 'The documents that replace this one (a newer issue, or the adoption notices that cancelled it).' })
  async replacedBy(@Parent() external: ExternalStandardModel, @Ctx() ctx: GqlContext) {
    const links = await this.links(ctx, external.id);
    return this.externals(ctx, links.filter((l) => l.kind === ExternalLinkKind.REPLACES && l.toId === external.id).map((l) => l.fromId));
  }

  @ResolveField(() => [ExternalStandardModel], { description: 'The documents this one replaces.' })
  async replaces(@Parent() external: ExternalStandardModel, @Ctx() ctx: GqlContext) {
    const links = await this.links(ctx, external.id);
    return this.externals(ctx, links.filter((l) => l.kind === ExternalLinkKind.REPLACES && l.fromId === external.id).map((l) => l.toId));
  }

  @ResolveField(() => [ExternalAdoptionModel], { description: 'What this document adopts and what adopts it.' })
  async adoptions(@Parent() external: ExternalStandardModel, @Ctx() ctx: GqlContext): Promise<ExternalAdoptionModel[]> {
    const links = (await this.links(ctx, external.id)).filter((l) => l.kind === ExternalLinkKind.ADOPTS);
    const others = new Map((await this.externals(ctx, links.map((l) => (l.fromId === external.id ? l.toId : l.fromId)))).map((e) => [e.id, e]));
    return links.flatMap((l) => {
      const [adopter, adopted] = l.fromId === external.id ? [external, others.get(l.toId)] : [others.get(l.fromId), external];
      return adopter && adopted ? [{ adopter, adopted, modified: l.modified }] : [];
    }).sort((a, b) => a.adopter.designation.localeCompare(b.adopter.designation) || a.adopted.designation.localeCompare(b.adopted.designation));
  }

  private links(ctx: GqlContext, id: string): Promise<ExternalLinkEntity[]> {
    return ctx.loaders
      .get<string, ExternalLinkEntity[]>('externalLinks', async (ids) => {
        const links = await this.catalogue.linksOf(ids);
        return ids.map((id) => links.filter((l) => l.fromId === id || l.toId === id));
      })
      .load(id);
  }

  private async externals(ctx: GqlContext, ids: string[]): Promise<ExternalStandardEntity[]> {
    const found = await externalLoader(ctx, this.catalogue).loadMany(ids);
    return found
      .flatMap((e) => (e && !(e instanceof Error) ? [e] : []))
      .sort((a, b) => a.designation.localeCompare(b.designation));
  }
}

@Resolver(() => StandardRelationModel)
@Allow('SIGNED_IN')
export class StandardRelationResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => ExternalStandardModel, { description: 'The external standard of the catalogue.' })
  external(@Parent() relation: StandardRelationModel, @Ctx() ctx: GqlContext) {
    return externalLoader(ctx, this.catalogue).load(relation.externalId);
  }
}

/** Standard.relations lives here, so standards does not know the catalogue. */
@Resolver(() => StandardModel)
@Allow('SIGNED_IN')
export class StandardRelationsResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => [StandardRelationModel], { description: 'How this standard relates to external standards, oldest relation first.' })
  relations(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext) {
    return ctx.loaders
      .get<string, StandardRelationModel[]>('relationsByStandard', async (ids) =>
        groupBy(ids, await this.catalogue.relationsOf(ids), (r) => r.standardId),
      )
      .load(standard.id);
  }
}
