import type { Feature } from '../../app/feature';
import { lazyPage } from '../../app/lazyPage';
import { guardedRoute } from '../../auth/RequireAuth';
import { isAdmin } from '../../auth/permissions';

// Loaded on first visit, so the public pages start without this feature's code.
const WebhooksPage = lazyPage(() => import('./WebhooksPage'), 'WebhooksPage');
const WebhookPage = lazyPage(() => import('./WebhookPage'), 'WebhookPage');

/** Webhook subscriptions to the change feed: admins only, as in the API. */
export const webhooksFeature: Feature = {
  id: 'webhooks',
  nav: [{ to: '/admin/webhooks', labelKey: 'nav.webhooks', descriptionKey: 'home.sections.webhooks', visible: isAdmin }],
  routes: [
    guardedRoute('admin/webhooks', <WebhooksPage />, isAdmin),
    guardedRoute('admin/webhooks/:id', <WebhookPage />, isAdmin),
  ],
};
