import { expect, test } from '@playwright/test';
import type { ConversationView, MessageView, Page as ApiPage } from '@throughline/domain';
import { tokenOf } from './support/api';
import { saveDocScreenshot, saveScreenshot } from './support/console';
import { BASE_URL, DEMO_AGENT } from './support/e2e.constants';

test.describe('chat widget', () => {
  test('a visitor chats on the demo page; the message reaches the API and the agent reply appears live', async ({ page, request }) => {
    await page.goto('/chat-demo');
    await page.getByRole('button', { name: 'Open chat' }).click();
    const chat = page.getByRole('dialog', { name: 'Kettle & Co. support' });
    await expect(chat).toBeVisible();

    await chat.getByLabel('Name').fill('Wren Visitor');
    await chat.getByLabel('Email').fill('wren@example.org');
    await chat.getByRole('button', { name: 'Start chat' }).click();
    await expect(chat.getByLabel('Your message')).toBeFocused();

    const question = `Does the Kettle Pro come in green? (${Date.now()})`;
    await chat.getByLabel('Your message').fill(question);
    await chat.getByRole('button', { name: 'Send' }).click();
    const log = chat.getByRole('log', { name: 'Conversation' });
    await expect(log).toContainText(question);
    await expect(log).toContainText('Sent');

    // The message went through the API's ingest path like any channel's.
    const auth = { Authorization: `Bearer ${await tokenOf(request, DEMO_AGENT)}` };
    let conversation: ConversationView | undefined;
    await expect
      .poll(
        async () => {
          const res = await request.get(`${BASE_URL}/api/conversations?channel=chat&status=open`, { headers: auth });
          conversation = ((await res.json()) as ApiPage<ConversationView>).items.find((c) => c.preview === question);
          return conversation?.customerName;
        },
        { timeout: 15_000 },
      )
      .toBe('Wren Visitor');
    const id = (conversation as ConversationView).id;

    const reply = await request.post(`${BASE_URL}/api/conversations/${id}/messages`, { headers: auth, data: { text: 'Yes! Sage green ships from Monday.' } });
    expect(reply.status()).toBe(201);
    await expect(log).toContainText('Yes! Sage green ships from Monday.');
    await expect(log).toContainText('Ada Agent');
    await expect
      .poll(async () => {
        const res = await request.get(`${BASE_URL}/api/conversations/${id}/messages`, { headers: auth });
        return ((await res.json()) as MessageView[]).find((m) => m.text === 'Yes! Sage green ships from Monday.')?.deliveryStatus;
      })
      .toBe('sent');

    await saveDocScreenshot(page, 'chat-widget');
    await saveScreenshot(page, 'chat-widget');

    // A returning visitor (same browser storage) gets the conversation back after a reload.
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(page.getByRole('log', { name: 'Conversation' })).toContainText(question);
    await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('Yes! Sage green ships from Monday.');
  });
});
