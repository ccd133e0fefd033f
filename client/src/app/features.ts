import type { RouteObject } from 'react-router';
import type { SessionUser } from '../api/types';
import type fi from '../i18n/fi.json';
import { membersFeature } from '../features/members/routes';
import { adminFeature } from '../features/admin/routes';
import { eventsFeature } from '../features/events/routes';
import { partnershipsFeature } from '../features/partnerships/routes';
import { pilotsFeature } from '../features/pilots/routes';

export type NavLabelKey = `nav.${keyof (typeof fi)['nav']}`;

export interface NavItem {
  to: string;
  labelKey: NavLabelKey;
  descriptionKey: `home.sections.${keyof (typeof fi)['home']['sections']}`;
  visible: (user: SessionUser | null) => boolean;
}

/**
 * A feature owns its routes and navigation entries. A feature is listed here only once its API
 * exists in openapi.yaml, so the app never links to a screen the server cannot back.
 */
export interface Feature {
  id: string;
  nav: NavItem[];
  routes: RouteObject[];
}

export const features: readonly Feature[] = [membersFeature, partnershipsFeature, pilotsFeature, eventsFeature, adminFeature];

export function navItemsFor(user: SessionUser | null): NavItem[] {
  return features.flatMap((f) => f.nav).filter((item) => item.visible(user));
}
