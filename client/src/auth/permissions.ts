import type { SessionUser } from '../api/types';

type Who = Pick<SessionUser, 'role' | 'memberId'> | null | undefined;

/** What the signed-in user may do, mirroring the API's roles so the UI offers only allowed actions. */
export function isAdmin(user: Who): boolean {
  return user?.role === 'admin';
}

export function isStaff(user: Who): boolean {
  return user?.role === 'admin' || user?.role === 'staff';
}

export function canCreateMembers(user: Who): boolean {
  return isStaff(user);
}

export function canEditMember(user: Who, memberId: string): boolean {
  if (isStaff(user)) return true;
  return user?.role === 'member_editor' && user.memberId === memberId;
}

export function canDeleteMembers(user: Who): boolean {
  return isStaff(user);
}

/** Contact people are personal data: signed-in users read them, a member editor only its own member's. */
export function canSeeContacts(user: Who, memberId: string): boolean {
  if (user == null) return false;
  return user.role !== 'member_editor' || user.memberId === memberId;
}

/** Staff create any event; a member editor creates events their own member organises. */
export function canCreateEvents(user: Who): boolean {
  return isStaff(user) || user?.role === 'member_editor';
}

/** Staff, or an editor of one of the event's organisers, manage it (edit, move, see registrations). */
export function canManageEvent(user: Who, organizerIds: readonly string[]): boolean {
  if (isStaff(user)) return true;
  return user?.role === 'member_editor' && user.memberId != null && organizerIds.includes(user.memberId);
}

/** Staff manage every pilot; a member editor manages the pilots their member owns (and creates them). */
export function canManagePilot(user: Who, ownerMemberId: string): boolean {
  if (isStaff(user)) return true;
  return user?.role === 'member_editor' && user.memberId === ownerMemberId;
}
