import type { Feature } from '../../app/feature';
import { lazyPage } from '../../app/lazyPage';
import { guardedRoute } from '../../auth/RequireAuth';
import { isStaff } from '../../auth/permissions';

const SpacesPage = lazyPage(() => import('./SpacesPage'), 'SpacesPage');
const SpacePage = lazyPage(() => import('./SpacePage'), 'SpacePage');
const SpaceFormPage = lazyPage(() => import('./SpaceFormPage'), 'SpaceFormPage');
const MyBookingsPage = lazyPage(() => import('./MyBookingsPage'), 'MyBookingsPage');
const BookingRequestsPage = lazyPage(() => import('./BookingRequestsPage'), 'BookingRequestsPage');

const isMemberEditor = (user: { role: string; memberId?: string | null } | null) => user?.role === 'member_editor' && user.memberId != null;

export const spacesFeature: Feature = {
  id: 'spaces',
  nav: [
    { to: '/spaces', labelKey: 'nav.spaces', descriptionKey: 'home.sections.spaces', visible: () => true },
    { to: '/bookings/mine', labelKey: 'nav.myBookings', descriptionKey: 'home.sections.myBookings', visible: isMemberEditor },
    { to: '/bookings/requests', labelKey: 'nav.bookingRequests', descriptionKey: 'home.sections.bookingRequests', visible: isStaff },
  ],
  routes: [
    // Public, like the member directory: the rooms and their free time, never who booked.
    { path: 'spaces', element: <SpacesPage /> },
    guardedRoute('spaces/new', <SpaceFormPage />, isStaff),
    { path: 'spaces/:id', element: <SpacePage /> },
    guardedRoute('spaces/:id/edit', <SpaceFormPage />, isStaff),
    guardedRoute('bookings/mine', <MyBookingsPage />, isMemberEditor),
    guardedRoute('bookings/requests', <BookingRequestsPage />, isStaff),
  ],
};
