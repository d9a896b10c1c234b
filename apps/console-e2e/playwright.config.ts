import { defineConfig, devices } from '@playwright/test';
import { join } from 'node:path';
import { BASE_URL, E2E_PORT, WORKSPACE_ROOT } from './src/support/e2e.constants';

/**
 * Browser tests of the console against the real stack (API + worker from dist/, a fresh
 * `throughline_e2e` database seeded with the demo workspace), started by `webServer`.
 * Chromium is Debian's (/usr/bin/chromium): Playwright never downloads a browser here.
 */
export default defineConfig({
  testDir: './src',
  outputDir: join(WORKSPACE_ROOT, 'test-results/console-e2e'),
  // One stack and one database for every spec: run them one after another.
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: join(WORKSPACE_ROOT, 'reports/playwright/results.json') }]],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    command: 'node tools/dev/start.mjs --no-build --fresh',
    cwd: WORKSPACE_ROOT,
    url: `${BASE_URL}/api/ready`,
    timeout: 120_000,
    reuseExistingServer: false,
    // The stack's own log goes to stderr only when something is wrong.
    stderr: 'pipe',
    env: {
      PORT: E2E_PORT,
      // Beside a running `npm start` (2525), the e2e stack needs its own SMTP port.
      SMTP_INBOUND_PORT: process.env['E2E_SMTP_PORT'] ?? '2625',
      DATABASE_URL: `postgres://postgres@localhost:5432/${process.env['E2E_DATABASE'] ?? 'throughline_e2e'}`,
      // Its own queues and channels: a running `npm start` must not take the e2e stack's jobs.
      REDIS_PREFIX: process.env['E2E_REDIS_PREFIX'] ?? 'throughline-e2e',
    },
  },
});
