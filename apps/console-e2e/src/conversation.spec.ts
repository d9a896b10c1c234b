import { expect, type Page, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGenericConnector, tokenOf } from './support/api';
import { expectInboxLive, inboxList, saveDocScreenshot, signIn, timeline } from './support/console';
import { DEMO_AGENT, DEMO_PASSWORD } from './support/e2e.constants';
import { postGenericWebhook } from './support/webhook';

const DEMO_SUPERVISOR = 'supervisor@example.com';

/** A customer's system that receives the agents' replies (the generic connector's callbackUrl). */
async function startCallbackReceiver(): Promise<{ server: Server; url: string; received: unknown[] }> {
  const received: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body || '{}'));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/replies`, received };
}

async function openConversationOf(page: Page, name: string): Promise<void> {
  const row = inboxList(page).getByRole('link', { name: new RegExp(name) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test.describe('conversation', () => {
  let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
  let connector: { id: string; secret: string };

  test.beforeAll(async ({ request }) => {
    receiver = await startCallbackReceiver();
    const created = await createGenericConnector(request, await tokenOf(request, 'admin@example.com'), receiver.url);
    connector = { id: created.id, secret: created.signingSecret ?? '' };
  });

  test.afterAll(() => new Promise<void>((resolve) => receiver.server.close(() => resolve())));

  test('should let an agent read, reply, note and resolve from the keyboard while a second agent sees it live', async ({ page, browser, request }) => {
    const stamp = Date.now();
    const name = `Noor Haddad ${stamp}`;
    const text = 'My order #A-1042 arrived with a cracked screen. This is the second time — I need a replacement before Friday.';
    expect(
      (
        await postGenericWebhook(
          request,
          {
            externalId: `e2e-conv-${stamp}`,
            occurredAt: new Date().toISOString(),
            from: { email: `noor.${stamp}@example.com`, name },
            text,
            subject: `Cracked screen ${stamp}`,
          },
          connector,
        )
      ).status(),
    ).toBe(202);

    await signIn(page, DEMO_AGENT, DEMO_PASSWORD);
    await expectInboxLive(page);
    await openConversationOf(page, name);
    await expect(timeline(page)).toContainText(text);

    // The second agent opens the same conversation: both see each other (collision detection).
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const second = await other.newPage();
    await signIn(second, DEMO_SUPERVISOR, DEMO_PASSWORD);
    await expectInboxLive(second);
    await openConversationOf(second, name);
    await expect(page.getByRole('status').filter({ hasText: 'Sam Supervisor is viewing' })).toBeVisible({ timeout: 20_000 });
    await expect(second.getByRole('status').filter({ hasText: 'Ada Agent is viewing' })).toBeVisible({ timeout: 20_000 });

    // r: reply; Ctrl+Enter sends; the callback receiver gets it and the entry says Sent.
    await page.locator('body').press('Escape');
    await page.keyboard.press('r');
    const reply = 'I am so sorry — a replacement ships today by express, and I have added a prepaid return label.';
    await page.keyboard.type(reply);
    await expect(second.getByRole('status').filter({ hasText: 'Ada Agent is typing a reply' })).toBeVisible({ timeout: 20_000 });
    await saveDocScreenshot(second, 'collision');
    await page.keyboard.press('Control+Enter');
    const sent = timeline(page).getByRole('article', { name: 'Reply by Ada Agent' }).filter({ hasText: reply });
    await expect(sent).toContainText('Sent', { timeout: 30_000 });
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(timeline(second)).toContainText(reply);

    // n: an internal note, shown differently, also live for the other agent.
    await page.keyboard.press('Escape');
    await page.keyboard.press('n');
    await page.keyboard.type('Second cracked screen from this batch — flagged to QA.');
    await page.keyboard.press('Control+Enter');
    await expect(timeline(page).getByRole('article', { name: 'Internal note by Ada Agent' })).toBeVisible();
    await expect(timeline(second).getByRole('article', { name: 'Internal note by Ada Agent' })).toBeVisible();

    // The second agent raises the priority; the first sees it without a reload.
    await second.getByLabel('Priority').selectOption('high');
    await expect(page.getByLabel('Priority')).toHaveValue('high');
    await saveDocScreenshot(page, 'conversation');

    // a: assign to me; e: resolve. Both are quiet system lines on the timeline.
    await page.keyboard.press('Escape');
    await page.keyboard.press('a');
    await expect(page.getByLabel('Assignee')).toHaveValue(/[0-9a-f-]{36}/);
    await expect(timeline(page)).toContainText('Ada Agent assigned this to Ada Agent');
    await page.keyboard.press('e');
    await expect(timeline(page)).toContainText('Ada Agent set the status to resolved');
    await expect(second.getByLabel('Status')).toHaveValue('resolved');
    // Resolved conversations leave the "All open" view live.
    await expect(inboxList(page).getByRole('link', { name: new RegExp(name) })).toHaveCount(0);
    await other.close();
  });

  test('should add a new message of the customer to the open timeline live and move the row to the top', async ({ page, request }) => {
    const stamp = Date.now();
    const name = `Kai Brandt ${stamp}`;
    const from = { email: `kai.${stamp}@example.com`, name };
    const subject = `Charger missing ${stamp}`;
    const first = 'The laptop I ordered came without its charger.';
    const post = async (externalId: string, payload: { from: typeof from; text: string; subject: string }) =>
      expect((await postGenericWebhook(request, { externalId, occurredAt: new Date().toISOString(), ...payload }, connector)).status()).toBe(202);
    await post(`e2e-follow-${stamp}-1`, { from, text: first, subject });

    await signIn(page, DEMO_AGENT, DEMO_PASSWORD);
    await expectInboxLive(page);
    await openConversationOf(page, name);
    await expect(timeline(page)).toContainText(first);
    const url = page.url();
    // Survives only if the page is never reloaded.
    await page.evaluate(() => ((window as unknown as { e2eMarker: string }).e2eMarker = 'same page'));

    // Someone else writes: Kai's row is no longer the newest.
    const otherName = `Other Writer ${stamp}`;
    await post(`e2e-follow-${stamp}-other`, {
      from: { email: `other.${stamp}@example.com`, name: otherName },
      text: 'Do you ship to Norway?',
      subject: `Shipping ${stamp}`,
    });
    const rows = inboxList(page).getByRole('listitem');
    await expect(rows.first()).toContainText(otherName, { timeout: 30_000 });

    // Kai writes again in the same thread, while the agent has the conversation open.
    const followUp = `Also the box was open when it arrived (${stamp}).`;
    await post(`e2e-follow-${stamp}-2`, { from, text: followUp, subject: `Re: ${subject}` });
    await expect(timeline(page).getByRole('article').filter({ hasText: followUp })).toBeVisible({ timeout: 30_000 });
    await expect(timeline(page).getByRole('article').filter({ hasText: first })).toBeVisible();
    await expect(rows.first()).toContainText(name);
    await expect(rows.first()).toContainText(subject);
    await expect(rows.filter({ hasText: name })).toHaveCount(1);
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe('same page');
  });

  test('should show an email with its quoted history collapsed and its original on demand', async ({ page }) => {
    await signIn(page, DEMO_AGENT, DEMO_PASSWORD);
    await expectInboxLive(page);
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('maria.lopez@example.net');
    await expect(inboxList(page).getByRole('link').first()).toContainText('María López');
    await inboxList(page).getByRole('link').first().click();
    const email = timeline(page)
      .getByRole('article')
      .filter({ has: page.getByText('Email', { exact: true }) })
      .last();
    await expect(email).toBeVisible();
    await expect(email.getByRole('button', { name: /Show quoted text/ })).toBeVisible();
    await expect(email).not.toContainText('wrote:');
    await email.getByRole('button', { name: /Show quoted text/ }).click();
    await expect(email).toContainText('wrote:');
    await email.getByRole('button', { name: /Show quoted text|Hide quoted text/ }).click();
    await saveDocScreenshot(page, 'conversation-email');
  });

  test('should merge a possible match with one click and show both histories as one timeline', async ({ page, context }) => {
    // A visitor types María's address into the chat form: unverified, so it is only a possible match.
    const visitor = await context.newPage();
    await visitor.goto('/chat-demo');
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const chat = visitor.getByRole('dialog', { name: 'Kettle & Co. support' });
    await chat.getByLabel('Name').fill('M. López');
    await chat.getByLabel('Email').fill('maria.lopez@example.net');
    await chat.getByRole('button', { name: 'Start chat' }).click();
    const question = `Any news on the replacement jar? (${Date.now()})`;
    await chat.getByLabel('Your message').fill(question);
    await chat.getByRole('button', { name: 'Send' }).click();
    await expect(chat.getByRole('log', { name: 'Conversation' })).toContainText('Sent');
    await visitor.close();

    await signIn(page, DEMO_AGENT, DEMO_PASSWORD);
    await expectInboxLive(page);
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill(question.slice(0, 30));
    await openConversationOf(page, 'M. López');
    const matches = page.getByRole('region', { name: 'Possible matches' });
    await expect(matches).toContainText('María López');
    await expect(matches).toContainText('maria.lopez@example.net');
    await expect(timeline(page)).not.toContainText('Order #4821');
    await saveDocScreenshot(page, 'possible-match');
    await matches.getByRole('button', { name: 'Merge into this customer' }).click();

    // The merge is live: María's earlier email and form messages join this timeline, marked as earlier conversations.
    await expect(timeline(page)).toContainText('Order #4821', { timeout: 20_000 });
    await expect(
      timeline(page)
        .getByRole('button', { name: /Earlier conversation/ })
        .first(),
    ).toBeVisible();
    await expect(page.getByRole('list', { name: 'Identities' })).toContainText('maria.lopez@example.net');
    await expect(matches).toBeHidden();
  });

  test('should list every shortcut on ?', async ({ page }) => {
    await signIn(page, DEMO_AGENT, DEMO_PASSWORD);
    await expectInboxLive(page);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toContainText('Assign the open conversation to me');
    await saveDocScreenshot(page, 'shortcuts');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
});
