import { expect, test } from '@playwright/test';
import { accessToken, expectAccessible, screenshot, signIn, uniqueBusinessId, uniqueSuffix, withWrongCheckDigit } from './helpers';
import { createMemberViaApi } from './api';

test('create a member through a validation error, add a contact, edit and find it', async ({ page }, testInfo) => {
  const suffix = uniqueSuffix();
  const name = `Pyhäjoen Nuorisoseura ${suffix} ry`;
  const businessId = uniqueBusinessId();

  await signIn(page);
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Jäsenet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jäsenet' })).toBeVisible();
  await expect(page.getByText('Ladataan…')).toHaveCount(0);
  await expectAccessible(page, testInfo, 'members');
  await screenshot(page, testInfo, 'members');

  await page.getByRole('link', { name: 'Lisää jäsen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uusi jäsen' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill(name);
  await page.getByLabel('Y-tunnus').fill(withWrongCheckDigit(businessId));
  await page.getByLabel('Tyyppi').selectOption('association');
  await page.getByLabel('Kotikunta').fill('625');
  await page.getByRole('checkbox', { name: 'Nuoriso' }).check();
  await page.getByRole('checkbox', { name: 'Kulttuuri' }).check();
  await page.getByLabel('Postinumero').fill('86100');
  await page.getByRole('button', { name: 'Lisää jäsen' }).click();

  // The API's message appears at the business ID field, which is marked invalid, and in the summary.
  const businessIdInput = page.getByLabel('Y-tunnus');
  await expect(businessIdInput).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#member-businessId-error')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Tarkista seuraavat kentät' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Nimi', exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, testInfo, 'member-form-errors');
  await screenshot(page, testInfo, 'member-form-errors');

  await businessIdInput.fill(businessId);
  await expect(businessIdInput).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Lisää jäsen' }).click();

  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('Jäsen lisättiin.')).toBeVisible();
  await expect(page.getByText(businessId)).toBeVisible();
  await expect(page.getByText('Nuoriso, Kulttuuri').or(page.getByText('Kulttuuri, Nuoriso'))).toBeVisible();

  // Contacts are for signed-in users; add one.
  await page.getByRole('button', { name: 'Lisää yhteyshenkilö' }).click();
  const contactForm = page.getByRole('form', { name: 'Lisää yhteyshenkilö' });
  await contactForm.getByRole('textbox', { name: 'Nimi', exact: true }).fill('Maija Meikäläinen');
  await contactForm.getByLabel('Tehtävänimike').fill('Puheenjohtaja');
  await contactForm.getByLabel('Sähköposti').fill('maija@example.fi');
  await contactForm.getByRole('button', { name: 'Lisää yhteyshenkilö' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Maija Meikäläinen' })).toBeVisible();
  await expectAccessible(page, testInfo, 'member-detail');
  await screenshot(page, testInfo, 'member-detail');

  await page.getByRole('link', { name: 'Muokkaa', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Muokkaa: ${name}` })).toBeVisible();
  await page.getByLabel('Kuvaus').fill('Nuorten tapahtumia Pyhäjoella.');
  await expectAccessible(page, testInfo, 'member-edit');
  await screenshot(page, testInfo, 'member-edit');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByText('Muutokset tallennettiin.')).toBeVisible();
  await expect(page.getByText('Nuorten tapahtumia Pyhäjoella.')).toBeVisible();

  // The directory finds it by any part of the name, whatever the case, Finnish letters included.
  await page.getByRole('link', { name: '← Kaikki jäsenet' }).click();
  await page.getByLabel('Hae nimellä').fill(`PYHÄJOEN NUORISOSEURA ${suffix.toUpperCase()}`);
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByRole('link', { name })).toBeVisible();
  await page.getByLabel('Tyyppi').selectOption('company');
  await expect(page.getByText('Hakuehtoja vastaavia jäseniä ei löytynyt.')).toBeVisible();
});

test('saving over someone else’s change answers 412 and explains it', async ({ page, request }, testInfo) => {
  await signIn(page);
  const token = await accessToken(page);
  const member = await createMemberViaApi(request, token, `Liimingan Kyläyhdistys ${uniqueSuffix()} ry`);

  await page.goto(`/members/${member.id}/edit`);
  await expect(page.getByRole('textbox', { name: 'Nimi', exact: true })).toHaveValue(member.name);

  // Someone else saves a new name meanwhile.
  const current = await request.get(`/api/v1/members/${member.id}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await current.json()) as Record<string, unknown>;
  const renamed = `${member.name} (uusi nimi)`;
  const put = await request.put(`/api/v1/members/${member.id}`, {
    headers: { Authorization: `Bearer ${token}`, 'If-Match': current.headers()['etag'] ?? `"${member.version}"` },
    data: { ...body, name: renamed },
  });
  expect(put.status(), await put.text()).toBe(200);

  await page.getByLabel('Kuvaus').fill('Tämä muutos tehtiin vanhaan versioon.');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByText('Joku muu muutti tätä sillä välin')).toBeVisible();
  await expectAccessible(page, testInfo, 'member-conflict');
  await screenshot(page, testInfo, 'member-conflict');

  await page.getByRole('button', { name: 'Lataa uusin versio' }).click();
  await expect(page.getByRole('textbox', { name: 'Nimi', exact: true })).toHaveValue(renamed);
  await page.getByLabel('Kuvaus').fill('Tämä muutos tehtiin uusimpaan versioon.');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
  await expect(page.getByText('Tämä muutos tehtiin uusimpaan versioon.')).toBeVisible();
});
