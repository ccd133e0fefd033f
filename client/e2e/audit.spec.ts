import { expect, test } from '@playwright/test';
import { accessToken, expectAccessible, screenshot, signIn, uniqueSuffix } from './helpers';
import { createPartnershipViaApi } from './api';

test('a partnership links to its own audit entries, which show the edit, who made it and when', async ({ page, request }, testInfo) => {
  const title = `Kesätyöseteli ${uniqueSuffix()}`;
  await signIn(page);
  const partnership = await createPartnershipViaApi(request, await accessToken(page), title);

  await page.goto(`/partnerships/${partnership.id}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('link', { name: 'Muokkaa', exact: true }).click();
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill(`${title} (uusittu)`);
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${title} (uusittu)` })).toBeVisible();

  await page.getByRole('link', { name: 'Muutoshistoria' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Muutosloki' })).toBeVisible();
  await expect(page.getByLabel('Tieto')).toHaveValue('partnerships');
  await expect(page.getByLabel('Tunniste')).toHaveValue(partnership.id);
  const rows = page.getByRole('table', { name: 'Muutosloki' }).getByRole('row').filter({ hasText: partnership.id });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Luonti');
  await expect(rows.nth(1)).toContainText('Muokkaus');
  // Who: the signed-in admin's name; when: a Finnish date and time.
  const who = await page.evaluate(() => (JSON.parse(window.sessionStorage.getItem('communityhub.session') ?? '{}') as { user?: { displayName?: string } }).user?.displayName ?? '');
  expect(who).not.toBe('');
  await expect(rows.nth(1)).toContainText(who);
  await expect(rows.nth(1)).toContainText(/\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2}/);
  await expectAccessible(page, testInfo, 'audit');
  await screenshot(page, testInfo, 'audit');

  // The whole log is one menu choice away and filters by type.
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Muutosloki' }).click();
  await expect(page.getByLabel('Tunniste')).toHaveValue('');
  await page.getByLabel('Tieto').selectOption('members');
  await expect(page.getByRole('table', { name: 'Muutosloki' }).getByRole('row').filter({ hasText: 'Kumppanuudet' })).toHaveCount(0);
});
