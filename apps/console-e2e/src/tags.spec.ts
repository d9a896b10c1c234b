import { expect, test } from '@playwright/test';
import { saveDocScreenshot, signIn } from './support/console';
import { BASE_URL, DEMO_AGENT, DEMO_PASSWORD } from './support/e2e.constants';
import { postGenericWebhook } from './support/webhook';

const DEMO_ADMIN = 'admin@example.com';

test('should let an admin create a tag, an agent put it on a conversation, and the inbox filter by it', async ({ page, browser, request }) => {
  const stamp = Date.now();
  const tagName = `Refund ${String(stamp).slice(-5)}`;
  const customerName = `Tomas Berg ${stamp}`;

  await signIn(page, DEMO_ADMIN, DEMO_PASSWORD);
  await expect(page).toHaveURL(`${BASE_URL}/`);
  await page.goto('/admin/tags');
  await expect(page.getByRole('heading', { level: 1, name: 'Tags' })).toBeVisible();
  const form = page.getByRole('form', { name: 'New tag' });
  await form.getByLabel('Name').fill(tagName);
  await form.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByRole('table', { name: 'Tags' }).locator('.chip', { hasText: tagName })).toBeVisible();
  await form.getByLabel('Name').fill(`Urgent ${String(stamp).slice(-5)}`);
  await form.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByRole('table', { name: 'Tags' }).locator('.chip', { hasText: 'Urgent' })).toBeVisible();
  // The same name in another case is refused by the server, and the screen says why.
  await form.getByLabel('Name').fill(tagName.toUpperCase());
  await form.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByRole('alert')).toContainText('a tag with this name exists');
  await saveDocScreenshot(page, 'admin-tags');

  expect(
    (
      await postGenericWebhook(request, {
        externalId: `e2e-tags-${stamp}`,
        occurredAt: new Date().toISOString(),
        from: { email: `tomas.${stamp}@example.com`, name: customerName },
        text: 'I would like my money back, please.',
      })
    ).status(),
  ).toBe(202);

  const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const agent = await agentContext.newPage();
  await signIn(agent, DEMO_AGENT, DEMO_PASSWORD);
  const list = agent.getByRole('list', { name: 'All open', exact: true });
  const row = list.getByRole('link', { name: new RegExp(customerName) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  await agent.getByLabel('Add a tag').selectOption({ label: tagName });
  const tags = agent.getByLabel('Tags', { exact: true });
  await expect(tags.locator('.tag', { hasText: tagName })).toBeVisible();
  await expect(agent.getByLabel('Customer timeline, all channels')).toContainText(`tagged this ${tagName}`);
  // The inbox row beside it shows the tag too, live.
  await expect(row.locator('.tag', { hasText: tagName })).toBeVisible();
  await saveDocScreenshot(agent, 'conversation-tags');

  await agent.goto('/');
  await agent.locator('.tag-filter select').selectOption({ label: tagName });
  await expect(agent).toHaveURL(/[?&]tag=[0-9a-f-]{36}/);
  await expect(list.getByRole('link')).toHaveCount(1);
  await expect(list.getByRole('link', { name: new RegExp(customerName) })).toBeVisible();
  await saveDocScreenshot(agent, 'inbox-tag-filter');

  // Taken off again from the header, the conversation leaves the filtered list.
  await list.getByRole('link', { name: new RegExp(customerName) }).click();
  await agent.getByRole('button', { name: `Remove tag ${tagName}` }).click();
  await expect(tags.locator('.tag', { hasText: tagName })).toHaveCount(0);
  await expect(list.getByRole('link')).toHaveCount(0);
  await agentContext.close();
});
