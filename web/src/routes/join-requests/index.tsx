import '../../ui/roles.css';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql';
import type { JoinRequestStatus } from '../../graphql/graphql';
import { T, useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Select, SubmitRow, TextArea } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { Pager, usePages } from '../../ui/Pager';
import { When } from '../../ui/time';

const Queue = graphql(`
  query JoinRequestQueue($status: JoinRequestStatus, $after: String) {
    joinRequests(filter: { status: $status }, first: 50, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id company website reason status createdAt decisionReason applicant { displayName email } country { name } organization { name } } }
    }
    organizations(kind: VENDOR) { id name }
  }
`);
const Approve = graphql(`
  mutation ApproveJoinRequest($input: ApproveJoinRequestInput!) { approveJoinRequest(input: $input) { id status } }
`);
const Reject = graphql(`
  mutation RejectJoinRequest($id: ID!, $reason: String!) { rejectJoinRequest(id: $id, reason: $reason) { id status } }
`);

const STATUSES: JoinRequestStatus[] = ['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN'];
type Deciding = { id: string; company: string; kind: 'approve' | 'reject' };

/** The secretariat's queue of providers asking to join, pending first by default; each is approved or rejected with a reason. */
export default function JoinRequestsScreen() {
  const t = useT();
  const [status, setStatus] = useState<JoinRequestStatus | ''>('PENDING');
  const pages = usePages();
  const [result, refetch] = useQuery({ query: Queue, variables: { status: status || null, after: pages.after } });
  const [deciding, setDeciding] = useState<Deciding | null>(null);
  const rows = result.data?.joinRequests.edges.map((e) => e.node) ?? [];
  return (
    <Page title={t('joinRequests.title')}>
      <ErrorBanner error={result.error} />
      <div className="inline-fields filters">
        <Select label={t('join.status')} value={status} onChange={(e) => { setStatus(e.target.value as JoinRequestStatus | ''); pages.reset(); }}>
          <option value="">{t('joinRequests.all')}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t(`joinStatus.${s}`)}</option>)}
        </Select>
      </div>
      <DataTable
        caption={t('joinRequests.count', { count: result.data?.joinRequests.totalCount ?? 0 })}
        rows={rows}
        rowKey={(r) => r.id}
        empty={t('joinRequests.none')}
        columns={[
          { header: t('join.company'), cell: (r) => <><strong>{r.company}</strong><br /><a href={r.website} rel="noopener noreferrer">{r.website}</a></> },
          { header: t('join.country'), cell: (r) => r.country.name },
          { header: t('joinRequests.applicant'), cell: (r) => <>{r.applicant.displayName}<br /><span className="muted">{r.applicant.email}</span></> },
          { header: t('joinRequests.motivation'), cell: (r) => r.reason },
          { header: t('join.filed'), cell: (r) => <When at={r.createdAt} /> },
          { header: t('join.status'), cell: (r) => <>{t(`joinStatus.${r.status}`)}{r.organization && <> · {r.organization.name}</>}{r.decisionReason && <> · {r.decisionReason}</>}</> },
          {
            header: <span className="sr-only">{t('comment.actions')}</span>,
            cell: (r) => r.status === 'PENDING' && (
              <div className="actions">
                <button type="button" className="primary" onClick={() => setDeciding({ id: r.id, company: r.company, kind: 'approve' })}>{t('joinRequests.approve')}</button>
                <button type="button" className="danger" onClick={() => setDeciding({ id: r.id, company: r.company, kind: 'reject' })}>{t('joinRequests.reject')}</button>
              </div>
            ),
          },
        ]}
      />
      <Pager pages={pages} pageInfo={result.data?.joinRequests.pageInfo} />
      {deciding && (
        <Decide
          deciding={deciding}
          organizations={result.data?.organizations ?? []}
          onClose={(done) => { setDeciding(null); if (done) refetch({ requestPolicy: 'network-only' }); }}
        />
      )}
    </Page>
  );
}

function Decide({ deciding, organizations, onClose }: { deciding: Deciding; organizations: { id: string; name: string }[]; onClose(done: boolean): void }) {
  const t = useT();
  const [organizationId, setOrganization] = useState('');
  const [reason, setReason] = useState('');
  const [approved, approve] = useMutation(Approve);
  const [rejected, reject] = useMutation(Reject);
  const approving = deciding.kind === 'approve';
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const r = approving
      ? await approve({ input: { id: deciding.id, organizationId: organizationId || null } })
      : await reject({ id: deciding.id, reason });
    if (r.data) onClose(true);
  }
  return (
    <Dialog open onOpenChange={(open) => !open && onClose(false)} title={t(approving ? 'joinRequests.approveTitle' : 'joinRequests.rejectTitle', { company: deciding.company })}>
      <form onSubmit={submit}>
        <ErrorBanner error={approved.error ?? rejected.error} />
        {approving ? (
          <Select label={t('joinRequests.organization')} hint={t('joinRequests.organizationHint')} value={organizationId} onChange={(e) => setOrganization(e.target.value)}>
            <option value="">{t('joinRequests.newOrganization', { company: deciding.company })}</option>
            {organizations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </Select>
        ) : (
          <TextArea label={t('joinRequests.reason')} hint={t('joinRequests.reasonHint')} required rows={4} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
        <SubmitRow label={<T id={approving ? 'joinRequests.approve' : 'joinRequests.reject'} />} busy={approved.fetching || rejected.fetching} disabled={!approving && !reason.trim()}>
          <button type="button" onClick={() => onClose(false)}><T id="action.cancel" /></button>
        </SubmitRow>
      </form>
    </Dialog>
  );
}
