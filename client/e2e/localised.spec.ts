import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { accessToken, expectAccessible, signIn, uniqueBusinessId, uniqueSuffix } from './helpers';
import { createPartnershipViaApi } from './api';

// The API answers in the language the app sends (Accept-Language).
test('a server validation message is Finnish beside its field, and English after switching language', async ({ page }, testInfo) => {
  await signIn(page);
  await page.goto('/members/new');
  await page.getByRole('textbox', { name: 'Nimi', exact: true }).fill(`Limingan Latu ${uniqueSuffix()} ry`);
  await page.getByLabel('Y-tunnus').fill(uniqueBusinessId());
  await page.getByLabel('Kotikunta').fill('425');
  // No type chosen: the API refuses it (the form leaves required checks to the server).
  await page.getByRole('button', { name: 'Lisää jäsen' }).click();
  const kind = page.getByLabel('Tyyppi');
  await expect(kind).toHaveAttribute('aria-invalid', 'true');
  const message = page.locator('#member-kind-error');
  await expect(message).toContainText(/pakollinen/i);
  await expect(message).not.toContainText(/required|association|public_authority/i);
  await expectAccessible(page, testInfo, 'member-form-finnish-error');

  await page.getByRole('button', { name: 'In English' }).click();
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(message).toContainText(/required/i);
  await expect(message).not.toContainText(/pakollinen/i);
});

// The download button asks for `?dialect=excel-fi`.
test('the partnership export opens in Finnish Excel: semicolons, Finnish headers and labels, UTF-8 with BOM', async ({ page, request }) => {
  const title = `Lukulähettiläät ${uniqueSuffix()}`;
  await signIn(page);
  await createPartnershipViaApi(request, await accessToken(page), title);
  await page.goto(`/partnerships?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Lataa CSV-tiedostona' }).click();
  const bytes = readFileSync(await (await download).path());

  expect([...bytes.subarray(0, 3)], 'UTF-8 byte order mark').toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split(/\r?\n/).filter((l) => l !== '');
  const header = cellsOf(lines[0] ?? '');
  expect(header.length, 'the header splits into columns at semicolons').toBeGreaterThanOrEqual(4);
  expect(header.join(' '), 'Finnish headers, not the machine names').not.toMatch(/\b(title|status|serviceArea|municipality)\b/i);
  const row = lines.find((l) => l.includes(title));
  expect(row, 'the new partnership is in the file').toBeDefined();
  const cells = cellsOf(row ?? '');
  expect(cells).toHaveLength(header.length);
  // Finnish labels for the codes: "luonnos", not "draft".
  expect(cells).toContain('luonnos');
  expect(cells).not.toContain('draft');
});

/** One CSV line's cells at semicolons, RFC 4180 quoting honoured (a party list cell holds "; " inside quotes). */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ';') {
      cells.push(cell);
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell);
  return cells;
}
