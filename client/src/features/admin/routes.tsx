import type { Feature } from '../../app/feature';
import { lazyPage } from '../../app/lazyPage';
import { RequireAuth } from '../../auth/RequireAuth';
import { isAdmin } from '../../auth/permissions';

// Loaded on first visit, so the public pages start without this feature's code.
const UsersPage = lazyPage(() => import('./UsersPage'), 'UsersPage');
const ApiKeysPage = lazyPage(() => import('./ApiKeysPage'), 'ApiKeysPage');

export const adminFeature: Feature = {
  id: 'admin',
  nav: [
    { to: '/admin/users', labelKey: 'nav.users', descriptionKey: 'home.sections.users', visible: isAdmin },
    { to: '/admin/api-keys', labelKey: 'nav.apiKeys', descriptionKey: 'home.sections.apiKeys', visible: isAdmin },
  ],
  routes: [
    {
      path: 'admin/users',
      element: (
        <RequireAuth allow={isAdmin}>
          <UsersPage />
        </RequireAuth>
      ),
    },
    {
      path: 'admin/api-keys',
      element: (
        <RequireAuth allow={isAdmin}>
          <ApiKeysPage />
        </RequireAuth>
      ),
    },
  ],
};
