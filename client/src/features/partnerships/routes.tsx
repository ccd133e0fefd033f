import type { Feature } from '../../app/feature';
import { lazyPage } from '../../app/lazyPage';
import { guardedRoute } from '../../auth/RequireAuth';
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
    guardedRoute('partnerships', <PartnershipsPage />),
    guardedRoute('partnerships/new', <PartnershipFormPage />, isStaff),
    guardedRoute('partnerships/:id', <PartnershipPage />),
    guardedRoute('partnerships/:id/edit', <PartnershipFormPage />, isStaff),
  ],
};
