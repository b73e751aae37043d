import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
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

  @Query(() => [ExternalStandardModel])
  @Allow('SIGNED_IN')
  externalStandards(
    @CurrentCaller() caller: Caller,
    @Args('body', { type: () => StandardsBody, nullable: true }) body?: StandardsBody,
    @Args('text', { nullable: true }) text?: string,
    @Args('first', LIST_FIRST) first?: number,
    @Args('after', LIST_AFTER) after?: string,
    @Args('status', { type: () => ExternalStatus, nullable: true, description: 'Only documents with this status (CURRENT for what is in force).' }) status?: ExternalStatus,
  ) {
    return this.catalogue.list(caller, { body, text, first, after, status });
  }

  @Query(() => [OverlapCandidateModel])
  @Allow('SIGNED_IN')
  async duplicationCheck(
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: GqlContext,
    @Args('title') title: string,
    @Args('scope') scope: string,
    @Args('text', { nullable: true }) text?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
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

  @Mutation(() => ExternalStandardModel)
  @Allow(Role.SECRETARIAT)
  addExternalStandard(@CurrentCaller() caller: Caller, @Args('input') input: ExternalStandardInput) {
    return this.catalogue.add(caller, input);
  }

  @Mutation(() => ExternalStandardModel, { description: 'The secretariat keeps the catalogue; audited.' })
  @Allow(Role.SECRETARIAT)
  updateExternalStandard(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateExternalStandardInput,
  ) {
    return this.catalogue.update(caller, id, input);
  }

  @Mutation(() => StandardRelationModel)
  @Allow(Role.EXPERT, Role.DELEGATE, Role.SECRETARIAT)
  relateStandard(@CurrentCaller() caller: Caller, @Args('input') input: RelateStandardInput) {
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

  @ResolveField(() => ExternalStandardModel)
  external(@Parent() relation: StandardRelationModel, @Ctx() ctx: GqlContext) {
    return externalLoader(ctx, this.catalogue).load(relation.externalId);
  }
}

/** Standard.relations lives here, so standards does not know the catalogue. */
@Resolver(() => StandardModel)
@Allow('SIGNED_IN')
export class StandardRelationsResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => [StandardRelationModel])
  relations(@Parent() standard: StandardModel, @Ctx() ctx: GqlContext) {
    return ctx.loaders
      .get<string, StandardRelationModel[]>('relationsByStandard', async (ids) =>
        groupBy(ids, await this.catalogue.relationsOf(ids), (r) => r.standardId),
      )
      .load(standard.id);
  }
}
