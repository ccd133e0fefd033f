import type { RegistrationReceipt } from '../../api/types';

/**
 * The visitor's own registrations, kept in this browser: the cancel token is the only key to cancel
 * without an account, and it also ties feedback to the registration.
 */
export interface StoredRegistration extends RegistrationReceipt {
  name: string;
  email: string;
}

const key = (eventId: string) => `communityhub.registration.${eventId}`;

function isStored(value: unknown): value is StoredRegistration {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.cancelToken === 'string' && typeof v.name === 'string';
}

/** Registrations made for this event in this browser (one person may register several). */
export function loadRegistrations(eventId: string): StoredRegistration[] {
  try {
    const raw = window.localStorage.getItem(key(eventId));
    const value: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(value) ? value.filter(isStored) : [];
  } catch {
    return [];
  }
}

export function saveRegistrations(eventId: string, registrations: StoredRegistration[]): void {
  try {
    if (registrations.length > 0) window.localStorage.setItem(key(eventId), JSON.stringify(registrations));
    else window.localStorage.removeItem(key(eventId));
  } catch {
    // Without storage the receipt is still shown on the page; it just is not remembered.
  }
}

export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
