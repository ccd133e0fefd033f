import { expect, test } from '@playwright/test';
import { accessToken, expectAccessible, screenshot, signIn, uniqueSuffix } from './helpers';
import { createMemberViaApi } from './api';

test('a pilot moves across the board from idea to adopted, with metrics and evaluation', async ({ page, request }, testInfo) => {
  const suffix = uniqueSuffix();
  const title = `Mobiilinuorisotyön kokeilu ${suffix}`;
  await signIn(page);
  const owner = await createMemberViaApi(request, await accessToken(page), `Satakunnan Yhteisökeskus ${suffix} ry`);

  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Kokeilut' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kokeilut' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Idea/ })).toBeVisible();
  await expectAccessible(page, testInfo, 'pilots-board');
  await screenshot(page, testInfo, 'pilots-board');

  await page.getByRole('link', { name: 'Lisää kokeilu' }).click();
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill(title);
  await page.getByLabel('Teema').selectOption('leisure');
  await page.getByRole('combobox', { name: 'Kunta', exact: true }).fill('609');
  await page.getByLabel('Ongelma').fill('Nuoret eivät löydä iltaisin turvallista paikkaa.');
  await page.getByLabel('Hae: Vastuujäsen').fill(owner.name);
  await expect(page.getByRole('option', { name: owner.name })).toBeAttached();
  await page.getByRole('combobox', { name: 'Vastuujäsen', exact: true }).selectOption(owner.id);
  const metric = page.getByRole('group', { name: 'Mittari 1' });
  await metric.getByRole('textbox', { name: 'Mittari', exact: true }).fill('Kävijöitä illassa');
  await metric.getByLabel('Lähtötaso').fill('0');
  await metric.getByLabel('Tavoite').fill('25');
  await page.getByRole('button', { name: 'Lisää kokeilu' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Kokeilu tallennettiin ideana.')).toBeVisible();
  for (const stage of ['Päätetty', 'Valmistelussa', 'Käynnissä', 'Arvioitavana']) {
    await page.getByRole('button', { name: `Siirrä: ${stage}` }).click();
    await expect(page.locator('.badge', { hasText: stage })).toBeVisible();
  }

  // Leaving evaluation needs results: the API refuses and the page says why.
  await page.getByRole('button', { name: 'Siirrä: Vakiintunut' }).click();
  await expect(page.getByText('Siirtoa ei voitu tehdä')).toBeVisible();

  await page.getByRole('link', { name: 'Muokkaa', exact: true }).click();
  await page.getByRole('group', { name: 'Mittari 1' }).getByLabel('Toteuma').fill('31');
  await page.getByLabel('Tulokset').fill('Keskimäärin 31 kävijää illassa.');
  await page.getByLabel('Suositus').fill('Vakinaistetaan osaksi nuorisopalveluja.');
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByText('Muutokset tallennettiin.')).toBeVisible();
  await expect(page.getByRole('cell', { name: '31' })).toBeVisible();

  await page.getByRole('button', { name: 'Siirrä: Vakiintunut' }).click();
  await expect(page.locator('.badge', { hasText: 'Vakiintunut' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Historia' }).getByText('Arvioitavana → Vakiintunut')).toBeVisible();
  await expectAccessible(page, testInfo, 'pilot-detail');
  await screenshot(page, testInfo, 'pilot-detail');

  // On the board the pilot now sits in the adopted column.
  await page.getByRole('link', { name: '← Kaikki kokeilut' }).click();
  const adopted = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: /^Vakiintunut/ }) });
  await expect(adopted.getByRole('link', { name: title })).toBeVisible();
});
