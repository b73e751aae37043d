import { diffWords } from 'diff';
import { Fragment, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useShortcuts } from '../../app/shortcuts';
import { graphql } from '../../graphql';
import { useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Select } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { StandardPage } from '../standard';

const RedlineQuery = graphql(`
  query Redline($from: ID!, $to: ID!) {
    redline(fromVersionId: $from, toVersionId: $to) {
      html unified
      stats { changedClauses wordsInserted wordsDeleted }
      requirementChanges { key change before after }
      from { id number }
      to { id number }
    }
  }
`);

interface Row {
  left: string | null;
  right: string | null;
  leftNo?: number;
  rightNo?: number;
  hunk?: string;
}

/** Pairs the removed and added lines of each hunk of a unified diff, for the side-by-side view. */
function sideBySide(unified: string): Row[] {
  const rows: Row[] = [];
  let l = 0;
  let r = 0;
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      rows.push({ left: removed[i] ?? null, right: added[i] ?? null, leftNo: removed[i] !== undefined ? ++l : undefined, rightNo: added[i] !== undefined ? ++r : undefined });
    }
    removed = [];
    added = [];
  };
  for (const line of unified.split('\n')) {
    if (line.startsWith('---') || line.startsWith('+++') || line.startsWith('\\')) continue;
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)/.exec(line);
    if (hunk) {
      flush();
      l = Number(hunk[1]) - 1;
      r = Number(hunk[2]) - 1;
      rows.push({ left: null, right: null, hunk: line });
    } else if (line.startsWith('-')) removed.push(line.slice(1));
    else if (line.startsWith('+')) added.push(line.slice(1));
    else if (line.startsWith(' ')) {
      flush();
      rows.push({ left: line.slice(1), right: line.slice(1), leftNo: ++l, rightNo: ++r });
    }
  }
  flush();
  return rows;
}

function words(before: string, after: string, side: 'left' | 'right'): ReactNode {
  return diffWords(before, after).map((part, i) =>
    part.added ? (side === 'right' ? <ins key={i}>{part.value}</ins> : null) : part.removed ? (side === 'left' ? <del key={i}>{part.value}</del> : null) : <Fragment key={i}>{part.value}</Fragment>,
  );
}

export default function RedlineScreen() {
  const t = useT();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [page] = useQuery({ query: StandardPage, variables: { id }, requestPolicy: 'cache-and-network' });
  const versions = page.data?.standard?.versions ?? [];
  const from = params.get('from') ?? versions.at(-2)?.id ?? '';
  const to = params.get('to') ?? versions.at(-1)?.id ?? '';
  const view = params.get('view') === 'side' ? 'side' : 'inline';
  const [result] = useQuery({ query: RedlineQuery, variables: { from, to }, pause: !from || !to });
  const redline = result.data?.redline;
  const rows = useMemo(() => (redline ? sideBySide(redline.unified) : []), [redline]);
  const body = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState(-1);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };

  /** Moves to the next or previous change, scrolls it into view and focuses it for screen readers. */
  function move(step: 1 | -1) {
    const marks = [...(body.current?.querySelectorAll<HTMLElement>(view === 'side' ? 'tr.changed' : 'ins, del') ?? [])];
    if (!marks.length) return;
    const next = Math.min(marks.length - 1, Math.max(0, at + step));
    setAt(next);
    marks.forEach((m) => m.classList.toggle('current-change', m === marks[next]));
    marks[next].tabIndex = -1;
    marks[next].focus();
    marks[next].scrollIntoView({ block: 'center' });
  }
  useShortcuts([
    { key: 'n', label: 'redline.next', run: () => move(1) },
    { key: 'p', label: 'redline.previous', run: () => move(-1) },
  ]);

  function download() {
    if (!redline) return;
    const url = URL.createObjectURL(new Blob([redline.unified], { type: 'text/x-diff' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${page.data?.standard?.designation.replace(/[^\w.-]+/g, '-')}-v${redline.from.number}-v${redline.to.number}.diff`;
    a.click();
    URL.revokeObjectURL(url);
  }

  const standard = page.data?.standard;
  return (
    <Page title={t('redline.title', { designation: standard?.designation ?? '' })} wide>
      <div className="inline-fields">
        <Select label={t('redline.from')} value={from} onChange={(e) => set('from', e.target.value)}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>{t('redline.version', { n: v.number, label: v.label ?? '' })}</option>
          ))}
        </Select>
        <Select label={t('redline.to')} value={to} onChange={(e) => set('to', e.target.value)}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>{t('redline.version', { n: v.number, label: v.label ?? '' })}</option>
          ))}
        </Select>
        <div className="segmented" role="group" aria-label={t('redline.view')}>
          <button type="button" aria-pressed={view === 'inline'} onClick={() => set('view', 'inline')}>{t('redline.inline')}</button>
          <button type="button" aria-pressed={view === 'side'} onClick={() => set('view', 'side')}>{t('redline.side')}</button>
        </div>
        <button type="button" onClick={() => move(-1)}>{t('redline.previous')} <kbd>p</kbd></button>
        <button type="button" onClick={() => move(1)}>{t('redline.next')} <kbd>n</kbd></button>
        <button type="button" onClick={download} disabled={!redline}>{t('redline.download')}</button>
      </div>
      <ErrorBanner error={result.error ?? page.error} />
      {redline && standard && (
        <>
          <p>
            {t('redline.stats', { ins: redline.stats.wordsInserted, del: redline.stats.wordsDeleted })}{' '}
            <Link to={`/standards/${standard.id}?v=${redline.from.number}`}>{t('redline.fullText', { n: redline.from.number })}</Link>
            {' · '}
            <Link to={`/standards/${standard.id}?v=${redline.to.number}`}>{t('redline.fullText', { n: redline.to.number })}</Link>
          </p>
          <p>
            <strong>{t('redline.changedClauses')}</strong> {redline.stats.changedClauses.join(', ') || '—'}
          </p>
          <div ref={body} aria-live="off">
            {view === 'inline' ? (
              <article className="doc redline" dangerouslySetInnerHTML={{ __html: redline.html }} />
            ) : (
              <div className="table-scroll">
                <table className="data side-by-side">
                  <caption>{t('redline.sideCaption', { from: redline.from.number, to: redline.to.number })}</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="num">#</th>
                      <th scope="col">{t('redline.version', { n: redline.from.number, label: '' })}</th>
                      <th scope="col" className="num">#</th>
                      <th scope="col">{t('redline.version', { n: redline.to.number, label: '' })}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row, i) =>
                      row.hunk ? (
                        <tr key={i} className="hunk"><td colSpan={4} className="mono">{row.hunk}</td></tr>
                      ) : (
                        <tr key={i} className={row.left !== row.right ? 'changed' : undefined}>
                          <td className="num muted">{row.leftNo}</td>
                          <td className="mono pre">{row.left !== null && row.right !== null && row.left !== row.right ? words(row.left, row.right, 'left') : row.left !== null && row.left !== row.right ? <del>{row.left}</del> : row.left}</td>
                          <td className="num muted">{row.rightNo}</td>
                          <td className="mono pre">{row.left !== null && row.right !== null && row.left !== row.right ? words(row.left, row.right, 'right') : row.right !== null && row.left !== row.right ? <ins>{row.right}</ins> : row.right}</td>
                        </tr>
                      ),
                    )}
                  </tbody>
                </table>
              </div>
            )}
          </div>
          <DataTable
            caption={t('redline.provisionDeltas')}
            rows={redline.requirementChanges}
            rowKey={(d) => d.key}
            empty={t('redline.noDeltas')}
            columns={[
              { header: t('provision.key'), cell: (d) => <code>{d.key}</code>, className: 'nowrap' },
              { header: t('provision.change'), cell: (d) => t(`change.${d.change}`) },
              { header: t('redline.before'), cell: (d) => d.before ?? '', className: 'prose' },
              { header: t('redline.after'), cell: (d) => d.after ?? '', className: 'prose' },
            ]}
          />
        </>
      )}
    </Page>
  );
}
