import '../../ui/roles.css';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useAuth } from '../../app/auth';
import { graphql } from '../../graphql';
import type { BallotPageQuery, RatificationResponse } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { positionRank, RESPONSES, ResponseBadge, reservationSentence, responseLabel, responseMeaning, tallySentence } from '../../ui/ballot';
import { ConfirmDialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { Deadline, When } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { fromLocalInput, localInput } from '../../ui/datetime';

const BallotPage = graphql(`
  query BallotPage($id: ID!) {
    ballot(id: $id) {
      id status outcome opensAt closesAt closedAt threshold
      standard { id designation title status }
      version { id number label html clauses { number title level } }
      tally { eligible responded ratifying notRatifying notParticipating withReservations threshold thresholdMet pending { code name } }
      responses {
        response revision castAt implementationDate nationalReference
        nation { code name }
        castBy { displayName }
        reservations { clause text }
        history { revision response castAt castBy { displayName } reservations { clause text } implementationDate nationalReference }
      }
    }
    nations { code name }
  }
`);

const ResponseCast = graphql(`
  subscription BallotResponseCast($id: ID!) {
    responseCast(ballotId: $id) { revision nation { code } }
  }
`);

const Cast = graphql(`
  mutation CastResponse($input: CastResponseInput!) {
    castResponse(input: $input) { revision response }
  }
`);

const Close = graphql(`
  mutation CloseBallot($id: ID!) {
    closeBallot(ballotId: $id) { id status outcome closedAt }
  }
`);

const Extend = graphql(`
  mutation ExtendBallot($ballotId: ID!, $closesAt: DateTime!, $reason: String!) {
    extendBallot(ballotId: $ballotId, closesAt: $closesAt, reason: $reason) { id status closesAt }
  }
`);

const Extended = graphql(`
  subscription BallotExtended($id: ID!) {
    ballotExtended(ballotId: $id) { id status closesAt }
  }
`);

type Ballot = NonNullable<BallotPageQuery['ballot']>;
type Response = Ballot['responses'][number];

export default function BallotScreen() {
  const { id = '' } = useParams();
  const t = useT();
  const auth = useAuth();
  const now = useNow(1000);
  const [result, refetch] = useQuery({ query: BallotPage, variables: { id } });
  // Every cast anywhere reloads the tally and the grid from the same query, so they never disagree.
  useSubscription({ query: ResponseCast, variables: { id }, pause: !id }, (_prev, event) => {
    refetch({ requestPolicy: 'network-only' });
    return event;
  });
  // An extension by the secretariat moves the deadline and the countdown on every open page, delegates' too.
  useSubscription({ query: Extended, variables: { id }, pause: !id }, (_prev, event) => {
    refetch({ requestPolicy: 'network-only' });
    return event;
  });
  const ballot = result.data?.ballot;
  if (!ballot) {
    return (
      <Page title={t('ballot.title')}>
        <ErrorBanner error={result.error} />
        {!result.fetching && !result.error && <p><T id="ballot.notFound" /></p>}
      </Page>
    );
  }
  // Held past its deadline short of the threshold: not closed, but no nation casts until the secretariat extends it.
  const awaiting = ballot.status === 'AWAITING_DECISION';
  const closed = !awaiting && (ballot.status === 'CLOSED' || now >= new Date(ballot.closesAt).getTime());
  const scheduled = ballot.status === 'SCHEDULED' && now < new Date(ballot.opensAt).getTime();
  const myNation = auth.me?.nation?.code ?? null;
  const mine = ballot.responses.find((r) => r.nation.code === myNation) ?? null;
  const isDelegate = auth.hasRole('DELEGATE') && !!myNation;
  const isSecretariat = auth.hasRole('SECRETARIAT');

  return (
    <Page title={t('ballot.heading', { designation: ballot.standard.designation, version: ballot.version.number })} wide>
      <p className="muted">
        <Link to={`/standards/${ballot.standard.id}`}>{ballot.standard.title}</Link>
        {' · '}
        <T id={`ballotStatus.${closed ? 'CLOSED' : ballot.status}`} />
        {' · '}
        {closed || awaiting ? (
          <>
            <T id={awaiting ? 'ballot.deadlinePassedAt' : 'ballot.closedAt'} /> <When at={ballot.closedAt ?? ballot.closesAt} />
          </>
        ) : (
          <Deadline at={ballot.closesAt} now={now} />
        )}
      </p>
      <div className="ballot-layout">
        <div>
          <TallyPanel ballot={ballot} closed={closed} />
          {isDelegate && (
            <section aria-labelledby="my-response">
              <h2 id="my-response">
                <T id="ballot.myResponse" values={{ nation: auth.me?.nation?.name ?? '' }} />
              </h2>
              {closed || awaiting ? (
                <p className="notice" role="status">
                  <T id="ballot.deadlinePassed" values={{ at: <When at={ballot.closedAt ?? ballot.closesAt} /> }} />
                </p>
              ) : scheduled ? (
                <p className="notice"><T id="ballot.notYetOpen" /></p>
              ) : (
                <CastForm ballot={ballot} mine={mine} onCast={() => refetch({ requestPolicy: 'network-only' })} />
              )}
              {mine && <History response={mine} />}
            </section>
          )}
          {isSecretariat && <SecretariatActions ballot={ballot} closed={closed} onDone={() => refetch({ requestPolicy: 'network-only' })} />}
          <details className="frozen-text">
            <summary>
              <T id="ballot.frozenText" values={{ version: ballot.version.number }} />
            </summary>
            <div className="doc" dangerouslySetInnerHTML={{ __html: ballot.version.html }} />
          </details>
        </div>
        <NationGrid ballot={ballot} nations={result.data?.nations ?? []} myNation={myNation} />
      </div>
    </Page>
  );
}

function TallyPanel({ ballot, closed }: { ballot: Ballot; closed: boolean }) {
  const t = useT();
  const { tally } = ballot;
  const reservations = reservationSentence(t, ballot.responses);
  return (
    <section className="tally" aria-labelledby="tally-h">
      <h2 id="tally-h" className="sr-only">
        <T id="tally.title" />
      </h2>
      <p className={`tally-line ${tally.thresholdMet ? 'tally-met' : ''}`} role="status" aria-live="polite" data-testid="tally-line">
        {tallySentence(t, tally, closed, ballot.outcome)}
        {reservations && <span className="tally-reservations"> {reservations}.</span>}
      </p>
      <dl className="tally-figures">
        <div><dt><T id="tally.eligible" /></dt><dd>{tally.eligible}</dd></div>
        <div><dt><T id="tally.responded" /></dt><dd>{tally.responded}</dd></div>
        <div><dt><T id="tally.ratifying" /></dt><dd data-testid="tally-ratifying">{tally.ratifying}</dd></div>
        <div><dt><T id="tally.notRatifying" /></dt><dd>{tally.notRatifying}</dd></div>
        <div><dt><T id="tally.notParticipating" /></dt><dd>{tally.notParticipating}</dd></div>
        <div><dt><T id="tally.withReservations" /></dt><dd>{tally.withReservations}</dd></div>
        <div><dt><T id="tally.pending" /></dt><dd>{tally.pending.length}</dd></div>
        <div><dt><T id="tally.threshold" /></dt><dd>{tally.threshold}</dd></div>
      </dl>
    </section>
  );
}

/** Every Ally, blocking answers first, the viewer's own nation outlined (Datatracker's side rail). */
function NationGrid({ ballot, nations, myNation }: { ballot: Ballot; nations: { code: string; name: string }[]; myNation: string | null }) {
  const t = useT();
  const byNation = new Map(ballot.responses.map((r) => [r.nation.code, r]));
  const rows = nations
    .map((n) => ({ nation: n, response: byNation.get(n.code) ?? null }))
    .sort((a, b) => positionRank(a.response?.response ?? null, a.response?.reservations.length ?? 0) - positionRank(b.response?.response ?? null, b.response?.reservations.length ?? 0) || a.nation.code.localeCompare(b.nation.code));
  return (
    <aside className="nation-grid" aria-labelledby="grid-h">
      <h2 id="grid-h">
        <T id="ballot.nations" />
      </h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col"><T id="ballot.nation" /></th>
            <th scope="col"><T id="ballot.position" /></th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ nation, response }) => {
            const previous = response?.history.find((h) => h.revision < response.revision);
            return (
              <tr key={nation.code} className={nation.code === myNation ? 'own-nation' : undefined} data-nation={nation.code}>
                <th scope="row" title={nation.name}>
                  {nation.code}
                  {nation.code === myNation && <span className="sr-only"> ({t('ballot.yourNation')})</span>}
                </th>
                <td>
                  <ResponseBadge response={response?.response ?? null} />
                  {previous && previous.response !== response?.response && (
                    // Inside a sentence, so lower-case ("was not ratifying"): the message words each code itself.
                    <span className="muted"> {t('ballot.was', { previous: previous.response })}</span>
                  )}
                  {!!response?.reservations.length && (
                    <span className="muted">
                      {' '}
                      {t('ballot.reservesOn', { clauses: response.reservations.map((r) => r.clause || t('ballot.wholeDocument')).join(', ') })}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </aside>
  );
}

interface ReservationRow {
  clause: string;
  text: string;
}

function CastForm({ ballot, mine, onCast }: { ballot: Ballot; mine: Response | null; onCast(): void }) {
  const t = useT();
  const [response, setResponse] = useState<RatificationResponse | ''>(mine?.response ?? '');
  const [implementationDate, setImplementationDate] = useState(mine?.implementationDate?.slice(0, 10) ?? '');
  const [reference, setReference] = useState(mine?.nationalReference ?? '');
  const [reservations, setReservations] = useState<ReservationRow[]>(mine?.reservations.map((r) => ({ clause: r.clause ?? '', text: r.text })) ?? []);
  const [result, cast] = useMutation(Cast);
  const [saved, setSaved] = useState<number | null>(null);
  useEffect(() => setSaved(null), [response, implementationDate, reference, reservations]);
  const clauses = useMemo(() => ballot.version.clauses.filter((c) => c.number), [ballot.version.clauses]);
  const needsDate = response === 'RATIFIED_FUTURE_IMPLEMENTATION';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!response) return;
    const r = await cast({
      input: {
        ballotId: ballot.id,
        response,
        implementationDate: needsDate && implementationDate ? `${implementationDate}T00:00:00.000Z` : null,
        nationalReference: reference.trim() || null,
        reservations: reservations.filter((x) => x.text.trim()).map((x) => ({ clause: x.clause || null, text: x.text.trim() })),
      },
    });
    if (r.data) {
      setSaved(r.data.castResponse.revision);
      onCast();
    }
  }

  return (
    <form onSubmit={submit} className="cast-form">
      <ErrorBanner error={result.error} />
      <fieldset className="choices">
        <legend>
          <T id="ballot.responseLegend" />
        </legend>
        {RESPONSES.map((r) => (
          <label key={r} className="choice">
            <input type="radio" name="response" value={r} checked={response === r} onChange={() => setResponse(r)} required />
            <span>
              <strong>{t(responseLabel(r))}</strong>
              <span className="choice-meaning">{t(responseMeaning(r))}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {needsDate && (
        <TextField label={t('ballot.implementationDate')} hint={t('ballot.implementationDateHint')} type="date" required value={implementationDate} onChange={(e) => setImplementationDate(e.target.value)} />
      )}
      <TextField label={t('ballot.nationalReference')} hint={t('ballot.nationalReferenceHint')} value={reference} onChange={(e) => setReference(e.target.value)} />
      <fieldset className="reservations">
        <legend>
          <T id="ballot.reservations" />
        </legend>
        {reservations.length === 0 && <p className="muted"><T id="ballot.noReservations" /></p>}
        {reservations.map((row, i) => (
          <div key={i} className="reservation-row">
            <div className="field">
              <label htmlFor={`res-clause-${i}`}>{t('ballot.reservationClause', { n: i + 1 })}</label>
              <select id={`res-clause-${i}`} value={row.clause} onChange={(e) => setReservations(reservations.map((x, j) => (j === i ? { ...x, clause: e.target.value } : x)))}>
                <option value="">{t('ballot.wholeDocument')}</option>
                {clauses.map((c) => (
                  <option key={c.number} value={c.number}>
                    {`${c.number} ${c.title}`}
                  </option>
                ))}
              </select>
            </div>
            <div className="field grow">
              <label htmlFor={`res-text-${i}`}>{t('ballot.reservationText', { n: i + 1 })}</label>
              <textarea id={`res-text-${i}`} rows={2} required value={row.text} onChange={(e) => setReservations(reservations.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))} />
            </div>
            <button type="button" onClick={() => setReservations(reservations.filter((_, j) => j !== i))}>
              {t('ballot.removeReservation', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setReservations([...reservations, { clause: '', text: '' }])}>
          <T id="ballot.addReservation" />
        </button>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={!response || result.fetching}>
          {mine ? <T id="ballot.revise" /> : <T id="ballot.cast" />}
        </button>
        {saved !== null && (
          <span role="status" className="ok-text">
            <T id="ballot.saved" values={{ revision: saved }} />
          </span>
        )}
      </div>
    </form>
  );
}

function History({ response }: { response: Response }) {
  const t = useT();
  return (
    <table className="data">
      <caption>
        <T id="ballot.history" />
      </caption>
      <thead>
        <tr>
          <th scope="col" className="num"><T id="ballot.revision" /></th>
          <th scope="col"><T id="ballot.position" /></th>
          <th scope="col"><T id="ballot.reservations" /></th>
          <th scope="col"><T id="ballot.castBy" /></th>
          <th scope="col"><T id="ballot.castAt" /></th>
        </tr>
      </thead>
      <tbody>
        {response.history.map((h) => (
          <tr key={h.revision}>
            <td className="num">{h.revision}</td>
            <td><ResponseBadge response={h.response} /></td>
            <td>{h.reservations.length ? h.reservations.map((r) => r.clause || t('ballot.wholeDocument')).join(', ') : '—'}</td>
            <td>{h.castBy.displayName}</td>
            <td><When at={h.castAt} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SecretariatActions({ ballot, closed, onDone }: { ballot: Ballot; closed: boolean; onDone(): void }) {
  const t = useT();
  const [confirm, setConfirm] = useState(false);
  const [result, close] = useMutation(Close);
  const { tally } = ballot;
  return (
    <section aria-labelledby="secretariat-h" className="panel">
      <h2 id="secretariat-h">
        <T id="ballot.secretariat" />
      </h2>
      <ErrorBanner error={result.error} />
      {!closed && (
        <>
          <p className="muted"><T id="ballot.closeExplain" /></p>
          <button type="button" className="danger" onClick={() => setConfirm(true)}>
            <T id="ballot.closeNow" />
          </button>
          <ConfirmDialog
            open={confirm}
            onOpenChange={setConfirm}
            title={t('ballot.closeTitle')}
            confirmLabel={t('ballot.closeConfirm')}
            busy={result.fetching}
            onConfirm={async () => {
              const r = await close({ id: ballot.id });
              setConfirm(false);
              if (r.data) onDone();
            }}
          >
            <p>{t(tally.thresholdMet ? 'ballot.closeWillPass' : 'ballot.closeWillFail', { ratifying: tally.ratifying, threshold: tally.threshold, pending: tally.pending.length })}</p>
            <p className="muted"><T id="ballot.closeNoUndo" /></p>
          </ConfirmDialog>
        </>
      )}
      {!closed && (ballot.status === 'OPEN' || ballot.status === 'AWAITING_DECISION') && <ExtendDeadline ballot={ballot} onDone={onDone} />}
      {closed && ballot.outcome === 'PASSED' && ballot.standard.status === 'IN_RATIFICATION' && (
        <Link className="button primary" to={`/ballots/${ballot.id}/publish`}>
          <T id="ballot.toPublish" />
        </Link>
      )}
      {closed && ballot.outcome === 'FAILED' && <p className="muted"><T id="ballot.failedBack" /></p>}
    </section>
  );
}

/** A later deadline for an open ballot; the API refuses an earlier one, so the form starts a week after the current one. */
function ExtendDeadline({ ballot, onDone }: { ballot: Ballot; onDone(): void }) {
  const t = useT();
  const [closesAt, setClosesAt] = useState(() => localInput(new Date(ballot.closesAt).getTime() + 7 * 86_400_000));
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState(false);
  const [result, extend] = useMutation(Extend);
  const later = !!closesAt && new Date(closesAt).getTime() > new Date(ballot.closesAt).getTime();
  return (
    <div className="inline-form" aria-labelledby="extend-h">
      <h3 id="extend-h"><T id="ballot.extend" /></h3>
      <ErrorBanner error={result.error} />
      <div className="inline-fields">
        <TextField
          label={t('ballot.extendTo')}
          hint={t('ballot.extendHint')}
          type="datetime-local"
          required
          min={localInput(new Date(ballot.closesAt).getTime() + 60_000)}
          value={closesAt}
          onChange={(e) => setClosesAt(e.target.value)}
        />
        <TextField label={t('ballot.extendReason')} hint={t('ballot.extendReasonHint')} required value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="button" disabled={!later || !reason.trim()} onClick={() => setConfirm(true)}>
          <T id="ballot.extendSubmit" />
        </button>
      </div>
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={t('ballot.extendTitle')}
        confirmLabel={t('ballot.extendConfirm')}
        busy={result.fetching}
        onConfirm={async () => {
          const r = await extend({ ballotId: ballot.id, closesAt: fromLocalInput(closesAt), reason: reason.trim() });
          setConfirm(false);
          if (r.data) onDone();
        }}
      >
        <p>
          <T id="ballot.extendExplain" values={{ from: <When at={ballot.closesAt} />, to: later ? <When at={fromLocalInput(closesAt)} /> : '' }} />
        </p>
        <p className="muted"><T id="ballot.extendNoUndo" /></p>
      </ConfirmDialog>
    </div>
  );
}
