import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { graphql } from '../../graphql';
import { T, useT } from '../../i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { Page } from '../../ui/Page';
import { When } from '../../ui/time';

const Preview = graphql(`
  query InvitationPreview($token: String!) { invitation(token: $token) { organizationName email status expiresAt } }
`);
const Accept = graphql(`
  mutation AcceptInvitation($token: String!) { acceptInvitation(token: $token) { id status } }
`);

/**
 * Reached from the mailed link (/app/invitation?token=…). Anyone may look;
 * accepting needs an account with the address invited: sign in, or register
 * and verify first, and come back to the same link.
 */
export default function InvitationScreen() {
  const t = useT();
  const auth = useAuth();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [result] = useQuery({ query: Preview, variables: { token }, pause: !token });
  const [accepted, accept] = useMutation(Accept);
  const inv = result.data?.invitation;
  const here = `/invitation?token=${encodeURIComponent(token)}`;
  const done = accepted.data?.acceptInvitation.status === 'ACCEPTED';
  return (
    <Page title={t('invitation.title')}>
      <ErrorBanner error={result.error ?? accepted.error} />
      {inv && (
        <>
          <p>{t('invitation.text', { organization: inv.organizationName, email: inv.email })}</p>
          <p className="muted">{t('invitation.expires')} <When at={inv.expiresAt} /></p>
          {done ? (
            <p role="status" className="notice">{t('invitation.accepted', { organization: inv.organizationName })}{' '}
              <button type="button" className="link" onClick={() => void auth.signOut()}><T id="auth.signOut" /></button>
            </p>
          ) : inv.status !== 'PENDING' ? (
            <p className="notice">{t(`invitationStatus.${inv.status}`)} · {t('invitation.askAgain')}</p>
          ) : auth.me ? (
            <button type="button" className="primary" disabled={accepted.fetching} onClick={() => void accept({ token })}>{t('invitation.accept')}</button>
          ) : (
            <p>
              <Link to={`/sign-in?next=${encodeURIComponent(here)}`}><T id="auth.signIn" /></Link>
              {' · '}
              <Link to="/register"><T id="auth.register" /></Link>
              {' · '}{t('invitation.registerFirst')}
            </p>
          )}
        </>
      )}
    </Page>
  );
}
