import { expect, test } from '@playwright/test';
import type { ConversationView, LoginResponse, Page as ApiPage } from '@throughline/domain';
import { expectInboxLive, inboxList, saveScreenshot, signIn } from './support/console';
import { BASE_URL, DEMO_AGENT, DEMO_PASSWORD } from './support/e2e.constants';
import { postGenericWebhook } from './support/webhook';

test.describe('inbox', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO_AGENT, DEMO_PASSWORD);
    await expect(page).toHaveURL(`${BASE_URL}/`);
  });

  test('should show the agent the seeded open conversations', async ({ page, request }) => {
    // What the API says is open, read with the agent's own token.
    const login = await request.post(`${BASE_URL}/api/auth/login`, { data: { email: DEMO_AGENT, password: DEMO_PASSWORD } });
    expect(login.ok()).toBe(true);
    const { accessToken, user } = (await login.json()) as LoginResponse;
    const open = await request.get(`${BASE_URL}/api/conversations?status=open`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(open.ok()).toBe(true);
    const { items } = (await open.json()) as ApiPage<ConversationView>;
    expect(items.length).toBeGreaterThan(0);

    await expectInboxLive(page);
    const rows = inboxList(page).getByRole('listitem');
    await expect(rows).toHaveCount(items.length);
    for (const conversation of items) {
      await expect(inboxList(page)).toContainText(conversation.customerName?.trim() || 'Unknown customer');
    }
    await expect(page.getByRole('banner')).toContainText(user.name);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await saveScreenshot(page, 'inbox-seeded');
  });

  test('should show a conversation that arrives by webhook without a reload', async ({ page, request }) => {
    await expectInboxLive(page);
    const before = await inboxList(page).getByRole('listitem').count();
    // Survives only if the page is never reloaded.
    await page.evaluate(() => ((window as unknown as { e2eMarker: string }).e2eMarker = 'same page'));

    const stamp = Date.now();
    const name = `Robin Live ${stamp}`;
    const response = await postGenericWebhook(request, {
      externalId: `e2e-live-${stamp}`,
      occurredAt: new Date().toISOString(),
      from: { email: `robin.live.${stamp}@example.com`, name },
      text: 'Hello! My parcel tracking has not moved for four days. Can you check?',
      subject: `Parcel stuck ${stamp}`,
    });
    expect(response.status()).toBe(202);

    const row = inboxList(page).getByRole('listitem').filter({ hasText: name });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row).toContainText(`Parcel stuck ${stamp}`);
    await expect(inboxList(page).getByRole('listitem').first()).toContainText(name);
    await expect(inboxList(page).getByRole('listitem')).toHaveCount(before + 1);
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe('same page');
    await saveScreenshot(page, 'inbox-live-arrival');
  });
});
