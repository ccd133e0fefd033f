import { expect, test, type APIRequestContext } from '@playwright/test';
import { accessToken, expectAccessible, screenshot, signIn } from './helpers';

/** The first record of a list, from the demo data, for its detail page. */
async function firstId(request: APIRequestContext, token: string, path: string): Promise<string> {
  const response = await request.get(`${path}?limit=1`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status(), await response.text()).toBe(200);
  const page = (await response.json()) as { items: { id: string }[] };
  const id = page.items[0]?.id;
  if (!id) throw new Error(`no demo data at ${path}`);
  return id;
}

// Every main screen, at the size of the project running this spec (desktop 1366×900, phone 390×844):
// checked with axe and kept as a screenshot under test-results/screenshots/<project>-screen-<name>.png.
test('every main screen reads well and passes axe at this size', async ({ page, request }, testInfo) => {
  test.setTimeout(240_000);
  await signIn(page);
  const token = await accessToken(page);
  const screens: [string, string][] = [
    ['dashboard', '/'],
    ['members', '/members'],
    ['member', `/members/${await firstId(request, token, '/api/v1/members')}`],
    ['partnerships', '/partnerships'],
    ['partnership', `/partnerships/${await firstId(request, token, '/api/v1/partnerships')}`],
    ['pilots', '/pilots'],
    ['pilot', `/pilots/${await firstId(request, token, '/api/v1/pilots')}`],
    ['events', '/events'],
    ['event', `/events/${await firstId(request, token, '/api/v1/events')}`],
    ['spaces', '/spaces'],
    ['space', `/spaces/${await firstId(request, token, '/api/v1/spaces')}`],
    ['booking-requests', '/bookings/requests'],
    ['users', '/admin/users'],
    ['api-keys', '/admin/api-keys'],
    ['webhooks', '/admin/webhooks'],
    ['audit', '/admin/audit'],
    ['mail', '/admin/mail'],
    ['forgot-password', '/forgot-password'],
  ];
  for (const [name, path] of screens) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('Ladataan…')).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} is wider than the window`).toBeLessThanOrEqual(0);
    await expectAccessible(page, testInfo, `screen-${name}`);
    await screenshot(page, testInfo, `screen-${name}`);
  }
});
