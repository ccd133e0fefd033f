import type { CommunityEvent, EventBody, EventLanguage, EventVisibility } from '../../api/types';
import { instantToLocalInput, localInputToInstant } from './time';

/** The event form's inputs as text; times are Helsinki wall-clock (datetime-local) values. */
export interface EventFormValues {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  venueName: string;
  venueStreet: string;
  venueCity: string;
  municipalityCode: string;
  organizerIds: string[];
  capacity: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  visibility: string;
  languages: string[];
  keywords: string;
  /** The partnership and pilot the event belongs to, or '' for none. */
  partnershipId: string;
  pilotId: string;
}

/** The API field paths the form edits, as the server names them in validation errors. */
export const eventFields = [
  'title',
  'description',
  'startsAt',
  'endsAt',
  'venue.name',
  'venue.street',
  'venue.city',
  'venue',
  'municipalityCode',
  'organizerIds',
  'capacity',
  'registrationOpensAt',
  'registrationClosesAt',
  'visibility',
  'languages',
  'keywords',
  'partnershipId',
  'pilotId',
] as const;

export type EventField = (typeof eventFields)[number];

export function emptyEventForm(organizerId: string | null): EventFormValues {
  return {
    title: '',
    description: '',
    startsAt: '',
    endsAt: '',
    venueName: '',
    venueStreet: '',
    venueCity: '',
    municipalityCode: '',
    organizerIds: organizerId ? [organizerId] : [],
    capacity: '',
    registrationOpensAt: '',
    registrationClosesAt: '',
    visibility: 'public',
    languages: ['fi'],
    keywords: '',
    partnershipId: '',
    pilotId: '',
  };
}

export function eventToForm(event: CommunityEvent): EventFormValues {
  return {
    title: event.title,
    description: event.description ?? '',
    startsAt: instantToLocalInput(event.startsAt),
    endsAt: instantToLocalInput(event.endsAt),
    venueName: event.venue?.name ?? '',
    venueStreet: event.venue?.street ?? '',
    venueCity: event.venue?.city ?? '',
    municipalityCode: event.municipalityCode,
    organizerIds: [...event.organizerIds],
    capacity: event.capacity == null ? '' : String(event.capacity),
    registrationOpensAt: instantToLocalInput(event.registrationOpensAt),
    registrationClosesAt: instantToLocalInput(event.registrationClosesAt),
    visibility: event.visibility,
    languages: [...event.languages],
    keywords: event.keywords.join(', '),
    partnershipId: event.partnershipId ?? '',
    pilotId: event.pilotId ?? '',
  };
}

function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The request body. A capacity that is not a whole number is sent as it is typed would be a JSON
 * type error, so only digits become a number; anything else is sent as null and the field keeps
 * its text for the user to correct (the browser's number input already refuses most of it).
 */
export function formToEventBody(values: EventFormValues): EventBody {
  const venueName = orNull(values.venueName);
  const venueStreet = orNull(values.venueStreet);
  const venueCity = orNull(values.venueCity);
  const capacity = values.capacity.trim();
  return {
    title: orNull(values.title),
    description: orNull(values.description),
    startsAt: localInputToInstant(values.startsAt),
    endsAt: localInputToInstant(values.endsAt),
    venue: venueName || venueStreet || venueCity ? { name: venueName, street: venueStreet, city: venueCity } : null,
    municipalityCode: orNull(values.municipalityCode),
    organizerIds: values.organizerIds,
    partnershipId: values.partnershipId || null,
    pilotId: values.pilotId || null,
    capacity: /^\d+$/.test(capacity) ? Number(capacity) : null,
    registrationOpensAt: localInputToInstant(values.registrationOpensAt),
    registrationClosesAt: localInputToInstant(values.registrationClosesAt),
    visibility: values.visibility as EventVisibility,
    languages: values.languages as EventLanguage[],
    keywords: values.keywords
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== ''),
  };
}
