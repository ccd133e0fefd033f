import type { Feature } from '../../app/feature';
import { RequireAuth } from '../../auth/RequireAuth';
import { canCreateMembers } from '../../auth/permissions';
import { MembersPage } from './MembersPage';
import { MemberPage } from './MemberPage';
import { MemberFormPage } from './MemberFormPage';

export const membersFeature: Feature = {
  id: 'members',
  nav: [{ to: '/members', labelKey: 'nav.members', descriptionKey: 'home.sections.members', visible: () => true }],
  routes: [
    { path: 'members', element: <MembersPage /> },
    {
      path: 'members/new',
      element: (
        <RequireAuth allow={canCreateMembers}>
          <MemberFormPage />
        </RequireAuth>
      ),
    },
    { path: 'members/:id', element: <MemberPage /> },
    {
      path: 'members/:id/edit',
      element: (
        <RequireAuth>
          <MemberFormPage />
        </RequireAuth>
      ),
    },
  ],
};
