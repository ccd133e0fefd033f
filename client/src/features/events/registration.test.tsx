import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { adminUser, renderApp, sessionFor } from '../../test/renderApp';
import { createFakeApi, json, problem } from '../../test/fakeApi';
import type { CommunityEvent } from '../../api/types';

const event: CommunityEvent = {
  id: '01930000-0000-7000-8000-0000000000ee',
  title: 'Kumppanuusilta',
  description: 'Tervetuloa!',
  startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  endsAt: new Date(Date.now() + 7 * 86_400_000 + 3 * 3_600_000).toISOString(),
  venue: { name: 'Kulttuurikeskus', street: null, city: 'Uusikaupunki' },
  municipalityCode: '895',
  organizerIds: [],
  partnershipId: null,
  pilotId: null,
  spaceId: null,
  spaceBookingId: null,
  capacity: 1,
  registrationOpensAt: null,
  registrationClosesAt: null,
  visibility: 'public',
  languages: ['fi'],
  keywords: [],
  status: 'published',
  confirmedCount: 1,
  waitlistCount: 0,
  publishedAt: null,
  createdAt: '2026-11-01T08:00:00Z',
  updatedAt: '2026-11-01T08:00:00Z',
  version: 2,
};

describe('public event registration', () => {
  it('registers without an account in the page\'s language and says to check the email, never what the answer was', async () => {
    let calls = 0;
    const fake = createFakeApi({
      [`GET /api/v1/events/${event.id}`]: () => json(event, { etag: '"2"' }),
      [`POST /api/v1/events/${event.id}/registrations`]: () => {
        calls += 1;
        return calls === 1
          ? problem(400, { errors: { Email: ["'Email' is not a valid email address."] } })
          : json({ message: 'Kiitos! Tarkista sähköpostisi.' }, { status: 202 });
      },
    });
    renderApp(`/events/${event.id}`, { fetch: fake.fetch });
    expect(await screen.findByRole('heading', { level: 1, name: 'Kumppanuusilta' })).toBeInTheDocument();
    expect(screen.getByText('Tapahtuma on täynnä. Voit ilmoittautua varasijalle: saat paikan, jos joku peruu.')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText(/^Nimi/), 'Helmi Heikkilä');
    await userEvent.type(screen.getByLabelText(/^Sähköposti/), 'helmi');
    await userEvent.click(screen.getByRole('button', { name: 'Ilmoittaudu varasijalle' }));
    await waitFor(() => expect(screen.getByLabelText(/^Sähköposti/)).toHaveAttribute('aria-invalid', 'true'));

    await userEvent.clear(screen.getByLabelText(/^Sähköposti/));
    await userEvent.type(screen.getByLabelText(/^Sähköposti/), 'helmi@example.fi');
    await userEvent.click(screen.getByRole('button', { name: 'Ilmoittaudu varasijalle' }));
    expect(await screen.findByText('Tarkista sähköpostisi')).toBeInTheDocument();
    expect(screen.getByText(/lähetimme osoitteeseen helmi@example\.fi/)).toBeInTheDocument();

    const posts = fake.requests.filter((r) => r.method === 'POST');
    // Every submission carries an Idempotency-Key; after an answered error nothing was stored, so the next one is new.
    expect(posts[0]?.headers.get('Idempotency-Key')).toBeTruthy();
    expect(posts[1]?.headers.get('Idempotency-Key')).toBeTruthy();
    expect(posts[1]?.headers.get('Idempotency-Key')).not.toBe(posts[0]?.headers.get('Idempotency-Key'));
    expect(posts[1]?.body).toStrictEqual({ name: 'Helmi Heikkilä', email: 'helmi@example.fi', language: 'fi' });
  });

  it('cancels from the mailed link with the token from the fragment, sent in the body', async () => {
    const fake = createFakeApi({
      [`GET /api/v1/events/${event.id}`]: () => json(event, { etag: '"2"' }),
      [`POST /api/v1/events/${event.id}/registrations/r1/cancel`]: () => new Response(null, { status: 204 }),
    });
    renderApp(`/events/${event.id}/registration#id=r1&token=secret-token`, { fetch: fake.fetch });
    expect(await screen.findByRole('heading', { level: 1, name: 'Ilmoittautumisesi' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Peru ilmoittautuminen' }));
    expect(await screen.findByText('Ilmoittautuminen peruttiin.')).toBeInTheDocument();
    const post = fake.requests.find((r) => r.method === 'POST');
    expect(post?.body).toStrictEqual({ cancelToken: 'secret-token' });
    expect(`${post?.path ?? ''}${post?.search ?? ''}`).not.toContain('secret-token');
  });
});

describe('organiser: registrations', () => {
  it('loads registrations past the first page on request', async () => {
    const registration = (id: string, name: string) => ({
      id, eventId: event.id, name, email: `${id.slice(-2)}@example.fi`, notes: null, status: 'confirmed',
      waitlistPosition: null, createdAt: '2026-11-20T08:00:00Z', cancelledAt: null,
    });
    const fake = createFakeApi({
      'GET /api/v1/auth/me': () => json(adminUser),
      [`GET /api/v1/events/${event.id}`]: () => json(event, { etag: '"2"' }),
      [`GET /api/v1/events/${event.id}/registrations`]: (r) =>
        r.search.includes('cursor=sivu2')
          ? json({ items: [registration('01930000-0000-7000-8000-0000000000b2', 'Väinö Härkönen')], nextCursor: null })
          : json({ items: [registration('01930000-0000-7000-8000-0000000000b1', 'Åsa Mäkelä')], nextCursor: 'sivu2' }),
      [`GET /api/v1/events/${event.id}/feedback/summary`]: () => json({ count: 0, average: null, distribution: {}, unverifiedCount: 0 }),
      'GET /api/v1/members': () => json({ items: [], nextCursor: null }),
    });
    renderApp(`/events/${event.id}`, { fetch: fake.fetch, session: sessionFor(adminUser) });
    const table = await screen.findByRole('table', { name: 'Ilmoittautuneet' });
    expect(within(table).getByText('Åsa Mäkelä')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Näytä lisää' }));
    expect(await within(table).findByText('Väinö Härkönen')).toBeInTheDocument();
  });
});
