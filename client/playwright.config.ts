import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// E2E_API_DIR points the suite at another copy of the API project (e.g. a separate worktree).
const apiDir = resolve(here, process.env.E2E_API_DIR ?? '../api');
const port = Number(process.env.E2E_PORT ?? 5199);
const baseURL = `http://127.0.0.1:${port}`;

// A fresh SQLite file per run. Workers load this config again, so the path is fixed in the
// environment they inherit from the main process.
process.env.E2E_DB_PATH ??= join(tmpdir(), `communityhub-e2e-${Date.now()}-${process.pid}.db`);
// Development without an SMTP host writes each message as an .eml file: the specs read the mailed links from here.
process.env.E2E_MAIL_DIR ??= join(tmpdir(), `communityhub-e2e-mail-${Date.now()}-${process.pid}`);

// The root script builds the API first; without that build, `dotnet run` builds it.
const builtDll = join(apiDir, 'bin/Debug/net10.0/CommunityHub.Api.dll');
const apiCommand = existsSync(builtDll) ? `dotnet "${builtDll}"` : 'dotnet run --project . --no-launch-profile';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export default defineConfig({
  testDir: './e2e',
  outputDir: 'test-results/playwright-artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL,
    locale: 'fi-FI',
    timezoneId: 'Europe/Helsinki',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [
    {
      name: 'desktop',
      testIgnore: /phone\.spec\.ts/,
      use: { browserName: 'chromium', viewport: { width: 1366, height: 900 } },
    },
    {
      name: 'phone',
      // The phone pass, and every main screen once more at phone size.
      testMatch: /(phone|screens)\.spec\.ts/,
      use: { browserName: 'chromium', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
  ],
  webServer: {
    command: apiCommand,
    cwd: apiDir,
    url: `${baseURL}/health/ready`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      ASPNETCORE_ENVIRONMENT: 'Development',
      ASPNETCORE_URLS: baseURL,
      ConnectionStrings__CommunityHub: `Data Source=${process.env.E2E_DB_PATH}`,
      Mail__PickupDirectory: process.env.E2E_MAIL_DIR,
      Mail__PollMilliseconds: '200',
      Seed__DemoData: process.env.E2E_SEED_DEMO ?? 'true',
      // The webhook specs deliver to a receiver on 127.0.0.1 (see scripts/test-all.sh).
      Webhooks__AllowedNetworks__0: process.env.Webhooks__AllowedNetworks__0 ?? '127.0.0.0/8',
      DOTNET_CLI_TELEMETRY_OPTOUT: '1',
      DOTNET_NOLOGO: '1',
    },
  },
});
