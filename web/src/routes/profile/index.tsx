import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { graphql } from '../../graphql';
import { T, useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ConfirmDialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { SubmitRow, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { passwordOk, PasswordRules } from '../../ui/password';
import { When } from '../../ui/time';
import { describeAgent } from '../../ui/agent';

const Sessions = graphql(`
  query MySessions { mySessions { id createdAt lastUsedAt userAgent ip current } }
`);
const Revoke = graphql(`
  mutation RevokeSession($id: ID!) { revokeSession(id: $id) }
`);
const Everywhere = graphql(`
  mutation SignOutEverywhere { signOutEverywhere }
`);
const ChangePassword = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }
`);

export default function Profile() {
  const t = useT();
  // "Chrome 147 on Linux" rather than the whole User-Agent header, which is kept as the hover text.
  const agentName = (ua: string | null | undefined) => {
    if (!ua) return '—';
    const { browser, os } = describeAgent(ua);
    const name = browser && os ? t('profile.agent', { browser, os }) : browser ?? os ?? ua;
    return <span title={ua}>{name}</span>;
  };
  const auth = useAuth();
  const me = auth.me;
  const [sessions, refetch] = useQuery({ query: Sessions });
  const [revoking, revoke] = useMutation(Revoke);
  const [, everywhere] = useMutation(Everywhere);
  const [confirm, setConfirm] = useState(false);
  if (!me) return null;
  return (
    <Page title={t('profile.title')}>
      <dl className="meta">
        <dt>{t('field.displayName')}</dt>
        <dd>{me.displayName}</dd>
        <dt>{t('field.email')}</dt>
        <dd>{me.email}</dd>
        <dt>{t('profile.nation')}</dt>
        <dd>{me.nation ? `${me.nation.name} (${me.nation.code})` : '—'}</dd>
        <dt>{t('profile.organization')}</dt>
        <dd>{me.organization?.name ?? '—'}</dd>
        <dt>{t('profile.roles')}</dt>
        <dd>{me.roles.length ? me.roles.map((r) => t(`roleLabel.${r}`)).join(', ') : t('home.noRoles')}</dd>
      </dl>

      <ErrorBanner error={sessions.error ?? revoking.error} />
      <DataTable
        caption={t('profile.sessions')}
        rows={sessions.data?.mySessions ?? []}
        rowKey={(s) => s.id}
        empty={t('app.loading')}
        columns={[
          { header: t('profile.device'), cell: (s) => <>{agentName(s.userAgent)}{s.current && <strong> · {t('profile.thisSession')}</strong>}</> },
          { header: t('profile.address'), cell: (s) => s.ip ?? '—' },
          { header: t('profile.signedIn'), cell: (s) => <When at={s.createdAt} /> },
          { header: t('profile.lastUsed'), cell: (s) => <When at={s.lastUsedAt} /> },
          {
            header: <span className="sr-only">{t('comment.actions')}</span>,
            cell: (s) =>
              !s.current && (
                <button type="button" onClick={async () => { await revoke({ id: s.id }); refetch({ requestPolicy: 'network-only' }); }}>
                  {t('profile.revoke')}
                </button>
              ),
          },
        ]}
      />
      <button type="button" className="danger" onClick={() => setConfirm(true)}>{t('profile.everywhere')}</button>
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={t('profile.everywhere')}
        confirmLabel={t('profile.everywhere')}
        onConfirm={async () => {
          await everywhere({});
          await auth.signOut();
        }}
      >
        <p>{t('profile.everywhereText')}</p>
      </ConfirmDialog>
      <ChangePasswordForm />
    </Page>
  );
}

function ChangePasswordForm() {
  const t = useT();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [result, change] = useMutation(ChangePassword);
  const [done, setDone] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await change({ currentPassword, newPassword });
    if (r.data?.changePassword) {
      setDone(true);
      setCurrent('');
      setNew('');
    }
  }
  return (
    <form className="form-narrow" onSubmit={submit} aria-labelledby="pw-h">
      <h2 id="pw-h">{t('profile.changePassword')}</h2>
      <ErrorBanner error={result.error} />
      {done && <p role="status" className="notice">{t('profile.passwordChanged')}</p>}
      <TextField label={t('profile.currentPassword')} type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
      <TextField label={t('reset.newPassword')} type="password" autoComplete="new-password" required value={newPassword} onChange={(e) => setNew(e.target.value)} aria-describedby="new-pw-rules" />
      <PasswordRules password={newPassword} id="new-pw-rules" />
      <SubmitRow label={<T id="profile.changePassword" />} busy={result.fetching} disabled={!passwordOk(newPassword)} />
    </form>
  );
}
