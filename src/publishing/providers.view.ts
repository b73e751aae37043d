import { ProviderModel } from '../conformance/models/provider.model';
import { designationSlug } from './edition.entity';
import { esc, layout } from './pages.view';

export const PROVIDERS_PER_PAGE = 50;

/**
 * The public provider directory: only providers that agreed to be listed, with PUBLIC standards only.
 * `after` is this page's cursor (null: the first page); `next` the cursor of the next page, if any.
 */
export function providersPage(providers: ProviderModel[], paging: { after: string | null; next: string | null | undefined }): string {
  const items = providers.map((p) => {
    const products = p.products.length
      ? `<ul>${p.products.map((x) => `<li>${esc(x.name)} ${esc(x.productVersion)}</li>`).join('')}</ul>`
      : '<p>No product listed yet.</p>';
    const standards = p.standards.length
      ? `<ul>${p.standards.map((s) => `<li><a href="/standards/${esc(encodeURIComponent(designationSlug(s.designation)))}">${esc(s.designation)}</a> ${esc(s.title)}</li>`).join('')}</ul>`
      : '<p>No conformance stated yet.</p>';
    const website = p.website ? `<dt>Website</dt><dd><a href="${esc(p.website)}" rel="nofollow noopener">${esc(p.website)}</a></dd>` : '';
    return `<section class="provider" aria-labelledby="p-${esc(p.id)}">
<h2 id="p-${esc(p.id)}">${esc(p.name)}</h2>
<dl class="meta"><dt>Nation</dt><dd>${esc(p.country?.name ?? 'Not stated')}</dd>${website}</dl>
<h3>Products</h3>
${products}
<h3>Standards they state conformance to</h3>
${standards}
</section>`;
  });
  const links = [
    paging.after ? '<a href="/providers" rel="first">First page</a>' : '',
    paging.next ? `<a href="/providers?after=${esc(encodeURIComponent(paging.next))}" rel="next">Next ${PROVIDERS_PER_PAGE} providers</a>` : '',
  ].filter(Boolean);
  const body = (providers.length
    ? items.join('\n')
    : paging.after ? '<p>No more providers.</p>' : '<p>No provider has chosen to be listed publicly yet.</p>') +
    (links.length ? `\n<nav class="pages" aria-label="Pages of the directory">${links.join(' · ')}</nav>` : '');
  return layout('Commercial space providers', `<h1>Commercial space providers</h1>
<p class="subtitle">Approved providers from Allied nations that chose to be listed here, with the standards their products state conformance to.</p>
${body}`);
}
