import type { RouteObject } from 'react-router';
import type { SessionUser } from '../api/types';
import type fi from '../i18n/fi.json';

export type NavLabelKey = `nav.${keyof (typeof fi)['nav']}`;

export interface NavItem {
  to: string;
  labelKey: NavLabelKey;
  descriptionKey: `home.sections.${keyof (typeof fi)['home']['sections']}`;
  visible: (user: SessionUser | null) => boolean;
}

/**
 * A feature owns its routes and navigation entries. Its own file, so a feature's routes.tsx needs only
 * this type and not the list in features.ts that imports every feature (no import circle).
 */
export interface Feature {
  id: string;
  nav: NavItem[];
  routes: RouteObject[];
}
