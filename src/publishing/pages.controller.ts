import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Allow } from '../common/access';
import { DomainError, ErrorCode } from '../common/errors';
import { HeavyWork } from '../common/heavy-work';
import { Caller, RequestAuth } from '../common/caller';
import { BallotsService } from '../ballots/ballots.service';
import { StandardEntity, Visibility } from '../standards/standard.entity';
import { maySee } from '../standards/visibility';
import { EditionPdfService } from './edition-pdf';
import { EditionEntity } from './edition.entity';
import { editionVisibility, PublishingService } from './publishing.service';
import { mayNameProvider, ProvidersService } from '../conformance/providers.service';
import { PROVIDERS_PER_PAGE, providersPage } from './providers.view';
import { RatificationService } from './ratification.service';
import { editionPage, errorPage, homePage, PAGE_CSP, standardPage } from './pages.view';
import { NeedsService } from '../needs/needs.service';
import { NeedVisibility } from '../needs/need.entity';
import { AnsweringStandard, needPage, needsPage } from './needs.view';

type AuthedRequest = Request & { auth?: RequestAuth };

/**
 * The published catalogue as server-rendered pages. The routes are open to
 * anyone; each checks what the reader may see: editions of PUBLIC standards
 * without an account, others with the bearer token of someone allowed, and
 * anything else is a plain 404 so that its existence does not leak.
 */
@Controller()
@Allow('ANYONE')
export class PagesController {
  constructor(
    private readonly publishing: PublishingService,
    private readonly ballots: BallotsService,
    private readonly pdf: EditionPdfService,
    private readonly heavy: HeavyWork,
    private readonly ratifications: RatificationService,
    private readonly providers: ProvidersService,
    private readonly needs: NeedsService,
  ) {}

  /** The front door's needs: PUBLIC ones to anyone, INDUSTRY ones too to readers signed in as vendors or Alliance staff. */
  @Get('needs')
  @Allow('ANYONE')
  async needsList(@Req() req: AuthedRequest, @Res() res: Response) {
    if (this.refuseBadToken(req, res)) return;
    this.html(res, req, 200, needsPage(await this.needs.published(req.auth?.caller ?? null)), Visibility.PUBLIC);
  }

  /** "/needs/12" or "/needs/NEED-12". */
  @Get('needs/:ref')
  @Allow('ANYONE')
  async need(@Req() req: AuthedRequest, @Res() res: Response, @Param('ref') ref: string) {
    if (this.refuseBadToken(req, res)) return;
    const caller = req.auth?.caller ?? null;
    const match = /^(?:NEED-)?(\d{1,9})$/i.exec(ref);
    const need = match ? await this.needs.byNumber(caller, Number(match[1])) : null;
    // The front door shows INDUSTRY and PUBLIC needs; NATIONS needs live in the app.
    if (!need || need.visibility === NeedVisibility.NATIONS || need.status === 'REJECTED') {
      return this.html(res, req, 404, errorPage('Not found', 'There is no published need here, or you need to sign in to read it.'));
    }
    const [nations, supports, sharing, links] = await Promise.all([
      this.ballots.allNations(), this.needs.supports([need.id]), this.needs.sharingNations([need.id]), this.needs.links('need', [need.id]),
    ]);
    const names = new Map(nations.map((n) => [n.code, n.name]));
    const ids = links.map((l) => l.standardId);
    const visible = new Set(editionVisibility(caller));
    const standards = (await this.publishing.standardsByIds(ids)).filter((s) => visible.has(s.visibility));
    const editions = await this.publishing.ofStandards(standards.map((s) => s.id));
    const products = await this.needs.claimingProducts(standards.map((s) => s.id));
    const answers: AnsweringStandard[] = standards
      .map((standard) => {
        const claiming = products.filter((p) => p.standardId === standard.id);
        return {
          standard,
          editions: editions.filter((e) => e.standardId === standard.id),
          // Providers are named as in the directory: to the Alliance, to their own vendors, and to anyone once they opted in.
          products: claiming.filter((p) => mayNameProvider(caller, p)),
          productCount: claiming.length,
        };
      })
      .filter((a) => a.editions.length)
      .sort((a, b) => a.standard.designation.localeCompare(b.standard.designation));
    this.html(res, req, 200, needPage(need, supports.map((s) => names.get(s.code) ?? s.code), sharing.map((s) => names.get(s.code) ?? s.code), answers),
      need.visibility === NeedVisibility.PUBLIC ? Visibility.PUBLIC : Visibility.INDUSTRY);
  }

  @Get()
  @Allow('ANYONE')
  async home(@Req() req: AuthedRequest, @Res() res: Response) {
    if (this.refuseBadToken(req, res)) return;
    this.html(res, req, 200, homePage(await this.publishing.inForce(req.auth?.caller ?? null)));
  }

  /**
   * The public directory lists only providers that opted in, whoever reads it, so the page is the same for all.
   * By name, PROVIDERS_PER_PAGE at a time: "?after=" is the cursor of the previous page's last provider.
   */
  @Get('providers')
  @Allow('ANYONE')
  async providerDirectory(@Req() req: AuthedRequest, @Res() res: Response, @Query('after') after?: unknown) {
    if (after !== undefined && typeof after !== 'string') return this.html(res, req, 400, errorPage('Not a page', 'Give one page link (after=…), as the directory wrote it.'));
    try {
      const page = await this.providers.list(null, undefined, { first: PROVIDERS_PER_PAGE, after: after || null });
      this.html(res, req, 200, providersPage(page.edges.map((e) => e.node), { after: after || null, next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null }), Visibility.PUBLIC);
    } catch (err) {
      // A cursor the directory did not write (edited, or from an old link): say so, as a page.
      if (err instanceof DomainError && err.code === ErrorCode.BAD_USER_INPUT) return this.html(res, req, 400, errorPage('Not a page of the directory', `${err.message} Start from the first page: /providers.`));
      throw err;
    }
  }

  @Get('standards/:designation')
  @Allow('ANYONE')
  async standard(@Req() req: AuthedRequest, @Res() res: Response, @Param('designation') designation: string) {
    if (this.refuseBadToken(req, res)) return;
    const caller = req.auth?.caller ?? null;
    const standard = await this.publishing.standardBySlug(caller, designation);
    const editions = standard ? await this.publishing.ofStandards([standard.id]) : [];
    // A standard with nothing published is a draft: only those who may read its drafts learn that it exists.
    if (!standard || (!editions.length && !maySee(caller, standard.visibility))) return this.notFound(req, res);
    this.html(res, req, 200, standardPage(standard, editions, await this.replacementOf(caller, standard)), standard.visibility);
  }

  /** ":n" is the edition page (its latest Version), ":n.md" its Markdown source, ":n.pdf" the page printed to PDF. */
  @Get('standards/:designation/editions/:file')
  @Allow('ANYONE')
  async edition(@Req() req: AuthedRequest, @Res() res: Response, @Param('designation') designation: string, @Param('file') file: string) {
    if (this.refuseBadToken(req, res)) return;
    const match = /^(\d{1,6})(\.md|\.pdf)?$/.exec(file);
    const standard = match ? await this.publishing.standardBySlug(req.auth?.caller ?? null, designation) : null;
    // Versions come in order, so the last of the number is the edition's latest Version.
    const versions = standard ? (await this.publishing.ofStandards([standard.id])).filter((e) => e.number === Number(match![1])) : [];
    const edition = versions.at(-1);
    if (!standard || !edition) return this.notFound(req, res);
    this.cacheFor(res, standard.visibility);
    if (match![2] === '.pdf') {
      const html = await this.editionHtml(req, standard, edition, versions);
      const pdf = await this.heavy.run('PDF export', () => this.pdf.render(html, edition.label));
      res.status(200).type('application/pdf').setHeader('x-content-type-options', 'nosniff');
      res.setHeader('content-disposition', `inline; filename="${standard.designation.replace(/[^\w.-]+/g, '-')}-edition-${edition.number}.pdf"`);
      res.send(pdf);
      return;
    }
    if (match![2]) {
      res.status(200).type('text/markdown; charset=utf-8').setHeader('x-content-type-options', 'nosniff');
      res.setHeader('content-disposition', `inline; filename="${standard.designation.replace(/[^\w.-]+/g, '-')}-edition-${edition.number}.md"`);
      res.send(await this.publishing.markdown(edition));
      return;
    }
    this.html(res, req, 200, await this.editionHtml(req, standard, edition, versions), standard.visibility);
  }

  /** The page of an edition with what happened after its promulgation: its Versions, the ratification now and its history. */
  private async editionHtml(req: AuthedRequest, standard: StandardEntity, edition: EditionEntity, versions: EditionEntity[]): Promise<string> {
    const nations = await this.ballots.allNations();
    const names = new Map(nations.map((n) => [n.code, n.name]));
    const named = <T extends { nationCode: string }>(x: T) => ({ ...x, nationName: names.get(x.nationCode) ?? x.nationCode });
    const changes = await this.ratifications.changesOf([edition.ballotId]);
    return editionPage(standard, edition, nations.length, {
      versions,
      changes: changes.map(named),
      current: this.ratifications.current(edition, changes).map(named).sort((a, b) => a.nationName.localeCompare(b.nationName)),
      replacement: await this.replacementOf(req.auth?.caller ?? null, standard),
    });
  }

  private async replacementOf(caller: Caller | null, standard: StandardEntity): Promise<StandardEntity | null> {
    if (!standard.supersededById) return null;
    const [replacement] = await this.publishing.standardsByIds([standard.supersededById]);
    // The replacement is named when its editions are readable by this reader, as any page would be.
    return replacement && editionVisibility(caller).includes(replacement.visibility) ? replacement : null;
  }

  /** A token that is sent must be valid, or the reader would silently see less than expected. */
  private refuseBadToken(req: AuthedRequest, res: Response): boolean {
    if (!req.auth?.authError) return false;
    res.setHeader('www-authenticate', 'Bearer');
    this.html(res, req, 401, errorPage('Sign in again', req.auth.authError.message));
    return true;
  }

  private notFound(req: AuthedRequest, res: Response) {
    this.html(res, req, 404, errorPage('Not found', 'There is no published standard here, or you need to sign in to read it.'));
  }

  private cacheFor(res: Response, visibility?: Visibility) {
    res.setHeader('cache-control', visibility === Visibility.PUBLIC ? 'public, max-age=300' : 'private, no-store');
  }

  private html(res: Response, req: AuthedRequest, status: number, body: string, visibility?: Visibility) {
    // Pages that depend on who reads them are never shared from a cache.
    this.cacheFor(res, req.headers.authorization ? undefined : visibility);
    res.status(status)
      .setHeader('content-security-policy', PAGE_CSP)
      .setHeader('x-content-type-options', 'nosniff')
      .setHeader('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(body);
  }
}
