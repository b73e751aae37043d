import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { graphql } from '../../graphql';
import { useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Deadline } from '../../ui/time';
import { roundLabel } from '../../ui/round';

const RoleWorkQuery = graphql(`
  query RoleWork {
    myWork {
      ballotsToAnswer { daysLeft ballot { id closesAt standard { designation title } version { number } } }
      ballotsReadyToClose { allAnswered thresholdMet ballot { id status closesAt standard { designation } tally { ratifying threshold pending { code } } } }
      roundsToAdjudicate { id title unresolvedCount standard { id designation } }
      staleClaims { id requirementKey product { id name productVersion } standard { id designation } version { number } }
    }
  }
`);

/** What waits on delegates, the secretariat and vendors (issue 15), beside the drafting work above it. */
export function RoleWork() {
  const t = useT();
  const auth = useAuth();
  const [result] = useQuery({ query: RoleWorkQuery, requestPolicy: 'cache-and-network' });
  const work = result.data?.myWork;
  if (!work) return null;
  return (
    <>
      {auth.hasRole('DELEGATE') && (
        <DataTable
          caption={t('home.ballotsToAnswer')}
          rows={work.ballotsToAnswer}
          rowKey={(w) => w.ballot.id}
          empty={t('home.noBallotsToAnswer')}
          columns={[
            { header: t('home.ballot'), cell: (w) => <Link to={`/ballots/${w.ballot.id}`}>{`${w.ballot.standard.designation} v${w.ballot.version.number}`}</Link> },
            { header: t('home.standardTitle'), cell: (w) => w.ballot.standard.title },
            { header: t('home.daysLeft'), cell: (w) => <span className={w.daysLeft < 2 ? 'badge badge-urgent' : 'badge'}>{t('home.days', { n: Math.floor(w.daysLeft) })}</span>, className: 'num' },
            { header: t('manage.deadline'), cell: (w) => <Deadline at={w.ballot.closesAt} /> },
          ]}
        />
      )}
      {auth.hasRole('SECRETARIAT') && (
        <>
          <DataTable
            caption={t('home.roundsToAdjudicate')}
            rows={work.roundsToAdjudicate}
            rowKey={(r) => r.id}
            empty={t('home.noRoundsToAdjudicate')}
            columns={[
              { header: t('manage.roundTitle'), cell: (r) => <Link to={`/rounds/${r.id}/adjudicate`}>{roundLabel(r.title, r.standard.designation)}</Link> },
              { header: t('manage.unresolved'), cell: (r) => r.unresolvedCount, className: 'num' },
              { header: t('manage.actions'), cell: (r) => <Link to={`/standards/${r.standard.id}/manage`}>{t('adjudicate.back')}</Link> },
            ]}
          />
          <DataTable
            caption={t('home.ballotsReadyToClose')}
            rows={work.ballotsReadyToClose}
            rowKey={(w) => w.ballot.id}
            empty={t('home.noBallotsReady')}
            columns={[
              { header: t('home.ballot'), cell: (w) => <Link to={`/ballots/${w.ballot.id}`}>{w.ballot.standard.designation}</Link> },
              { header: t('manage.ratifying'), cell: (w) => `${w.ballot.tally.ratifying} / ${w.ballot.tally.threshold}`, className: 'num' },
              { header: t('home.why'), cell: (w) => (w.ballot.status === 'AWAITING_DECISION' ? t('home.awaitingDecision') : w.allAnswered ? t('home.allAnswered') : t('home.thresholdMetPending', { n: w.ballot.tally.pending.length })) },
              { header: t('manage.deadline'), cell: (w) => <Deadline at={w.ballot.closesAt} /> },
            ]}
          />
        </>
      )}
      {auth.hasRole('VENDOR') && (
        <DataTable
          caption={t('home.staleClaims')}
          rows={work.staleClaims}
          rowKey={(c) => c.id}
          empty={t('home.noStaleClaims')}
          columns={[
            { header: t('matrix.product'), cell: (c) => <Link to={`/products/${c.product.id}?standard=${c.standard.id}`}>{`${c.product.name} ${c.product.productVersion}`}</Link> },
            { header: t('product.standard'), cell: (c) => c.standard.designation },
            { header: t('product.key'), cell: (c) => <code>{c.requirementKey}</code> },
            { header: t('home.claimedOn'), cell: (c) => c.version.number, className: 'num' },
          ]}
        />
      )}
    </>
  );
}
