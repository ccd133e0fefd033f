import { chosen, compact, optional, optionalList, required } from '../../api/body';
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
  /** The centre's space the event is held in (booked when it is published), or '' for none. */
  spaceId: string;
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
  'spaceId',
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
    spaceId: '',
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
    spaceId: event.spaceId ?? '',
  };
}

/**
 * The request body, with only what was filled in (see api/body). A capacity that is not a whole number would be a
 * JSON type error if sent as typed, so only digits become a number; anything else is left out and the field keeps its
 * text for the user to correct (the browser's number input already refuses most of it). A venue is sent when any of
 * it is filled in, its name then as null when missing so the server names `venue.name`.
 */
export function formToEventBody(values: EventFormValues): EventBody {
  const street = optional(values.venueStreet);
  const city = optional(values.venueCity);
  const venueName = optional(values.venueName);
  const capacity = values.capacity.trim();
  return compact({
    title: required(values.title),
    description: optional(values.description),
    startsAt: chosen(localInputToInstant(values.startsAt)),
    endsAt: chosen(localInputToInstant(values.endsAt)),
    venue: venueName || street || city ? { name: required(values.venueName), street, city } : undefined,
    municipalityCode: required(values.municipalityCode),
    organizerIds: values.organizerIds,
    partnershipId: values.partnershipId || undefined,
    pilotId: values.pilotId || undefined,
    spaceId: values.spaceId || undefined,
    capacity: /^\d+$/.test(capacity) ? Number(capacity) : undefined,
    registrationOpensAt: localInputToInstant(values.registrationOpensAt) ?? undefined,
    registrationClosesAt: localInputToInstant(values.registrationClosesAt) ?? undefined,
    visibility: values.visibility ? (values.visibility as EventVisibility) : undefined,
    languages: optionalList(values.languages as EventLanguage[]),
    keywords: optionalList(
      values.keywords
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k !== ''),
    ),
  });
}
