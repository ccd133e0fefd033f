import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { adminUser, renderApp, sessionFor } from '../../test/renderApp';
import { createFakeApi, json, problem } from '../../test/fakeApi';
import type { Member } from '../../api/types';

const member: Member = {
  id: '01930000-0000-7000-8000-0000000000aa',
  name: 'Oulun Seudun Omaishoitajat ry',
  businessId: '1234567-1',
  kind: 'association',
  sectors: ['social_health', 'elderly'],
  municipalityCode: '564',
  description: 'Tukea omaishoitajille.',
  website: null,
  email: 'info@example.fi',
  phone: null,
  address: null,
  membership: { status: 'active', joinedOn: '2019-03-01', endedOn: null },
  createdAt: '2026-11-01T08:00:00Z',
  updatedAt: '2026-11-01T08:00:00Z',
  version: 4,
};

const me = () => json(adminUser);

describe('members', () => {
  it('lists members with Finnish labels and filters by kind through the address', async () => {
    const fake = createFakeApi({ 'GET /api/v1/members': () => json({ items: [member], nextCursor: null }) });
    const { router } = renderApp('/members', { fetch: fake.fetch });
    const link = await screen.findByRole('link', { name: member.name });
    expect(link).toHaveAttribute('href', `/members/${member.id}`);
    const row = link.closest('tr');
    expect(row).not.toBeNull();
    expect(within(row as HTMLElement).getByText('Yhdistys')).toBeInTheDocument();
    expect(within(row as HTMLElement).getByText('Oulu (564)')).toBeInTheDocument();
    expect(within(row as HTMLElement).getByText('Sosiaali- ja terveysala, Ikäihmiset')).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Tyyppi'), 'municipality');
    await waitFor(() => expect(router.state.location.search).toBe('?kind=municipality'));
    await waitFor(() => expect(fake.requests.some((r) => r.search.includes('kind=municipality'))).toBe(true));
  });

  it('shows the API validation errors next to the right fields, then creates the member', async () => {
    let attempts = 0;
    const fake = createFakeApi({
      'GET /api/v1/auth/me': me,
      'POST /api/v1/members': () => {
        attempts += 1;
        return attempts === 1
          ? problem(400, {
              title: 'One or more validation errors occurred.',
              errors: { BusinessId: ['Y-tunnuksen tarkistusmerkki on väärä.'], 'Address.PostalCode': ['Postinumerossa on viisi numeroa.'] },
            })
          : json({ ...member, id: '01930000-0000-7000-8000-0000000000bb' }, { status: 201, etag: '"1"' });
      },
      'GET /api/v1/members/01930000-0000-7000-8000-0000000000bb': () => json({ ...member, id: '01930000-0000-7000-8000-0000000000bb' }),
      'GET /api/v1/members/01930000-0000-7000-8000-0000000000bb/contacts': () => json({ items: [], nextCursor: null }),
    });
    const { router } = renderApp('/members/new', { fetch: fake.fetch, session: sessionFor(adminUser) });
    await userEvent.type(await screen.findByLabelText(/^Nimi/), member.name);
    await userEvent.type(screen.getByLabelText(/^Y-tunnus/), '1234567-2');
    await userEvent.selectOptions(screen.getByLabelText(/^Tyyppi/), 'association');
    await userEvent.type(screen.getByLabelText(/^Kotikunta/), '564');
    await userEvent.type(screen.getByLabelText(/^Postinumero/), '901');
    await userEvent.click(screen.getByRole('button', { name: 'Lisää jäsen' }));

    const businessId = await screen.findByLabelText(/^Y-tunnus/);
    await waitFor(() => expect(businessId).toHaveAttribute('aria-invalid', 'true'));
    expect(businessId).toHaveAccessibleDescription(expect.stringContaining('Y-tunnuksen tarkistusmerkki on väärä.'));
    expect(screen.getByLabelText(/^Postinumero/)).toHaveAccessibleDescription('Postinumerossa on viisi numeroa.');
    expect(screen.getByRole('alert', { name: 'Tarkista seuraavat kentät:' })).toBeInTheDocument();

    // Editing a field clears its stale error.
    await userEvent.clear(businessId);
    await userEvent.type(businessId, '1234567-1');
    expect(businessId).not.toHaveAttribute('aria-invalid');

    await userEvent.click(screen.getByRole('button', { name: 'Lisää jäsen' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/members/01930000-0000-7000-8000-0000000000bb'));
    expect(await screen.findByText('Jäsen lisättiin.')).toBeInTheDocument();
    const posted = fake.requests.filter((r) => r.method === 'POST').at(-1)?.body as Record<string, unknown>;
    expect(posted).toMatchObject({ name: member.name, businessId: '1234567-1', kind: 'association', municipalityCode: '564' });
  });

  it('sends If-Match when saving and explains a 412', async () => {
    let version = 4;
    const fake = createFakeApi({
      'GET /api/v1/auth/me': me,
      [`GET /api/v1/members/${member.id}`]: () => json({ ...member, version }, { etag: `"${version}"` }),
      [`PUT /api/v1/members/${member.id}`]: () => problem(412, { title: 'Precondition Failed' }),
    });
    renderApp(`/members/${member.id}/edit`, { fetch: fake.fetch, session: sessionFor(adminUser) });
    const name = await screen.findByLabelText(/^Nimi/);
    await userEvent.clear(name);
    await userEvent.type(name, 'Uusi nimi ry');
    await userEvent.click(screen.getByRole('button', { name: 'Tallenna' }));

    expect(await screen.findByText('Joku muu muutti tätä sillä välin')).toBeInTheDocument();
    const put = fake.requests.find((r) => r.method === 'PUT');
    expect(put?.headers.get('If-Match')).toBe('"4"');

    version = 5;
    await userEvent.click(screen.getByRole('button', { name: 'Lataa uusin versio' }));
    await waitFor(() => expect(screen.queryByText('Joku muu muutti tätä sillä välin')).not.toBeInTheDocument());
    expect(screen.getByLabelText(/^Nimi/)).toHaveValue(member.name);
  });

  it('shows contacts to signed-in users only', async () => {
    const contact = { id: '01930000-0000-7000-8000-0000000000cc', memberId: member.id, name: 'Maija Meikäläinen', title: 'Toiminnanjohtaja', email: 'maija@example.fi', phone: null, createdAt: member.createdAt, updatedAt: member.updatedAt, version: 1 };
    const handlers = {
      'GET /api/v1/auth/me': me,
      [`GET /api/v1/members/${member.id}`]: () => json(member, { etag: '"4"' }),
      [`GET /api/v1/members/${member.id}/contacts`]: () => json({ items: [contact], nextCursor: null }),
    };
    const anonymous = createFakeApi(handlers);
    const first = renderApp(`/members/${member.id}`, { fetch: anonymous.fetch });
    expect(await screen.findByRole('heading', { level: 1, name: member.name })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Yhteyshenkilöt' })).not.toBeInTheDocument();
    expect(anonymous.requests.some((r) => r.path.endsWith('/contacts'))).toBe(false);
    first.unmount();

    const signedIn = createFakeApi(handlers);
    renderApp(`/members/${member.id}`, { fetch: signedIn.fetch, session: sessionFor(adminUser) });
    expect(await screen.findByText('Maija Meikäläinen')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Muokkaa yhteyshenkilöä Maija Meikäläinen' })).toBeInTheDocument();
  });
});
