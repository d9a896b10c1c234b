import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createGenericConnector, tokenOf } from './support/api';
import { saveDocScreenshot, signIn, timeline } from './support/console';
import { BASE_URL, DEMO_PASSWORD, WORKSPACE_ROOT } from './support/e2e.constants';
import { postGenericWebhook } from './support/webhook';

const DEMO_ADMIN = 'admin@example.com';

/** The customer's system behind a generic connector: it receives our replies, the survey among them. */
async function startCallbackReceiver(): Promise<{ server: Server; url: string; texts: string[] }> {
  const texts: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      texts.push(String((JSON.parse(body || '{}') as { text?: string }).text ?? ''));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/replies`, texts };
}

test.describe('customer surveys', () => {
  let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;

  test.beforeAll(async () => {
    receiver = await startCallbackReceiver();
  });

  test.afterAll(() => new Promise<void>((resolve) => receiver.server.close(() => resolve())));

  test('should let an admin turn surveys on, and the customer answer the survey on a phone without JavaScript', async ({ page, browser, request }) => {
    await signIn(page, DEMO_ADMIN, DEMO_PASSWORD);
    await expect(page).toHaveURL(`${BASE_URL}/`);
    await page.goto('/admin/surveys');
    await expect(page.getByRole('heading', { level: 1, name: 'Surveys' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Survey settings' });
    const csat = form.getByRole('region', { name: 'Satisfaction (CSAT, 1–5)' });
    const ces = form.getByRole('region', { name: 'Effort (CES, 1–7)' });
    await csat.getByLabel('Ask it').check();
    await csat.getByLabel('Delay after resolving (seconds)').fill('0');
    await ces.getByLabel('Ask it').check();
    await ces.getByLabel('Question').fill('How easy was it to get help from us?');
    await form.getByRole('region', { name: 'Loyalty (NPS, 0–10)' }).getByLabel('Ask it').check();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toContainText('Saved.');
    await saveDocScreenshot(page, 'admin-surveys');

    // A customer writes through a connector with a callback, an agent resolves the conversation.
    const admin = await tokenOf(request, DEMO_ADMIN);
    const connector = await createGenericConnector(request, admin, receiver.url);
    const stamp = Date.now();
    const name = `Ines Moreau ${stamp}`;
    const sent = await postGenericWebhook(
      request,
      {
        externalId: `e2e-survey-${stamp}`,
        occurredAt: new Date().toISOString(),
        from: { email: `ines.${stamp}@example.com`, name },
        text: 'Can I change my delivery address?',
      },
      { id: connector.id, secret: connector.signingSecret ?? '' },
    );
    expect(sent.status()).toBe(202);
    const headers = { Authorization: `Bearer ${admin}` };
    let conversationId = '';
    await expect
      .poll(async () => {
        const list = (await (await request.get(`${BASE_URL}/api/conversations?q=${encodeURIComponent(name)}`, { headers })).json()) as {
          items: Array<{ id: string }>;
        };
        conversationId = list.items[0]?.id ?? '';
        return conversationId;
      })
      .not.toBe('');
    expect((await request.patch(`${BASE_URL}/api/conversations/${conversationId}`, { headers, data: { status: 'resolved' } })).status()).toBe(200);
    await expect.poll(() => receiver.texts.find((t) => t.includes('/s/')) ?? '', { timeout: 20_000 }).not.toBe('');
    const link = /https?:\/\/\S+\/s\/([A-Za-z0-9_-]{43})/.exec(receiver.texts.find((t) => t.includes('/s/')) ?? '')?.[1] ?? '';
    expect(link).not.toBe('');

    // The survey page on a phone, with JavaScript off: a plain form that posts back.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, javaScriptEnabled: false });
    const customer = await phone.newPage();
    await customer.goto(`/s/${link}`);
    await expect(customer.getByRole('heading', { name: 'How did we do?' })).toBeVisible();
    await expect(customer.getByText('How easy was it to get help from us?')).toBeVisible();
    await customer.getByRole('radio', { name: '4 of 5' }).check({ force: true });
    await customer.getByRole('radio', { name: '6 of 7' }).check({ force: true });
    await customer.getByRole('radio', { name: '9 of 10' }).check({ force: true });
    await customer.getByLabel('Anything you would like to tell us? (optional)').fill('Quick and friendly <3');
    // The whole page: on a phone it is taller than the screen.
    await customer.screenshot({ path: join(WORKSPACE_ROOT, 'docs/screenshots/survey-page-mobile.png'), fullPage: true });
    await customer.getByRole('button', { name: 'Send' }).click();
    await expect(customer.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    await saveDocScreenshot(customer, 'survey-thanks-mobile');
    await phone.close();

    // The answer is on the conversation's timeline.
    await page.goto(`/c/${conversationId}`);
    await expect(timeline(page)).toContainText('Survey answered: CSAT 4/5, CES 6/7, NPS 9/10 — “Quick and friendly <3”');
    await saveDocScreenshot(page, 'conversation-survey-answer');
  });
});
