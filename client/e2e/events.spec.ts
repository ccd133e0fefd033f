import { expect, test, type APIRequestContext } from '@playwright/test';
import { accessToken, expectAccessible, screenshot, signIn, uniqueSuffix } from './helpers';
import { createMemberViaApi } from './api';
import { mailTo, registrationLink } from './mailbox';

/** `YYYY-MM-DDTHH:mm` in Helsinki time, as a datetime-local input takes it, `days` from now. */
function helsinkiLocal(days: number, hour: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  return `${parts}T${String(hour).padStart(2, '0')}:00`;
}

async function createPublishedEventViaApi(
  request: APIRequestContext,
  token: string,
  organizerId: string,
  title: string,
  startsAt: Date,
  endsAt: Date,
  registrationClosesAt: Date | null = null,
) {
  const headers = { Authorization: `Bearer ${token}` };
  const created = await request.post('/api/v1/events', {
    headers,
    data: {
      title,
      description: 'Palautetesti',
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      venue: { name: 'Kumppanuuskeskus', street: 'Kansankatu 53', city: 'Oulu' },
      municipalityCode: '564',
      organizerIds: [organizerId],
      capacity: null,
      registrationOpensAt: null,
      registrationClosesAt: registrationClosesAt?.toISOString() ?? null,
      visibility: 'public',
      languages: ['fi'],
      keywords: [],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const event = (await created.json()) as { id: string; version: number };
  const published = await request.post(`/api/v1/events/${event.id}/transitions`, {
    headers: { ...headers, 'If-Match': `"${event.version}"` },
    data: { to: 'published' },
  });
  expect(published.status(), await published.text()).toBe(200);
  return event;
}

test('an organiser publishes an event; the public registers until the waiting list starts', async ({ page, browser, request }, testInfo) => {
  const suffix = uniqueSuffix();
  const title = `Kumppanuusilta ${suffix}`;
  await signIn(page);
  const organizer = await createMemberViaApi(request, await accessToken(page), `Uudenkaupungin Kulttuuriyhdistys ${suffix} ry`);

  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Tapahtumat' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tapahtumat' })).toBeVisible();
  await expect(page.getByText('Ladataan…')).toHaveCount(0);
  await expectAccessible(page, testInfo, 'events');
  await screenshot(page, testInfo, 'events');
  await page.getByRole('button', { name: 'Kuukausi' }).click();
  await expect(page.getByRole('table')).toBeVisible();
  await expectAccessible(page, testInfo, 'events-month');
  await screenshot(page, testInfo, 'events-month');

  await page.getByRole('link', { name: 'Lisää tapahtuma' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi tapahtuma' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill(title);
  await page.getByLabel('Kuvaus').fill('Kaupunki kutsuu kolmannen sektorin toimijat kumppanuusiltaan.');
  await page.getByRole('textbox', { name: 'Alkaa', exact: true }).fill(helsinkiLocal(14, 17));
  await page.getByRole('textbox', { name: 'Päättyy', exact: true }).fill(helsinkiLocal(14, 20));
  await page.getByLabel('Hae: Lisättävä järjestäjä').fill(organizer.name);
  await expect(page.getByRole('option', { name: organizer.name })).toBeAttached();
  await page.getByRole('combobox', { name: 'Lisättävä järjestäjä' }).selectOption(organizer.id);
  await page.getByRole('button', { name: 'Lisää järjestäjä' }).click();
  await expect(page.getByRole('group', { name: 'Järjestäjät' }).getByRole('link', { name: organizer.name })).toBeVisible();
  await page.getByLabel('Paikan nimi').fill('Kulttuurikeskus Crusell');
  await page.getByLabel('Paikkakunta').fill('Uusikaupunki');
  await page.getByRole('combobox', { name: 'Kunta', exact: true }).fill('895');
  await page.getByLabel('Osallistujia enintään').fill('2');
  await expectAccessible(page, testInfo, 'event-form');
  await screenshot(page, testInfo, 'event-form');
  await page.getByRole('button', { name: 'Lisää tapahtuma' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Tapahtuma tallennettiin luonnoksena.')).toBeVisible();
  await expect(page.getByText('Ilmoittautuminen avautuu, kun tapahtuma julkaistaan.')).toBeVisible();
  // Only the moves the API allows from a draft are offered.
  await expect(page.getByRole('button', { name: 'Merkitse pidetyksi' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Julkaise' }).click();
  await expect(page.locator('.badge', { hasText: 'Julkaistu' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Julkaise' })).toHaveCount(0);
  const eventUrl = page.url();

  // Anyone registers without an account, until the seats run out and the waiting list starts.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(eventUrl);
  await expect(visitor.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(visitor.getByText('Paikkoja 2, varattu 0, vapaana 2.')).toBeVisible();
  // The answer never says what happened (nobody learns who attends): it says to check the email.
  const people = [
    { name: 'Aino Aaltonen', email: `aino-${suffix}@example.fi` },
    { name: 'Eino Eskola', email: `eino-${suffix}@example.fi` },
    { name: 'Helmi Heikkilä', email: `helmi-${suffix}@example.fi` },
  ];
  for (const [index, person] of people.entries()) {
    if (index > 0) await visitor.getByRole('button', { name: 'Ilmoita toinen henkilö' }).click();
    await visitor.getByLabel('Nimi').fill(person.name);
    await visitor.getByLabel('Sähköposti').fill(person.email);
    await visitor.getByRole('button', { name: index === 2 ? 'Ilmoittaudu varasijalle' : 'Ilmoittaudu' }).click();
    await expect(visitor.getByRole('status').filter({ hasText: `lähetimme osoitteeseen ${person.email}` })).toBeVisible();
  }
  await expect(visitor.getByText('Paikkoja 2, varattu 2, vapaana 0. Varasijalla 1 henkilö.')).toBeVisible();
  await expectAccessible(visitor, testInfo, 'event-public');
  await screenshot(visitor, testInfo, 'event-public');
  // The mail says it: a seat for the first two, a waiting-list place for the third.
  expect((await mailTo(people[0]?.email ?? ''))[0]).toContain('paikka vahvistettu');
  expect((await mailTo(people[2]?.email ?? ''))[0]).toContain('jonossa sijalla 1');

  // The same address again gets the same answer; only its owner's mailbox learns it was registered already.
  await visitor.getByRole('button', { name: 'Ilmoita toinen henkilö' }).click();
  await visitor.getByLabel('Nimi').fill('Aino Aaltonen');
  await visitor.getByLabel('Sähköposti').fill(people[0]?.email ?? '');
  await visitor.getByRole('button', { name: 'Ilmoittaudu varasijalle' }).click();
  await expect(visitor.getByRole('status').filter({ hasText: `lähetimme osoitteeseen ${people[0]?.email ?? ''}` })).toBeVisible();
  const ainos = await mailTo(people[0]?.email ?? '', 2);

  // Cancelling from the mailed link gives the seat to the first on the waiting list.
  await visitor.goto(registrationLink(ainos[0] ?? ''));
  await expect(visitor.getByRole('heading', { level: 1, name: 'Ilmoittautumisesi' })).toBeVisible();
  await expectAccessible(visitor, testInfo, 'registration-link');
  await visitor.getByRole('button', { name: 'Peru ilmoittautuminen' }).click();
  await expect(visitor.getByText('Ilmoittautuminen peruttiin.')).toBeVisible();
  await visitor.goto(eventUrl);
  await expect(visitor.getByText('Paikkoja 2, varattu 2, vapaana 0.')).toBeVisible();
  await expect(visitor.getByText(/Varasijalla|Varasijoilla/)).toHaveCount(0);
  expect((await mailTo(people[2]?.email ?? '', 2)).some((m) => m.includes('vapautui paikka'))).toBe(true);
  await visitor.context().close();

  await page.reload();
  const registrations = page.getByRole('table').filter({ hasText: 'Helmi Heikkilä' });
  await expect(registrations.getByRole('row', { name: /Helmi Heikkilä/ })).toContainText('Vahvistettu');
  await expect(registrations.getByRole('row', { name: /Aino Aaltonen/ })).toHaveCount(0);
  await expectAccessible(page, testInfo, 'event-organizer');
  await screenshot(page, testInfo, 'event-organizer');
});

test('a participant gives feedback once the event has started', async ({ page, browser, request }, testInfo) => {
  const suffix = uniqueSuffix();
  await signIn(page);
  const token = await accessToken(page);
  const organizer = await createMemberViaApi(request, token, `Porin Palauteyhdistys ${suffix} ry`);
  const started = new Date(Date.now() - 60 * 60_000);
  const ends = new Date(Date.now() + 60 * 60_000);
  // Feedback needs a registration's token, which only the registration's mail carries: registration stays open until
  // the end, and the visitor opens the mailed link.
  const event = await createPublishedEventViaApi(request, token, organizer.id, `Valmennuspäivä ${suffix}`, started, ends, ends);
  const email = `veera-${suffix}@example.fi`;
  const registered = await request.post(`/api/v1/events/${event.id}/registrations`, { data: { name: 'Veera Vierailija', email } });
  expect(registered.status(), await registered.text()).toBe(202);
  const link = registrationLink((await mailTo(email))[0] ?? '');

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole('heading', { level: 2, name: 'Anna palautetta' })).toBeVisible();
  await visitor.getByRole('button', { name: 'Lähetä palaute' }).click();
  // The API asks for a rating; its message is shown at the rating.
  await expect(visitor.locator('#feedback-rating-error')).toBeVisible();
  await visitor.getByRole('radio', { name: '4 – hyvä' }).check();
  await visitor.getByLabel('Kommentti').fill('Hyviä keskusteluja ja uusia kumppaneita.');
  await expectAccessible(visitor, testInfo, 'event-feedback');
  await screenshot(visitor, testInfo, 'event-feedback');
  await visitor.getByRole('button', { name: 'Lähetä palaute' }).click();
  await expect(visitor.getByText('Kiitos palautteestasi!')).toBeVisible();
  await visitor.context().close();

  await page.goto(`/events/${event.id}`);
  await expect(page.getByText('1 vastaus, keskiarvo 4.')).toBeVisible();
});
