import { expect, test } from '@playwright/test';
import { saveDocScreenshot, signIn } from './support/console';
import { BASE_URL, DEMO_PASSWORD } from './support/e2e.constants';

const DEMO_ADMIN = 'admin@example.com';

test.describe('people', () => {
  test('an admin invites an agent, who accepts the invite and signs in', async ({ page, browser }) => {
    const email = `robin.${Date.now()}@example.com`;
    await signIn(page, DEMO_ADMIN, DEMO_PASSWORD);
    await expect(page).toHaveURL(`${BASE_URL}/`);
    await page.goto('/admin/people');
    await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: DEMO_ADMIN })).toContainText('Active');

    await page.getByRole('button', { name: 'Invite person' }).click();
    const form = page.getByRole('form', { name: 'Invite a person' });
    await form.getByLabel('Name').fill('Robin Invited');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Role').selectOption('agent');
    await form.getByLabel('Capacity').fill('5');
    await saveDocScreenshot(page, 'people-invite');
    await form.getByRole('button', { name: 'Create invite' }).click();

    const shown = page.getByRole('status', { name: 'Link to share' });
    await expect(shown).toContainText('Invite for Robin Invited');
    const inviteUrl = await shown.getByLabel('Link').inputValue();
    expect(inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
    await expect(page.getByRole('row').filter({ hasText: email })).toContainText('Invited');
    await saveDocScreenshot(page, 'people');

    // The disable confirmation says what happens.
    await page.getByRole('row').filter({ hasText: email }).getByRole('button', { name: 'Disable' }).click();
    await expect(page.getByText('They are signed out everywhere at once')).toBeVisible();
    await saveDocScreenshot(page, 'people-disable');
    await page.getByRole('button', { name: 'Keep active' }).click();

    // The invitee, in a browser of their own.
    const invitee = await browser.newContext();
    const theirs = await invitee.newPage();
    await theirs.goto(new URL(inviteUrl).pathname);
    await expect(theirs.getByRole('heading', { name: 'Welcome to Throughline' })).toBeVisible();
    await theirs.getByLabel('New password', { exact: true }).fill('password123');
    await theirs.getByLabel('New password again').fill('password123');
    await theirs.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(theirs.getByRole('alert')).toContainText('common');
    await theirs.getByLabel('New password', { exact: true }).fill('robins-own-long-passphrase');
    await theirs.getByLabel('New password again').fill('robins-own-long-passphrase');
    await saveDocScreenshot(theirs, 'invite-accept');
    await theirs.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(theirs).toHaveURL(`${BASE_URL}/`);
    await expect(theirs.getByRole('banner')).toContainText('Robin Invited');

    // Signing out and in again with the chosen password.
    await theirs.getByRole('button', { name: 'Sign out' }).click();
    await signIn(theirs, email, 'robins-own-long-passphrase');
    await expect(theirs).toHaveURL(`${BASE_URL}/`);
    await expect(theirs.getByRole('banner')).toContainText('Agent');
    await invitee.close();

    await page.reload();
    await expect(page.getByRole('row').filter({ hasText: email })).toContainText('Active');
  });
});
