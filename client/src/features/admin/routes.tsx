import type { Feature } from '../../app/feature';
import { lazyPage } from '../../app/lazyPage';
import { guardedRoute } from '../../auth/RequireAuth';
import { isAdmin } from '../../auth/permissions';

// Loaded on first visit, so the public pages start without this feature's code.
const UsersPage = lazyPage(() => import('./UsersPage'), 'UsersPage');
const ApiKeysPage = lazyPage(() => import('./ApiKeysPage'), 'ApiKeysPage');
const MailPage = lazyPage(() => import('./MailPage'), 'MailPage');

export const adminFeature: Feature = {
  id: 'admin',
  nav: [
    { to: '/admin/users', labelKey: 'nav.users', descriptionKey: 'home.sections.users', visible: isAdmin },
    { to: '/admin/api-keys', labelKey: 'nav.apiKeys', descriptionKey: 'home.sections.apiKeys', visible: isAdmin },
    { to: '/admin/mail', labelKey: 'nav.mail', descriptionKey: 'home.sections.mail', visible: isAdmin },
  ],
  routes: [
    guardedRoute('admin/users', <UsersPage />, isAdmin),
    guardedRoute('admin/api-keys', <ApiKeysPage />, isAdmin),
    guardedRoute('admin/mail', <MailPage />, isAdmin),
  ],
};
