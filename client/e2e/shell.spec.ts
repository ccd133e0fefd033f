import { expect, test } from '@playwright/test';
import { admin, expectAccessible, screenshot, signIn } from './helpers';

test('the public front page and sign-in are Finnish and accessible', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  await expect(page.getByRole('heading', { level: 1, name: 'CommunityHub' })).toBeVisible();
  await expectAccessible(page, testInfo, 'home-public');
  await screenshot(page, testInfo, 'home-public');

  await page.getByRole('main').getByRole('link', { name: 'Kirjaudu sisään' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' })).toBeVisible();
  await page.getByLabel('Sähköposti').fill(admin.email);
  await page.getByLabel('Salasana').fill('not-the-password');
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Sähköposti tai salasana on väärin.');
  await expectAccessible(page, testInfo, 'login');
  await screenshot(page, testInfo, 'login');
});

test('signing in, switching language and signing out', async ({ page }, testInfo) => {
  await signIn(page);
  await expect(page.getByText(`Olet kirjautunut käyttäjänä ${admin.email}`)).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Päävalikko' });
  await expect(nav.getByRole('link', { name: 'Jäsenet' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Käyttäjät' })).toBeVisible();
  await expectAccessible(page, testInfo, 'home');
  await screenshot(page, testInfo, 'home');

  await page.getByRole('button', { name: 'In English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome/ })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Members' })).toBeVisible();
  await expectAccessible(page, testInfo, 'home-en');
  await screenshot(page, testInfo, 'home-en');

  // The choice survives a reload, and so does the session (it lives in this tab).
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome/ })).toBeVisible();
  await page.getByRole('button', { name: 'Suomeksi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Tervetuloa/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');

  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Kirjaudu sisään' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Käyttäjät' })).toHaveCount(0);
});

test('a client route loads directly and an unknown one says so', async ({ page }) => {
  await page.goto('/members');
  await expect(page.getByRole('heading', { level: 1, name: 'Jäsenet' })).toBeVisible();
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Sivua ei löytynyt' })).toBeVisible();
});
