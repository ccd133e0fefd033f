import { expect, test } from '@playwright/test';
import { accessToken, expectAccessible, screenshot, signIn, uniqueSuffix } from './helpers';
import { createMemberViaApi } from './api';

test('an admin adds a viewer, who can read members but not add them', async ({ page, browser }, testInfo) => {
  const email = `lukija-${uniqueSuffix()}@example.fi`;
  const password = 'Lukija-salasana-2026';

  await signIn(page);
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Käyttäjät' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Käyttäjät' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'admin@communityhub.local' })).toBeVisible();
  await expectAccessible(page, testInfo, 'users');
  await screenshot(page, testInfo, 'users');

  await page.getByRole('button', { name: 'Lisää käyttäjä' }).click();
  const form = page.getByRole('form', { name: 'Uusi käyttäjä' });
  await form.getByLabel('Sähköposti').fill(email);
  await form.getByRole('textbox', { name: 'Nimi', exact: true }).fill('Liisa Lukija');
  await form.getByLabel('Rooli').selectOption('viewer');
  await form.getByLabel('Salasana').fill(password);
  await expectAccessible(page, testInfo, 'user-form');
  await form.getByRole('button', { name: 'Lisää käyttäjä' }).click();
  await expect(page.getByText(`Käyttäjä ${email} lisättiin.`)).toBeVisible();
  await expect(page.getByRole('cell', { name: email })).toBeVisible();

  const context = await browser.newContext();
  const viewer = await context.newPage();
  await signIn(viewer, { email, password });
  await expect(viewer.getByText('(Lukija)').first()).toBeVisible();
  const nav = viewer.getByRole('navigation', { name: 'Päävalikko' });
  await expect(nav.getByRole('link', { name: 'Käyttäjät' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Jäsenet' }).click();
  await expect(viewer.getByRole('heading', { level: 1, name: 'Jäsenet' })).toBeVisible();
  await expect(viewer.getByRole('link', { name: 'Lisää jäsen' })).toHaveCount(0);
  await viewer.goto('/admin/users');
  await expect(viewer.getByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' })).toBeVisible();
  await context.close();
});

test('a member editor edits their own member and no other', async ({ page, browser, request }, testInfo) => {
  const suffix = uniqueSuffix();
  const email = `editori-${suffix}@example.fi`;
  const password = 'Editori-salasana-2026';
  await signIn(page);
  const token = await accessToken(page);
  const own = await createMemberViaApi(request, token, `Kyyjärven Kyläyhdistys ${suffix} ry`);
  const other = await createMemberViaApi(request, token, `Liperin Nuorisoseura ${suffix} ry`);

  await page.goto('/admin/users');
  await page.getByRole('button', { name: 'Lisää käyttäjä' }).click();
  const form = page.getByRole('form', { name: 'Uusi käyttäjä' });
  await form.getByLabel('Sähköposti').fill(email);
  await form.getByRole('textbox', { name: 'Nimi', exact: true }).fill('Eero Editori');
  await form.getByLabel('Rooli').selectOption('member_editor');
  // The member is found by searching the directory, then chosen from the list.
  await form.getByLabel('Hae: Jäsen').fill(`Kyyjärven Kyläyhdistys ${suffix}`);
  await expect(form.getByRole('option', { name: own.name })).toBeAttached();
  await form.getByRole('combobox', { name: 'Jäsen' }).selectOption(own.id);
  await form.getByLabel('Salasana').fill(password);
  await expectAccessible(page, testInfo, 'user-form-member-editor');
  await screenshot(page, testInfo, 'user-form-member-editor');
  await form.getByRole('button', { name: 'Lisää käyttäjä' }).click();
  await expect(page.getByText(`Käyttäjä ${email} lisättiin.`)).toBeVisible();

  const context = await browser.newContext();
  const editor = await context.newPage();
  await signIn(editor, { email, password });
  await editor.getByRole('link', { name: 'Oma organisaatiosi' }).click();
  await expect(editor.getByRole('heading', { level: 1, name: own.name })).toBeVisible();
  await expect(editor.getByRole('button', { name: 'Poista' })).toHaveCount(0);
  await editor.getByRole('link', { name: 'Muokkaa', exact: true }).click();
  await editor.getByLabel('Kuvaus').fill('Kylän yhteiset tapahtumat.');
  await editor.getByRole('button', { name: 'Tallenna' }).click();
  await expect(editor.getByText('Muutokset tallennettiin.')).toBeVisible();

  await editor.goto(`/members/${other.id}`);
  await expect(editor.getByRole('heading', { level: 1, name: other.name })).toBeVisible();
  await expect(editor.getByRole('link', { name: 'Muokkaa', exact: true })).toHaveCount(0);
  await context.close();
});

test('an admin creates an API key, sees the secret once, and the key reads partnerships', async ({ page, request }, testInfo) => {
  const name = `Oulun asianhallinta ${uniqueSuffix()}`;
  await signIn(page);
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'API-avaimet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API-avaimet' })).toBeVisible();
  await page.getByLabel('Nimi').fill(name);
  await page.getByRole('checkbox', { name: 'Kokeilut' }).check();
  await page.getByRole('combobox', { name: 'Kunta' }).fill('564');
  await page.getByRole('button', { name: 'Luo avain' }).click();

  const secret = page.getByLabel('Avain', { exact: true });
  await expect(secret).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kopioi avain' })).toBeVisible();
  const key = await secret.inputValue();
  expect(key.length).toBeGreaterThan(20);
  await expectAccessible(page, testInfo, 'api-keys');
  await screenshot(page, testInfo, 'api-keys');

  const response = await request.get('/api/v1/partnerships', { headers: { 'X-Api-Key': key } });
  expect(response.status()).toBe(200);

  // The secret is not shown again, and the key can be revoked.
  await page.getByRole('button', { name: 'Valmis' }).click();
  await expect(page.getByLabel('Avain', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: `Mitätöi avain ${name}` }).click();
  await page.getByRole('button', { name: 'Kyllä, mitätöi' }).click();
  await expect(page.getByText(`Avain ${name} mitätöitiin.`)).toBeVisible();
  const after = await request.get('/api/v1/partnerships', { headers: { 'X-Api-Key': key } });
  expect(after.status()).toBe(401);
});
