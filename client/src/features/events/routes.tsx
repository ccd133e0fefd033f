import type { Feature } from '../../app/feature';
import { lazyPage } from '../../app/lazyPage';
import { guardedRoute } from '../../auth/RequireAuth';
import { canCreateEvents } from '../../auth/permissions';

// Loaded on first visit, so the public pages start without this feature's code.
const EventsPage = lazyPage(() => import('./EventsPage'), 'EventsPage');
const EventPage = lazyPage(() => import('./EventPage'), 'EventPage');
// One page for the new and the edit route.
const EventFormPage = lazyPage(() => import('./EventFormPage'), 'EventFormPage');
const RegistrationLinkPage = lazyPage(() => import('./RegistrationLinkPage'), 'RegistrationLinkPage');

export const eventsFeature: Feature = {
  id: 'events',
  nav: [{ to: '/events', labelKey: 'nav.events', descriptionKey: 'home.sections.events', visible: () => true }],
  routes: [
    { path: 'events', element: <EventsPage /> },
    guardedRoute('events/new', <EventFormPage />, canCreateEvents),
    // The public page: the iCalendar feed links here, so it needs no account.
    { path: 'events/:id', element: <EventPage /> },
    // The registration mail's link: cancel or give feedback with the token in the fragment, no account needed.
    { path: 'events/:id/registration', element: <RegistrationLinkPage /> },
    guardedRoute('events/:id/edit', <EventFormPage />),
  ],
};
