import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql';
import { T, useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { SubmitRow, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { When } from '../../ui/time';

const Organization = graphql(`
  query MyOrganization {
    me { id organization { id name website publicListing nation { name } } }
    organizationInvitations { id email status createdAt expiresAt acceptedAt }
  }
`);
const Invite = graphql(`
  mutation InviteToOrganization($email: String!) { inviteToOrganization(input: { email: $email }) { id } }
`);
const Revoke = graphql(`
  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id status } }
`);
const Listing = graphql(`
  mutation SetPublicListing($listed: Boolean!) { setPublicListing(listed: $listed) { id publicListing } }
`);

/** A VENDOR_ADMIN's organization: invite colleagues, revoke pending invitations, choose the public listing. */
export default function OrganizationScreen() {
  const t = useT();
  const [result, refetch] = useQuery({ query: Organization });
  const [invited, invite] = useMutation(Invite);
  const [revoked, revoke] = useMutation(Revoke);
  const [listing, setListing] = useMutation(Listing);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  // The box follows the click at once; the server's answer then confirms it (or the error shows).
  const [listedNow, setListedNow] = useState<boolean | null>(null);
  const org = result.data?.me?.organization;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await invite({ email });
    if (r.data) {
      setSent(email);
      setEmail('');
      reload();
    }
  }
  return (
    <Page title={org?.name ?? t('organization.title')}>
      <ErrorBanner error={result.error ?? revoked.error ?? listing.error} />
      {org && (
        <dl className="meta">
          <dt>{t('join.country')}</dt>
          <dd>{org.nation?.name ?? '—'}</dd>
          <dt>{t('join.website')}</dt>
          <dd>{org.website ?? '—'}</dd>
        </dl>
      )}
      {org && (
        <section className="panel" aria-labelledby="listing-h">
          <h2 id="listing-h">{t('organization.listing')}</h2>
          <label className="checkbox">
            <input type="checkbox" checked={listedNow ?? org.publicListing} onChange={async (e) => {
              const listed = e.target.checked;
              setListedNow(listed);
              const r = await setListing({ listed });
              setListedNow(r.data ? listed : null);
            }} />
            {t('organization.listed')}
          </label>
          <p className="hint">{t('organization.listingHint')}</p>
        </section>
      )}
      <form className="form-narrow" onSubmit={submit} aria-labelledby="invite-h">
        <h2 id="invite-h">{t('organization.invite')}</h2>
        <ErrorBanner error={invited.error} />
        {sent && <p role="status" className="notice">{t('organization.sent', { email: sent })}</p>}
        <TextField label={t('field.email')} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} hint={t('organization.inviteHint')} />
        <SubmitRow label={<T id="organization.inviteSubmit" />} busy={invited.fetching} />
      </form>
      <DataTable
        caption={t('organization.invitations')}
        rows={result.data?.organizationInvitations ?? []}
        rowKey={(i) => i.id}
        empty={t('organization.noInvitations')}
        columns={[
          { header: t('field.email'), cell: (i) => i.email },
          { header: t('join.status'), cell: (i) => t(`invitationStatus.${i.status}`) },
          { header: t('organization.sentAt'), cell: (i) => <When at={i.createdAt} /> },
          { header: t('organization.expires'), cell: (i) => <When at={i.expiresAt} /> },
          {
            header: <span className="sr-only">{t('comment.actions')}</span>,
            cell: (i) => i.status === 'PENDING' && (
              <button type="button" onClick={async () => { await revoke({ id: i.id }); reload(); }}>{t('organization.revoke')}</button>
            ),
          },
        ]}
      />
    </Page>
  );
}
