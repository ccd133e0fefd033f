import { test } from '@playwright/test';
import { editorBooksAndCancels, staffAddsSpace, staffApprovesRequest, staffBooksSeries } from './spaces';

test('a member editor books a free slot from the week calendar, meets a clash, and cancels', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  await editorBooksAndCancels(page, request, testInfo, false);
});

test('staff confirm a booking request from the approval queue', async ({ page, request }, testInfo) => {
  await staffApprovesRequest(page, request, testInfo, false);
});

test('staff book a weekly series and see which dates were booked and which not, with the reason', async ({ page, request }, testInfo) => {
  await staffBooksSeries(page, request, testInfo);
});

test('staff add a space with its rules and a closure', async ({ page }, testInfo) => {
  await staffAddsSpace(page, testInfo);
});
