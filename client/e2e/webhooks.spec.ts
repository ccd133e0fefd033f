import { expect, test } from '@playwright/test';
import { accessToken, expectAccessible, screenshot, signIn, uniqueSuffix } from './helpers';
import { createMemberViaApi } from './api';
import { signatureMatches, startReceiver, type Receiver } from './receiver';

let receiver: Receiver;
test.beforeEach(async () => {
  receiver = await startReceiver();
});
test.afterEach(async () => {
  await receiver.close();
});

test('webhooks: create with the secret shown once, ping, see the delivery, pause, re-enable, edit filters, rotate', async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const description = `Oulun asianhallinta ${uniqueSuffix()}`;
  await signIn(page);
  await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Webhookit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webhookit' })).toBeVisible();
  await expect(page.getByText('Ladataan…')).toHaveCount(0);

  const form = page.getByRole('region', { name: 'Luo tilaus' });
  await form.getByLabel('Vastaanottajan osoite').fill(receiver.url);
  await form.getByRole('checkbox', { name: 'Jäsenet' }).check();
  await form.getByLabel('Kuvaus').fill(description);
  await expectAccessible(page, testInfo, 'webhooks');
  await screenshot(page, testInfo, 'webhooks');
  await form.getByRole('button', { name: 'Luo tilaus' }).click();

  // The signing secret is shown once, with a copy button, as an API key is.
  const shown = page.getByRole('alert').filter({ hasText: 'Tilaus luotiin' });
  await expect(shown).toBeVisible();
  await expect(shown.getByRole('button', { name: 'Kopioi salaisuus' })).toBeVisible();
  const secret = await shown.getByLabel('Allekirjoitussalaisuus').inputValue();
  expect(secret.length).toBeGreaterThan(20);
  const row = page.getByRole('row').filter({ hasText: receiver.url });
  await expect(row.getByText('Käytössä')).toBeVisible();
  await expect(row.getByText('Jäsenet, Kumppanuudet, Kokeilut, Tapahtumat')).toBeVisible();

  await page.getByRole('link', { name: /Avaa tilaus/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: receiver.url })).toBeVisible();
  // Leaving the page dropped the secret: it is not shown again.
  await expect(page.getByLabel('Allekirjoitussalaisuus')).toHaveCount(0);

  // Ping: a signed delivery with no items reaches the receiver, and the log shows it with its status code.
  await page.getByRole('button', { name: 'Testaa yhteys' }).click();
  await expect(page.getByText('Vastaanottaja vastasi')).toBeVisible();
  expect(receiver.received.length).toBeGreaterThanOrEqual(1);
  const ping = receiver.received.find((r) => (JSON.parse(r.body) as { items: unknown[] }).items.length === 0);
  expect(ping, 'the ping reached the receiver').toBeDefined();
  expect(signatureMatches(ping!, secret), 'the ping is signed with the secret shown at creation').toBe(true);
  const log = page.getByRole('region', { name: 'Toimitukset' });
  const pingRow = log.getByRole('row').filter({ hasText: 'testi' }).first();
  await expect(pingRow.getByText('200')).toBeVisible();
  await expectAccessible(page, testInfo, 'webhook-detail');
  await screenshot(page, testInfo, 'webhook-detail');

  // A real change reaches the receiver through the dispatcher and appears in the log.
  const member = await createMemberViaApi(request, await accessToken(page), `Kempeleen Kyläyhdistys ${uniqueSuffix()} ry`);
  await expect
    .poll(() => receiver.received.some((r) => r.body.includes(member.id)), { timeout: 30_000, message: 'the change was delivered' })
    .toBe(true);
  await expect(log.getByRole('row').filter({ hasText: '#' }).first().getByText('200')).toBeVisible({ timeout: 15_000 });

  // A failed delivery is logged with its status code; the retry of the same batch is the next attempt and gets through.
  receiver.failNext(1);
  const retried = await createMemberViaApi(request, await accessToken(page), `Tyrnävän Nuorisoseura ${uniqueSuffix()} ry`);
  const failed = log.getByRole('row').filter({ hasText: 'HTTP 500' }).first();
  await expect(failed).toBeVisible({ timeout: 30_000 });
  const batch = (await failed.getByRole('cell').nth(3).innerText()).trim();
  expect(batch).toMatch(/^#\d+/);
  await expect
    .poll(() => receiver.received.some((r) => r.body.includes(retried.id)), { timeout: 60_000, message: 'the retry was delivered' })
    .toBe(true);
  const retry = log.getByRole('row').filter({ hasText: batch }).filter({ hasText: '200' }).first();
  await expect(retry.getByRole('cell').nth(0)).toHaveText('2', { timeout: 15_000 });
  // Nothing waits for a retry any more.
  await expect(page.getByText('Seuraava yritys')).toHaveCount(0, { timeout: 15_000 });

  await page.getByRole('button', { name: 'Keskeytä' }).click();
  await expect(page.locator('.details .badge', { hasText: 'Keskeytetty' })).toBeVisible();
  await page.getByRole('button', { name: 'Ota käyttöön' }).click();
  await expect(page.locator('.details .badge', { hasText: 'Käytössä' })).toBeVisible();

  await page.getByRole('button', { name: 'Muokkaa' }).click();
  await page.getByRole('checkbox', { name: 'Tapahtumat' }).uncheck();
  await page.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByText('Muutokset tallennettiin.')).toBeVisible();
  await expect(page.locator('.details').getByText('Jäsenet, Kumppanuudet, Kokeilut', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Vaihda salaisuus' }).click();
  await page.getByRole('button', { name: 'Kyllä, vaihda' }).click();
  const rotated = page.getByRole('alert').filter({ hasText: 'Uusi allekirjoitussalaisuus' });
  await expect(rotated).toBeVisible();
  const next = await rotated.getByLabel('Allekirjoitussalaisuus').inputValue();
  expect(next).not.toBe(secret);
  const before = receiver.received.length;
  await page.getByRole('button', { name: 'Testaa yhteys' }).click();
  await expect(page.getByText('Vastaanottaja vastasi')).toBeVisible();
  await expect.poll(() => receiver.received.length).toBeGreaterThan(before);
  expect(signatureMatches(receiver.received.at(-1)!, next), 'deliveries are signed with the new secret').toBe(true);
});
