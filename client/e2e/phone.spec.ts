import { expect, test, type Page } from '@playwright/test';
import { accessToken, expectAccessible, screenshot, signIn, uniqueSuffix } from './helpers';
import { createMemberViaApi } from './api';

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'page is wider than the phone screen').toBeLessThanOrEqual(0);
}

test('on a phone: menu, member directory, a member and its edit form', async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page);
  const member = await createMemberViaApi(request, await accessToken(page), `Oulun Seudun Omaishoitajat ${uniqueSuffix()} ry`);
  await expectNoSidewaysScroll(page);
  await screenshot(page, testInfo, 'home');

  const menu = page.getByRole('button', { name: 'Valikko' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Jäsenet' })).toBeHidden();
  await menu.click();
  await expect(page.getByRole('button', { name: 'Sulje valikko' })).toHaveAttribute('aria-expanded', 'true');
  await screenshot(page, testInfo, 'menu');
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Jäsenet' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Jäsenet' })).toBeVisible();
  // The filters beyond the search fold behind a button that counts the active ones.
  const filters = page.getByRole('button', { name: 'Rajaa', exact: true });
  await expect(filters).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Tyyppi')).toBeHidden();
  await filters.click();
  await page.getByLabel('Tyyppi').selectOption('association');
  await expect(page.getByRole('button', { name: 'Rajaa (1 valittuna)' })).toHaveAttribute('aria-expanded', 'true');
  await screenshot(page, testInfo, 'members-filters-open');
  await page.getByRole('button', { name: 'Rajaa (1 valittuna)' }).click();
  await expect(page.getByLabel('Tyyppi')).toBeHidden();
  await page.getByLabel('Hae nimellä').fill(member.name);
  await expect(page.getByRole('link', { name: member.name })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, testInfo, 'members');
  await screenshot(page, testInfo, 'members');

  await page.getByRole('link', { name: member.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: member.name })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, testInfo, 'member-detail');
  await screenshot(page, testInfo, 'member-detail');

  await page.getByRole('link', { name: 'Muokkaa', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Nimi', exact: true })).toHaveValue(member.name);
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, testInfo, 'member-edit');
  await screenshot(page, testInfo, 'member-edit');

  // Events as a month: on a phone the calendar folds into a list of days.
  await page.getByRole('button', { name: 'Valikko' }).click();
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Tapahtumat' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tapahtumat' })).toBeVisible();
  await page.getByRole('button', { name: 'Kuukausi' }).click();
  await expect(page.getByRole('table')).toBeAttached();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, testInfo, 'events-month');
  await screenshot(page, testInfo, 'events-month');

  // The pilot board stacks its columns.
  await page.getByRole('button', { name: 'Valikko' }).click();
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Kokeilut' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Idea/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, testInfo, 'pilots-board');
  await screenshot(page, testInfo, 'pilots-board');

  // The admin screens new in issue 13, reached from the menu.
  for (const [link, heading, name] of [
    ['Webhookit', 'Webhookit', 'webhooks'],
    ['Muutosloki', 'Muutosloki', 'audit'],
  ] as const) {
    await page.getByRole('button', { name: 'Valikko' }).click();
    await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText('Ladataan…')).toHaveCount(0);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, testInfo, name);
    await screenshot(page, testInfo, name);
  }
});
