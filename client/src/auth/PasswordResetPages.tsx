import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { useApi } from '../app/services';
import { unwrapData } from '../api/client';
import { ApiError } from '../api/problem';
import { PageTitle } from '../components/PageTitle';
import { TextField } from '../components/fields';
import { ApiErrorMessage } from '../components/ApiErrorMessage';
import { Alert } from '../components/Alert';
import { useServerFieldErrors } from '../components/useServerFieldErrors';
import { FormActions } from '../components/FormActions';

/** Asks for a reset link. The answer is the same for every address, so the page never says whether one has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: () => unwrapData(api.POST('/api/v1/auth/password-reset', { body: { email: email.trim() } })),
  });
  const server = useServerFieldErrors(request.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    request.mutate();
  }

  return (
    <div className="narrow">
      <PageTitle title={t('passwordReset.title')}>{t('passwordReset.title')}</PageTitle>
      {request.isSuccess ? (
        <Alert tone="success">{t('passwordReset.sent')}</Alert>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <p>{t('passwordReset.intro')}</p>
          {request.error && !(request.error instanceof ApiError && request.error.isValidation) ? <ApiErrorMessage error={request.error} /> : null}
          <TextField
            id="reset-email"
            label={t('passwordReset.email')}
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
          <FormActions busy={request.isPending} submitLabel={t('passwordReset.submit')} />
        </form>
      )}
    </div>
  );
}

/** The mailed link `/reset-password#token=…`: the token is read from the fragment and sent only in the body. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const api = useApi();
  const location = useLocation();
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  const [password, setPassword] = useState('');
  const confirm = useMutation({
    mutationFn: () =>
      unwrapData(api.POST('/api/v1/auth/password-reset/confirm', { body: { token: token ?? '', newPassword: password } })),
  });
  const server = useServerFieldErrors(confirm.error);
  const tokenErrors = server.errorsOf('token');

  function submit(e: FormEvent) {
    e.preventDefault();
    confirm.mutate();
  }

  return (
    <div className="narrow">
      <PageTitle title={t('passwordReset.newTitle')}>{t('passwordReset.newTitle')}</PageTitle>
      {!token ? (
        <Alert tone="warning">
          {t('passwordReset.missing')} <Link to="/forgot-password">{t('passwordReset.again')}</Link>
        </Alert>
      ) : confirm.isSuccess ? (
        <Alert tone="success">
          {t('passwordReset.done')} <Link to="/login">{t('nav.signIn')}</Link>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          {tokenErrors && tokenErrors.length > 0 ? (
            <Alert tone="error">
              {tokenErrors.join(' ')} <Link to="/forgot-password">{t('passwordReset.again')}</Link>
            </Alert>
          ) : null}
          {confirm.error && !(confirm.error instanceof ApiError && confirm.error.isValidation) ? <ApiErrorMessage error={confirm.error} /> : null}
          <TextField
            id="reset-password"
            label={t('passwordReset.newPassword')}
            hint={t('passwordReset.newPasswordHint')}
            type="password"
            autoComplete="new-password"
            required
            value={password}
            errors={server.errorsOf('newPassword')}
            onChange={(e) => {
              setPassword(e.target.value);
              server.edited('newPassword');
            }}
          />
          <FormActions busy={confirm.isPending} submitLabel={t('passwordReset.save')} />
        </form>
      )}
    </div>
  );
}
