import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Feed } from 'feed';
import { Allow } from '../common/access';
import { MISSION_AREA_NAMES } from '../common/mission-area';
import { needReference } from '../needs/need.entity';
import { NeedsService } from '../needs/needs.service';
import { editionUrl } from './edition.entity';
import { needUrl } from './needs.view';
import { PublishingService } from './publishing.service';

const FEED_SIZE = 50;

/**
 * Atom feeds of the front door, built by the `feed` package. They are what an
 * anonymous reader may see (a feed reader sends no token): editions of PUBLIC
 * standards and PUBLIC needs. Entry ids are urn:uuid: of the row, so they stay
 * the same whatever host or path serves the feed.
 */
@Controller('feeds')
@Allow('ANYONE')
export class FeedsController {
  constructor(private readonly publishing: PublishingService, private readonly needs: NeedsService) {}

  @Get('editions.atom')
  @Allow('ANYONE')
  async editions(@Req() req: Request, @Res() res: Response) {
    const editions = await this.publishing.list(null, { first: FEED_SIZE });
    const standards = new Map((await this.publishing.standardsByIds([...new Set(editions.map((e) => e.standardId))])).map((s) => [s.id, s]));
    const base = origin(req);
    const feed = this.feed(base, 'editions', 'Published editions', 'Editions of public space standards promulgated by the Space Capabilities Group.', '/',
      editions[0]?.promulgatedAt ?? new Date(0));
    for (const e of editions) {
      const standard = standards.get(e.standardId)!;
      feed.addItem({
        id: `urn:uuid:${e.id}`,
        title: e.label,
        link: base + editionUrl(standard.designation, e.number),
        date: e.promulgatedAt,
        published: e.promulgatedAt,
        description: `${standard.designation}: ${standard.title}. ${standard.scope}`,
      });
    }
    send(res, feed.atom1());
  }

  @Get('needs.atom')
  @Allow('ANYONE')
  async needsFeed(@Req() req: Request, @Res() res: Response) {
    // Newest change first: a need moving to ADDRESSED comes back to the top.
    const needs = (await this.needs.published(null, 500)).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()).slice(0, FEED_SIZE);
    const base = origin(req);
    const feed = this.feed(base, 'needs', 'Interoperability needs', 'What the Alliance needs from space standards and their providers.', '/needs',
      needs[0]?.updatedAt ?? new Date(0));
    for (const n of needs) {
      feed.addItem({
        id: `urn:uuid:${n.id}`,
        title: `${needReference(n)}: ${n.title}`,
        link: base + needUrl(n),
        date: n.updatedAt,
        published: n.createdAt,
        description: `${MISSION_AREA_NAMES[n.missionArea]}, ${n.priority.toLowerCase()} priority, ${n.status.toLowerCase()}, ${n.supportCount} supporting nation${n.supportCount === 1 ? '' : 's'}. ${n.statement}`,
        category: [{ name: MISSION_AREA_NAMES[n.missionArea], term: n.missionArea }],
      });
    }
    send(res, feed.atom1());
  }

  private feed(base: string, name: string, title: string, description: string, page: string, updated: Date) {
    return new Feed({
      id: `tag:space-standards-workbench,2026:feeds/${name}`,
      title,
      description,
      link: base + page,
      updated,
      copyright: 'NATO UNCLASSIFIED. Releasable to the public.',
      feedLinks: { atom: `${base}/feeds/${name}.atom` },
      author: { name: 'Space Capabilities Group secretariat' },
    });
  }
}

/** The address the reader used, for the links (ids do not depend on it). */
function origin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

function send(res: Response, xml: string) {
  res.status(200)
    .type('application/atom+xml; charset=utf-8')
    .setHeader('cache-control', 'public, max-age=300')
    .setHeader('x-content-type-options', 'nosniff')
    .send(xml);
}
