import { describe, expect, it, vi } from 'vitest';
import { createApiClient, unwrap } from './client';
import { ifMatchHeader } from './etag';
import { ApiError, NetworkError } from './problem';
import { createFakeApi, json, problem } from '../test/fakeApi';
import type { Member } from './types';

const member: Member = {
  id: '01930000-0000-7000-8000-0000000000aa',
  name: 'Oulun Kumppanuusyhdistys ry',
  businessId: '1234567-1',
  kind: 'association',
  sectors: ['social_health'],
  municipalityCode: '564',
  description: null,
  website: null,
  email: null,
  phone: null,
  address: null,
  membership: { status: 'active', joinedOn: null, endedOn: null },
  createdAt: '2026-11-01T08:00:00Z',
  updatedAt: '2026-11-01T08:00:00Z',
  version: 3,
};

function client(fetch: typeof globalThis.fetch, token: string | null = 'abc', onUnauthorized = vi.fn()) {
  return { api: createApiClient({ baseUrl: 'http://localhost', getToken: () => token, getLanguage: () => 'fi', onUnauthorized, fetch }), onUnauthorized };
}

describe('the API client', () => {
  it('sends the bearer token and the UI language', async () => {
    const fake = createFakeApi({ [`GET /api/v1/members/${member.id}`]: () => json(member, { etag: '"3"' }) });
    const { api } = client(fake.fetch);
    const result = await unwrap(api.GET('/api/v1/members/{id}', { params: { path: { id: member.id } } }));
    expect(result.data.name).toBe(member.name);
    expect(result.etag).toBe('"3"');
    expect(fake.requests[0]?.headers.get('Authorization')).toBe('Bearer abc');
    expect(fake.requests[0]?.headers.get('Accept-Language')).toBe('fi');
  });

  it('sends no Authorization header when signed out', async () => {
    const fake = createFakeApi({ 'GET /api/v1/members': () => json({ items: [], nextCursor: null }) });
    const { api } = client(fake.fetch, null);
    await unwrap(api.GET('/api/v1/members'));
    expect(fake.requests[0]?.headers.has('Authorization')).toBe(false);
  });

  it('sends If-Match on a write and turns 412 into a precondition error', async () => {
    const fake = createFakeApi({ [`PUT /api/v1/members/${member.id}`]: () => problem(412, { title: 'Precondition Failed' }) });
    const { api } = client(fake.fetch);
    const call = unwrap(
      api.PUT('/api/v1/members/{id}', {
        params: { path: { id: member.id } },
        body: member,
        headers: ifMatchHeader('"3"'),
      }),
    );
    await expect(call).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.isPreconditionFailed);
    expect(fake.requests[0]?.headers.get('If-Match')).toBe('"3"');
  });

  it('maps a validation problem to field errors', async () => {
    const fake = createFakeApi({
      'POST /api/v1/members': () => problem(400, { title: 'One or more validation errors occurred.', errors: { businessId: ['Invalid check digit.'] } }),
    });
    const { api } = client(fake.fetch);
    const error = await unwrap(
      api.POST('/api/v1/members', { body: member }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors).toEqual({ businessId: ['Invalid check digit.'] });
  });

  it('signs out when the token is rejected', async () => {
    const fake = createFakeApi({ 'GET /api/v1/auth/me': () => problem(401) });
    const { api, onUnauthorized } = client(fake.fetch);
    await expect(unwrap(api.GET('/api/v1/auth/me'))).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('reports a request that got no answer as a network error', async () => {
    const failing = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof globalThis.fetch;
    const { api } = client(failing);
    await expect(unwrap(api.GET('/api/v1/members'))).rejects.toBeInstanceOf(NetworkError);
  });

  it('builds If-Match from the version when the ETag header is missing', () => {
    expect(ifMatchHeader(null, 7)).toEqual({ 'If-Match': '"7"' });
    expect(ifMatchHeader('"8"', 7)).toEqual({ 'If-Match': '"8"' });
    expect(ifMatchHeader(null)).toEqual({});
  });
});
