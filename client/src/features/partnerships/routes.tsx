import type { Feature } from '../../app/feature';
import { lazyPage } from '../../app/lazyPage';
import { RequireAuth } from '../../auth/RequireAuth';
import { isStaff } from '../../auth/permissions';

// Loaded on first visit, so the public pages start without this feature's code.
const PartnershipsPage = lazyPage(() => import('./PartnershipsPage'), 'PartnershipsPage');
const PartnershipPage = lazyPage(() => import('./PartnershipPage'), 'PartnershipPage');
// One page for the new and the edit route.
const PartnershipFormPage = lazyPage(() => import('./PartnershipFormPage'), 'PartnershipFormPage');

/** Partnerships are internal data: every page needs a signed-in user; writing needs staff. */
export const partnershipsFeature: Feature = {
  id: 'partnerships',
  nav: [{ to: '/partnerships', labelKey: 'nav.partnerships', descriptionKey: 'home.sections.partnerships', visible: (user) => user !== null }],
  routes: [
    {
      path: 'partnerships',
      element: (
        <RequireAuth>
          <PartnershipsPage />
        </RequireAuth>
      ),
    },
    {
      path: 'partnerships/new',
      element: (
        <RequireAuth allow={isStaff}>
          <PartnershipFormPage />
        </RequireAuth>
      ),
    },
    {
      path: 'partnerships/:id',
      element: (
        <RequireAuth>
          <PartnershipPage />
        </RequireAuth>
      ),
    },
    {
      path: 'partnerships/:id/edit',
      element: (
        <RequireAuth allow={isStaff}>
          <PartnershipFormPage />
        </RequireAuth>
      ),
    },
  ],
};
