/**
 * The personal link a registration's mail carries: `/events/{eventId}/registration#id={registrationId}&token={cancelToken}`.
 * The id and token ride in the fragment, which the browser never sends to a server or a proxy log; this page reads them
 * and sends the token in a request body.
 */
export function registrationFromFragment(hash: string): { id: string; token: string } | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const id = params.get('id');
  const token = params.get('token');
  return id && token ? { id, token } : null;
}

export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
