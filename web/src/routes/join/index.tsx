import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql';
import { T, useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Select, SubmitRow, TextArea, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { When } from '../../ui/time';

const Mine = graphql(`
  query MyJoinRequests {
    myJoinRequests { id company status createdAt decisionReason country { name } organization { name } }
    nations { code name }
  }
`);
const Request = graphql(`
  mutation RequestToJoin($input: RequestToJoinInput!) { requestToJoin(input: $input) { id status } }
`);
const Withdraw = graphql(`
  mutation WithdrawJoinRequest($id: ID!) { withdrawJoinRequest(id: $id) { id status } }
`);

/**
 * "Join as a provider": a registered, verified person from a commercial
 * provider asks the secretariat to join. Their requests and decisions are
 * listed above the form; the form is hidden while one is pending.
 */
export default function JoinScreen() {
  const t = useT();
  const [result, refetch] = useQuery({ query: Mine });
  const [filed, file] = useMutation(Request);
  const [withdrawn, withdraw] = useMutation(Withdraw);
  const [form, setForm] = useState({ company: '', nationCode: '', website: 'https://', reason: '' });
  const requests = result.data?.myJoinRequests ?? [];
  const pending = requests.find((r) => r.status === 'PENDING');
  const reload = () => refetch({ requestPolicy: 'network-only' });
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await file({ input: form });
    if (r.data) reload();
  }
  return (
    <Page title={t('join.title')}>
      <p className="muted">{t('join.intro')}</p>
      <ErrorBanner error={result.error ?? withdrawn.error} />
      {requests.length > 0 && (
        <DataTable
          caption={t('join.mine')}
          rows={requests}
          rowKey={(r) => r.id}
          empty=""
          columns={[
            { header: t('join.company'), cell: (r) => r.company },
            { header: t('join.country'), cell: (r) => r.country.name },
            { header: t('join.filed'), cell: (r) => <When at={r.createdAt} /> },
            { header: t('join.status'), cell: (r) => <span className={`badge join-${r.status}`}>{t(`joinStatus.${r.status}`)}</span> },
            { header: t('join.decision'), cell: (r) => r.organization?.name ?? r.decisionReason ?? '' },
            {
              header: <span className="sr-only">{t('comment.actions')}</span>,
              cell: (r) => r.status === 'PENDING' && (
                <button type="button" onClick={async () => { await withdraw({ id: r.id }); reload(); }}>{t('join.withdraw')}</button>
              ),
            },
          ]}
        />
      )}
      {pending ? (
        <p role="status" className="notice">{t('join.pending')}</p>
      ) : (
        <form className="form-narrow" onSubmit={submit} aria-labelledby="join-h">
          <h2 id="join-h">{t('join.form')}</h2>
          <ErrorBanner error={filed.error} />
          <TextField label={t('join.company')} required maxLength={200} value={form.company} onChange={(e) => setForm({ ...form, company: e.target.value })} />
          <Select label={t('join.country')} hint={t('join.countryHint')} required value={form.nationCode} onChange={(e) => setForm({ ...form, nationCode: e.target.value })}>
            <option value="">{t('join.choose')}</option>
            {(result.data?.nations ?? []).map((n) => <option key={n.code} value={n.code}>{n.name}</option>)}
          </Select>
          <TextField label={t('join.website')} type="url" required maxLength={500} value={form.website} onChange={(e) => setForm({ ...form, website: e.target.value })} />
          <TextArea label={t('join.reason')} required maxLength={4000} rows={4} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
          <SubmitRow label={<T id="join.submit" />} busy={filed.fetching} />
        </form>
      )}
    </Page>
  );
}
