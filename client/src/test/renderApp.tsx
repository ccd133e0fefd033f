import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createServices, ServicesProvider } from '../app/services';
import { appRoutes } from '../app/router';
import { createI18n, type Language } from '../i18n';
import type { User } from '../api/types';
import type { Session } from '../auth/session';

export const adminUser: User = {
  id: '01930000-0000-7000-8000-000000000001',
  email: 'admin@communityhub.local',
  displayName: 'Demo Admin',
  role: 'admin',
  memberId: null,
  createdAt: '2026-11-01T08:00:00Z',
  updatedAt: '2026-11-01T08:00:00Z',
  version: 1,
};

export function sessionFor(user: User): Session {
  return { accessToken: 'test-token', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user };
}

/** Renders the whole app at `path` against a fake API, optionally signed in. */
export function renderApp(path: string, options: { fetch: typeof globalThis.fetch; session?: Session; language?: Language }) {
  const services = createServices({
    i18n: createI18n(options.language ?? 'fi'),
    baseUrl: 'http://localhost',
    fetch: options.fetch,
    storage: window.sessionStorage,
  });
  if (options.session) services.session.set(options.session);
  const router = createMemoryRouter(appRoutes(), { initialEntries: [path] });
  const view = render(
    <ServicesProvider services={services}>
      <RouterProvider router={router} />
    </ServicesProvider>,
  );
  return { ...view, router, services };
}
