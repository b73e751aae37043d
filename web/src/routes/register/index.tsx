import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../graphql';
import { T, useT } from '../../i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { passwordOk, PasswordRules } from '../../ui/password';

const Register = graphql(`
  mutation Register($input: RegisterInput!) { register(input: $input) { id email } }
`);

export default function RegisterScreen() {
  const t = useT();
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [result, register] = useMutation(Register);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await register({ input: { displayName, email, password } });
    if (r.data) navigate(`/verify?email=${encodeURIComponent(email)}&sent=${Date.now()}`);
  }

  return (
    <Page title={t('register.title')}>
      <form className="form-narrow" onSubmit={submit}>
        <ErrorBanner error={result.error} />
        <TextField label={t('field.displayName')} autoComplete="name" required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        <TextField label={t('field.email')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField label={t('field.password')} type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby="pw-rules" />
        <PasswordRules password={password} id="pw-rules" />
        <div className="actions">
          <button type="submit" className="primary" disabled={!passwordOk(password) || result.fetching}>
            <T id="register.submit" />
          </button>
          <Link to="/sign-in"><T id="auth.signIn" /></Link>
        </div>
      </form>
    </Page>
  );
}
