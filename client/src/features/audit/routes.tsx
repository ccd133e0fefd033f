import type { Feature } from '../../app/feature';
import { lazyPage } from '../../app/lazyPage';
import { guardedRoute } from '../../auth/RequireAuth';
import { isAdmin } from '../../auth/permissions';

const AuditPage = lazyPage(() => import('./AuditPage'), 'AuditPage');

/** The audit log ("Muutosloki"): admins only, as in the API. */
export const auditFeature: Feature = {
  id: 'audit',
  nav: [{ to: '/admin/audit', labelKey: 'nav.audit', descriptionKey: 'home.sections.audit', visible: isAdmin }],
  routes: [
    guardedRoute('admin/audit', <AuditPage />, isAdmin),
  ],
};
