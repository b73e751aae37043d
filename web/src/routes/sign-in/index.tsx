import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { useAuth } from '../../app/auth';
import { graphql } from '../../graphql';
import { T, useT } from '../../i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { SubmitRow, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';

const Login = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) { accessToken expiresAt }
  }
`);

export default function SignIn() {
  const t = useT();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [result, login] = useMutation(Login);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await login({ email, password });
    if (!r.data) return;
    await auth.signIn(r.data.login);
    const next = params.get('next');
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  }

  return (
    <Page title={t('auth.signIn')}>
      <form className="form-narrow" onSubmit={submit}>
        <ErrorBanner error={result.error} />
        <TextField label={t('field.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        <TextField label={t('field.password')} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <SubmitRow label={<T id="auth.signIn" />} busy={result.fetching} />
      </form>
      <p>
        <Link to="/register">
          <T id="auth.register" />
        </Link>
        {' · '}
        <Link to="/reset-password">
          <T id="auth.forgot" />
        </Link>
        {' · '}
        <a href="/">
          <T id="auth.publicPages" />
        </a>
      </p>
    </Page>
  );
}
