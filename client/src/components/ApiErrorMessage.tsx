import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api/problem';
import { Alert } from './Alert';

/** What a status means to the user; other 4xx are unexpected, 5xx a server failure. */
const statusTexts = {
  400: 'errors.badRequest',
  401: 'errors.unauthorized',
  403: 'errors.forbidden',
  404: 'errors.notFound',
  409: 'errors.conflict',
  412: 'errors.preconditionFailed',
  429: 'errors.tooManyRequests',
} as const;

export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof NetworkError) return t('errors.network');
    if (error instanceof ApiError) {
      const key = statusTexts[error.status as keyof typeof statusTexts] as (typeof statusTexts)[keyof typeof statusTexts] | undefined;
      if (key) return t(key);
      return error.status >= 500 ? t('errors.server') : t('errors.unexpected');
    }
    return t('errors.unexpected');
  };
}

/** An error from the API in the user's language, with the server's own detail when it gave one. */
export function ApiErrorMessage({ error, title }: { error: unknown; title?: string }) {
  const text = useErrorText()(error);
  const detail = error instanceof ApiError ? (error.problem?.detail ?? null) : null;
  return (
    <Alert tone="error" title={title ?? text}>
      {title ? <p>{text}</p> : null}
      {detail && detail !== text ? <p className="problem-detail">{detail}</p> : null}
    </Alert>
  );
}
