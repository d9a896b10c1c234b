import { expect, test } from '@playwright/test';
import { expectInboxLive, inboxList, signIn, timeline } from './support/console';
import { BASE_URL, DEMO_AGENT, DEMO_PASSWORD } from './support/e2e.constants';
import { watchPolicy } from './support/policy';

test.describe('security headers', () => {
  test('the console loads and works under its Content-Security-Policy, without a single violation', async ({ page }) => {
    const violations = await watchPolicy(page);
    const shell = await page.goto('/login');
    const csp = shell?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(shell?.headers()['x-content-type-options']).toBe('nosniff');
    expect(shell?.headers()['x-powered-by']).toBeUndefined();

    await signIn(page, DEMO_AGENT, DEMO_PASSWORD);
    // The live socket connects under connect-src 'self'.
    await expectInboxLive(page);
    // The global stylesheet applied (a blocked inline onload would have left it media="print").
    expect(await page.evaluate(() => [...document.styleSheets].some((s) => s.href?.includes('styles-') && s.media.mediaText !== 'print'))).toBe(true);

    // Opening a conversation: REST, the live socket and the timeline's rendering.
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('maria.lopez@example.net');
    // Earlier specs merge a chat visitor into María, so her name in the list depends on the order specs run in.
    const first = inboxList(page).getByRole('link').first();
    await expect(first).toContainText('López');
    await first.click();
    await expect(timeline(page).getByRole('article').first()).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('the chat widget still loads on the demo page, and its script may be embedded by other sites', async ({ page, request }) => {
    const violations = await watchPolicy(page);
    const script = await request.get(`${BASE_URL}/widget.js`);
    expect(script.status()).toBe(200);
    expect(script.headers()['cross-origin-resource-policy']).toBe('cross-origin');
    expect(script.headers()['content-type']).toContain('text/javascript');

    await page.goto('/chat-demo');
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(page.getByRole('dialog', { name: 'Kettle & Co. support' })).toBeVisible();
    expect(violations).toEqual([]);
  });
});
