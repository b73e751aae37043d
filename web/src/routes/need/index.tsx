import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useDebounced } from '../../app/useDebounced';
import { graphql } from '../../graphql';
import { T, useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Follow } from '../../ui/Follow';
import { Select, TextArea, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { StatusBadge } from '../../ui/status';
import { When } from '../../ui/time';
import { AmendNeed, NeedRevisionHistory } from './amend';
import { NeedStatusBadge } from './labels';

const NeedPage = graphql(`
  query NeedPage($id: ID!) {
    interoperabilityNeed(id: $id) {
      id reference title statement missionArea priority visibility status rejectionReason supportCount supportedByMyNation createdAt statusChangedAt
      raisingNation { code name }
      raisedBy { id displayName }
      sharingNations { code name }
      supportingNations { code name }
      standards { id designation title status }
      history { from to reason at }
    }
  }
`);

// Found by the server's search, not a list of every standard: the register holds hundreds.
const LinkCandidates = graphql(`
  query NeedLinkCandidates($text: String) { standards(first: 20, filter: { text: $text }) { totalCount edges { node { id designation title status } } } }
`);

const Support = graphql(`mutation SupportNeed($needId: ID!) { supportNeed(needId: $needId) { id status supportCount supportedByMyNation supportingNations { code name } } }`);
const Withdraw = graphql(`mutation WithdrawNeedSupport($needId: ID!) { withdrawNeedSupport(needId: $needId) { id status supportCount supportedByMyNation supportingNations { code name } } }`);
const Accept = graphql(`mutation AcceptNeed($needId: ID!) { acceptNeed(needId: $needId) { id status statusChangedAt history { from to reason at } } }`);
const Reject = graphql(`mutation RejectNeed($needId: ID!, $reason: String!) { rejectNeed(needId: $needId, reason: $reason) { id status rejectionReason statusChangedAt history { from to reason at } } }`);
const Close = graphql(`mutation CloseNeed($needId: ID!) { closeNeed(needId: $needId) { id status statusChangedAt history { from to reason at } } }`);
const MarkAddressed = graphql(`mutation MarkNeedAddressed($needId: ID!) { markNeedAddressed(needId: $needId) { id status statusChangedAt history { from to reason at } } }`);
const LinkStandard = graphql(`mutation LinkStandardToNeed($needId: ID!, $standardId: ID!) { linkStandardToNeed(needId: $needId, standardId: $standardId) { id status standards { id designation title status } history { from to reason at } } }`);
const Unlink = graphql(`mutation UnlinkStandardFromNeed($needId: ID!, $standardId: ID!) { unlinkStandardFromNeed(needId: $needId, standardId: $standardId) { id status standards { id designation title status } } }`);

/** One need: what is needed, who supports it, which standards address it, and the secretariat's decisions. */
export default function NeedScreen() {
  const t = useT();
  const auth = useAuth();
  const { id = '' } = useParams();
  const [result, reexecute] = useQuery({ query: NeedPage, variables: { id } });
  const [support, doSupport] = useMutation(Support);
  const [withdraw, doWithdraw] = useMutation(Withdraw);
  const [accept, doAccept] = useMutation(Accept);
  const [reject, doReject] = useMutation(Reject);
  const [close, doClose] = useMutation(Close);
  const [mark, doMark] = useMutation(MarkAddressed);
  const [link, doLink] = useMutation(LinkStandard);
  const [unlink, doUnlink] = useMutation(Unlink);
  const secretariat = auth.hasRole('SECRETARIAT');
  const [find, setFind] = useState('');
  const words = useDebounced(find.trim(), 250);
  const [candidates] = useQuery({ query: LinkCandidates, variables: { text: words || null }, pause: !secretariat });
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [standardId, setStandardId] = useState('');
  const need = result.data?.interoperabilityNeed;

  if (result.fetching && !need) return <p className="loading">{t('app.loading')}</p>;
  if (!need) {
    return (
      <Page title={t('need.notFound')}>
        <ErrorBanner error={result.error} />
        <p><Link to="/needs">{t('needs.title')}</Link></p>
      </Page>
    );
  }
  const open = need.status === 'RAISED' || need.status === 'ACCEPTED';
  const nationRole = auth.hasRole('EXPERT', 'DELEGATE');
  const linked = new Set(need.standards.map((s) => s.id));
  const error = support.error ?? withdraw.error ?? accept.error ?? reject.error ?? close.error ?? mark.error ?? link.error ?? unlink.error;

  async function submitReject(e: FormEvent) {
    e.preventDefault();
    const r = await doReject({ needId: need!.id, reason: reason.trim() });
    if (r.data) setRejecting(false);
  }

  return (
    <Page title={`${need.reference} · ${need.title}`} wide actions={<><AmendNeed id={need.id} onReload={() => reexecute({ requestPolicy: 'network-only' })} /><Follow topic={{ needId: need.id }} /></>}>
      <ErrorBanner error={error} />
      <div className="need-layout">
        <section aria-labelledby="need-statement">
          <h2 id="need-statement">{t('need.statement')}</h2>
          <p className="need-statement">{need.statement}</p>
          {need.status === 'REJECTED' && <p className="notice" role="note"><strong>{t('needStatus.REJECTED')}</strong>: {need.rejectionReason}</p>}

          <h2 id="need-standards">{t('need.standards')}</h2>
          <DataTable
            caption={t('need.standardsCount', { n: need.standards.length })}
            rows={need.standards}
            rowKey={(s) => s.id}
            empty={t('need.noStandards')}
            columns={[
              { header: t('standard.designation'), cell: (s) => <Link to={`/standards/${s.id}`}>{s.designation}</Link> },
              { header: t('standard.titleField'), cell: (s) => s.title },
              { header: t('standard.status'), cell: (s) => <StatusBadge status={s.status} /> },
              ...(secretariat
                ? [{
                    header: t('comment.actions'),
                    cell: (s: { id: string; designation: string }) => (
                      <button type="button" className="link" onClick={() => void doUnlink({ needId: need.id, standardId: s.id })} disabled={unlink.fetching}>
                        {t('need.unlink', { designation: s.designation })}
                      </button>
                    ),
                  }]
                : []),
            ]}
          />
          {secretariat && need.status !== 'CLOSED' && need.status !== 'REJECTED' && (
            <form className="inline-fields" onSubmit={(e) => { e.preventDefault(); if (standardId) void doLink({ needId: need.id, standardId }).then(() => setStandardId('')); }}>
              <TextField
                type="search"
                label={t('need.findStandard')}
                value={find}
                onChange={(e) => { setFind(e.target.value); setStandardId(''); }}
                hint={(candidates.data?.standards.totalCount ?? 0) > (candidates.data?.standards.edges.length ?? 0)
                  ? t('need.findMore', { shown: candidates.data!.standards.edges.length, total: candidates.data!.standards.totalCount })
                  : undefined}
              />
              <Select label={t('need.linkStandard')} value={standardId} onChange={(e) => setStandardId(e.target.value)}>
                <option value="">{t('need.chooseStandard')}</option>
                {(candidates.data?.standards.edges ?? [])
                  .map((e) => e.node)
                  .filter((s) => !linked.has(s.id) && s.status !== 'CANCELLED')
                  .map((s) => <option key={s.id} value={s.id}>{`${s.designation} · ${s.title}`}</option>)}
              </Select>
              <button type="submit" disabled={!standardId || link.fetching}>{t('need.link')}</button>
            </form>
          )}

          <NeedRevisionHistory id={need.id} />

          <h2>{t('need.history')}</h2>
          <ol className="need-history">
            {need.history.map((h, i) => (
              <li key={i}>
                <When at={h.at} /> · <NeedStatusBadge status={h.to} />{h.reason ? ` · ${h.reason}` : ''}
              </li>
            ))}
          </ol>
        </section>

        <aside className="need-side" aria-label={t('need.details')}>
          <dl className="meta">
            <dt>{t('need.status')}</dt><dd><NeedStatusBadge status={need.status} /></dd>
            <dt>{t('need.missionArea')}</dt><dd>{t(`mission.${need.missionArea}`)}</dd>
            <dt>{t('need.priority')}</dt><dd>{t(`priority.${need.priority}`)}</dd>
            <dt>{t('standard.visibility')}</dt><dd>{t(`needVisibility.${need.visibility}`)}</dd>
            <dt>{t('need.raisedBy')}</dt><dd>{need.raisingNation?.name ?? t('need.secretariat')}{need.raisedBy ? ` · ${need.raisedBy.displayName}` : ''}</dd>
            <dt>{t('need.raised')}</dt><dd><When at={need.createdAt} dateOnly /></dd>
            <dt>{t('need.sharing')}</dt><dd>{need.sharingNations.map((n) => n.name).join(', ') || '—'}</dd>
          </dl>

          <h2 id="need-support">{t('need.supportingNations', { n: need.supportCount })}</h2>
          <ul className="need-nations" aria-labelledby="need-support">
            {need.supportingNations.map((n) => (
              <li key={n.code} className={n.code === auth.me?.nation?.code ? 'mine' : undefined}>{n.name}</li>
            ))}
          </ul>
          {nationRole && open && (
            need.supportedByMyNation ? (
              <button type="button" onClick={() => void doWithdraw({ needId: need.id })} disabled={withdraw.fetching}>{t('need.withdraw')}</button>
            ) : (
              <button type="button" className="primary" onClick={() => void doSupport({ needId: need.id })} disabled={support.fetching}>{t('need.supportButton')}</button>
            )
          )}

          {secretariat && (
            <section aria-labelledby="need-decide">
              <h2 id="need-decide">{t('need.decide')}</h2>
              <div className="actions">
                {need.status === 'RAISED' && <button type="button" className="primary" onClick={() => void doAccept({ needId: need.id })} disabled={accept.fetching}>{t('need.accept')}</button>}
                {open && <button type="button" onClick={() => setRejecting(true)}>{t('need.reject')}</button>}
                {need.status === 'ACCEPTED' && need.standards.length > 0 && <button type="button" onClick={() => void doMark({ needId: need.id })} disabled={mark.fetching}>{t('need.markAddressed')}</button>}
                {need.status === 'ADDRESSED' && <button type="button" onClick={() => void doClose({ needId: need.id })} disabled={close.fetching}>{t('need.close')}</button>}
              </div>
            </section>
          )}
        </aside>
      </div>

      <Dialog open={rejecting} onOpenChange={setRejecting} title={t('need.rejectTitle', { reference: need.reference })}>
        <form onSubmit={submitReject}>
          <TextArea label={t('need.rejectReason')} hint={t('need.rejectHint')} value={reason} onChange={(e) => setReason(e.target.value)} required rows={4} maxLength={2000} />
          <ErrorBanner error={reject.error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={!reason.trim() || reject.fetching}>{t('need.reject')}</button>
            <button type="button" onClick={() => setRejecting(false)}><T id="action.cancel" /></button>
          </div>
        </form>
      </Dialog>
    </Page>
  );
}
