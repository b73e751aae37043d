import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useShortcuts } from '../../app/shortcuts';
import { useAuth } from '../../app/auth';
import { graphql } from '../../graphql';
import type { StandardStatus, Visibility } from '../../graphql/graphql';
import { useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Select, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { Pager, usePages } from '../../ui/Pager';
import { When } from '../../ui/time';
import { StatusBadge, statusLabel } from '../../ui/status';

const Standards = graphql(`
  query Standards($filter: StandardFilter, $first: Int, $after: String) {
    standards(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id designation title status visibility updatedAt currentVersion { number } } }
    }
    nations { code name }
  }
`);

const Search = graphql(`
  query SearchSnippets($query: String!) {
    search(query: $query, first: 25) { snippet standard { id } }
  }
`);

// The service renders at most 25 snippets an operation; a page of the list is as long.
const PAGE_SIZE = 25;
const STATUSES: StandardStatus[] = ['PROPOSED', 'DRAFTING', 'IN_RATIFICATION', 'PROMULGATED', 'CANCELLED'];
const VISIBILITIES: Visibility[] = ['NATIONS', 'INDUSTRY', 'PUBLIC'];

export default function StandardsList() {
  const t = useT();
  const auth = useAuth();
  const [params, setParams] = useSearchParams();
  const pages = usePages();
  const searchBox = useRef<HTMLInputElement>(null);
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const filter = {
    text: q || undefined,
    status: (params.get('status') as StandardStatus) || undefined,
    visibility: (params.get('visibility') as Visibility) || undefined,
    nationCode: params.get('nation') || undefined,
    mine: params.get('mine') === '1' || undefined,
  };
  const [result] = useQuery({ query: Standards, variables: { filter, first: PAGE_SIZE, after: pages.after } });
  const [hits] = useQuery({ query: Search, variables: { query: q }, pause: !q });
  const snippets = new Map((hits.data?.search ?? []).map((h) => [h.standard.id, h.snippet]));

  useShortcuts([{ key: '/', label: 'shortcuts.search', run: () => searchBox.current?.focus() }]);

  // Two quick changes must both land. react-router's updater form starts from the address as
  // this render saw it, so a second change made before the router re-renders drops the first
  // (the account story lost "status: any" that way). Keep the latest address here instead,
  // taking the router's only when it gives a new one.
  const latest = useRef(params);
  const seen = useRef(params);
  if (seen.current !== params) seen.current = latest.current = params;
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(latest.current);
    if (value) next.set(key, value);
    else next.delete(key);
    latest.current = next;
    pages.reset();
    setParams(next, { replace: true });
  };

  const data = result.data?.standards;
  return (
    <Page title={t('standards.title')} wide actions={auth.hasRole('EXPERT', 'SECRETARIAT') && <Link className="button primary" to="/standards/new">{t('nav.propose')}</Link>}>
      <form
        role="search"
        className="inline-fields"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', draft.trim());
        }}
      >
        <TextField ref={searchBox} label={t('standards.search')} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t('standards.searchHint')} />
        <button type="submit">{t('standards.searchButton')}</button>
        <Select label={t('standard.status')} value={params.get('status') ?? ''} onChange={(e) => set('status', e.target.value)}>
          <option value="">{t('filter.any')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>{t(statusLabel(s))}</option>
          ))}
        </Select>
        <Select label={t('standard.visibility')} value={params.get('visibility') ?? ''} onChange={(e) => set('visibility', e.target.value)}>
          <option value="">{t('filter.any')}</option>
          {VISIBILITIES.map((v) => (
            <option key={v} value={v}>{t(`visibility.${v}`)}</option>
          ))}
        </Select>
        <Select label={t('standards.nation')} value={params.get('nation') ?? ''} onChange={(e) => set('nation', e.target.value)}>
          <option value="">{t('filter.any')}</option>
          {(result.data?.nations ?? []).map((n) => (
            <option key={n.code} value={n.code}>{n.name}</option>
          ))}
        </Select>
        <label className="checkbox">
          <input type="checkbox" checked={params.get('mine') === '1'} onChange={(e) => set('mine', e.target.checked ? '1' : '')} /> {t('standards.mine')}
        </label>
      </form>
      <ErrorBanner error={result.error ?? hits.error} />
      <DataTable
        caption={data ? t('standards.count', { n: data.totalCount }) : t('app.loading')}
        className="standards"
        rows={data?.edges.map((e) => e.node) ?? []}
        rowKey={(s) => s.id}
        empty={t('standards.none')}
        columns={[
          { header: t('standard.designation'), cell: (s) => <Link to={`/standards/${s.id}`}>{s.designation}</Link>, className: 'nowrap' },
          {
            header: t('standard.titleField'),
            cell: (s) => (
              <>
                {s.title}
                {/* On a phone the visibility, version and date columns give way to this line, so the title keeps the width. */}
                <div className="narrow-only muted small">
                  {t(`visibility.${s.visibility}`)}{s.currentVersion ? ` · ${t('standard.version')} ${s.currentVersion.number}` : ''} · <When at={s.updatedAt} dateOnly />
                </div>
                {snippets.get(s.id) && <div className="snippet" dangerouslySetInnerHTML={{ __html: snippets.get(s.id)! }} />}
              </>
            ),
          },
          { header: t('standard.status'), cell: (s) => <StatusBadge status={s.status} /> },
          { header: t('standard.visibility'), cell: (s) => t(`visibility.${s.visibility}`), className: 'wide-only' },
          { header: t('standard.version'), cell: (s) => s.currentVersion?.number ?? '—', className: 'num wide-only' },
          { header: t('standard.updated'), cell: (s) => <When at={s.updatedAt} dateOnly />, className: 'nowrap wide-only' },
        ]}
      />
      <Pager pages={pages} pageInfo={data?.pageInfo} />
    </Page>
  );
}
