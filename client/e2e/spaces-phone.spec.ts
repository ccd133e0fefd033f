import { test } from '@playwright/test';
import { editorBooksAndCancels, staffApprovesRequest } from './spaces';

test('on a phone: a member editor books a free slot from the day list and cancels', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  await editorBooksAndCancels(page, request, testInfo, true);
});

test('on a phone: staff confirm a booking request', async ({ page, request }, testInfo) => {
  await staffApprovesRequest(page, request, testInfo, true);
});
