import { expect, test } from '@playwright/test';
import { saveDocScreenshot, signIn, timeline } from './support/console';
import { BASE_URL, DEMO_AGENT, DEMO_PASSWORD } from './support/e2e.constants';
import { postGenericWebhook } from './support/webhook';

const DEMO_ADMIN = 'admin@example.com';

test.describe('canned responses, queues and the audit log', () => {
  test('should let an admin write a canned response that an agent inserts with / in the composer', async ({ page, browser, request }) => {
    const stamp = Date.now();
    const shortcut = `delay-${stamp}`;
    await signIn(page, DEMO_ADMIN, DEMO_PASSWORD);
    await expect(page).toHaveURL(`${BASE_URL}/`);
    await page.goto('/admin/canned-responses');
    await page.getByRole('button', { name: 'New canned response' }).click();
    const form = page.getByRole('form', { name: 'New canned response' });
    await form.getByLabel('Title').fill('Delivery delay');
    await form.getByLabel('Shortcut').fill(shortcut);
    await form.getByLabel('Text').fill('Hi {{customer.firstName}}, your parcel is on its way. — {{agent.firstName}} ({{conversation.ref}})');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toContainText(`Saved /${shortcut}.`);
    await expect(page.getByRole('table', { name: 'Canned responses' })).toContainText('Delivery delay');
    await saveDocScreenshot(page, 'admin-canned-responses');

    const name = `Rosa Delgado ${stamp}`;
    expect(
      (
        await postGenericWebhook(request, {
          externalId: `e2e-canned-${stamp}`,
          occurredAt: new Date().toISOString(),
          from: { email: `rosa.${stamp}@example.com`, name },
          text: 'Where is my parcel?',
        })
      ).status(),
    ).toBe(202);

    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signIn(agent, DEMO_AGENT, DEMO_PASSWORD);
    const row = agent.getByRole('list', { name: 'All open', exact: true }).getByRole('link', { name: new RegExp(name) });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await row.click();
    await expect(timeline(agent)).toContainText('Where is my parcel?');
    const box = agent.getByLabel('Reply to the customer');
    await box.click();
    await box.pressSequentially(`Hello! /${shortcut.slice(0, 8)}`);
    const list = agent.getByRole('listbox', { name: 'Canned responses' });
    await expect(list.getByRole('option').filter({ hasText: 'Delivery delay' })).toBeVisible();
    await saveDocScreenshot(agent, 'composer-canned-responses');
    await box.press('Enter');
    await expect(list).toHaveCount(0);
    await expect(box).toHaveValue(/^Hello! Hi Rosa, your parcel is on its way\. — \S+ \(#[0-9A-Z]{4,}\)$/);
    await agentContext.close();
  });

  test('should show queues with their teams and the audit log of what changed', async ({ page }) => {
    const stamp = Date.now();
    await signIn(page, DEMO_ADMIN, DEMO_PASSWORD);
    await expect(page).toHaveURL(`${BASE_URL}/`);
    await page.goto('/admin/queues');
    await page.getByRole('button', { name: 'New team' }).click();
    await page.getByLabel('Name').fill(`Night shift ${stamp}`);
    await page.getByRole('group', { name: 'Members' }).getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('table', { name: 'Teams' })).toContainText(`Night shift ${stamp}`);

    await page.getByRole('button', { name: 'New queue' }).click();
    await page.getByLabel('Name').fill(`Returns ${stamp}`);
    await page
      .getByRole('group', { name: 'Teams' })
      .getByRole('checkbox', { name: `Night shift ${stamp}` })
      .check();
    await page.getByRole('button', { name: 'Save' }).click();
    const queueRow = page
      .getByRole('table', { name: 'Queues' })
      .getByRole('row')
      .filter({ hasText: `Returns ${stamp}` });
    await expect(queueRow).toContainText(`Night shift ${stamp}`);
    await expect(queueRow).toContainText('1 in all');
    await saveDocScreenshot(page, 'admin-queues-teams');

    await page.goto('/admin/audit');
    const entries = page.getByRole('table', { name: 'Audit entries' });
    await expect(entries).toContainText('queue.updated');
    await expect(entries).toContainText(`Returns ${stamp}`);
    await saveDocScreenshot(page, 'admin-audit-log');
  });
});
