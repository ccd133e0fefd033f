import { expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';

export const admin = { email: 'admin@communityhub.local', password: 'Demo-admin-2026!' };

/** A valid Finnish business ID (Y-tunnus) that no other test run is likely to use. */
export function uniqueBusinessId(): string {
  const weights = [7, 9, 10, 5, 8, 4, 2];
  for (;;) {
    const digits = String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0');
    const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (weights[i] ?? 0), 0);
    const remainder = sum % 11;
    if (remainder === 1) continue;
    return `${digits}-${remainder === 0 ? 0 : 11 - remainder}`;
  }
}

/** The same digits with a wrong check digit. */
export function withWrongCheckDigit(businessId: string): string {
  const check = Number(businessId.slice(-1));
  return `${businessId.slice(0, -1)}${(check + 1) % 10}`;
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

export async function signIn(page: Page, who: { email: string; password: string } = admin): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Sähköposti').fill(who.email);
  await page.getByLabel('Salasana').fill(who.password);
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Tervetuloa/ })).toBeVisible();
}

/** The signed-in page's bearer token, for arranging data straight through the API. */
export async function accessToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => {
    const raw = window.sessionStorage.getItem('communityhub.session');
    return raw ? (JSON.parse(raw) as { accessToken: string }).accessToken : null;
  });
  if (!token) throw new Error('not signed in');
  return token;
}

/** A full-page screenshot kept under test-results/screenshots on every run. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = 'test-results/screenshots';
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${testInfo.project.name}-${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** axe-core on the current page (WCAG 2.1 A/AA rules): no serious or critical violation. */
export async function expectAccessible(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  await testInfo.attach(`axe-${name}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  const summary = serious.map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `accessibility violations on ${name}`).toEqual([]);
}
