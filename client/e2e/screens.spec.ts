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
// The screens only read the demo data, so their groups run side by side on the suite's workers.
test.describe.configure({ mode: 'parallel' });

type Screen = [name: string, path: (request: APIRequestContext, token: string) => Promise<string> | string];

const detail = (list: string, route: string) => async (request: APIRequestContext, token: string) =>
  `${route}/${await firstId(request, token, list)}`;

const groups: Record<string, Screen[]> = {
  'the network': [
    ['dashboard', () => '/'],
    ['members', () => '/members'],
    ['member', detail('/api/v1/members', '/members')],
    ['partnerships', () => '/partnerships'],
    ['partnership', detail('/api/v1/partnerships', '/partnerships')],
    ['pilots', () => '/pilots'],
    ['pilot', detail('/api/v1/pilots', '/pilots')],
  ],
  'events and spaces': [
    ['events', () => '/events'],
    ['event', detail('/api/v1/events', '/events')],
    ['spaces', () => '/spaces'],
    ['space', detail('/api/v1/spaces', '/spaces')],
    ['booking-requests', () => '/bookings/requests'],
  ],
  administration: [
    ['users', () => '/admin/users'],
    ['api-keys', () => '/admin/api-keys'],
    ['webhooks', () => '/admin/webhooks'],
    ['audit', () => '/admin/audit'],
    ['mail', () => '/admin/mail'],
    ['forgot-password', () => '/forgot-password'],
  ],
};

for (const [group, screens] of Object.entries(groups)) {
  test(`every main screen reads well and passes axe at this size: ${group}`, async ({ page, request }, testInfo) => {
    test.setTimeout(120_000);
    await signIn(page);
    const token = await accessToken(page);
    for (const [name, pathOf] of screens) {
      await page.goto(await pathOf(request, token));
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByText('Ladataan…')).toHaveCount(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} is wider than the window`).toBeLessThanOrEqual(0);
      await expectAccessible(page, testInfo, `screen-${name}`);
      await screenshot(page, testInfo, `screen-${name}`);
    }
  });
}
