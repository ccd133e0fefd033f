import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { adminUser, renderApp, sessionFor } from '../../test/renderApp';
import { createFakeApi, json } from '../../test/fakeApi';
import type { Webhook, WebhookDelivery } from '../../api/types';

const webhook: Webhook = {
  id: '01930000-0000-7000-8000-0000000000c1',
  url: 'https://asianhallinta.example.fi/communityhub',
  types: ['events', 'partnerships'],
  municipalityCode: '564',
  description: 'Oulun asianhallinta',
  status: 'active',
  createdAt: '2026-11-01T08:00:00Z',
  updatedAt: '2026-11-01T08:00:00Z',
  version: 3,
  failingSince: '2026-11-30T07:00:00Z',
  nextAttemptAt: '2026-11-30T07:10:00Z',
};

const failed: WebhookDelivery = {
  id: '01930000-0000-7000-8000-0000000000d1',
  deliveryId: '01930000-0000-7000-8000-0000000000e1',
  when: '2026-11-30T07:08:00Z',
  statusCode: 503,
  durationMs: 41,
  attempt: 3,
  error: 'HTTP 503',
  firstSeq: 140,
  lastSeq: 142,
};

describe('webhooks', () => {
  it('shows a failing delivery with its attempt and status code, since when it fails and when the retry is due', async () => {
    const fake = createFakeApi({
      [`GET /api/v1/webhooks/${webhook.id}`]: () => json(webhook, { etag: '"3"' }),
      [`GET /api/v1/webhooks/${webhook.id}/deliveries`]: () => json({ items: [failed], nextCursor: null }),
    });
    renderApp(`/admin/webhooks/${webhook.id}`, { fetch: fake.fetch, session: sessionFor(adminUser) });
    expect(await screen.findByRole('heading', { level: 1, name: webhook.url })).toBeInTheDocument();
    // The collections in the app's usual order, whatever order the server keeps.
    expect(screen.getByText('Kumppanuudet, Tapahtumat')).toBeInTheDocument();
    expect(screen.getByText('Epäonnistunut alkaen').nextElementSibling).toHaveTextContent('30.11.2026 klo 9.00');
    const log = screen.getByRole('region', { name: 'Toimitukset' });
    expect(within(log).getByText(/Seuraava yritys/).parentElement).toHaveTextContent('Seuraava yritys: 30.11.2026 klo 9.10');
    const row = (await within(log).findByText('HTTP 503')).closest('tr') as HTMLElement;
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['3', '503', '41 ms', '#140–#142', 'HTTP 503']);
  });
});

describe('lists past their first page', () => {
  const second: Webhook = { ...webhook, id: '01930000-0000-7000-8000-0000000000c2', url: 'https://toinen.example.fi/hook', failingSince: null, nextAttemptAt: null };

  it('loads the next page of webhooks on request', async () => {
    const fake = createFakeApi({
      'GET /api/v1/auth/me': () => json(adminUser),
      'GET /api/v1/webhooks': (r) =>
        r.search.includes('cursor=sivu2') ? json({ items: [second], nextCursor: null }) : json({ items: [webhook], nextCursor: 'sivu2' }),
    });
    renderApp('/admin/webhooks', { fetch: fake.fetch, session: sessionFor(adminUser) });
    const table = await screen.findByRole('table');
    expect(within(table).getByText(webhook.url)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Näytä lisää' }));
    expect(await within(table).findByText(second.url)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Näytä lisää' })).not.toBeInTheDocument();
  });

  it('loads the next page of API keys on request', async () => {
    const key = (id: string, name: string) => ({
      id, name, scopes: ['events:read'], municipalityCode: null, createdAt: '2026-11-01T08:00:00Z', lastUsedAt: null, revokedAt: null,
    });
    const fake = createFakeApi({
      'GET /api/v1/auth/me': () => json(adminUser),
      'GET /api/v1/api-keys': (r) =>
        r.search.includes('cursor=sivu2')
          ? json({ items: [key('01930000-0000-7000-8000-0000000000f2', 'Toinen avain')], nextCursor: null })
          : json({ items: [key('01930000-0000-7000-8000-0000000000f1', 'Ensimmäinen avain')], nextCursor: 'sivu2' }),
    });
    renderApp('/admin/api-keys', { fetch: fake.fetch, session: sessionFor(adminUser) });
    const table = await screen.findByRole('table');
    expect(within(table).getByText('Ensimmäinen avain')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Näytä lisää' }));
    expect(await within(table).findByText('Toinen avain')).toBeInTheDocument();
  });
});
