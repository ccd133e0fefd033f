import type { ReactNode } from 'react';
import { Navigate, useLocation, type RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../api/types';
import { useCurrentUser } from '../app/services';
import { PageTitle } from '../components/PageTitle';
import { Alert } from '../components/Alert';

/** Sends anonymous visitors to sign in (and back afterwards); tells signed-in users without the right role. */
export function RequireAuth({ allow, children }: { allow?: (user: SessionUser) => boolean; children: ReactNode }) {
  const user = useCurrentUser();
  const location = useLocation();
  const { t } = useTranslation();
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (allow && !allow(user)) {
    return (
      <>
        <PageTitle title={t('errors.forbiddenTitle')}>{t('errors.forbiddenTitle')}</PageTitle>
        <Alert tone="warning">{t('errors.forbidden')}</Alert>
      </>
    );
  }
  return <>{children}</>;
}

/** A route behind RequireAuth: for signed-in users, and with `allow` only those it allows. */
export function guardedRoute(path: string, page: ReactNode, allow?: (user: SessionUser) => boolean): RouteObject {
  return { path, element: <RequireAuth allow={allow}>{page}</RequireAuth> };
}
