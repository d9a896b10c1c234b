import { expect, test } from '@playwright/test';
import { inboxList, saveDocScreenshot, signIn } from './support/console';
import { BASE_URL, DEMO_PASSWORD } from './support/e2e.constants';
import { postGenericWebhook } from './support/webhook';

const DEMO_ADMIN = 'admin@example.com';

test.describe('connectors from the console', () => {
  test('an admin creates a generic connector from the form, and a webhook signed with the shown secret is accepted and appears', async ({
    page,
    context,
    request,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
    const stamp = Date.now();
    await signIn(page, DEMO_ADMIN, DEMO_PASSWORD);
    await expect(page).toHaveURL(`${BASE_URL}/`, { timeout: 30_000 });
    await page.goto('/admin/connectors');
    await page.getByRole('link', { name: 'New connector' }).click();
    await expect(page).toHaveURL(`${BASE_URL}/admin/connectors/new`);
    const form = page.getByRole('form', { name: 'New connector' });
    await expect(form.getByLabel('Provider')).toBeVisible();
    await saveDocScreenshot(page, 'connector-new');

    // The server's messages, beside the fields they name.
    await form.getByLabel('Name').fill('Twilio line');
    await form.getByLabel('Provider').selectOption({ label: 'Twilio Voice' });
    await form.getByLabel('Account SID').fill('AC123');
    await form.getByRole('button', { name: 'Create connector' }).click();
    await expect(page.locator('#connector-field-config-accountSid-error')).toHaveText(/must be a Twilio Account SID/);
    await expect(page.locator('#connector-field-secrets-authToken-error')).toHaveText('is required');
    await expect(form.getByLabel('Account SID')).toHaveAttribute('aria-invalid', 'true');
    await saveDocScreenshot(page, 'connector-new-errors');

    await form.getByLabel('Name').fill('');
    await form.getByLabel('Provider').selectOption({ label: 'Generic webhook' });
    await form.getByRole('button', { name: 'Create connector' }).click();
    await expect(page.locator('#connector-name-error')).toContainText('name');

    const name = `Shop webhooks ${stamp}`;
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Callback URL').fill('not a url');
    await form.getByRole('button', { name: 'Create connector' }).click();
    await expect(page.locator('#connector-field-config-callbackUrl-error')).toHaveText('must be an http(s) URL');
    await form.getByLabel('Callback URL').fill('');
    await form.getByRole('button', { name: 'Create connector' }).click();

    // What to paste where, the secret this once.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name} is connected`);
    const setup = page.getByRole('region', { name: 'What to paste where' });
    const webhookUrl = (await setup.getByLabel('Webhook URL', { exact: true }).textContent())?.trim() ?? '';
    expect(webhookUrl).toMatch(new RegExp(`^${BASE_URL}/api/hooks/[0-9a-f-]{36}/generic$`));
    const secret = (await setup.getByLabel('Signing secret', { exact: true }).textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    await expect(setup).toContainText('Shown once');
    await setup.getByRole('button', { name: 'Copy the Signing secret' }).click();
    await expect(setup.getByRole('button', { name: 'Copy the Signing secret' })).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await saveDocScreenshot(page, 'connector-created');

    const connectorId = webhookUrl.split('/').at(-2) ?? '';
    const customer = `Dana Formfield ${stamp}`;
    const hook = await postGenericWebhook(
      request,
      {
        externalId: `e2e-form-${stamp}`,
        occurredAt: new Date().toISOString(),
        from: { email: `dana.${stamp}@example.com`, name: customer },
        text: 'Hello from the shop',
      },
      { id: connectorId, secret },
    );
    expect(hook.status()).toBe(202);
    const forged = await postGenericWebhook(
      request,
      { externalId: `e2e-forged-${stamp}`, occurredAt: new Date().toISOString(), from: { email: 'x@example.com' }, text: 'forged' },
      { id: connectorId, secret: 'not-the-secret' },
    );
    expect(forged.status()).toBe(401);

    // Never shown again: the connector's page names the secret only.
    await page.getByRole('link', { name: 'Open the connector' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
    await expect(page.getByText(secret)).toHaveCount(0);
    await expect(page.getByRole('note')).toContainText('Its webhooks are refused with 403');

    // Rotation: the old secret still works during the grace period chosen.
    await page.getByLabel('Grace period').selectOption({ label: '1 hour' });
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await expect(page.getByText('The previous secret is still accepted until')).toBeVisible();
    const rotation = page.getByRole('region', { name: 'Rotate the signing secret' });
    const rotated = ((await rotation.getByLabel('Signing secret', { exact: true }).textContent()) ?? '').trim();
    expect(rotated).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(rotated).not.toBe(secret);
    await saveDocScreenshot(page, 'connector-rotated');
    const payload = (tag: string) => ({
      externalId: `e2e-${tag}-${stamp}`,
      occurredAt: new Date().toISOString(),
      from: { email: `dana.${stamp}@example.com` },
      text: tag,
    });
    expect((await postGenericWebhook(request, payload('old'), { id: connectorId, secret })).status()).toBe(202);
    expect((await postGenericWebhook(request, payload('new'), { id: connectorId, secret: rotated })).status()).toBe(202);

    // Off: its webhooks are refused, with the reason on screen.
    await page.getByLabel('Enabled').uncheck();
    await expect(page.getByRole('note')).toContainText('Disabled.');
    expect((await postGenericWebhook(request, payload('off'), { id: connectorId, secret: rotated })).status()).toBe(403);
    await page.getByLabel('Enabled').check();
    await expect(page.getByRole('note')).toContainText('Disabling:');

    // The accepted event became a conversation in the inbox.
    await page.goto('/');
    await expect(inboxList(page).getByRole('listitem').filter({ hasText: customer })).toBeVisible({ timeout: 30_000 });
  });
});
