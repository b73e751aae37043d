import '../../ui/roles.css';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql';
import { T, useT } from '../../i18n';
import { ConfirmDialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Page } from '../../ui/Page';
import { When } from '../../ui/time';

const PublishPreview = graphql(`
  query PublishPreview($id: ID!) {
    ballot(id: $id) {
      id status outcome closedAt threshold
      tally { ratifying withReservations responded eligible }
      standard { id designation title status visibility editions { id number label status } }
      version { id number label html }
    }
  }
`);

const Publish = graphql(`
  mutation PublishEdition($ballotId: ID!) {
    publishEdition(ballotId: $ballotId) { id label number url status }
  }
`);

/** Publishing is irreversible: the edition page is previewed and the preconditions checked first (UX 8). */
export default function PublishScreen() {
  const { id = '' } = useParams();
  const t = useT();
  const [result] = useQuery({ query: PublishPreview, variables: { id } });
  const [published, publish] = useMutation(Publish);
  const [read, setRead] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const ballot = result.data?.ballot;
  if (!ballot) return <Page title={t('publish.title')}><ErrorBanner error={result.error} /></Page>;

  const { standard } = ballot;
  const next = Math.max(0, ...standard.editions.map((e) => e.number)) + 1;
  const label = `${standard.designation} Edition ${next}`;
  const inForce = standard.editions.find((e) => e.status === 'IN_FORCE');
  const done = published.data?.publishEdition;
  const checks: { ok: boolean; text: string }[] = [
    { ok: ballot.status === 'CLOSED', text: t('publish.checkClosed') },
    { ok: ballot.outcome === 'PASSED', text: t('publish.checkPassed', { ratifying: ballot.tally.ratifying, threshold: ballot.threshold }) },
    { ok: standard.status === 'IN_RATIFICATION' || !!done, text: t('publish.checkNotYet') },
    { ok: read, text: t('publish.checkRead') },
  ];
  const ready = checks.every((c) => c.ok) && !done;

  return (
    <Page title={t('publish.heading', { label })} wide>
      <p className="muted">
        <Link to={`/ballots/${ballot.id}`}><T id="publish.backToBallot" /></Link>
        {' · '}
        <T id="publish.closed" /> <When at={ballot.closedAt} />
      </p>
      <ErrorBanner error={published.error} />
      {done ? (
        <p className="notice" role="status">
          <T id="publish.done" values={{ label: done.label }} />{' '}
          <a href={done.url}>{done.url}</a>
        </p>
      ) : (
        <section aria-labelledby="checklist-h" className="panel">
          <h2 id="checklist-h"><T id="publish.checklist" /></h2>
          <ul className="checklist">
            {checks.map((c, i) => (
              <li key={i} className={c.ok ? 'check-ok' : 'check-no'}>
                <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> <span className="sr-only">{c.ok ? t('publish.met') : t('publish.notMet')}</span> {c.text}
              </li>
            ))}
          </ul>
          <p>{inForce ? t('publish.supersedes', { label: inForce.label }) : t('publish.first')}</p>
          <p>{t('publish.snapshot', { responded: ballot.tally.responded, reservations: ballot.tally.withReservations })}</p>
          <p>{standard.visibility === 'PUBLIC' ? t('publish.public') : t('publish.notPublic')}</p>
          <label className="check">
            <input type="checkbox" checked={read} onChange={(e) => setRead(e.target.checked)} /> <T id="publish.iHaveRead" />
          </label>
          <div className="actions">
            <button type="button" className="primary" disabled={!ready} onClick={() => setConfirm(true)}>
              <T id="publish.publish" values={{ label }} />
            </button>
          </div>
          <ConfirmDialog
            open={confirm}
            onOpenChange={setConfirm}
            title={t('publish.confirmTitle', { label })}
            confirmLabel={t('publish.confirm')}
            busy={published.fetching}
            onConfirm={async () => {
              await publish({ ballotId: ballot.id });
              setConfirm(false);
            }}
          >
            <p><T id="publish.noUndo" /></p>
          </ConfirmDialog>
        </section>
      )}
      <section aria-labelledby="preview-h">
        <h2 id="preview-h"><T id="publish.preview" /></h2>
        <div className="edition-preview">
          <p className="muted">{label} · {standard.title}</p>
          <div className="doc" dangerouslySetInnerHTML={{ __html: ballot.version.html }} />
        </div>
      </section>
    </Page>
  );
}
