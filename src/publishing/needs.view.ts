import { MISSION_AREA_NAMES } from '../common/mission-area';
import { NeedEntity, needReference } from '../needs/need.entity';
import { StandardEntity } from '../standards/standard.entity';
import { EditionEntity, editionUrl } from './edition.entity';
import { esc, layout } from './pages.view';

/** The front door's pages of needs: what the Alliance needs, which standards answer it, which products claim them. */

const STATUS: Record<string, string> = { RAISED: 'Raised', ACCEPTED: 'Accepted', ADDRESSED: 'Addressed', CLOSED: 'Closed', REJECTED: 'Rejected' };
const PRIORITY: Record<string, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', CRITICAL: 'Critical' };
export const needUrl = (need: { number: number }) => `/needs/${need.number}`;

export function needsPage(needs: NeedEntity[]): string {
  const rows = needs
    .map(
      (n) => `<tr>
<td><a href="${needUrl(n)}">${esc(needReference(n))}</a></td>
<td>${esc(n.title)}</td>
<td>${esc(MISSION_AREA_NAMES[n.missionArea])}</td>
<td>${PRIORITY[n.priority]}</td>
<td>${STATUS[n.status]}</td>
<td>${n.supportCount}</td>
</tr>`,
    )
    .join('\n');
  const body = needs.length
    ? `<table><caption>${needs.length} need${needs.length === 1 ? '' : 's'}, most supported first</caption>
<thead><tr><th scope="col">Need</th><th scope="col">Title</th><th scope="col">Mission area</th><th scope="col">Priority</th><th scope="col">Status</th><th scope="col">Supporting nations</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
    : '<p>No interoperability need is published yet.</p>';
  return layout(
    'Interoperability needs',
    `<h1>Interoperability needs</h1>
<p>What the Alliance needs from space standards, and from the providers that implement them. New needs are also in the <a href="/feeds/needs.atom">needs feed</a>.</p>
${body}`,
  );
}

export interface AnsweringStandard {
  standard: StandardEntity;
  editions: EditionEntity[];
  /** Products that claim conformance, named when the reader may see them. */
  products: { name: string; productVersion: string; organization: string; conformant: number }[];
  /** How many products claim conformance in all (named or not). */
  productCount: number;
}

export function needPage(need: NeedEntity, supporters: string[], sharing: string[], answers: AnsweringStandard[]): string {
  const answered = answers.length
    ? answers
        .map(({ standard, editions, products, productCount }) => {
          const latest = editions.at(-1)!;
          const unnamed = productCount - products.length;
          const table = products.length
            ? `<table><caption>Products claiming conformance</caption><thead><tr><th scope="col">Product</th><th scope="col">Provider</th><th scope="col">Conformant provisions</th></tr></thead><tbody>
${products.map((p) => `<tr><td>${esc(p.name)} ${esc(p.productVersion)}</td><td>${esc(p.organization)}</td><td>${p.conformant}</td></tr>`).join('\n')}
</tbody></table>`
            : '';
          const more = unnamed
            ? `<p>${products.length ? `${unnamed} more` : `${unnamed}`} product${unnamed === 1 ? ' claims' : 's claim'} conformance from providers not listed in public (see <a href="/providers">the provider directory</a>).</p>`
            : products.length ? '' : '<p>No product claims conformance yet.</p>';
          const claims = table + more;
          return `<section><h3><a href="${esc(editionUrl(standard.designation, latest.number))}">${esc(latest.label)}</a></h3>
<p>${esc(standard.title)}</p>
${claims}</section>`;
        })
        .join('\n')
    : '<p>No published standard answers this need yet.</p>';
  return layout(
    `${needReference(need)}: ${need.title}`,
    `<h1>${esc(needReference(need))}</h1>
<p class="subtitle">${esc(need.title)}</p>
<dl class="meta">
<dt>Mission area</dt><dd>${esc(MISSION_AREA_NAMES[need.missionArea])}</dd>
<dt>Priority</dt><dd>${PRIORITY[need.priority]}</dd>
<dt>Status</dt><dd>${STATUS[need.status]}</dd>
<dt>Raised</dt><dd><time datetime="${need.createdAt.toISOString()}">${need.createdAt.toISOString().slice(0, 10)}</time></dd>
<dt>Shared by</dt><dd>${sharing.length ? sharing.map(esc).join(', ') : '—'}</dd>
<dt>Supported by</dt><dd>${supporters.length ? `${supporters.length}: ${supporters.map(esc).join(', ')}` : 'no nation yet'}</dd>
</dl>
<h2>What the Alliance needs</h2>
<p>${esc(need.statement)}</p>
<h2>Standards that answer it</h2>
${answered}`,
  );
}
