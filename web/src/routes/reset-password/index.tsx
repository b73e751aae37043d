import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../graphql';
import { T, useT } from '../../i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { CodeTimer, passwordOk, PasswordRules } from '../../ui/password';

const RequestReset = graphql(`
  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }
`);
const Reset = graphql(`
  mutation ResetPassword($email: String!, $code: String!, $newPassword: String!) { resetPassword(email: $email, code: $code, newPassword: $newPassword) }
`);

export default function ResetPasswordScreen() {
  const t = useT();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [sentAt, setSentAt] = useState<number | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [requested, request] = useMutation(RequestReset);
  const [result, reset] = useMutation(Reset);

  async function ask(e?: FormEvent) {
    e?.preventDefault();
    const r = await request({ email });
    if (!r.error) setSentAt(Date.now());
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await reset({ email, code: code.trim(), newPassword: password });
    if (r.data?.resetPassword) navigate(`/sign-in?email=${encodeURIComponent(email)}`);
  }

  return (
    <Page title={t('reset.title')}>
      {sentAt === null ? (
        <form className="form-narrow" onSubmit={ask}>
          <p>{t('reset.explain')}</p>
          <ErrorBanner error={requested.error} />
          <TextField label={t('field.email')} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
          <div className="actions">
            <button type="submit" className="primary" disabled={requested.fetching}><T id="reset.send" /></button>
          </div>
        </form>
      ) : (
        <form className="form-narrow" onSubmit={submit}>
          <p role="status">{t('reset.sent', { email })}</p>
          <ErrorBanner error={result.error ?? requested.error} />
          <TextField label={t('verify.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value)} autoFocus />
          <CodeTimer sentAt={sentAt} />
          <TextField label={t('reset.newPassword')} type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby="pw-rules" />
          <PasswordRules password={password} id="pw-rules" />
          <div className="actions">
            <button type="submit" className="primary" disabled={!passwordOk(password) || result.fetching}><T id="reset.submit" /></button>
            <button type="button" onClick={() => void ask()} disabled={requested.fetching}><T id="verify.resend" /></button>
          </div>
        </form>
      )}
    </Page>
  );
}
