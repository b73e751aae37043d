import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useShortcuts } from '../../app/shortcuts';
import { graphql } from '../../graphql';
import type { MissionArea, NeedSort, NeedStatus } from '../../graphql/graphql';
import { useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Select, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { Pager, usePages } from '../../ui/Pager';
import { When } from '../../ui/time';
import { MISSION_AREAS, NEED_STATUSES, NeedStatusBadge } from '../need/labels';

const Needs = graphql(`
  query Needs($filter: InteroperabilityNeedFilter, $sort: NeedSort, $first: Int, $after: String) {
    interoperabilityNeeds(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id reference title missionArea priority status visibility supportCount supportedByMyNation createdAt } }
    }
  }
`);

const PAGE_SIZE = 25;
const SORTS: NeedSort[] = ['SUPPORT', 'PRIORITY', 'NEWEST'];

/** The register of needs: the secretariat's work programme sorted by how many nations support each. */
export default function NeedsList() {
  const t = useT();
  const auth = useAuth();
  const [params, setParams] = useSearchParams();
  const pages = usePages();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const searchBox = useRef<HTMLInputElement>(null);
  useShortcuts([{ key: '/', label: 'shortcuts.search', run: () => searchBox.current?.focus() }]);
  const filter = {
    text: q || undefined,
    status: (params.get('status') as NeedStatus) || undefined,
    missionArea: (params.get('area') as MissionArea) || undefined,
  };
  const sort = (params.get('sort') as NeedSort) || 'SUPPORT';
  const [result] = useQuery({ query: Needs, variables: { filter, sort, first: PAGE_SIZE, after: pages.after } });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    pages.reset();
    setParams(next, { replace: true });
  };
  const data = result.data?.interoperabilityNeeds;
  return (
    <Page
      title={t('needs.title')}
      wide
      actions={auth.hasRole('EXPERT', 'DELEGATE', 'SECRETARIAT') && <Link className="button primary" to="/needs/new">{t('needs.raise')}</Link>}
    >
      <p className="muted">{t('needs.intro')}</p>
      <form role="search" className="inline-fields" onSubmit={(e) => { e.preventDefault(); set('q', draft.trim()); }}>
        <TextField ref={searchBox} label={t('needs.search')} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit">{t('standards.searchButton')}</button>
        <Select label={t('need.status')} value={params.get('status') ?? ''} onChange={(e) => set('status', e.target.value)}>
          <option value="">{t('filter.any')}</option>
          {NEED_STATUSES.map((s) => <option key={s} value={s}>{t(`needStatus.${s}`)}</option>)}
        </Select>
        <Select label={t('need.missionArea')} value={params.get('area') ?? ''} onChange={(e) => set('area', e.target.value)}>
          <option value="">{t('filter.any')}</option>
          {MISSION_AREAS.map((a) => <option key={a} value={a}>{t(`mission.${a}`)}</option>)}
        </Select>
        <Select label={t('needs.sort')} value={sort} onChange={(e) => set('sort', e.target.value === 'SUPPORT' ? '' : e.target.value)}>
          {SORTS.map((s) => <option key={s} value={s}>{t(`needSort.${s}`)}</option>)}
        </Select>
      </form>
      <ErrorBanner error={result.error} />
      <DataTable
        className="needs"
        caption={data ? t('needs.count', { n: data.totalCount }) : t('app.loading')}
        rows={data?.edges.map((e) => e.node) ?? []}
        rowKey={(n) => n.id}
        empty={t('needs.none')}
        columns={[
          { header: t('need.reference'), cell: (n) => <Link to={`/needs/${n.id}`}>{n.reference}</Link> },
          {
            header: t('need.titleField'),
            cell: (n) => (
              <>
                {n.title}
                {/* On a phone the mission area, priority and date columns give way to this line, so the table fits without scrolling sideways. */}
                <div className="narrow-only muted small">
                  {t(`mission.${n.missionArea}`)} · {t(`priority.${n.priority}`)} · <When at={n.createdAt} dateOnly />
                </div>
              </>
            ),
          },
          { header: t('need.missionArea'), cell: (n) => t(`mission.${n.missionArea}`), className: 'wide-only' },
          { header: t('need.priority'), cell: (n) => t(`priority.${n.priority}`), className: 'wide-only' },
          { header: t('need.status'), cell: (n) => <NeedStatusBadge status={n.status} /> },
          { header: t('need.support'), cell: (n) => (n.supportedByMyNation ? t('needs.supportMine', { n: n.supportCount }) : n.supportCount), className: 'num' },
          { header: t('need.raised'), cell: (n) => <When at={n.createdAt} dateOnly />, className: 'wide-only' },
        ]}
      />
      <Pager pages={pages} pageInfo={data?.pageInfo} />
    </Page>
  );
}
