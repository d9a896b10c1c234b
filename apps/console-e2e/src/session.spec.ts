import { expect, type Page, test } from '@playwright/test';
import { expectInboxLive, inboxList, signIn, timeline } from './support/console';
import { DEMO_AGENT, DEMO_PASSWORD } from './support/e2e.constants';

/** Everything page scripts can read from web storage, as one string. */
const storageText = (page: Page) =>
  page.evaluate(() => [localStorage, sessionStorage].flatMap((storage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`)).join('\n'));

test.describe('session', () => {
  test('the access token stays out of web storage, and a reload signs back in with the refresh cookie, live socket included', async ({ page }) => {
    await signIn(page, DEMO_AGENT, DEMO_PASSWORD);
    await expectInboxLive(page);
    const stored = await storageText(page);
    expect(stored).toContain(DEMO_AGENT);
    // No JWT (three base64url parts) and no token field anywhere a script could read.
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(stored).not.toContain('accessToken');

    await page.reload();
    await expectInboxLive(page);
    await inboxList(page).getByRole('link').first().click();
    await expect(timeline(page).getByRole('article').first()).toBeVisible();
    expect(await storageText(page)).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.reload();
    await expect(page).toHaveURL(/\/login/);
  });
});
