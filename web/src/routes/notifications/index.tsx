import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql';
import type { NotificationKind } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Page } from '../../ui/Page';
import { When } from '../../ui/time';

export const MyNotifications = graphql(`
  query MyNotifications($unread: Boolean, $after: String) {
    notifications(unread: $unread, first: 50, after: $after) {
      totalCount unreadCount
      pageInfo { hasNextPage endCursor }
      edges { node { id kind title body link createdAt readAt } }
    }
  }
`);
const MarkRead = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }
`);

/** What asks the reader to act (UX.md 11: "waiting on you" apart from the rest). */
const ACTION: NotificationKind[] = ['ROUND_OPENED', 'ROUND_REMINDER', 'BALLOT_OPENED', 'BALLOT_REMINDER', 'CLAIM_STALE', 'JOIN_REQUEST_WAITING'];

/** A link of the app is routed inside it; others (the public pages) are plain links. */
function SubjectLink({ link, children }: { link: string; children: React.ReactNode }) {
  return link.startsWith('/app/') ? <Link to={link.slice(4)}>{children}</Link> : <a href={link}>{children}</a>;
}

type Item = { id: string; kind: NotificationKind; title: string; body: string; link: string; createdAt: string; readAt?: string | null };

export default function Notifications() {
  const t = useT();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [result, refetch] = useQuery({ query: MyNotifications, variables: { unread: unreadOnly }, requestPolicy: 'cache-and-network' });
  const [marking, mark] = useMutation(MarkRead);
  const page = result.data?.notifications;
  const items = page?.edges.map((e) => e.node) ?? [];
  const markRead = async (input: { ids?: string[]; all?: boolean }) => {
    // The answer is a count: name the type it changes, so the bell's cached count is fetched again too.
    await mark({ input }, { additionalTypenames: ['NotificationConnection'] });
    refetch({ requestPolicy: 'network-only' });
  };
  const list = (title: string, rows: Item[]) => (
    <section aria-label={title}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('notifications.none')}</p>
      ) : (
        <ul className="notification-list">
          {rows.map((n) => (
            <li key={n.id} className={n.readAt ? 'notification' : 'notification unread'}>
              <div className="notification-head">
                {!n.readAt && <span className="badge badge-urgent">{t('notifications.new')}</span>}
                <span className="badge">{t(`notificationKind.${n.kind}`)}</span>
                <When at={n.createdAt} />
              </div>
              <p className="notification-title">
                <SubjectLink link={n.link}>{n.title}</SubjectLink>
              </p>
              <p className="notification-body">{n.body}</p>
              {!n.readAt && (
                <button type="button" onClick={() => void markRead({ ids: [n.id] })} aria-label={t('notifications.markOne', { title: n.title })}>
                  {t('notifications.markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <Page
      title={t('notifications.title')}
      actions={
        <>
          <Link className="button" to="/notifications/preferences">
            <T id="notifications.preferences" />
          </Link>
          <button type="button" className="primary" disabled={!page?.unreadCount || marking.fetching} onClick={() => void markRead({ all: true })}>
            <T id="notifications.markAll" />
          </button>
        </>
      }
    >
      <ErrorBanner error={result.error ?? marking.error} />
      <p>
        {page ? t('notifications.summary', { unread: page.unreadCount, total: page.totalCount }) : null}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> {t('notifications.unreadOnly')}
      </label>
      {!page && result.fetching ? (
        <p className="loading">{t('app.loading')}</p>
      ) : (
        <>
          {list(t('notifications.waitingOnYou'), items.filter((n) => ACTION.includes(n.kind)))}
          {list(t('notifications.forInformation'), items.filter((n) => !ACTION.includes(n.kind)))}
        </>
      )}
    </Page>
  );
}
