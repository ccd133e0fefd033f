import type { SessionUser } from '../api/types';
import type { NavItem } from './feature';
import { membersFeature } from '../features/members/routes';
import { adminFeature } from '../features/admin/routes';
import { eventsFeature } from '../features/events/routes';
import { partnershipsFeature } from '../features/partnerships/routes';
import { pilotsFeature } from '../features/pilots/routes';
import { webhooksFeature } from '../features/webhooks/routes';
import { auditFeature } from '../features/audit/routes';
import { spacesFeature } from '../features/spaces/routes';

export type { Feature, NavItem, NavLabelKey } from './feature';

/** A feature is listed here only once its API exists in openapi.yaml, so the app never links to a screen the server cannot back. */
export const features = [membersFeature, partnershipsFeature, pilotsFeature, eventsFeature, spacesFeature, adminFeature, webhooksFeature, auditFeature] as const;

export function navItemsFor(user: SessionUser | null): NavItem[] {
  return features.flatMap((f) => f.nav).filter((item) => item.visible(user));
}
