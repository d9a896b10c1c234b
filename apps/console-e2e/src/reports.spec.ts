import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { saveDocScreenshot, signIn } from './support/console';
import { BASE_URL, DEMO_PASSWORD } from './support/e2e.constants';

const SUPERVISOR = 'supervisor@example.com';
const AGENT = 'agent@example.com';

test.describe('reports', () => {
  test('should chart the last two weeks of the demo, group them by agent and download the table as CSV', async ({ page }) => {
    await signIn(page, SUPERVISOR, DEMO_PASSWORD);
    // The first sign-in after the stack starts hashes slowly on a busy machine.
    await expect(page).toHaveURL(`${BASE_URL}/`, { timeout: 30_000 });
    // Held back a moment, so the loading state can be seen.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/reports/summary?*', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('banner').getByRole('link', { name: 'Reports' }).click();
    await expect(page).toHaveURL(`${BASE_URL}/reports`);
    await expect(page.getByLabel('Loading the report')).toBeVisible();
    await saveDocScreenshot(page, 'reports-loading');
    release();

    const totals = page.getByRole('definition').filter({ hasText: /^\d+$/ }).first();
    await expect(totals).toBeVisible();
    expect(Number(await totals.textContent())).toBeGreaterThan(30);
    const table = page.getByRole('table', { name: 'Report by day' });
    // Fourteen days, today included, and the totals.
    await expect(table.locator('tbody tr')).toHaveCount(14);
    await expect(table.locator('tfoot')).toContainText('Total');
    const charts = page.locator('tl-report-chart canvas');
    await expect(charts).toHaveCount(2);
    for (const canvas of await charts.all()) expect((await canvas.boundingBox())?.height ?? 0).toBeGreaterThan(100);
    await saveDocScreenshot(page, 'reports');

    await page.getByLabel('Group by').selectOption('agent');
    const byAgent = page.getByRole('table', { name: 'Report by agent' });
    await expect(byAgent.getByRole('rowheader', { name: 'Ada Agent' })).toBeVisible();
    await expect(byAgent.getByRole('rowheader', { name: 'Unassigned' })).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^throughline-report-.*-by-agent\.csv$/);
    const lines = readFileSync((await file.path()) as string, 'utf8')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^key,label,conversations,resolved,reopened,/);
    expect(lines.some((l) => l.includes(',Ada Agent,'))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^total,Total,\d+,/);
  });

  test('should say so when the range holds nothing, and offer a retry when the report fails', async ({ page }) => {
    await signIn(page, SUPERVISOR, DEMO_PASSWORD);
    await expect(page).toHaveURL(`${BASE_URL}/`);
    await page.goto('/reports');
    await expect(page.getByRole('table', { name: 'Report by day' })).toBeVisible();
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To').fill('2020-01-07');
    await expect(page.getByTestId('report-empty')).toContainText('No conversations in this range');
    await saveDocScreenshot(page, 'reports-empty');

    await page.route('**/api/reports/summary?*', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ statusCode: 503, message: 'The database is not answering' }) }),
    );
    await page.getByLabel('Group by').selectOption('week');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Report not loaded');
    await saveDocScreenshot(page, 'reports-error');
    await page.unroute('**/api/reports/summary?*');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('report-empty')).toBeVisible();
  });

  test('should not be offered to agents', async ({ page }) => {
    await signIn(page, AGENT, DEMO_PASSWORD);
    await expect(page).toHaveURL(`${BASE_URL}/`);
    await expect(page.getByRole('banner').getByRole('link', { name: 'Reports' })).toHaveCount(0);
    await page.goto('/reports');
    await expect(page).toHaveURL(`${BASE_URL}/`);
  });
});
