import '../../ui/roles.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useClient, useMutation } from 'urql';
import { currentToken } from '../../app/auth';
import { useShortcuts } from '../../app/shortcuts';
import { graphql } from '../../graphql';
import type { AdjudicationPageQuery, CommentType, Disposition } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Page } from '../../ui/Page';
import { namesStandard } from '../../ui/round';

const AdjudicationPage = graphql(`
  query AdjudicationPage($id: ID!, $after: String) {
    commentRound(id: $id) {
      id title status unresolvedCount
      standard { id designation }
      version { id number }
      comments(first: 50, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id number clause paragraph type body proposedChange disposition resolution lineFrom createdAt nation { code } } }
      }
    }
  }
`);

const Resolve = graphql(`
  mutation ResolveComment($input: ResolveCommentInput!) {
    resolveComment(input: $input) { id disposition resolution }
  }
`);

type Round = NonNullable<AdjudicationPageQuery['commentRound']>;
type Comment = Round['comments']['edges'][number]['node'] & { label: string };

export const DISPOSITIONS: { value: Disposition; key: string }[] = [
  { value: 'ACCEPTED', key: 'a' },
  { value: 'ACCEPTED_IN_PRINCIPLE', key: 'm' },
  { value: 'NOTED', key: 'n' },
  { value: 'REJECTED', key: 'r' },
];
/** "Not accepted" and "accepted with modifications" need a reason before they are saved (UX 6). */
const NEEDS_REASON: Disposition[] = ['REJECTED', 'ACCEPTED_IN_PRINCIPLE'];
const TYPES: CommentType[] = ['GENERAL', 'TECHNICAL', 'EDITORIAL'];
const byClause = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').localeCompare(b ?? '', undefined, { numeric: true });

/** Every submitted comment of a round, in all pages, in one list. */
function useAllComments(roundId: string) {
  const client = useClient();
  const [round, setRound] = useState<Round | null>(null);
  const [comments, setComments] = useState<Comment[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const load = useCallback(async () => {
    const all: Round['comments']['edges'][number]['node'][] = [];
    let after: string | null = null;
    let first: Round | null = null;
    for (;;) {
      const r = await client.query(AdjudicationPage, { id: roundId, after }, { requestPolicy: 'network-only' }).toPromise();
      if (r.error || !r.data?.commentRound) {
        setError(r.error ?? new Error('not found'));
        return;
      }
      first ??= r.data.commentRound;
      all.push(...r.data.commentRound.comments.edges.map((e) => e.node));
      if (!r.data.commentRound.comments.pageInfo.hasNextPage) break;
      after = r.data.commentRound.comments.pageInfo.endCursor ?? null;
    }
    // Ids as the service gave them when the nation submitted (FR-001); only submitted comments reach adjudication.
    const labelled = all
      .map((c) => ({ ...c, label: c.number ?? '' }))
      .sort((a, b) => byClause(a.clause, b.clause) || (a.lineFrom ?? 0) - (b.lineFrom ?? 0) || a.label.localeCompare(b.label));
    setRound(first);
    setComments(labelled);
  }, [client, roundId]);
  useEffect(() => void load(), [load]);
  return { round, comments, setComments, error };
}

interface Draft {
  disposition: Disposition | null;
  resolution: string;
}

export default function AdjudicateScreen() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const t = useT();
  const { round, comments, setComments, error } = useAllComments(id);
  const [filter, setFilter] = useState({ clause: '', nation: '', type: '', disposition: '' });
  const [current, setCurrent] = useState<string | null>(params.get('comment'));
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<{ disposition: Disposition; resolution: string }>({ disposition: 'ACCEPTED', resolution: '' });
  const [saveResult, resolve] = useMutation(Resolve);
  const [status, setStatus] = useState('');
  const rowRefs = useRef(new Map<string, HTMLTableRowElement>());

  const visible = useMemo(
    () =>
      comments.filter(
        (c) =>
          (!filter.clause || (c.clause ?? '') === filter.clause) &&
          (!filter.nation || c.nation.code === filter.nation) &&
          (!filter.type || c.type === filter.type) &&
          (!filter.disposition || (filter.disposition === 'NONE' ? !c.disposition : c.disposition === filter.disposition)),
      ),
    [comments, filter],
  );
  const unresolved = comments.filter((c) => !c.disposition).length;
  const clauses = [...new Set(comments.map((c) => c.clause ?? ''))].sort(byClause);
  const nations = [...new Set(comments.map((c) => c.nation.code))].sort();

  const draftOf = (c: Comment): Draft => drafts[c.id] ?? { disposition: c.disposition ?? null, resolution: c.resolution ?? '' };
  const dirty = (c: Comment) => !!drafts[c.id] && (drafts[c.id].disposition !== (c.disposition ?? null) || drafts[c.id].resolution !== (c.resolution ?? ''));

  const save = useCallback(
    async (c: Comment, d: Draft) => {
      if (!d.disposition || !d.resolution.trim()) return false;
      const r = await resolve({ input: { commentId: c.id, disposition: d.disposition, resolution: d.resolution.trim() } });
      if (!r.data) return false;
      const saved = r.data.resolveComment;
      setComments((list) => list.map((x) => (x.id === c.id ? { ...x, disposition: saved.disposition, resolution: saved.resolution } : x)));
      setDrafts(({ [c.id]: _, ...rest }) => rest);
      setStatus(t('adjudicate.saved', { label: c.label, disposition: t(`disposition.${saved.disposition!}`) }));
      return true;
    },
    [resolve, setComments, t],
  );

  /** One key per disposition: saves at once, or asks for the reason the disposition needs. */
  const decide = (disposition: Disposition) => {
    const c = visible.find((x) => x.id === current);
    if (!c) return;
    const d = draftOf(c);
    const resolution = d.resolution.trim() || (NEEDS_REASON.includes(disposition) ? '' : t(`adjudicate.default.${disposition}`));
    const next = { disposition, resolution };
    setDrafts((all) => ({ ...all, [c.id]: next }));
    if (resolution) void save(c, next);
    else document.getElementById(`obs-${c.id}`)?.focus();
  };

  const move = (step: number, predicate: (c: Comment) => boolean = () => true) => {
    if (!visible.length) return;
    const at = visible.findIndex((c) => c.id === current);
    for (let i = 1; i <= visible.length; i++) {
      const c = visible[(((at < 0 ? (step > 0 ? -1 : 0) : at) + step * i) % visible.length + visible.length) % visible.length];
      if (predicate(c)) {
        setCurrent(c.id);
        return;
      }
    }
  };

  useEffect(() => {
    if (current) rowRefs.current.get(current)?.focus();
  }, [current]);

  useShortcuts([
    { key: 'j', label: 'adjudicate.keyNext', run: () => move(1) },
    { key: 'k', label: 'adjudicate.keyPrevious', run: () => move(-1) },
    { key: 'u', label: 'adjudicate.keyUndecided', run: () => move(1, (c) => !c.disposition) },
    { key: 'e', label: 'adjudicate.keyEdit', run: () => current && document.getElementById(`obs-${current}`)?.focus() },
    { key: 'x', label: 'adjudicate.keySelect', run: () => current && toggle(current) },
    ...DISPOSITIONS.map((d) => ({ key: d.key, label: `adjudicate.key.${d.value}` as const, run: () => decide(d.value) })),
  ]);

  const toggle = (cid: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(cid)) n.delete(cid);
      else n.add(cid);
      return n;
    });

  async function applyBulk() {
    const targets = comments.filter((c) => selected.has(c.id));
    let done = 0;
    for (const c of targets) if (await save(c, { disposition: bulk.disposition, resolution: bulk.resolution || t(`adjudicate.default.${bulk.disposition}`) })) done++;
    setSelected(new Set());
    setStatus(t('adjudicate.bulkDone', { n: done }));
  }

  async function download(ext: 'csv' | 'xlsx') {
    const res = await fetch(`/rounds/${id}/comments.${ext}`, { headers: { authorization: `Bearer ${currentToken() ?? ''}` } });
    if (!res.ok) return setStatus(t('adjudicate.exportFailed', { status: res.status }));
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${round?.standard.designation ?? 'comments'} ${round?.title ?? ''}.${ext}`.replace(/[^\w. -]+/g, '_');
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  if (!round) return <Page title={t('adjudicate.title')}><ErrorBanner error={error} /></Page>;

  let lastClause: string | null = null;
  return (
    <Page title={namesStandard(round.title, round.standard.designation) ? t('adjudicate.headingTitle', { title: round.title }) : t('adjudicate.heading', { designation: round.standard.designation, title: round.title })} wide>
      <div className="sticky-bar" role="region" aria-label={t('adjudicate.progress')}>
        <strong data-testid="unresolved-count">{t('adjudicate.unresolved', { n: unresolved, total: comments.length })}</strong>
        <progress max={comments.length || 1} value={comments.length - unresolved} aria-label={t('adjudicate.progress')} />
        <span className="muted">
          <T id="adjudicate.keysHint" />
        </span>
        <span className="page-actions">
          <button type="button" onClick={() => void download('csv')}><T id="adjudicate.exportCsv" /></button>
          <button type="button" onClick={() => void download('xlsx')}><T id="adjudicate.exportXlsx" /></button>
          <Link to={`/standards/${round.standard.id}/manage`}><T id="adjudicate.back" /></Link>
        </span>
      </div>
      {round.status !== 'CLOSED' && <p className="warning"><T id="adjudicate.notClosed" /></p>}
      <ErrorBanner error={saveResult.error} />
      <p role="status" aria-live="polite" className="muted status-line">{status}</p>
      <div className="inline-fields filters" role="search" aria-label={t('adjudicate.filters')}>
        <FilterSelect label={t('adjudicate.clause')} value={filter.clause} onChange={(v) => setFilter({ ...filter, clause: v })} options={clauses.map((c) => [c, c || t('adjudicate.noClause')])} />
        <FilterSelect label={t('adjudicate.nation')} value={filter.nation} onChange={(v) => setFilter({ ...filter, nation: v })} options={nations.map((n) => [n, n])} />
        <FilterSelect label={t('adjudicate.type')} value={filter.type} onChange={(v) => setFilter({ ...filter, type: v })} options={TYPES.map((ty) => [ty, t(`commentTypeLabel.${ty}`)])} />
        <FilterSelect
          label={t('adjudicate.disposition')}
          value={filter.disposition}
          onChange={(v) => setFilter({ ...filter, disposition: v })}
          options={[['NONE', t('adjudicate.undecided')], ...DISPOSITIONS.map((d): [string, string] => [d.value, t(`dispositionLabel.${d.value}`)])]}
        />
      </div>
      <div className="inline-fields bulk" aria-label={t('adjudicate.bulk')} role="group">
        <button type="button" onClick={() => setSelected(new Set(visible.filter((c) => c.type === 'EDITORIAL' && !c.disposition).map((c) => c.id)))}>
          <T id="adjudicate.selectEditorial" />
        </button>
        <label>
          <span className="sr-only">{t('adjudicate.bulkDisposition')}</span>
          <select value={bulk.disposition} onChange={(e) => setBulk({ ...bulk, disposition: e.target.value as Disposition })} aria-label={t('adjudicate.bulkDisposition')}>
            {DISPOSITIONS.map((d) => <option key={d.value} value={d.value}>{t(`dispositionLabel.${d.value}`)}</option>)}
          </select>
        </label>
        <input aria-label={t('adjudicate.bulkResolution')} placeholder={t('adjudicate.bulkResolution')} value={bulk.resolution} onChange={(e) => setBulk({ ...bulk, resolution: e.target.value })} />
        <button type="button" className="primary" disabled={!selected.size || (NEEDS_REASON.includes(bulk.disposition) && !bulk.resolution.trim())} onClick={() => void applyBulk()}>
          {t('adjudicate.applyBulk', { n: selected.size })}
        </button>
      </div>
      <div className="table-scroll">
        <table className="data adjudication">
          <thead>
            <tr>
              <th scope="col"><span className="sr-only">{t('adjudicate.select')}</span></th>
              <th scope="col"><T id="adjudicate.id" /></th>
              <th scope="col"><T id="adjudicate.type" /></th>
              <th scope="col"><T id="adjudicate.comment" /></th>
              <th scope="col"><T id="adjudicate.proposed" /></th>
              <th scope="col"><T id="adjudicate.disposition" /></th>
              <th scope="col"><T id="adjudicate.observations" /></th>
            </tr>
          </thead>
          <tbody>
            {visible.length === 0 && <tr><td colSpan={7} className="empty"><T id="adjudicate.none" /></td></tr>}
            {visible.flatMap((c) => {
              const d = draftOf(c);
              const rows = [];
              if ((c.clause ?? '') !== lastClause) {
                lastClause = c.clause ?? '';
                const inClause = visible.filter((x) => (x.clause ?? '') === lastClause);
                rows.push(
                  <tr key={`clause-${lastClause}`} className="group-row">
                    <th colSpan={7} scope="colgroup">
                      {lastClause
                        ? t('adjudicate.clauseGroup', { clause: lastClause, n: inClause.length, open: inClause.filter((x) => !x.disposition).length })
                        : t('adjudicate.noClauseGroup', { n: inClause.length, open: inClause.filter((x) => !x.disposition).length })}
                    </th>
                  </tr>,
                );
              }
              const missingReason = !!d.disposition && NEEDS_REASON.includes(d.disposition) && !d.resolution.trim();
              rows.push(
                <tr
                  key={c.id}
                  ref={(el) => {
                    if (el) rowRefs.current.set(c.id, el);
                    else rowRefs.current.delete(c.id);
                  }}
                  tabIndex={-1}
                  data-comment={c.label}
                  aria-current={c.id === current ? 'true' : undefined}
                  className={`${c.id === current ? 'current' : ''} ${c.disposition ? `disp disp-${c.disposition.toLowerCase()}` : ''}`}
                  onClick={() => setCurrent(c.id)}
                >
                  <td>
                    <input type="checkbox" aria-label={t('adjudicate.selectOne', { label: c.label })} checked={selected.has(c.id)} onChange={() => toggle(c.id)} />
                  </td>
                  <th scope="row" className="mono">{c.label}</th>
                  <td>{t(`commentTypeLabel.${c.type}`)}</td>
                  <td className="prose">{c.body}</td>
                  <td className="prose">{c.proposedChange ?? ''}</td>
                  <td>
                    <select
                      aria-label={t('adjudicate.dispositionOf', { label: c.label })}
                      value={d.disposition ?? ''}
                      onChange={(e) => {
                        const disposition = (e.target.value || null) as Disposition | null;
                        setCurrent(c.id);
                        const resolution = d.resolution.trim() || (disposition && !NEEDS_REASON.includes(disposition) ? t(`adjudicate.default.${disposition}`) : '');
                        const next = { disposition, resolution };
                        setDrafts({ ...drafts, [c.id]: next });
                        if (disposition && resolution) void save(c, next);
                      }}
                    >
                      <option value="">{t('adjudicate.undecided')}</option>
                      {DISPOSITIONS.map((x) => <option key={x.value} value={x.value}>{t(`dispositionLabel.${x.value}`)}</option>)}
                    </select>
                  </td>
                  <td>
                    <textarea
                      id={`obs-${c.id}`}
                      rows={2}
                      aria-label={t('adjudicate.observationsOf', { label: c.label })}
                      aria-invalid={missingReason || undefined}
                      value={d.resolution}
                      onFocus={() => setCurrent(c.id)}
                      onChange={(e) => setDrafts({ ...drafts, [c.id]: { ...d, resolution: e.target.value } })}
                      onBlur={() => dirty(c) && void save(c, draftOf(c))}
                      onKeyDown={(e) => {
                        if (e.key === 'Escape') rowRefs.current.get(c.id)?.focus();
                        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                          e.preventDefault();
                          void save(c, draftOf(c)).then((ok) => ok && move(1, (x) => !x.disposition));
                        }
                      }}
                    />
                    {missingReason && <div className="field-error">{t('adjudicate.needsReason')}</div>}
                    {dirty(c) && !missingReason && <div className="muted">{t('adjudicate.unsaved')}</div>}
                  </td>
                </tr>,
              );
              return rows;
            })}
          </tbody>
        </table>
      </div>
    </Page>
  );
}

function FilterSelect({ label, value, onChange, options }: { label: string; value: string; onChange(v: string): void; options: [string, string][] }) {
  const t = useT();
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('filter.any')}</option>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </label>
  );
}
