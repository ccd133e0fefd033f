import { expect, test } from '@playwright/test';
import { accessToken, expectAccessible, screenshot, signIn, uniqueSuffix } from './helpers';
import { createMemberViaApi } from './api';

test('create a partnership, move it to active, review it and export the list', async ({ page, request }, testInfo) => {
  const suffix = uniqueSuffix();
  const title = `Nuorten työllisyyskumppanuus ${suffix}`;
  await signIn(page);
  const token = await accessToken(page);
  const city = await createMemberViaApi(request, token, `Pyhäjoen kunta ${suffix}`);
  const association = await createMemberViaApi(request, token, `Pyhäjoen Nuorisoseura ${suffix} ry`);

  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Kumppanuudet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kumppanuudet' })).toBeVisible();
  await expect(page.getByText('Ladataan…')).toHaveCount(0);
  await expectAccessible(page, testInfo, 'partnerships');
  await screenshot(page, testInfo, 'partnerships');

  await page.getByRole('link', { name: 'Lisää kumppanuus' }).click();
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill(title);
  await page.getByRole('combobox', { name: 'Kunta', exact: true }).fill('625');
  await page.getByLabel('Palvelualue').selectOption('youth');
  const parties = [
    { member: city, role: 'municipality' },
    { member: association, role: 'partner' },
  ];
  for (const [index, party] of parties.entries()) {
    const group = page.getByRole('group', { name: `Osapuoli ${index + 1}` });
    await group.getByLabel('Hae: Jäsen').fill(party.member.name);
    await expect(group.getByRole('option', { name: party.member.name })).toBeAttached();
    await group.getByRole('combobox', { name: 'Jäsen', exact: true }).selectOption(party.member.id);
    await group.getByLabel('Rooli').selectOption(party.role);
  }
  const goal = page.getByRole('group', { name: 'Tavoite 1' });
  await goal.getByRole('textbox', { name: 'Tavoite', exact: true }).fill('Nuoria kesätöihin');
  await goal.getByLabel('Mittari').fill('Työllistyneiden nuorten määrä');
  await goal.getByLabel('Tavoitetaso').fill('20 nuorta vuodessa');
  await expectAccessible(page, testInfo, 'partnership-form');
  await screenshot(page, testInfo, 'partnership-form');
  await page.getByRole('button', { name: 'Lisää kumppanuus' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Kumppanuus tallennettiin luonnoksena.')).toBeVisible();
  // Only the moves the lifecycle allows are offered: from a draft, negotiation (or cancelling).
  await expect(page.getByRole('button', { name: 'Käynnistä kumppanuus' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Aloita neuvottelut' }).click();
  await expect(page.locator('.badge', { hasText: 'Neuvotteilla' })).toBeVisible();
  await page.getByLabel('Muistiinpano siirrosta (valinnainen)').fill('Sopimus allekirjoitettu.');
  await page.getByRole('button', { name: 'Käynnistä kumppanuus' }).click();
  await expect(page.locator('.badge', { hasText: 'Voimassa' })).toBeVisible();
  const history = page.getByRole('region', { name: 'Historia' });
  await expect(history.getByText('Neuvotteilla → Voimassa')).toBeVisible();
  await expect(history.getByText('Sopimus allekirjoitettu.')).toBeVisible();

  await page.getByRole('button', { name: 'Lisää arviointi' }).click();
  await page.getByLabel('Yhteenveto').fill('Kesätyöt alkoivat hyvin.');
  await page.getByLabel('Nuoria kesätöihin: toteutuma %').fill('40');
  await page.getByRole('button', { name: 'Tallenna arviointi' }).click();
  await expect(page.getByText('Arviointi tallennettiin.')).toBeVisible();
  await expect(page.getByText('Kesätyöt alkoivat hyvin.')).toBeVisible();
  await expectAccessible(page, testInfo, 'partnership-detail');
  await screenshot(page, testInfo, 'partnership-detail');

  await page.getByRole('link', { name: '← Kaikki kumppanuudet' }).click();
  await page.getByLabel('Hae nimellä').fill(title);
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Lataa CSV-tiedostona' }).click();
  const file = await download;
  const csv = await file.path().then((path) => import('node:fs').then((fs) => fs.readFileSync(path, 'utf8')));
  expect(csv).toContain(title);
});
