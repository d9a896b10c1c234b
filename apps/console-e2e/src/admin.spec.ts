import { expect, test } from '@playwright/test';
import type { EmpathyPhraseView } from '@throughline/domain';
import { tokenOf } from './support/api';
import { saveDocScreenshot, signIn } from './support/console';
import { BASE_URL, DEMO_GENERIC_CONNECTOR_ID, DEMO_PASSWORD } from './support/e2e.constants';
import { signBody } from './support/webhook';

const DEMO_ADMIN = 'admin@example.com';

test.describe('admin screens', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO_ADMIN, DEMO_PASSWORD);
    await expect(page).toHaveURL(`${BASE_URL}/`);
  });

  test('should show connectors with health, and a malformed webhook as a failed event to retry', async ({ page, context, request }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
    // Correctly signed, so it is accepted for the record, but no sender and no valid date: ingest refuses it.
    const body = Buffer.from(
      JSON.stringify({ externalId: `e2e-malformed-${Date.now()}`, occurredAt: 'yesterday', from: { name: 'Nobody' }, text: 'Where is my parcel?' }),
      'utf8',
    );
    const hook = await request.post(`${BASE_URL}/api/hooks/${DEMO_GENERIC_CONNECTOR_ID}/generic`, {
      data: body,
      headers: { 'Content-Type': 'application/json', 'X-Throughline-Signature': signBody(body) },
    });
    expect(hook.status()).toBe(400);

    await page.getByRole('banner').getByRole('link', { name: 'Admin' }).click();
    await expect(page).toHaveURL(`${BASE_URL}/admin/connectors`);
    const connectors = page.getByRole('table', { name: 'Connectors' });
    const contactForm = connectors.getByRole('row').filter({ hasText: 'Website contact form' });
    await expect(contactForm).toContainText('Generic webhook');
    await expect(contactForm).toContainText('Failing');
    await expect(contactForm).toContainText('needs at least one of email, phone or handle');
    await expect(connectors.getByRole('row').filter({ hasText: 'Website chat' })).toContainText('Chat widget');
    await saveDocScreenshot(page, 'admin-connectors');

    await contactForm.getByRole('link', { name: 'Website contact form' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Website contact form');
    const hookUrl = `${BASE_URL}/api/hooks/${DEMO_GENERIC_CONNECTOR_ID}/generic`;
    await expect(page.getByText(hookUrl)).toBeVisible();
    await page.getByRole('button', { name: 'Copy the Events (JSON) URL' }).click();
    await expect(page.getByRole('button', { name: 'Copy the Events (JSON) URL' })).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(hookUrl);
    // The signing secret exists, by name only.
    await expect(page.getByText('signingSecret', { exact: true })).toBeVisible();
    await expect(page.getByText('throughline-demo-signing-secret')).toHaveCount(0);

    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('status', { name: 'Connection test' })).toContainText('receive events by webhook');

    // An event that cannot be read has no external id of its own: it is kept under a hash of its bytes.
    const failed = page.getByRole('table', { name: 'Failed events' }).getByRole('row').filter({ hasText: 'occurredAt: Invalid ISO datetime' });
    await expect(failed).toHaveCount(1);
    await expect(failed).toContainText('from: needs at least one of email, phone or handle');
    await failed.getByRole('button', { name: /^Retry event / }).click();
    await expect(failed.getByRole('status')).toContainText('Sent to processing again');
    // The worker reads it again and, the payload being what it is, fails it again with the same reason.
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh events' }).click();
      await expect(failed).toContainText('from: needs at least one of email, phone or handle', { timeout: 1_000 });
      await expect(failed.getByRole('status')).toHaveCount(0, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
  });

  test('should edit a phrase, with the server refusing an unknown emotion beside the form', async ({ page, request }) => {
    const admin = await tokenOf(request, DEMO_ADMIN);
    const id = `e2e-phrase-${Date.now()}`;
    // Disabled, so the other specs' insights never offer it.
    const phrase: EmpathyPhraseView = {
      id,
      kind: 'phrase',
      text: 'Thanks for bearing with us.',
      tone: 'thank',
      triggers: [{ emotion: 'annoyance' }],
      deescalates: true,
      enabled: false,
    };
    const created = await request.post(`${BASE_URL}/api/empathy-phrases`, { headers: { Authorization: `Bearer ${admin}` }, data: phrase });
    expect(created.status()).toBe(201);

    await page.goto('/admin/phrases');
    const row = page.getByRole('table', { name: 'Phrases' }).getByRole('row').filter({ hasText: id });
    await expect(row).toContainText('annoyance');
    await row.getByRole('button', { name: `Edit ${id}` }).click();
    const form = page.getByRole('form', { name: 'Edit phrase' });
    await form.getByLabel('Text').fill('Thanks for bearing with us, this is your {contactOrdinal} message about it.');
    await form.getByLabel('Triggers').fill('annoyance ≥ 0.3, rage');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('alert')).toContainText('triggers.1: unknown emotion "rage"');
    await row.scrollIntoViewIfNeeded();
    await saveDocScreenshot(page, 'admin-phrases');

    await form.getByLabel('Triggers').fill('annoyance ≥ 0.3, history: repeat-contact');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Saved “${id}”` })).toBeVisible();
    await expect(row).toContainText('your {contactOrdinal} message');
    await expect(row).toContainText('annoyance ≥ 0.3, history: repeat-contact');

    const stored = await request.get(`${BASE_URL}/api/empathy-phrases`, { headers: { Authorization: `Bearer ${admin}` } });
    const saved = ((await stored.json()) as EmpathyPhraseView[]).find((p) => p.id === id);
    expect(saved?.triggers).toEqual([{ emotion: 'annoyance', minScore: 0.3 }, { history: 'repeat-contact' }]);
  });

  test('should import a products CSV and list the line that is wrong', async ({ page }) => {
    const sku = `E2E-KETTLE-${Date.now()}`;
    const csv = [
      'sku,name,description,tags,price,upgrade_of',
      `${sku},Travel Kettle,A small kettle for the road,kitchen;travel,29.90,`,
      `${sku}-BAD,Broken Row,No price on this one,kitchen,not-a-price,`,
    ].join('\n');

    await page.getByRole('banner').getByRole('link', { name: 'Admin' }).click();
    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: /Catalog & orders/ })
      .click();
    await expect(page).toHaveURL(`${BASE_URL}/admin/import`);
    await page.getByLabel('CSV file').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expect(page.getByLabel('CSV text')).toHaveValue(csv);
    await page.getByRole('button', { name: 'Import products' }).click();

    const result = page.getByRole('region', { name: 'Import result' });
    await expect(result.getByRole('status')).toContainText('1 imported');
    await expect(result.getByRole('status')).toContainText('1 line with errors');
    const errorRow = result.getByRole('table', { name: 'Lines with errors' }).getByRole('row').filter({ hasText: 'price' });
    await expect(errorRow.getByRole('cell').first()).toHaveText('3');

    await page.getByLabel('Search products').fill('travel kettle');
    const products = page.getByRole('table', { name: 'Products' });
    await expect(products.getByRole('row').filter({ hasText: 'BLEND-PRO' })).toHaveCount(0);
    await expect(products.getByRole('row').filter({ hasText: sku })).toContainText('29.90');
    // The CSV, the result and the catalog in one picture.
    await page.getByLabel('CSV text').evaluate((textarea) => textarea.scrollIntoView({ block: 'start' }));
    await saveDocScreenshot(page, 'admin-import');
  });

  test('should open the insights report and change its window', async ({ page }) => {
    await page.goto('/admin/report');
    const rates = page.getByRole('definition').filter({ hasText: /%|–/ });
    await expect(page.getByRole('heading', { name: 'Insights report' })).toBeVisible();
    await expect(page.getByText('Suggestion rate')).toBeVisible();
    await expect(page.getByText('Conversion rate')).toBeVisible();
    await expect(rates.first()).toBeVisible();
    await page.getByRole('button', { name: 'Last 90 days' }).click();
    await expect(page.getByRole('button', { name: 'Last 90 days' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText(/\(90 days\)/)).toBeVisible();
    await saveDocScreenshot(page, 'admin-report');
  });

  test('should keep agents out of the admin screens', async ({ page }) => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'agent@example.com', DEMO_PASSWORD);
    await expect(page).toHaveURL(`${BASE_URL}/`);
    await expect(page.getByRole('banner').getByRole('link', { name: 'Admin' })).toHaveCount(0);
    await page.goto('/admin/connectors');
    await expect(page).toHaveURL(`${BASE_URL}/`);
  });
});
