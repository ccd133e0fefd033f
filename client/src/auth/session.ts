import type { SessionUser } from '../api/types';

export interface Session {
  accessToken: string;
  /** RFC 3339 instant after which the token is no longer accepted. */
  expiresAt: string;
  user: SessionUser;
}

export interface SessionStore {
  get(): Session | null;
  set(session: Session | null): void;
  subscribe(listener: () => void): () => void;
}

const STORAGE_KEY = 'communityhub.session';

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.accessToken === 'string' && typeof v.expiresAt === 'string' && typeof v.user === 'object' && v.user !== null;
}

export function isExpired(session: Session, now: Date = new Date()): boolean {
  const expires = Date.parse(session.expiresAt);
  return Number.isNaN(expires) || expires <= now.getTime();
}

/**
 * Keeps the signed-in session. The token lives in sessionStorage: it survives a reload but not
 * the closing of the tab, and it is not shared with other tabs.
 */
export function createSessionStore(storage: Storage | null = typeof window === 'undefined' ? null : window.sessionStorage): SessionStore {
  const listeners = new Set<() => void>();
  let current: Session | null = null;
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    current = isSession(parsed) && !isExpired(parsed) ? parsed : null;
  } catch {
    current = null;
  }
  return {
    get: () => current,
    set(session) {
      current = session;
      try {
        if (session) storage?.setItem(STORAGE_KEY, JSON.stringify(session));
        else storage?.removeItem(STORAGE_KEY);
      } catch {
        // Storage can be unavailable (private mode quotas); the in-memory session still works.
      }
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
