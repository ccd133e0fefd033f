import type { Feature } from '../../app/feature';
import { lazyPage } from '../../app/lazyPage';
import { guardedRoute } from '../../auth/RequireAuth';
import { canCreateEvents } from '../../auth/permissions';

// Loaded on first visit, so the public pages start without this feature's code.
const PilotsBoard = lazyPage(() => import('./PilotsBoard'), 'PilotsBoard');
const PilotPage = lazyPage(() => import('./PilotPage'), 'PilotPage');
// One page for the new and the edit route.
const PilotFormPage = lazyPage(() => import('./PilotFormPage'), 'PilotFormPage');

/** Pilots are internal data: signed-in users read them; staff and the owner's editors change them. */
export const pilotsFeature: Feature = {
  id: 'pilots',
  nav: [{ to: '/pilots', labelKey: 'nav.pilots', descriptionKey: 'home.sections.pilots', visible: (user) => user !== null }],
  routes: [
    guardedRoute('pilots', <PilotsBoard />),
    // The same rule as events: staff, or a member editor for their own member.
    guardedRoute('pilots/new', <PilotFormPage />, canCreateEvents),
    guardedRoute('pilots/:id', <PilotPage />),
    guardedRoute('pilots/:id/edit', <PilotFormPage />),
  ],
};
