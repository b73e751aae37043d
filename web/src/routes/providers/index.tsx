import '../../ui/roles.css';
import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Select, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { useDebounced } from '../../app/useDebounced';

const Providers = graphql(`
  query ProviderDirectory($filter: ProviderFilter, $after: String) {
    providers(filter: $filter, first: 40, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name website publicListing country { name } products { id name productVersion } standards { standardId designation title conformantProducts } } }
    }
    nations { code name }
  }
`);

/** The provider directory: approved providers, their products and the standards they state conformance to. */
export default function ProvidersScreen() {
  const t = useT();
  const [nationCode, setNation] = useState('');
  const [text, setText] = useState('');
  const search = useDebounced(text, 250);
  // Forward pages (40 providers each keeps the request under the cost limit); a new filter starts again at the first.
  const [pages, setPages] = useState<{ key: string; after: string[] }>({ key: '', after: [] });
  const key = `${nationCode}|${search}`;
  const after = pages.key === key ? pages.after.at(-1) ?? null : null;
  const [result] = useQuery({ query: Providers, variables: { filter: { nationCode: nationCode || null, text: search || null }, after } });
  const info = result.data?.providers.pageInfo;
  const rows = result.data?.providers.edges.map((e) => e.node) ?? [];
  return (
    <Page title={t('providers.title')} actions={<a href="/providers">{t('providers.public')}</a>}>
      <ErrorBanner error={result.error} />
      <div className="filters">
        <TextField label={t('providers.search')} type="search" value={text} onChange={(e) => setText(e.target.value)} />
        <Select label={t('join.country')} value={nationCode} onChange={(e) => setNation(e.target.value)}>
          <option value="">{t('providers.anyNation')}</option>
          {(result.data?.nations ?? []).map((n) => <option key={n.code} value={n.code}>{n.name}</option>)}
        </Select>
      </div>
      <DataTable
        caption={t('providers.count', { count: result.data?.providers.totalCount ?? 0 })}
        rows={rows}
        rowKey={(p) => p.id}
        empty={t('providers.none')}
        columns={[
          { header: t('providers.name'), cell: (p) => <><strong>{p.name}</strong>{p.website && <><br /><a href={p.website} rel="noopener noreferrer">{p.website}</a></>}</> },
          { header: t('join.country'), cell: (p) => p.country?.name ?? '—' },
          { header: t('providers.products'), cell: (p) => p.products.map((x) => `${x.name} ${x.productVersion}`).join(', ') || '—' },
          { header: t('providers.standards'), cell: (p) => p.standards.map((s) => `${s.designation} (${s.conformantProducts})`).join(', ') || '—' },
          { header: t('providers.listing'), cell: (p) => t(p.publicListing ? 'providers.listedPublic' : 'providers.listedAlliance') },
        ]}
      />
      {(after || info?.hasNextPage) && (
        <div className="actions">
          {after && <button type="button" onClick={() => setPages({ key, after: [] })}>{t('providers.first')}</button>}
          {info?.hasNextPage && info.endCursor && (
            <button type="button" onClick={() => setPages({ key, after: [...(pages.key === key ? pages.after : []), info.endCursor!] })}>{t('providers.next')}</button>
          )}
        </div>
      )}
    </Page>
  );
}
