import { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { admin, expectAccessible, screenshot, signIn, uniqueSuffix } from './helpers';
import { createMemberViaApi } from './api';

/** The admin's bearer token straight from the API (the page then signs in as someone else). */
export async function adminToken(request: APIRequestContext): Promise<string> {
  const response = await request.post('/api/v1/auth/token', { data: admin });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export async function createSpaceViaApi(request: APIRequestContext, token: string, name: string, approval: 'automatic' | 'staff') {
  const response = await request.post('/api/v1/spaces', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      name,
      kind: 'meeting_room',
      description: 'Kokoushuone jäsenjärjestöjen kokouksiin.',
      capacity: 10,
      features: ['screen', 'accessible'],
      address: { street: 'Kansankatu 53', postalCode: '90100', city: 'Oulu' },
      municipalityCode: '564',
      openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' })),
      closures: [],
      rules: { minMinutes: 60, maxMinutes: 240, intervalMinutes: 60, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, bookAheadDays: 60, approval, cancelHoursBefore: 24, bookableBy: 'members' },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; name: string };
}

/** A member editor of `memberId` with a password of its own. */
export async function createEditorViaApi(request: APIRequestContext, token: string, memberId: string) {
  const email = `varaaja-${uniqueSuffix()}@example.fi`;
  const password = 'Varaaja-salasana-2026';
  const response = await request.post('/api/v1/users', {
    headers: { Authorization: `Bearer ${token}` },
    data: { email, displayName: 'Veera Varaaja', role: 'member_editor', memberId, password },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { email, password };
}

/** `2026-12-14T10:00` (Helsinki wall clock) → the instant, as ISO. */
export function helsinkiToIso(local: string): string {
  const [date = '', time = ''] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(guess))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(guess - (wall - guess)).toISOString();
}

export async function openNav(page: Page, name: string, phone: boolean) {
  if (phone) await page.getByRole('button', { name: 'Valikko' }).click();
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name, exact: true }).click();
}

/** An editor opens a space, picks a free slot; someone takes it meanwhile (409 explained); books another and cancels it. */
export async function editorBooksAndCancels(page: Page, request: APIRequestContext, testInfo: TestInfo, phone: boolean) {
  const suffix = uniqueSuffix();
  const token = await adminToken(request);
  const member = await createMemberViaApi(request, token, `Oulun Nuorisoseura ${suffix} ry`);
  const other = await createMemberViaApi(request, token, `Toinen yhdistys ${suffix} ry`);
  const space = await createSpaceViaApi(request, token, `Kokoushuone ${suffix}`, 'automatic');
  const editor = await createEditorViaApi(request, token, member.id);
  await signIn(page, editor);

  await openNav(page, 'Tilat', phone);
  await expect(page.getByRole('heading', { level: 1, name: 'Tilat' })).toBeVisible();
  await page.getByRole('link', { name: space.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: space.name })).toBeVisible();
  await expect(page.getByText('Varaus vahvistuu heti.')).toBeVisible();
  await page.getByRole('button', { name: 'Seuraava viikko →' }).click();
  const free = page.getByRole('button', { name: /^Varaa / });
  await expect(free.first()).toBeVisible();
  await expectAccessible(page, testInfo, 'space-week');
  await screenshot(page, testInfo, 'space-week');

  // The first free slot: someone else books it while the form is open.
  await free.first().click();
  await expect(page.getByRole('heading', { level: 2, name: `Varaa: ${space.name}` })).toBeVisible();
  const startsAt = await page.getByRole('textbox', { name: 'Alkaa' }).inputValue();
  const endsAt = await page.getByRole('textbox', { name: 'Päättyy' }).inputValue();
  const taken = await request.post('/api/v1/bookings', {
    headers: { Authorization: `Bearer ${token}` },
    data: { spaceId: space.id, memberId: other.id, startsAt: helsinkiToIso(startsAt), endsAt: helsinkiToIso(endsAt), purpose: 'Hallituksen kokous' },
  });
  expect(taken.status(), await taken.text()).toBe(201);
  await page.getByLabel('Käyttötarkoitus').fill('Nuorten kerhon suunnittelu');
  await page.getByRole('button', { name: 'Lähetä varaus' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Aika ehdittiin varata' })).toBeVisible();
  await expect(page.getByText('Hallituksen kokous')).toHaveCount(0);
  await expectAccessible(page, testInfo, 'booking-clash');
  await screenshot(page, testInfo, 'booking-clash');

  // The calendar read the week again: that slot is no longer offered. Book the next free one.
  await page.getByRole('button', { name: 'Peruuta' }).click();
  await free.first().click();
  await page.getByLabel('Käyttötarkoitus').fill('Nuorten kerhon suunnittelu');
  await page.getByLabel('Osallistujia').fill('6');
  await page.getByRole('button', { name: 'Lähetä varaus' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Varaus vahvistettiin' })).toBeVisible();

  await openNav(page, 'Omat varaukset', phone);
  await expect(page.getByRole('heading', { level: 1, name: 'Omat varaukset' })).toBeVisible();
  await expect(page.getByText('Nuorten kerhon suunnittelu')).toBeVisible();
  await expectAccessible(page, testInfo, 'my-bookings');
  await screenshot(page, testInfo, 'my-bookings');
  await page.getByRole('button', { name: /^Peru varaus / }).click();
  await page.getByRole('button', { name: 'Kyllä, peru' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'peruttiin' })).toBeVisible();
  await expect(page.locator('.badge', { hasText: 'Peruttu' })).toBeVisible();
}

/** Staff open the approval queue and confirm a member's request. */
export async function staffApprovesRequest(page: Page, request: APIRequestContext, testInfo: TestInfo, phone: boolean) {
  const suffix = uniqueSuffix();
  const token = await adminToken(request);
  const member = await createMemberViaApi(request, token, `Limingan Perheyhdistys ${suffix} ry`);
  const space = await createSpaceViaApi(request, token, `Sali ${suffix}`, 'staff');
  const editor = await createEditorViaApi(request, token, member.id);
  const signed = await request.post('/api/v1/auth/token', { data: editor });
  const editorToken = ((await signed.json()) as { accessToken: string }).accessToken;
  const day = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
  const requested = await request.post('/api/v1/bookings', {
    headers: { Authorization: `Bearer ${editorToken}` },
    data: { spaceId: space.id, memberId: member.id, startsAt: helsinkiToIso(`${day}T10:00`), endsAt: helsinkiToIso(`${day}T12:00`), purpose: 'Perhekahvila', attendees: 20 },
  });
  expect(requested.status(), await requested.text()).toBe(201);
  expect(((await requested.json()) as { status: string }).status).toBe('requested');

  await signIn(page);
  await openNav(page, 'Varauspyynnöt', phone);
  await expect(page.getByRole('heading', { level: 1, name: 'Varauspyynnöt' })).toBeVisible();
  const confirm = page.getByRole('button', { name: new RegExp(`^Vahvista: ${member.name}`) });
  await expect(confirm).toBeVisible();
  await expectAccessible(page, testInfo, 'booking-requests');
  await screenshot(page, testInfo, 'booking-requests');
  await confirm.click();
  await expect(page.getByRole('status').filter({ hasText: 'vahvistettiin' })).toBeVisible();
  await expect(confirm).toHaveCount(0);
}

/** Staff book a weekly series for a member from a free slot: the answer lists every date, one refused for a clash. */
export async function staffBooksSeries(page: Page, request: APIRequestContext, testInfo: TestInfo) {
  const suffix = uniqueSuffix();
  const token = await adminToken(request);
  const member = await createMemberViaApi(request, token, `Posion Kyläyhdistys ${suffix} ry`);
  const other = await createMemberViaApi(request, token, `Muu yhdistys ${suffix} ry`);
  const space = await createSpaceViaApi(request, token, `Kerhohuone ${suffix}`, 'automatic');
  await signIn(page);
  await page.goto(`/spaces/${space.id}`);
  await page.getByRole('button', { name: 'Seuraava viikko →' }).click();
  await page.getByRole('button', { name: /^Varaa / }).first().click();
  const startsAt = await page.getByRole('textbox', { name: 'Alkaa' }).inputValue();
  const endsAt = await page.getByRole('textbox', { name: 'Päättyy' }).inputValue();
  // The second week's date is taken already.
  // A week later on the Helsinki wall clock (the same time of day across a daylight-saving change).
  const laterDate = (local: string, days: number) => new Date(Date.parse(`${local.slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const week = (local: string) => helsinkiToIso(`${laterDate(local, 7)}T${local.slice(11)}`);
  const taken = await request.post('/api/v1/bookings', {
    headers: { Authorization: `Bearer ${token}` },
    data: { spaceId: space.id, memberId: other.id, startsAt: week(startsAt), endsAt: week(endsAt), purpose: 'Kokous' },
  });
  expect(taken.status(), await taken.text()).toBe(201);
  await page.getByLabel('Hae: Varaava jäsen').fill(member.name);
  await expect(page.getByRole('option', { name: member.name })).toBeAttached();
  await page.getByRole('combobox', { name: 'Varaava jäsen' }).selectOption(member.id);
  await page.getByRole('combobox', { name: 'Toisto' }).selectOption('weekly');
  const last = laterDate(startsAt, 21);
  await page.getByLabel('Viimeinen päivä').fill(last);
  await page.getByLabel('Käyttötarkoitus').fill('Kyläkerho');
  await page.getByRole('button', { name: 'Lähetä varaus' }).click();
  const result = page.getByRole('alert').filter({ hasText: 'Varaussarja: 3 päivää varattu, 1 jäi varaamatta' });
  await expect(result).toBeVisible();
  await expect(result.getByText('päällekkäinen varaus')).toBeVisible();
  await expectAccessible(page, testInfo, 'booking-series');
  await screenshot(page, testInfo, 'booking-series');
}

/** Staff add a space with its rules and a closure; a wrong time is refused beside its field. */
export async function staffAddsSpace(page: Page, testInfo: TestInfo) {
  const name = `Työtila ${uniqueSuffix()}`;
  await signIn(page);
  await page.goto('/spaces');
  await page.getByRole('link', { name: 'Lisää tila' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi tila' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill(name);
  await page.getByLabel('Tilatyyppi').selectOption('workspace');
  await page.getByRole('checkbox', { name: 'esteetön' }).check();
  await page.getByRole('combobox', { name: 'Kunta', exact: true }).fill('564');
  await page.getByRole('group', { name: 'Aukioloaika 1' }).getByLabel('Sulkeutuu').fill('25:00');
  await page.getByRole('button', { name: 'Lisää sulku' }).click();
  const closure = page.getByRole('group', { name: 'Sulku 1' });
  await closure.getByLabel('Alkaen').fill('2027-07-01');
  await closure.getByLabel('Asti').fill('2027-07-31');
  await closure.getByLabel('Syy').fill('Kesäsulku');
  await page.getByLabel('Aloitusväli (min)').fill('60');
  await page.getByRole('button', { name: 'Lisää tila' }).click();
  await expect(page.getByRole('group', { name: 'Aukioloaika 1' }).locator('.field-error')).toContainText('HH:mm');
  await expectAccessible(page, testInfo, 'space-form');
  await screenshot(page, testInfo, 'space-form');
  await page.getByRole('group', { name: 'Aukioloaika 1' }).getByLabel('Sulkeutuu').fill('16:00');
  await page.getByRole('button', { name: 'Lisää tila' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('1.7.2027–31.7.2027: Kesäsulku')).toBeVisible();
  await expect(page.getByText('Varaukset alkavat 60 minuutin välein.')).toBeVisible();
}
