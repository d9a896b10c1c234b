import { expect, type Page, test } from '@playwright/test';
import type { CreatedConnectorView, PersonView } from '@throughline/domain';
import { tokenOf } from './support/api';
import { saveDocScreenshot, signIn, timeline } from './support/console';
import { BASE_URL, DEMO_AGENT, DEMO_PASSWORD } from './support/e2e.constants';
import { postGenericWebhook } from './support/webhook';

const SUPERVISOR = 'supervisor@example.com';
const ADMIN = 'admin@example.com';

function queueCard(page: Page, name: string) {
  return page.locator(`[data-queue="${name}"]`);
}

async function openWallboard(page: Page): Promise<void> {
  await signIn(page, SUPERVISOR, DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Wallboard', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Wallboard', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Wallboard', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 20_000 });
}

test.describe('supervisor wallboard', () => {
  test('shows a loading state, then moves by itself when a burst of webhooks arrives', async ({ page, request }) => {
    // Hold the first overview back long enough to see (and picture) the loading state.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/supervisor/overview', async (route) => {
      await held;
      await route.continue();
    });
    await signIn(page, SUPERVISOR, DEMO_PASSWORD);
    await expect(page.getByRole('link', { name: 'Wallboard', exact: true })).toBeVisible();
    await page.goto('/supervisor');
    await expect(page.getByText('Loading the wallboard…')).toBeVisible();
    await saveDocScreenshot(page, 'wallboard-loading');
    release();

    const general = queueCard(page, 'General');
    await expect(general).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 20_000 });
    const openBefore = Number(await general.locator('[data-figure="open"]').textContent());
    const genericLastHour = page.locator('.channels li', { hasText: 'Generic' }).locator('strong');
    const genericBefore = (await genericLastHour.count()) ? Number(await genericLastHour.textContent()) : 0;

    const burst = 12;
    const run = Date.now();
    const responses = await Promise.all(
      Array.from({ length: burst }, (_, n) =>
        postGenericWebhook(request, {
          externalId: `wallboard-${run}-${n}`,
          occurredAt: new Date().toISOString(),
          from: { email: `wallboard-${run}-${n}@example.org`, name: `Wallboard customer ${n}` },
          text: `Order ${n} has not arrived`,
        }),
      ),
    );
    expect(responses.every((r) => r.status() === 202)).toBe(true);

    // No reload and no polling: the numbers arrive as supervisor.overview pushes.
    await expect(general.locator('[data-figure="open"]')).toHaveText(String(openBefore + burst), { timeout: 20_000 });
    await expect(genericLastHour).toHaveText(String(genericBefore + burst));
    await saveDocScreenshot(page, 'wallboard-live');
  });

  test('a reassignment and a note from the wallboard reach the agent’s console live', async ({ browser, page, request }) => {
    test.setTimeout(120_000);
    const admin = await tokenOf(request, ADMIN);
    const auth = { Authorization: `Bearer ${admin}` };
    // A queue of its own with a tiny first-response target, so its conversation breaches at once without touching other specs' queues.
    const queue = (await (await request.post(`${BASE_URL}/api/queues`, { headers: auth, data: { name: 'Escalations' } })).json()) as {
      id: string;
      name: string;
    };
    const connector = (await (
      await request.post(`${BASE_URL}/api/connectors`, {
        headers: auth,
        data: { name: 'Escalations form', kind: 'generic', provider: 'generic', config: {}, queueId: queue.id },
      })
    ).json()) as CreatedConnectorView;
    const policy = await request.post(`${BASE_URL}/api/sla-policies`, {
      headers: auth,
      data: { name: 'Escalations: answer at once', match: { queueId: queue.id }, firstResponseMinutes: 0.01 },
    });
    expect(policy.status()).toBe(201);
    const policyId = ((await policy.json()) as { id: string }).id;
    const people = (await (await request.get(`${BASE_URL}/api/users`, { headers: auth })).json()) as PersonView[];
    const agentId = people.find((p) => p.email === DEMO_AGENT)?.id ?? '';

    try {
      const run = Date.now();
      const accepted = await postGenericWebhook(
        request,
        {
          externalId: `escalation-${run}`,
          occurredAt: new Date().toISOString(),
          from: { email: `escalation-${run}@example.org`, name: 'Erin Escalation' },
          text: 'Still waiting!',
        },
        { id: connector.id, secret: connector.signingSecret ?? '' },
      );
      expect(accepted.status()).toBe(202);

      await openWallboard(page);
      // The SLA sweep marks it breached; the list follows from the live event.
      const row = page.locator('table.attention tr', { hasText: 'Erin Escalation' });
      await expect(row).toBeVisible({ timeout: 45_000 });
      await expect(row).toContainText('Breached');
      await saveDocScreenshot(page, 'wallboard-attention');

      // The agent has the conversation open in a second browser.
      const agentContext = await browser.newContext();
      const agentPage = await agentContext.newPage();
      await signIn(agentPage, DEMO_AGENT, DEMO_PASSWORD);
      await expect(agentPage.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 20_000 });
      const href = await row.getByRole('link').getAttribute('href');
      await agentPage.goto(href ?? '/');
      await expect(timeline(agentPage)).toContainText('Still waiting!');
      await expect(agentPage.getByLabel('Assignee')).toHaveValue('');

      await row.getByLabel(/^Assignee of/).selectOption(agentId);
      await expect(agentPage.getByLabel('Assignee')).toHaveValue(agentId, { timeout: 10_000 });

      await row.getByRole('button', { name: 'Note' }).click();
      await page.getByLabel(/^Note for Ada Agent/).fill('Customer is upset, please answer first.');
      await page.getByRole('button', { name: 'Post note' }).click();
      await expect(timeline(agentPage)).toContainText('Customer is upset, please answer first.', { timeout: 10_000 });

      await row.getByLabel(/^Priority of/).selectOption('urgent');
      await expect(row.getByLabel(/^Priority of/)).toHaveValue('urgent');
      await agentContext.close();
    } finally {
      await request.delete(`${BASE_URL}/api/sla-policies/${policyId}`, { headers: auth });
    }
  });

  test('is pushed, not polled: no overview request after the page has loaded', async ({ page, request }) => {
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/supervisor/overview')) asked.push(r.url());
    });
    await openWallboard(page);
    await expect(queueCard(page, 'Billing')).toBeVisible();
    const atLoad = asked.length;
    // Something changes meanwhile, so pushes arrive; still no request.
    const run = Date.now();
    await postGenericWebhook(request, {
      externalId: `quiet-${run}`,
      occurredAt: new Date().toISOString(),
      from: { email: `quiet-${run}@example.org` },
      text: 'Hi',
    });
    await page.waitForTimeout(3000);
    expect(atLoad).toBeGreaterThan(0);
    expect(asked.length).toBe(atLoad);
  });
});
