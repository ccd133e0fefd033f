import { compact, optional, optionalGroup, required } from '../../api/body';
import type { Space, SpaceBody } from '../../api/types';

/** An opening window or a closure as the form edits it (a `key` for React's lists). */
export interface HoursValues {
  key: string;
  weekday: string;
  opens: string;
  closes: string;
}

export interface ClosureValues {
  key: string;
  from: string;
  to: string;
  reason: string;
}

/** The space form's inputs as text; the rules' numbers too, so a half-typed number stays as typed. */
export interface SpaceFormValues {
  name: string;
  kind: string;
  description: string;
  capacity: string;
  features: string[];
  street: string;
  postalCode: string;
  city: string;
  municipalityCode: string;
  openingHours: HoursValues[];
  closures: ClosureValues[];
  minMinutes: string;
  maxMinutes: string;
  intervalMinutes: string;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  bookAheadDays: string;
  maxActivePerMember: string;
  approval: string;
  cancelHoursBefore: string;
  bookableBy: string;
}

/** The rules' inputs, in the order the form shows them; each is sent as `rules.<name>`. */
export const ruleNumbers = ['minMinutes', 'maxMinutes', 'intervalMinutes', 'bufferBeforeMinutes', 'bufferAfterMinutes', 'bookAheadDays', 'maxActivePerMember', 'cancelHoursBefore'] as const;

let counter = 0;
const key = () => `k${(counter += 1)}`;

export const emptyHours = (weekday = '1'): HoursValues => ({ key: key(), weekday, opens: '08:00', closes: '20:00' });
export const emptyClosure = (): ClosureValues => ({ key: key(), from: '', to: '', reason: '' });

export function emptySpaceForm(): SpaceFormValues {
  return {
    name: '',
    kind: 'meeting_room',
    description: '',
    capacity: '',
    features: [],
    street: '',
    postalCode: '',
    city: '',
    municipalityCode: '',
    openingHours: ['1', '2', '3', '4', '5'].map(emptyHours),
    closures: [],
    minMinutes: '30',
    maxMinutes: '240',
    intervalMinutes: '30',
    bufferBeforeMinutes: '0',
    bufferAfterMinutes: '0',
    bookAheadDays: '90',
    maxActivePerMember: '',
    approval: 'automatic',
    cancelHoursBefore: '24',
    bookableBy: 'members',
  };
}

const text = (n: number | null | undefined) => (n == null ? '' : String(n));

export function spaceToForm(space: Space): SpaceFormValues {
  const r = space.rules;
  return {
    name: space.name,
    kind: space.kind,
    description: space.description ?? '',
    capacity: text(space.capacity),
    features: [...space.features],
    street: space.address.street ?? '',
    postalCode: space.address.postalCode ?? '',
    city: space.address.city ?? '',
    municipalityCode: space.municipalityCode,
    openingHours: space.openingHours.map((h) => ({ key: key(), weekday: String(h.weekday), opens: h.opens, closes: h.closes })),
    closures: space.closures.map((c) => ({ key: key(), from: c.from, to: c.to, reason: c.reason })),
    minMinutes: text(r.minMinutes),
    maxMinutes: text(r.maxMinutes),
    intervalMinutes: text(r.intervalMinutes),
    bufferBeforeMinutes: text(r.bufferBeforeMinutes),
    bufferAfterMinutes: text(r.bufferAfterMinutes),
    bookAheadDays: text(r.bookAheadDays),
    maxActivePerMember: text(r.maxActivePerMember),
    approval: r.approval,
    cancelHoursBefore: text(r.cancelHoursBefore),
    bookableBy: r.bookableBy,
  };
}

/** A whole number as typed, or left out (the API then takes the rule's default, or no limit). */
const whole = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined);

export function formToSpaceBody(values: SpaceFormValues): SpaceBody {
  return compact({
    name: required(values.name),
    kind: values.kind as SpaceBody['kind'],
    description: optional(values.description),
    capacity: whole(values.capacity),
    features: values.features as SpaceBody['features'],
    address: optionalGroup({ street: optional(values.street), postalCode: optional(values.postalCode), city: optional(values.city) }),
    municipalityCode: required(values.municipalityCode),
    openingHours: values.openingHours.map((h) => ({ weekday: Number(h.weekday), opens: h.opens, closes: h.closes })),
    closures: values.closures.map((c) => ({ from: required(c.from), to: required(c.to), reason: required(c.reason) })),
    rules: {
      minMinutes: whole(values.minMinutes),
      maxMinutes: whole(values.maxMinutes),
      intervalMinutes: whole(values.intervalMinutes),
      bufferBeforeMinutes: whole(values.bufferBeforeMinutes),
      bufferAfterMinutes: whole(values.bufferAfterMinutes),
      bookAheadDays: whole(values.bookAheadDays),
      maxActivePerMember: whole(values.maxActivePerMember),
      approval: values.approval as NonNullable<SpaceBody['rules']>['approval'],
      cancelHoursBefore: whole(values.cancelHoursBefore),
      bookableBy: values.bookableBy as NonNullable<SpaceBody['rules']>['bookableBy'],
    },
  });
}
