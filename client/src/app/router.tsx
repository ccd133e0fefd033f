import type { RouteObject } from 'react-router';
import { Layout } from './Layout';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';
import { LoginPage } from '../auth/LoginPage';
import { features } from './features';

export function appRoutes(): RouteObject[] {
  return [
    {
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <HomePage /> },
        { path: 'login', element: <LoginPage /> },
        ...features.flatMap((f) => f.routes),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}
