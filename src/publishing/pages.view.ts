import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import { RatificationResponse } from '../ballots/ballot.entity';
import { StandardEntity, Visibility } from '../standards/standard.entity';
import { NationalResponseModel } from '../ballots/models/ballot.model';
import { designationSlug, EditionEntity, editionLetter, EditionStatus, editionUrl } from './edition.entity';
import { RatificationChangeKind, RatificationChangeModel } from './models/ratification.model';

/**
 * The public pages as plain server-rendered HTML: no script, one stylesheet
 * inline (allowed by its hash in the Content-Security-Policy). Every dynamic
 * string goes through `esc`; the edition's text is renderMarkdown's output,
 * which is safe to embed (raw HTML off, links checked).
 */
const esc: (s: string) => string = new MarkdownIt().utils.escapeHtml;

const CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --accent: #0b4f8a; --bg-alt: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.6 Georgia, "Times New Roman", serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid #f2b600; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: 1rem; }
header.site, footer.site { font-family: system-ui, sans-serif; font-size: .9rem; padding: .75rem 1.5rem; background: var(--bg-alt); border-bottom: 1px solid var(--rule); }
footer.site { border-top: 1px solid var(--rule); border-bottom: 0; color: var(--muted); margin-top: 3rem; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
h1, h2, h3, h4 { font-family: system-ui, sans-serif; line-height: 1.25; }
.subtitle { font-size: 1.2rem; color: var(--muted); margin-top: -.5rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; font-family: system-ui, sans-serif; font-size: .9rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
code.hash { font-size: .8rem; word-break: break-all; }
nav.toc { border: 1px solid var(--rule); background: var(--bg-alt); padding: .5rem 1.25rem; margin: 1.5rem 0; font-family: system-ui, sans-serif; }
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc li.level-3 { padding-left: 1.25rem; }
nav.toc li.level-4, nav.toc li.level-5, nav.toc li.level-6 { padding-left: 2.5rem; }
article.text { border-top: 2px solid var(--ink); margin-top: 1.5rem; }
table { border-collapse: collapse; width: 100%; font-family: system-ui, sans-serif; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .5rem 0; }
th, td { border: 1px solid var(--rule); padding: .4rem .6rem; text-align: left; vertical-align: top; }
thead th { background: var(--bg-alt); }
ul.editions { padding-left: 1.2rem; }
.status { font-family: system-ui, sans-serif; font-size: .8rem; font-weight: 600; padding: .1rem .4rem; border: 1px solid currentColor; border-radius: 3px; }
.status.IN_FORCE { color: #116329; }
.status.SUPERSEDED, .status.CANCELLED { color: var(--muted); }
p.notice { border-left: 4px solid var(--muted); padding: .25rem .75rem; font-family: system-ui, sans-serif; }
@media print {
  header.site, footer.site, .skip, nav.toc a.src { display: none; }
  main { max-width: none; padding: 0; }
  body { font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  table, tr { page-break-inside: avoid; }
  h2, h3 { page-break-after: avoid; }
  nav.toc, section.front { page-break-after: always; }
}
`;

export const PAGE_CSP =
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; ` +
  // Figures travel inside the text as data: images; no other host learns who reads a page, or when.
  `img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** Exported: the web app words the responses the same way (checked in web/e2e/i18n.spec.ts). */
export const RESPONSE_LABELS: Record<RatificationResponse, string> = {
  RATIFIED_IMPLEMENTING: 'Ratified, implementing',
  RATIFIED_FUTURE_IMPLEMENTATION: 'Ratified, future implementation',
  RATIFIED_NOT_IMPLEMENTING: 'Ratified, not implementing',
  NOT_RATIFYING: 'Not ratifying',
  NOT_PARTICIPATING: 'Not participating',
};

export const STATUS_LABELS: Record<EditionStatus, string> = { IN_FORCE: 'In force', SUPERSEDED: 'Superseded', CANCELLED: 'Cancelled' };

const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);
const time = (d: Date | string) => `<time datetime="${new Date(d).toISOString()}">${day(d)}</time>`;

export const CHANGE_LABELS: Record<RatificationChangeKind, string> = {
  RATIFIED: 'Ratified after promulgation',
  IMPLEMENTATION_CHANGED: 'Implementation status changed',
  RESERVATION_WITHDRAWN: 'Reservation withdrawn',
};

/** What the edition page shows beside the edition itself: the state after promulgation. */
export interface EditionContext {
  /** Every Version of this edition, Version 1 first. */
  versions: EditionEntity[];
  /** Ratification changes after promulgation, oldest first, with the nation's name. */
  changes: (RatificationChangeModel & { nationName: string })[];
  /** The national responses as they stand now, with the nation's name. */
  current: (NationalResponseModel & { nationName: string })[];
  /** The standard that replaced this one, when SUPERSEDED and visible to the reader. */
  replacement: StandardEntity | null;
}

/** Why a standard is no longer in force, when it is not: CANCELLED or SUPERSEDED with date and reason. */
function retirement(standard: StandardEntity, replacement: StandardEntity | null): string {
  if (standard.status === 'CANCELLED' && standard.cancelledAt) {
    return `<p class="notice" role="note"><strong>Cancelled</strong> on ${time(standard.cancelledAt)}: ${esc(standard.cancellationReason ?? '')}</p>`;
  }
  if (standard.status === 'SUPERSEDED' && standard.supersededAt) {
    const by = replacement ? `<a href="${esc(`/standards/${encodeURIComponent(designationSlug(replacement.designation))}`)}">${esc(replacement.designation)}</a>` : 'another standard';
    return `<p class="notice" role="note"><strong>Superseded</strong> by ${by} on ${time(standard.supersededAt)}: ${esc(standard.supersessionReason ?? '')}</p>`;
  }
  return '';
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><nav aria-label="Site"><a href="/">Space Standards Workbench · Published standards</a> · <a href="/digest">Weekly digest by e-mail</a></nav></header>
<main id="main">
${body}
</main>
<footer class="site">Published by the Space Capabilities Group secretariat.</footer>
</body>
</html>
`;
}

const status = (s: EditionStatus) => `<span class="status ${s}">${STATUS_LABELS[s]}</span>`;

export function homePage(items: { edition: EditionEntity; standard: StandardEntity }[]): string {
  const rows = items
    .map(
      ({ edition, standard }) => `<tr>
<td><a href="${esc(editionUrl(standard.designation, edition.number))}">${esc(edition.label)}</a></td>
<td>${esc(standard.title)}</td>
<td><time datetime="${edition.promulgatedAt.toISOString()}">${day(edition.promulgatedAt)}</time></td>
</tr>`,
    )
    .join('\n');
  const body = items.length
    ? `<table><caption>${items.length} edition${items.length === 1 ? '' : 's'} in force</caption>
<thead><tr><th scope="col">Edition</th><th scope="col">Title</th><th scope="col">Promulgated</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
    : '<p>No edition is in force yet.</p>';
  return layout('Published standards', `<h1>Published standards</h1>\n${body}`);
}

export function standardPage(standard: StandardEntity, editions: EditionEntity[], replacement: StandardEntity | null = null): string {
  const list = editions.length
    ? `<ul class="editions">${[...editions]
        .reverse()
        .map(
          (e) =>
            `<li><a href="${esc(editionUrl(standard.designation, e.number))}">${esc(e.label)}</a> ${status(e.status)} ` +
            `promulgated <time datetime="${e.promulgatedAt.toISOString()}">${day(e.promulgatedAt)}</time></li>`,
        )
        .join('\n')}</ul>`
    : '<p>No edition of this standard has been published.</p>';
  return layout(
    `${standard.designation}: ${standard.title}`,
    `<h1>${esc(standard.designation)}</h1>
<p class="subtitle">${esc(standard.title)}</p>
${retirement(standard, replacement)}
<h2>Scope</h2>
<p>${esc(standard.scope)}</p>
<h2>Editions</h2>
${list}`,
  );
}

interface Heading {
  level: number;
  id: string;
  text: string;
}

/** The clauses of the rendered text (h2 and below; the single h1 is the document's title). */
function headings(html: string): Heading[] {
  const out: Heading[] = [];
  for (const m of html.matchAll(/<h([2-6]) id="([^"]+)">([\s\S]*?)<\/h\1>/g)) {
    // The inner HTML is renderMarkdown's, already escaped: drop its tags, keep its entities.
    out.push({ level: Number(m[1]), id: m[2], text: m[3].replace(/<[^>]*>/g, '').trim() });
  }
  return out;
}

/** renderMarkdown's heading id for a clause number ("5.2" -> "clause-5-2"). */
const clauseId = (clause: string) =>
  `clause-${clause.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`;

const RELEASABILITY: Record<Visibility, string> = {
  PUBLIC: 'NATO UNCLASSIFIED. Releasable to the public.',
  INDUSTRY: 'NATO UNCLASSIFIED. Releasable to the NATO nations and to the industry of the NATO nations.',
  NATIONS: 'NATO UNCLASSIFIED. Releasable to the NATO nations only.',
};

/**
 * The front matter of a promulgated NATO document, from the promulgation
 * record: the Letter of Promulgation, the Record of Reservations (by
 * chapter, the nations reserving), the Record of Specific Reservations (by
 * nation, the text) and the releasability statement.
 */
function frontMatter(standard: StandardEntity, edition: EditionEntity, clauseLink: (clause: string) => string): string {
  const ap = /^STANAG\s/i.test(standard.designation) ? null : `${standard.designation}, Edition ${editionLetter(edition.number)}, Version ${edition.versionNumber}`;
  const name = ap ?? `${standard.designation} Edition ${edition.number}`;
  const covering = standard.stanag ? `${standard.stanag} Edition ${edition.number}` : ap ? null : name;
  const effective = edition.effectiveDate ? `is effective on ${esc(edition.effectiveDate)}` : 'is effective on receipt';
  const byChapter = new Map<string, string[]>();
  const specific: { nation: string; where: string; text: string }[] = [];
  for (const r of [...edition.ratification].sort((a, b) => a.nationName.localeCompare(b.nationName))) {
    for (const x of r.reservations) {
      const chapter = x.clause ?? '';
      byChapter.set(chapter, [...(byChapter.get(chapter) ?? []), r.nationName]);
      specific.push({ nation: r.nationName, where: x.clause ? clauseLink(x.clause) : 'General', text: x.text });
    }
  }
  const chapters = [...byChapter].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  return `<section class="front" aria-labelledby="promulgation">
<h2 id="promulgation">NATO Letter of Promulgation</h2>
<p>1. The enclosed ${ap ? 'Allied Publication' : 'standardization agreement'} ${esc(name)}, ${esc(standard.title)}, which has been approved by the nations, is promulgated herewith.${
    covering && ap ? ` The agreement of nations to use this publication is recorded by ${esc(covering)}.` : ''
  }</p>
<p>2. ${esc(name)} ${effective}.</p>
<p>3. This NATO standardization document is issued by NATO. In case of reproduction, NATO is to be acknowledged.</p>
<p>Promulgated on <time datetime="${edition.promulgatedAt.toISOString()}">${day(edition.promulgatedAt)}</time> by the Space Capabilities Group secretariat.</p>
<h2 id="record-of-reservations">Record of Reservations</h2>
${
  chapters.length
    ? `<table><thead><tr><th scope="col">Chapter</th><th scope="col">Record of reservation by nations</th></tr></thead><tbody>
${chapters.map(([c, nations]) => `<tr><th scope="row">${c ? clauseLink(c) : 'General'}</th><td>${nations.map(esc).join(', ')}</td></tr>`).join('\n')}
</tbody></table>`
    : '<p>No reservations were recorded at promulgation.</p>'
}
<h2 id="record-of-specific-reservations">Record of Specific Reservations</h2>
${
  specific.length
    ? `<table><thead><tr><th scope="col">Nation</th><th scope="col">Detail of reservation</th></tr></thead><tbody>
${specific.map((x) => `<tr><th scope="row">${esc(x.nation)}</th><td><strong>${x.where}:</strong> ${esc(x.text)}</td></tr>`).join('\n')}
</tbody></table>`
    : '<p>No specific reservations were recorded at promulgation.</p>'
}
<h2 id="releasability">Releasability</h2>
<p>${RELEASABILITY[standard.visibility]}</p>
</section>`;
}

export function editionPage(standard: StandardEntity, edition: EditionEntity, eligible: number, context: EditionContext): string {
  const toc = headings(edition.html);
  const ids = new Set(toc.map((h) => h.id));
  const front = [
    ['promulgation', 'NATO Letter of Promulgation'],
    ['record-of-reservations', 'Record of Reservations'],
    ['record-of-specific-reservations', 'Record of Specific Reservations'],
    ['releasability', 'Releasability'],
  ];
  const tocHtml = `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">Contents</h2><ol>
${front.map(([id, text]) => `<li class="level-2"><a href="#${id}">${text}</a></li>`).join('\n')}
${toc.map((h) => `<li class="level-${h.level}"><a href="#${esc(h.id)}">${h.text}</a></li>`).join('\n')}
<li class="level-2"><a href="#ratification">Ratification</a></li>
</ol></nav>`;
  const clauseLink = (clause: string) =>
    ids.has(clauseId(clause)) ? `<a href="#${esc(clauseId(clause))}">Clause ${esc(clause)}</a>` : `Clause ${esc(clause)}`;
  const reservationList = (r: EditionEntity['ratification'][number]) =>
    r.reservations.length
      ? `<ul>${r.reservations
          .map((x) => {
            const where = x.clause ? clauseLink(x.clause) : 'Whole document';
            return `<li><strong>${where}:</strong> ${esc(x.text)}</li>`;
          })
          .join('')}</ul>`
      : '<span aria-label="No reservations">—</span>';
  const ratifying = edition.ratification.filter((r) => r.response.startsWith('RATIFIED_')).length;
  const rows = [...edition.ratification]
    .sort((a, b) => a.nationName.localeCompare(b.nationName))
    .map(
      (r) => `<tr>
<th scope="row">${esc(r.nationName)}</th>
<td>${esc(RESPONSE_LABELS[r.response] ?? r.response)}${r.nationalReference ? `<br><small>${esc(r.nationalReference)}</small>` : ''}</td>
<td>${r.implementationDate ? `<time datetime="${esc(r.implementationDate)}">${day(r.implementationDate)}</time>` : '—'}</td>
<td>${reservationList(r)}</td>
</tr>`,
    )
    .join('\n');
  const versions = context.versions.length > 1
    ? `<section aria-labelledby="versions"><h2 id="versions">Versions of this edition</h2>
<table><thead><tr><th scope="col">Version</th><th scope="col">Promulgated</th><th scope="col">Correction</th></tr></thead><tbody>
${context.versions.map((v) => `<tr><th scope="row">${esc(v.label)}</th><td>${time(v.promulgatedAt)}</td><td>${v.correctionReason ? esc(v.correctionReason) : 'Ratified text'}</td></tr>`).join('\n')}
</tbody></table></section>`
    : '';
  const implementation = (r: { response: RatificationResponse; implementationDate: Date | string | null }) =>
    r.implementationDate ? time(r.implementationDate) : '—';
  const currentRows = context.current.map((r) => `<tr>
<th scope="row">${esc(r.nationName)}</th>
<td>${esc(RESPONSE_LABELS[r.response] ?? r.response)}</td>
<td>${implementation(r)}</td>
<td>${r.reservations.length ? `<ul>${r.reservations.map((x) => `<li><strong>${x.clause ? clauseLink(x.clause) : 'Whole document'}:</strong> ${esc(x.text)}</li>`).join('')}</ul>` : '<span aria-label="No reservations">—</span>'}</td>
<td>${time(r.castAt)}</td>
</tr>`).join('\n');
  const history = context.changes.length
    ? `<table><caption>Changes since promulgation</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Nation</th><th scope="col">Change</th><th scope="col">Response after the change</th><th scope="col">Implementation date</th></tr></thead>
<tbody>
${context.changes.map((c) => `<tr><td>${time(c.changedAt)}</td><th scope="row">${esc(c.nationName)}</th><td>${CHANGE_LABELS[c.kind]}${
  c.withdrawnReservation ? `: ${c.withdrawnReservation.clause ? `clause ${esc(c.withdrawnReservation.clause)}` : 'whole document'}, “${esc(c.withdrawnReservation.text)}”` : ''
}</td><td>${esc(RESPONSE_LABELS[c.response])}</td><td>${implementation(c)}</td></tr>`).join('\n')}
</tbody></table>`
    : '<p>No change since promulgation.</p>';
  const ratifyingNow = context.current.filter((r) => r.response.startsWith('RATIFIED_')).length;
  const url = editionUrl(standard.designation, edition.number);
  return layout(
    `${edition.label}: ${standard.title}`,
    `<p><a href="${esc(url.replace(/\/editions\/\d+$/, ''))}">${esc(standard.designation)}</a> › ${esc(edition.label.replace(`${standard.designation} `, ''))}</p>
<h1>${esc(edition.label)}</h1>
<p class="subtitle">${esc(standard.title)}</p>
${retirement(standard, context.replacement)}
<dl class="meta">
${standard.stanag ? `<dt>Covering agreement</dt><dd>${esc(standard.stanag)} Edition ${edition.number}</dd>\n` : ''}<dt>Status</dt><dd>${status(edition.status)}</dd>
<dt>Promulgated</dt><dd><time datetime="${edition.promulgatedAt.toISOString()}">${day(edition.promulgatedAt)}</time></dd>
${edition.correctionReason ? `<dt>Correction</dt><dd>Version ${edition.versionNumber}, promulgated without ratification: ${esc(edition.correctionReason)}</dd>\n` : ''}
<dt>Effective</dt><dd>${edition.effectiveDate ? `<time datetime="${esc(edition.effectiveDate)}">${esc(edition.effectiveDate)}</time>` : 'On receipt'}</dd>
<dt>Content hash</dt><dd><code class="hash" title="sha256 of the Markdown source">sha256:${esc(edition.contentHash.trim())}</code></dd>
<dt>Source</dt><dd><a class="src" href="${esc(url)}.md" type="text/markdown">Markdown source</a></dd>
</dl>
${tocHtml}
${frontMatter(standard, edition, clauseLink)}
<article class="text" aria-label="Text of ${esc(edition.label)}">
${edition.html}
</article>
${versions}
<section aria-labelledby="ratification">
<h2 id="ratification">Ratification</h2>
<p>Now: ${ratifyingNow} of ${eligible} Allied nations have ratified.</p>
${
  context.current.length
    ? `<table><caption>National responses now</caption>
<thead><tr><th scope="col">Nation</th><th scope="col">Response</th><th scope="col">Implementation date</th><th scope="col">Reservations</th><th scope="col">As of</th></tr></thead>
<tbody>
${currentRows}
</tbody></table>`
    : ''
}
<h3 id="ratification-history">History since promulgation</h3>
${history}
<h3 id="ratification-at-promulgation">At promulgation</h3>
<p>${ratifying} of ${eligible} Allied nations ratified; ${edition.ratification.length} responded.</p>
${
  edition.ratification.length
    ? `<table><caption>National responses at promulgation</caption>
<thead><tr><th scope="col">Nation</th><th scope="col">Response</th><th scope="col">Implementation date</th><th scope="col">Reservations</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
    : '<p>No national responses were recorded.</p>'
}
</section>`,
  );
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${esc(title)}</h1>\n<p>${esc(message)}</p>\n<p><a href="/">Published standards</a></p>`);
}
