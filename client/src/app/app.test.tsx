import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { adminUser, renderApp, sessionFor } from '../test/renderApp';
import { createFakeApi, json, problem } from '../test/fakeApi';
import type { User } from '../api/types';

const viewer: User = { ...adminUser, id: '01930000-0000-7000-8000-000000000002', role: 'viewer', displayName: 'Veera Viewer' };

describe('the app shell', () => {
  it('is Finnish by default and switches to English', async () => {
    const fake = createFakeApi({});
    renderApp('/', { fetch: fake.fetch });
    expect((await screen.findAllByRole('link', { name: 'Kirjaudu sisään' })).length).toBeGreaterThan(0);
    expect(document.documentElement.lang).toBe('fi');
    await userEvent.click(screen.getByRole('button', { name: 'In English' }));
    expect(await screen.findByRole('button', { name: 'Suomeksi' })).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Sign in' }).length).toBeGreaterThan(0);
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem('communityhub.language')).toBe('en');
  });

  it('shows the admin section only to admins', async () => {
    const fake = createFakeApi({ 'GET /api/v1/auth/me': () => json(viewer) });
    renderApp('/', { fetch: fake.fetch, session: sessionFor(viewer) });
    const nav = await screen.findByRole('navigation', { name: 'Päävalikko' });
    expect(within(nav).getByRole('link', { name: 'Jäsenet' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Käyttäjät' })).not.toBeInTheDocument();
  });

  it('signs in and returns to the page asked for', async () => {
    const fake = createFakeApi({
      'POST /api/v1/auth/token': (r) => {
        const body = r.body as { email: string; password: string };
        return body.password === 'right-password'
          ? json({ accessToken: 'jwt', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: adminUser })
          : problem(401, { title: 'Unauthorized' });
      },
      'GET /api/v1/auth/me': () => json(adminUser),
      'GET /api/v1/users': () => json({ items: [adminUser], nextCursor: null }),
    });
    const { router } = renderApp('/admin/users', { fetch: fake.fetch });
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    await userEvent.type(screen.getByLabelText(/Sähköposti/), 'admin@communityhub.local');
    await userEvent.type(screen.getByLabelText(/Salasana/), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Kirjaudu' }));
    expect(await screen.findByText('Sähköposti tai salasana on väärin.')).toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText(/Salasana/));
    await userEvent.type(screen.getByLabelText(/Salasana/), 'right-password');
    await userEvent.click(screen.getByRole('button', { name: 'Kirjaudu' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Käyttäjät' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/admin/users');
    expect(await screen.findByRole('cell', { name: adminUser.email })).toBeInTheDocument();
    const usersCall = fake.requests.find((r) => r.path === '/api/v1/users');
    expect(usersCall?.headers.get('Authorization')).toBe('Bearer jwt');
  });

  it('tells a signed-in user without the role that the page is not for them', async () => {
    const fake = createFakeApi({ 'GET /api/v1/auth/me': () => json(viewer) });
    renderApp('/admin/users', { fetch: fake.fetch, session: sessionFor(viewer) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeInTheDocument();
  });

  it('shows a not-found page for an unknown address', async () => {
    renderApp('/no-such-page', { fetch: createFakeApi({}).fetch });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sivua ei löytynyt' })).toBeInTheDocument();
  });
});
