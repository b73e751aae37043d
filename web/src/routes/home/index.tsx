import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { graphql } from '../../graphql';
import type { MyWorkQuery } from '../../graphql/graphql';
import { useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Page } from '../../ui/Page';
import { StatusBadge } from '../../ui/status';
import { Deadline, When } from '../../ui/time';
import { RoleWork } from './RoleWork';
import { roundLabel } from '../../ui/round';

const MyWork = graphql(`
  query MyWork {
    myWork {
      openRounds { draftCount submitted round { id title closesAt standard { id designation title } version { number } } }
      editing { id designation title status updatedAt currentVersion { number } }
      unsubmittedComments { id clause type body updatedAt round { id title standard { designation } } author { displayName } }
    }
  }
`);

type Round = MyWorkQuery['myWork']['openRounds'][number];

export default function Home() {
  const t = useT();
  const auth = useAuth();
  const [result] = useQuery({ query: MyWork, requestPolicy: 'cache-and-network' });
  const work = result.data?.myWork;
  // A nation's drafts and submissions mean nothing to a reader without a nation (the secretariat, a vendor).
  const ofNation = !!auth.me?.nation;
  return (
    <Page title={t('home.title')}>
      <p className="muted">
        {t('home.hello', { name: auth.me?.displayName ?? '' })}
        {auth.me?.roles.length ? ` · ${auth.me.roles.map((r) => t(`role.${r}`)).join(', ')}${auth.me.nation ? ` · ${auth.me.nation.name}` : ''}` : ` · ${t('home.noRoles')}`}
      </p>
      {!auth.me?.roles.length && <p><Link to="/join">{t('home.join')}</Link></p>}
      <ErrorBanner error={result.error} />
      {work && (
        <>
          <DataTable
            caption={t('home.rounds')}
            rows={work.openRounds}
            rowKey={(w) => w.round.id}
            empty={t('home.noRounds')}
            columns={[
              { header: t('round.title'), cell: (w) => <Link to={`/rounds/${w.round.id}`}>{w.round.title}</Link> },
              { header: t('standard.designation'), cell: (w) => `${w.round.standard.designation} v${w.round.version.number}` },
              ...(ofNation
                ? [
                    { header: t('home.drafts'), cell: (w: Round) => w.draftCount, className: 'num' },
                    { header: t('home.submitted'), cell: (w: Round) => (w.submitted ? t('home.yes') : t('home.no')) },
                  ]
                : []),
              { header: t('round.closes'), cell: (w) => <Deadline at={w.round.closesAt} /> },
            ]}
          />
          <DataTable
            caption={t('home.editing')}
            rows={work.editing}
            rowKey={(s) => s.id}
            empty={t('home.noEditing')}
            columns={[
              { header: t('standard.designation'), cell: (s) => <Link to={`/standards/${s.id}`}>{s.designation}</Link> },
              { header: t('standard.titleField'), cell: (s) => s.title },
              { header: t('standard.status'), cell: (s) => <StatusBadge status={s.status} /> },
              { header: t('standard.version'), cell: (s) => s.currentVersion?.number ?? '—', className: 'num' },
              { header: t('standard.updated'), cell: (s) => <When at={s.updatedAt} /> },
            ]}
          />
          {ofNation && <DataTable
            caption={t('home.unsubmitted')}
            rows={work.unsubmittedComments}
            rowKey={(c) => c.id}
            empty={t('home.noUnsubmitted')}
            columns={[
              { header: t('round.title'), cell: (c) => <Link to={`/rounds/${c.round.id}`}>{roundLabel(c.round.title, c.round.standard.designation)}</Link> },
              { header: t('comment.clause'), cell: (c) => c.clause ?? '—' },
              { header: t('comment.type'), cell: (c) => t(`commentTypeLabel.${c.type}`) },
              { header: t('comment.body'), cell: (c) => c.body },
              { header: t('version.author'), cell: (c) => c.author.displayName },
            ]}
          />}
        </>
      )}
      <RoleWork />
    </Page>
  );
}
