import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../app/services';
import { ApiError } from '../api/problem';
import { PageTitle } from '../components/PageTitle';
import { TextField } from '../components/fields';
import { ApiErrorMessage } from '../components/ApiErrorMessage';
import { Alert } from '../components/Alert';
import { useServerFieldErrors } from '../components/useServerFieldErrors';
import { FormActions } from '../components/FormActions';

/** Only same-app paths are followed after sign-in, never another origin. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { user, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (user && !busy) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  const server = useServerFieldErrors(error);
  const badCredentials = error instanceof ApiError && error.status === 401;

  return (
    <div className="narrow">
      <PageTitle title={t('login.title')}>{t('login.title')}</PageTitle>
      <p>{t('login.intro')}</p>
      {badCredentials ? (
        <Alert tone="error">{t('login.invalid')}</Alert>
      ) : error && !(error instanceof ApiError && error.isValidation) ? (
        <ApiErrorMessage error={error} />
      ) : null}
      <form onSubmit={submit} noValidate className="form">
        <TextField
          id="login-email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          required
          value={email}
          errors={server.errorsOf('email')}
          onChange={(e) => {
            setEmail(e.target.value);
            server.edited('email');
          }}
        />
        <TextField
          id="login-password"
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          errors={server.errorsOf('password')}
          onChange={(e) => {
            setPassword(e.target.value);
            server.edited('password');
          }}
        />
        <FormActions busy={busy} busyLabel={t('login.signingIn')} submitLabel={t('login.submit')} />
      </form>
      <p>
        <Link to="/forgot-password">{t('login.forgot')}</Link>
      </p>
    </div>
  );
}
