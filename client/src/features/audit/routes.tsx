import type { Feature } from '../../app/feature';
import { lazyPage } from '../../app/lazyPage';
import { RequireAuth } from '../../auth/RequireAuth';
import { isAdmin } from '../../auth/permissions';

const AuditPage = lazyPage(() => import('./AuditPage'), 'AuditPage');

/** The audit log ("Muutosloki"): admins only, as in the API. */
export const auditFeature: Feature = {
  id: 'audit',
  nav: [{ to: '/admin/audit', labelKey: 'nav.audit', descriptionKey: 'home.sections.audit', visible: isAdmin }],
  routes: [
    {
      path: 'admin/audit',
      element: (
        <RequireAuth allow={isAdmin}>
          <AuditPage />
        </RequireAuth>
      ),
    },
  ],
};
