import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import type { InsightsReportView } from '@throughline/domain';
import { tokenOf } from './support/api';
import { expectInboxLive, inboxList, saveDocScreenshot, signIn } from './support/console';
import { BASE_URL, DEMO_AGENT, DEMO_PASSWORD } from './support/e2e.constants';
import { postGenericWebhook } from './support/webhook';

async function promptUses(request: APIRequestContext, supervisorToken: string): Promise<number> {
  const response = await request.get(`${BASE_URL}/api/insights/report`, { headers: { Authorization: `Bearer ${supervisorToken}` } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as InsightsReportView).promptUses;
}

async function openConversationOf(page: Page, name: string): Promise<void> {
  const row = inboxList(page).getByRole('link', { name: new RegExp(name) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

const composer = (page: Page) => page.getByLabel('Reply to the customer');

test.describe('insights', () => {
  test('should read an angry customer, hold cross-sell back, and insert a prompt that the report counts', async ({ page, request }) => {
    const supervisor = await tokenOf(request, 'supervisor@example.com');
    const usesBefore = await promptUses(request, supervisor);
    const stamp = Date.now();
    const name = `Jonas Keller ${stamp}`;
    const text = 'This is the THIRD time I write. Still no refund, I am furious.';
    expect(
      (
        await postGenericWebhook(request, {
          externalId: `e2e-angry-${stamp}`,
          occurredAt: new Date().toISOString(),
          from: { email: `jonas.${stamp}@example.com`, name },
          subject: `Refund ${stamp}`,
          text,
        })
      ).status(),
    ).toBe(202);

    await signIn(page, DEMO_AGENT, DEMO_PASSWORD);
    await expectInboxLive(page);
    await openConversationOf(page, name);

    const feels = page.getByRole('region', { name: 'How they feel' });
    await expect(feels).toContainText('Upset', { timeout: 30_000 });
    const emotion = feels
      .getByRole('listitem')
      .filter({ hasText: /^(Angry|Annoyed)/ })
      .first();
    await expect(emotion).toBeVisible();
    // Its evidence quotes the customer's own words.
    const evidence = (await emotion.locator('.evidence').textContent()) ?? '';
    const quoted = [...evidence.matchAll(/“([^”]+)”/g)].map((m) => m[1]);
    expect(quoted.length).toBeGreaterThan(0);
    for (const words of quoted) expect(text.toLowerCase()).toContain(words.toLowerCase());
    // Said once: the server's reason already starts with "resolve first".
    await expect(page.getByRole('region', { name: 'They may need next' }).getByRole('note')).toHaveText(
      /^Resolve first — the customer is (angry|frustrated|upset)$/,
    );
    await expect(page.getByRole('button', { name: 'Offer it' })).toHaveCount(0);

    const say = page.getByRole('region', { name: 'What to say' });
    const insert = say.getByRole('button', { name: /^Insert: / }).first();
    const prompt = ((await insert.getAttribute('aria-label')) ?? '').replace(/^Insert: /, '');
    expect(prompt.length).toBeGreaterThan(10);
    await insert.click();
    await expect(composer(page)).toHaveValue(prompt);
    await expect(composer(page)).toBeFocused();
    await expect.poll(() => promptUses(request, supervisor), { timeout: 15_000 }).toBeGreaterThanOrEqual(usesBefore + 1);

    await feels.scrollIntoViewIfNeeded();
    await saveDocScreenshot(page, 'insights');
  });

  test('should suggest a product for a calm catalog question and insert its pitch on "Offer it"', async ({ page }) => {
    await signIn(page, DEMO_AGENT, DEMO_PASSWORD);
    await expectInboxLive(page);
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('invoicing');
    await openConversationOf(page, 'Lena Vogel');

    const next = page.getByRole('region', { name: 'They may need next' });
    const offer = next.getByRole('button', { name: 'Offer it' }).first();
    await expect(offer).toBeVisible({ timeout: 30_000 });
    await expect(next.getByRole('note')).toHaveCount(0);
    const suggestion = next
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: 'Offer it' }) })
      .first();
    // The product's name is the line's own text; its SKU follows in a span.
    const productName = (await suggestion.locator('.product').evaluate((p) => p.firstChild?.textContent ?? '')).trim();
    expect(productName.length).toBeGreaterThan(2);

    await offer.click();
    await expect(composer(page)).toHaveValue(new RegExp(`^${productName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} might help here`));
    await expect(next.locator('.product').filter({ hasText: productName })).toHaveCount(0);
  });
});
