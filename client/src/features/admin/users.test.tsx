import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { adminUser, renderApp, sessionFor } from '../../test/renderApp';
import { createFakeApi, json, problem } from '../../test/fakeApi';
import type { User } from '../../api/types';

const editor: User = {
  ...adminUser,
  id: '01930000-0000-7000-8000-000000000003',
  email: 'editor@example.fi',
  displayName: 'Eero Editori',
  role: 'member_editor',
  memberId: '01930000-0000-7000-8000-0000000000aa',
  version: 2,
};

describe('admin: users', () => {
  it('lists users and maps a create error onto the form', async () => {
    const fake = createFakeApi({
      'GET /api/v1/auth/me': () => json(adminUser),
      'GET /api/v1/users': () => json({ items: [adminUser, editor], nextCursor: null }),
      'POST /api/v1/users': () => problem(400, { errors: { Password: ['Password must be 10–200 characters.'] } }),
      'GET /api/v1/members': () => json({ items: [], nextCursor: null }),
    });
    renderApp('/admin/users', { fetch: fake.fetch, session: sessionFor(adminUser) });
    const table = await screen.findByRole('table');
    expect(within(table).getByText('editor@example.fi')).toBeInTheDocument();
    expect(within(table).getByText('Jäsenen ylläpitäjä')).toBeInTheDocument();
    // Nobody can delete themselves from here.
    expect(screen.queryByRole('button', { name: 'Poista käyttäjä Demo Admin' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Poista käyttäjä Eero Editori' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Lisää käyttäjä' }));
    const form = screen.getByRole('form', { name: 'Uusi käyttäjä' });
    await userEvent.type(within(form).getByLabelText(/^Sähköposti/), 'uusi@example.fi');
    await userEvent.type(within(form).getByLabelText(/^Nimi/), 'Uusi Käyttäjä');
    await userEvent.type(within(form).getByLabelText(/^Salasana/), 'lyhyt');
    await userEvent.click(within(form).getByRole('button', { name: 'Lisää käyttäjä' }));
    const password = within(form).getByLabelText(/^Salasana/);
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    expect(password).toHaveAccessibleDescription(expect.stringContaining('Password must be 10–200 characters.'));
    const posted = fake.requests.find((r) => r.method === 'POST')?.body;
    expect(posted).toStrictEqual({ email: 'uusi@example.fi', displayName: 'Uusi Käyttäjä', role: 'viewer', password: 'lyhyt' });
  });

  it('keeps the password when it is left empty and sends If-Match', async () => {
    const fake = createFakeApi({
      'GET /api/v1/auth/me': () => json(adminUser),
      'GET /api/v1/users': () => json({ items: [adminUser, editor], nextCursor: null }),
      'GET /api/v1/members': () => json({ items: [], nextCursor: null }),
      [`GET /api/v1/members/${editor.memberId ?? ''}`]: () =>
        json({ id: editor.memberId, name: 'Oulun Seudun Omaishoitajat ry', version: 1 }, { etag: '"1"' }),
      [`PUT /api/v1/users/${editor.id}`]: (r) => json({ ...editor, ...(r.body as object), version: 3 }),
    });
    renderApp('/admin/users', { fetch: fake.fetch, session: sessionFor(adminUser) });
    await userEvent.click(await screen.findByRole('button', { name: 'Muokkaa käyttäjää Eero Editori' }));
    const form = screen.getByRole('form', { name: 'Muokkaa käyttäjää Eero Editori' });
    // A member editor's member is chosen from the directory and shown by name.
    expect(await within(form).findByRole('option', { name: 'Oulun Seudun Omaishoitajat ry' })).toBeInTheDocument();
    await userEvent.clear(within(form).getByLabelText(/^Nimi/));
    await userEvent.type(within(form).getByLabelText(/^Nimi/), 'Eero E. Editori');
    await userEvent.click(within(form).getByRole('button', { name: 'Tallenna' }));
    expect(await screen.findByText('Käyttäjän editor@example.fi tiedot tallennettiin.')).toBeInTheDocument();
    const put = fake.requests.find((r) => r.method === 'PUT');
    expect(put?.headers.get('If-Match')).toBe('"2"');
    expect(put?.body).toMatchObject({ displayName: 'Eero E. Editori', role: 'member_editor', memberId: editor.memberId });
    // Left out, the password stays as it is.
    expect(put?.body).not.toHaveProperty('password');
  });
});
