import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { MutationCache, QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { createApiClient, unwrapData, type ApiClient } from '../api/client';
import { ApiError } from '../api/problem';
import type { Me, SessionUser } from '../api/types';
import { createSessionStore, isExpired, type Session, type SessionStore } from '../auth/session';

export interface Services {
  api: ApiClient;
  session: SessionStore;
  queryClient: QueryClient;
  i18n: I18n;
}

const ServicesContext = createContext<Services | null>(null);

/** The dashboard's figures (GET /api/v1/stats) count everything, so every successful write makes them stale. */
export const statsKey = ['stats'] as const;

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: statsKey }),
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change by asking again; a network blip or 5xx might.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}

export interface CreateServicesOptions {
  i18n: I18n;
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  storage?: Storage | null;
}

export function createServices(options: CreateServicesOptions): Services {
  const session = createSessionStore(options.storage);
  const queryClient = createQueryClient();
  const api = createApiClient({
    baseUrl: options.baseUrl ?? window.location.origin,
    getToken: () => session.get()?.accessToken ?? null,
    getLanguage: () => options.i18n.language || 'fi',
    // The token expired or was revoked: forget it and everything read with it.
    onUnauthorized: () => {
      session.set(null);
      queryClient.clear();
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { api, session, queryClient, i18n: options.i18n };
}

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return (
    <ServicesContext.Provider value={services}>
      <I18nextProvider i18n={services.i18n}>
        <QueryClientProvider client={services.queryClient}>{children}</QueryClientProvider>
      </I18nextProvider>
    </ServicesContext.Provider>
  );
}

function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesProvider is missing');
  return services;
}

export function useApi(): ApiClient {
  return useServices().api;
}

export function useSession(): Session | null {
  const { session } = useServices();
  return useSyncExternalStore(session.subscribe, session.get, session.get);
}

export function useCurrentUser(): SessionUser | null {
  return useSession()?.user ?? null;
}

/** Signs out when the token expires while the app is open; used once, by the layout. */
export function useSessionExpiry(): void {
  const { session: store } = useServices();
  const session = useSession();
  useEffect(() => {
    if (!session) return;
    if (isExpired(session)) {
      store.set(null);
      return;
    }
    const ms = Math.min(Date.parse(session.expiresAt) - Date.now(), 2_147_483_647);
    const timer = window.setTimeout(() => store.set(null), ms);
    return () => window.clearTimeout(timer);
  }, [session, store]);
}

export interface Auth {
  session: Session | null;
  user: SessionUser | null;
  signIn: (email: string, password: string) => Promise<SessionUser>;
  signOut: () => void;
  /** Takes in what /auth/me says now about the signed-in user (a changed name or role). */
  refresh: (me: Me) => void;
}

export function useAuth(): Auth {
  const { api, session: store } = useServices();
  const session = useSession();
  const queryClient = useQueryClient();

  const signIn = useCallback(
    async (email: string, password: string) => {
      const token = await unwrapData(api.POST('/api/v1/auth/token', { body: { email, password } }));
      queryClient.clear();
      store.set({ accessToken: token.accessToken, expiresAt: String(token.expiresAt), user: token.user });
      return token.user;
    },
    [api, store, queryClient],
  );

  const signOut = useCallback(() => {
    store.set(null);
    queryClient.clear();
  }, [store, queryClient]);

  const refresh = useCallback(
    (me: Me) => {
      const current = store.get();
      if (!current) return;
      const next: SessionUser = {
        ...current.user,
        email: me.email ?? current.user.email,
        displayName: me.displayName ?? current.user.displayName,
        role: me.role ?? current.user.role,
        memberId: me.memberId,
      };
      if (JSON.stringify(next) !== JSON.stringify(current.user)) store.set({ ...current, user: next });
    },
    [store],
  );

  return useMemo(
    () => ({ session, user: session?.user ?? null, signIn, signOut, refresh }),
    [session, signIn, signOut, refresh],
  );
}
