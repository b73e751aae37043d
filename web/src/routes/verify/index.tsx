import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../graphql';
import { T, useT } from '../../i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { CodeTimer } from '../../ui/password';

const Verify = graphql(`
  mutation VerifyEmail($email: String!, $code: String!) { verifyEmail(email: $email, code: $code) }
`);
const Resend = graphql(`
  mutation ResendVerificationCode($email: String!) { resendVerificationCode(email: $email) }
`);

export default function VerifyScreen() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [code, setCode] = useState('');
  const [sentAt, setSentAt] = useState(Number(params.get('sent')) || Date.now());
  const [resent, setResent] = useState(false);
  const [result, verify] = useMutation(Verify);
  const [resending, resend] = useMutation(Resend);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await verify({ email, code: code.trim() });
    if (r.data?.verifyEmail) navigate(`/sign-in?email=${encodeURIComponent(email)}&verified=1`);
  }

  return (
    <Page title={t('verify.title')}>
      <form className="form-narrow" onSubmit={submit}>
        <p>{t('verify.explain')}</p>
        <ErrorBanner error={result.error ?? resending.error} />
        <TextField label={t('field.email')} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField label={t('verify.code')} inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value)} autoFocus />
        <CodeTimer sentAt={sentAt} />
        <div className="actions">
          <button type="submit" className="primary" disabled={result.fetching}>
            <T id="verify.submit" />
          </button>
          <button
            type="button"
            disabled={!email || resending.fetching}
            onClick={async () => {
              const r = await resend({ email });
              if (!r.error) {
                setSentAt(Date.now());
                setResent(true);
              }
            }}
          >
            <T id="verify.resend" />
          </button>
        </div>
        {resent && <p role="status" className="notice">{t('verify.resent')}</p>}
      </form>
    </Page>
  );
}
