import '../../ui/roles.css';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql';
import type { ManageStandardQuery } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { ConfirmDialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Select, TextArea, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { Deadline, When } from '../../ui/time';
import { fromLocalInput, localInput } from '../../ui/datetime';
import { Relations } from './Relations';

const ManageStandard = graphql(`
  query ManageStandard($id: ID!) {
    standard(id: $id) {
      id designation title scope status
      currentVersion { id number }
      versions { id number label }
      commentRounds {
        id title status opensAt closesAt unresolvedCount
        version { id number }
        submissions { commentCount submittedAt nation { code name } }
        comments(filter: { resolved: false }, first: 20) {
          totalCount
          edges { node { id status clause type body nation { code } } }
        }
      }
      ballots { id status outcome closesAt closedAt threshold version { number } tally { ratifying threshold } }
    }
    nations { code }
  }
`);

const OpenRound = graphql(`
  mutation OpenCommentRound($input: OpenCommentRoundInput!) {
    openCommentRound(input: $input) { id }
  }
`);

const CloseRound = graphql(`
  mutation CloseCommentRound($id: ID!) {
    closeCommentRound(roundId: $id) { id status }
  }
`);

const OpenBallot = graphql(`
  mutation OpenBallot($input: OpenBallotInput!) {
    openBallot(input: $input) { id }
  }
`);

const CancelStandard = graphql(`
  mutation CancelStandard($id: ID!, $reason: String!) {
    cancelStandard(standardId: $id, reason: $reason) { id status }
  }
`);

type Standard = NonNullable<ManageStandardQuery['standard']>;

/** The secretariat's desk for one standard: rounds, ballots, cancellation and relations. */
export default function ManageScreen() {
  const { id = '' } = useParams();
  const t = useT();
  const [result, refetch] = useQuery({ query: ManageStandard, variables: { id } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const standard = result.data?.standard;
  if (!standard) return <Page title={t('manage.title')}><ErrorBanner error={result.error} /></Page>;
  return (
    <Page title={t('manage.heading', { designation: standard.designation })} wide>
      <p className="muted">
        <Link to={`/standards/${standard.id}`}>{standard.title}</Link> · <T id={`status.${standard.status}`} />
      </p>
      <Rounds standard={standard} onChange={reload} />
      <Ballots standard={standard} allies={result.data?.nations.length ?? 0} onChange={reload} />
      <Relations standardId={standard.id} title={standard.title} scope={standard.scope} />
      <Cancel standard={standard} onChange={reload} />
    </Page>
  );
}

function Rounds({ standard, onChange }: { standard: Standard; onChange(): void }) {
  const t = useT();
  const [closing, setClosing] = useState<string | null>(null);
  const [closeResult, closeRound] = useMutation(CloseRound);
  const [openResult, openRound] = useMutation(OpenRound);
  const [title, setTitle] = useState('');
  const [versionId, setVersionId] = useState('');
  const [closesAt, setClosesAt] = useState(() => localInput(Date.now() + 14 * 86_400_000));
  const live = standard.commentRounds.some((r) => r.status !== 'CLOSED');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await openRound({ input: { standardId: standard.id, versionId: versionId || standard.currentVersion!.id, title, closesAt: fromLocalInput(closesAt) } });
    if (r.data) {
      setTitle('');
      onChange();
    }
  }

  return (
    <section aria-labelledby="rounds-h">
      <h2 id="rounds-h"><T id="manage.rounds" /></h2>
      <ErrorBanner error={closeResult.error} />
      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th scope="col"><T id="manage.roundTitle" /></th>
              <th scope="col" className="num"><T id="manage.version" /></th>
              <th scope="col"><T id="manage.status" /></th>
              <th scope="col"><T id="manage.deadline" /></th>
              <th scope="col"><T id="manage.submitted" /></th>
              <th scope="col" className="num"><T id="manage.unresolved" /></th>
              <th scope="col"><T id="manage.actions" /></th>
            </tr>
          </thead>
          <tbody>
            {standard.commentRounds.length === 0 && (
              <tr><td colSpan={7} className="empty"><T id="manage.noRounds" /></td></tr>
            )}
            {standard.commentRounds.map((r) => (
              <tr key={r.id}>
                <td><Link to={`/rounds/${r.id}`}>{r.title}</Link></td>
                <td className="num">{r.version.number}</td>
                <td><T id={`roundStatusLabel.${r.status}`} /></td>
                <td>{r.status === 'CLOSED' ? <When at={r.closesAt} /> : <Deadline at={r.closesAt} />}</td>
                <td>
                  {r.submissions.length
                    ? r.submissions.map((s) => `${s.nation.code} (${s.commentCount})`).join(', ')
                    : t('manage.noneYet')}
                </td>
                <td className="num">{r.status === 'CLOSED' ? r.unresolvedCount : '—'}</td>
                <td>
                  {r.status === 'OPEN' && (
                    <button type="button" onClick={() => setClosing(r.id)}>
                      <T id="manage.closeRound" />
                    </button>
                  )}
                  {r.status === 'CLOSED' && (
                    <Link to={`/rounds/${r.id}/adjudicate`}>
                      <T id="manage.adjudicate" />
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={!!closing}
        onOpenChange={(o) => !o && setClosing(null)}
        title={t('manage.closeRoundTitle')}
        confirmLabel={t('manage.closeRoundConfirm')}
        busy={closeResult.fetching}
        onConfirm={async () => {
          const r = await closeRound({ id: closing! });
          setClosing(null);
          if (r.data) onChange();
        }}
      >
        <p><T id="manage.closeRoundExplain" /></p>
      </ConfirmDialog>
      {standard.status === 'DRAFTING' && !live && standard.currentVersion && (
        <form onSubmit={submit} className="inline-form" aria-labelledby="open-round-h">
          <h3 id="open-round-h"><T id="manage.openRound" /></h3>
          <ErrorBanner error={openResult.error} />
          <div className="inline-fields">
            <TextField label={t('manage.roundTitle')} required value={title} onChange={(e) => setTitle(e.target.value)} />
            <Select label={t('manage.version')} value={versionId || standard.currentVersion.id} onChange={(e) => setVersionId(e.target.value)}>
              {[...standard.versions].reverse().map((v) => (
                <option key={v.id} value={v.id}>{`${v.number}${v.label ? ` · ${v.label}` : ''}`}</option>
              ))}
            </Select>
            <TextField label={t('manage.closesAt')} type="datetime-local" required value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
            <button type="submit" className="primary" disabled={openResult.fetching}>
              <T id="manage.openRoundSubmit" />
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Ballots({ standard, allies, onChange }: { standard: Standard; allies: number; onChange(): void }) {
  const t = useT();
  const navigate = useNavigate();
  const [threshold, setThreshold] = useState(() => String(Math.max(1, Math.ceil((allies || 2) / 2))));
  const [closesAt, setClosesAt] = useState(() => localInput(Date.now() + 30 * 86_400_000));
  const [confirm, setConfirm] = useState(false);
  const [result, openBallot] = useMutation(OpenBallot);
  const liveRounds = standard.commentRounds.filter((r) => r.status !== 'CLOSED');
  const unresolved = standard.commentRounds.flatMap((r) => (r.status === 'CLOSED' ? r.comments.edges.map((e) => ({ round: r, comment: e.node })) : [])).filter((x) => x.comment.status === 'SUBMITTED');
  const unresolvedCount = standard.commentRounds.reduce((n, r) => n + (r.status === 'CLOSED' ? r.unresolvedCount : 0), 0);
  const checks = [
    { ok: standard.status === 'DRAFTING', text: t('manage.checkDrafting', { status: t(`status.${standard.status}`) }) },
    { ok: liveRounds.length === 0, text: liveRounds.length ? t('manage.checkRoundsOpen', { titles: liveRounds.map((r) => r.title).join(', ') }) : t('manage.checkNoRound') },
    { ok: unresolvedCount === 0, text: unresolvedCount ? t('manage.checkUnresolved', { n: unresolvedCount }) : t('manage.checkAllResolved') },
  ];

  return (
    <section aria-labelledby="ballots-h">
      <h2 id="ballots-h"><T id="manage.ballots" /></h2>
      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th scope="col" className="num"><T id="manage.version" /></th>
              <th scope="col"><T id="manage.status" /></th>
              <th scope="col"><T id="manage.outcome" /></th>
              <th scope="col" className="num"><T id="manage.ratifying" /></th>
              <th scope="col"><T id="manage.deadline" /></th>
            </tr>
          </thead>
          <tbody>
            {standard.ballots.length === 0 && <tr><td colSpan={5} className="empty"><T id="manage.noBallots" /></td></tr>}
            {standard.ballots.map((b) => (
              <tr key={b.id}>
                <td className="num"><Link to={`/ballots/${b.id}`}>{b.version.number}</Link></td>
                <td><Link to={`/ballots/${b.id}`}><T id={`ballotStatusLabel.${b.status}`} /></Link></td>
                <td><T id={`outcome.${b.outcome}`} /></td>
                <td className="num">{`${b.tally.ratifying} / ${b.tally.threshold}`}</td>
                <td>{b.status === 'CLOSED' ? <When at={b.closedAt ?? b.closesAt} /> : <Deadline at={b.closesAt} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {standard.status === 'DRAFTING' && standard.currentVersion && (
        <div className="panel" aria-labelledby="open-ballot-h">
          <h3 id="open-ballot-h"><T id="manage.openBallot" values={{ version: standard.currentVersion.number }} /></h3>
          <ul className="checklist">
            {checks.map((c, i) => (
              <li key={i} className={c.ok ? 'check-ok' : 'check-no'}>
                <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> <span className="sr-only">{c.ok ? t('publish.met') : t('publish.notMet')}</span> {c.text}
              </li>
            ))}
          </ul>
          {unresolved.length > 0 && (
            <ul className="unresolved-list" aria-label={t('manage.unresolvedList')}>
              {unresolved.map(({ round, comment }) => (
                <li key={comment.id}>
                  <Link to={`/rounds/${round.id}/adjudicate?comment=${comment.id}`}>
                    {`${comment.nation.code} · ${comment.clause ?? '—'} · ${t(`commentType.${comment.type}`)}`}
                  </Link>{' '}
                  <span className="muted">{comment.body.slice(0, 90)}</span>
                </li>
              ))}
              {unresolvedCount > unresolved.length && <li className="muted">{t('manage.andMore', { n: unresolvedCount - unresolved.length })}</li>}
            </ul>
          )}
          <ErrorBanner error={result.error} />
          <div className="inline-fields">
            <TextField label={t('manage.threshold')} hint={t('manage.thresholdHint', { allies })} type="number" min={1} max={allies || undefined} required value={threshold} onChange={(e) => setThreshold(e.target.value)} />
            <TextField label={t('manage.closesAt')} type="datetime-local" required value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
            <button type="button" className="primary" onClick={() => setConfirm(true)}>
              <T id="manage.openBallotSubmit" />
            </button>
          </div>
          <ConfirmDialog
            open={confirm}
            onOpenChange={setConfirm}
            title={t('manage.openBallotTitle', { designation: standard.designation, version: standard.currentVersion.number })}
            confirmLabel={t('manage.openBallotConfirm')}
            busy={result.fetching}
            onConfirm={async () => {
              const r = await openBallot({ input: { standardId: standard.id, versionId: standard.currentVersion!.id, threshold: Number(threshold), closesAt: fromLocalInput(closesAt) } });
              setConfirm(false);
              if (r.data) navigate(`/ballots/${r.data.openBallot.id}`);
              else onChange();
            }}
          >
            <p><T id="manage.openBallotExplain" values={{ threshold }} /></p>
          </ConfirmDialog>
        </div>
      )}
    </section>
  );
}

function Cancel({ standard, onChange }: { standard: Standard; onChange(): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState(false);
  const [result, cancel] = useMutation(CancelStandard);
  if (standard.status === 'CANCELLED' || standard.status === 'PROMULGATED') return null;
  return (
    <section aria-labelledby="cancel-h" className="panel">
      <h2 id="cancel-h"><T id="manage.cancel" /></h2>
      <ErrorBanner error={result.error} />
      <TextArea label={t('manage.cancelReason')} hint={t('manage.cancelHint')} value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="button" className="danger" disabled={!reason.trim()} onClick={() => setConfirm(true)}>
        <T id="manage.cancelSubmit" />
      </button>
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={t('manage.cancelTitle', { designation: standard.designation })}
        confirmLabel={t('manage.cancelConfirm')}
        busy={result.fetching}
        onConfirm={async () => {
          const r = await cancel({ id: standard.id, reason: reason.trim() });
          setConfirm(false);
          if (r.data) onChange();
        }}
      >
        <p><T id="manage.cancelExplain" /></p>
      </ConfirmDialog>
    </section>
  );
}
