import type { RouteObject } from 'react-router';
import { Layout } from './Layout';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';
import { LoginPage } from '../auth/LoginPage';
import { ForgotPasswordPage, ResetPasswordPage } from '../auth/PasswordResetPages';
import { features } from './features';

export function appRoutes(): RouteObject[] {
  return [
    {
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <HomePage /> },
        { path: 'login', element: <LoginPage /> },
        { path: 'forgot-password', element: <ForgotPasswordPage /> },
        // The reset mail's link: the token rides in the fragment.
        { path: 'reset-password', element: <ResetPasswordPage /> },
        ...features.flatMap((f) => f.routes),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}
