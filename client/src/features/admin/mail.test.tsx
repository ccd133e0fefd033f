import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { adminUser, renderApp, sessionFor } from '../../test/renderApp';
import { createFakeApi, json } from '../../test/fakeApi';

const failed = {
  id: '01930000-0000-7000-8000-0000000000aa',
  to: 'aino@example.fi',
  subject: 'Ilmoittautuminen vahvistettu: Kumppanuusilta',
  kind: 'registration_confirmed',
  status: 'failed',
  attempts: 12,
  lastError: 'SocketException: Connection refused',
  createdAt: '2026-12-01T08:00:00Z',
  sentAt: null,
  nextAttemptAt: '2026-12-02T08:00:00Z',
  bodyErased: false,
};

describe('admin: mail log', () => {
  it('lists messages with their status and sends a failed one again', async () => {
    const fake = createFakeApi({
      'GET /api/v1/mail': () => json({ items: [failed], nextCursor: null }),
      [`POST /api/v1/mail/${failed.id}/retry`]: () => json({ ...failed, status: 'pending' }),
    });
    renderApp('/admin/mail', { fetch: fake.fetch, session: sessionFor(adminUser) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sähköpostiloki' })).toBeInTheDocument();
    expect(await screen.findByText('aino@example.fi')).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'epäonnistui' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: `Lähetä uudelleen: ${failed.subject}` }));
    expect(await screen.findByText('Viesti on jonossa ja lähtee hetken kuluttua.')).toBeInTheDocument();
    expect(fake.requests.some((r) => r.method === 'POST' && r.path === `/api/v1/mail/${failed.id}/retry`)).toBe(true);
  });
});

describe('password reset', () => {
  it('sends the token from the link fragment in the body and says the password changed', async () => {
    const fake = createFakeApi({
      'POST /api/v1/auth/password-reset/confirm': () => new Response(null, { status: 204 }),
    });
    renderApp('/reset-password#token=abc-123', { fetch: fake.fetch });
    await userEvent.type(await screen.findByLabelText(/^Uusi salasana/), 'Uusi-salasana-kevät-2027');
    await userEvent.click(screen.getByRole('button', { name: 'Tallenna salasana' }));
    expect(await screen.findByText(/Salasana vaihdettiin/)).toBeInTheDocument();
    const post = fake.requests.find((r) => r.method === 'POST');
    expect(post?.body).toStrictEqual({ token: 'abc-123', newPassword: 'Uusi-salasana-kevät-2027' });
  });
});
