import { expect, test } from '@playwright/test';
import { saveScreenshot, signIn } from './support/console';
import { DEMO_AGENT } from './support/e2e.constants';

test.describe('sign-in', () => {
  test('should say "Wrong email or password" and stay on the sign-in screen when the password is wrong', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);

    await signIn(page, DEMO_AGENT, 'not-the-password');

    await expect(page.getByRole('alert')).toHaveText('Wrong email or password');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    await saveScreenshot(page, 'login-wrong-password');
  });
});
