import { useCallback, useMemo, useState } from 'react';
import { useT } from '../i18n';

/** Where a Relay list is: the cursors of the pages read so far, the last one the page shown. */
export interface Pages {
  /** The `after` of the page shown (null: the first page). */
  after: string | null;
  page: number;
  previous(): void;
  next(endCursor: string | null | undefined): void;
  /** Back to the first page, when the filter changes. */
  reset(): void;
}

export function usePages(): Pages {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const previous = useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []);
  const next = useCallback((endCursor: string | null | undefined) => setCursors((c) => [...c, endCursor ?? null]), []);
  const reset = useCallback(() => setCursors([null]), []);
  return useMemo(() => ({ after: cursors.at(-1) ?? null, page: cursors.length, previous, next, reset }), [cursors, previous, next, reset]);
}

/** Previous, the page number and Next under a list; Next only while the server says there is more. Nothing when the list fits one page. */
export function Pager({ pages, pageInfo }: { pages: Pages; pageInfo?: { hasNextPage: boolean; endCursor?: string | null } | null }) {
  const t = useT();
  // Two greyed buttons and "Page 1" under a short list only add noise.
  if (pages.page < 2 && !pageInfo?.hasNextPage) return null;
  return (
    <nav className="actions" aria-label={t('paging.label')}>
      <button type="button" disabled={pages.page < 2} onClick={pages.previous}>{t('paging.previous')}</button>
      <span className="muted">{t('paging.page', { n: pages.page })}</span>
      <button type="button" disabled={!pageInfo?.hasNextPage} onClick={() => pages.next(pageInfo?.endCursor)}>{t('paging.next')}</button>
    </nav>
  );
}
