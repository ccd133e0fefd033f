import type { CommunityEvent, EventStatus } from '../../api/types';
import type { LifecycleMoves } from '../../domain/lifecycle';
import { instant } from './time';

export type EventMove = Exclude<EventStatus, 'draft'>;

/** The lifecycle moves the API allows from each status (anything else answers 409). */
export const eventMoves: LifecycleMoves<EventStatus, EventMove> = {
  draft: ['published', 'cancelled'],
  published: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export type RegistrationState = 'open' | 'notPublished' | 'notYetOpen' | 'closed' | 'cancelled' | 'completed';

/**
 * Whether registration is open now, by the API's rules: a published event, after `registrationOpensAt`
 * (or publication) and before `registrationClosesAt` (or the start).
 */
export function registrationState(event: CommunityEvent, now: Date = new Date()): RegistrationState {
  if (event.status === 'cancelled') return 'cancelled';
  if (event.status === 'completed') return 'completed';
  if (event.status !== 'published') return 'notPublished';
  const opens = instant(event.registrationOpensAt);
  const closes = instant(event.registrationClosesAt) ?? instant(event.startsAt);
  if (opens && now < opens) return 'notYetOpen';
  if (closes && now >= closes) return 'closed';
  return 'open';
}

/** Feedback is taken once the event has started, unless it was cancelled or never published. */
export function feedbackOpen(event: CommunityEvent, now: Date = new Date()): boolean {
  const starts = instant(event.startsAt);
  return (event.status === 'published' || event.status === 'completed') && starts !== null && now >= starts;
}

export function seatsLeft(event: CommunityEvent): number | null {
  return event.capacity == null ? null : Math.max(0, event.capacity - event.confirmedCount);
}
