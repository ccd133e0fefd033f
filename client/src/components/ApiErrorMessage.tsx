import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api/problem';
import { Alert } from './Alert';

export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof NetworkError) return t('errors.network');
    if (error instanceof ApiError) {
      switch (error.status) {
        case 400:
          return t('errors.badRequest');
        case 401:
          return t('errors.unauthorized');
        case 403:
          return t('errors.forbidden');
        case 404:
          return t('errors.notFound');
        case 409:
          return t('errors.conflict');
        case 412:
          return t('errors.preconditionFailed');
        case 429:
          return t('errors.tooManyRequests');
        default:
          return error.status >= 500 ? t('errors.server') : t('errors.unexpected');
      }
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
