import type { Feature } from '../../app/feature';
import { guardedRoute } from '../../auth/RequireAuth';
import { canCreateMembers } from '../../auth/permissions';
import { MembersPage } from './MembersPage';
import { MemberPage } from './MemberPage';
import { MemberFormPage } from './MemberFormPage';

export const membersFeature: Feature = {
  id: 'members',
  nav: [{ to: '/members', labelKey: 'nav.members', descriptionKey: 'home.sections.members', visible: () => true }],
  routes: [
    { path: 'members', element: <MembersPage /> },
    guardedRoute('members/new', <MemberFormPage />, canCreateMembers),
    { path: 'members/:id', element: <MemberPage /> },
    guardedRoute('members/:id/edit', <MemberFormPage />),
  ],
};
