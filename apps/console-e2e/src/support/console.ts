import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './e2e.constants';

const SCREENSHOT_DIR = join(WORKSPACE_ROOT, 'test-results/screenshots');

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Saves what the viewport shows as docs/screenshots/<name>.png, the pictures the README links. */
export async function saveDocScreenshot(page: Page, name: string): Promise<void> {
  const dir = join(WORKSPACE_ROOT, 'docs/screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The conversation list of the inbox view shown (by default "All open"). */
export function inboxList(page: Page, view = 'All open') {
  return page.getByRole('list', { name: view, exact: true });
}

/** Waits until the inbox shows its list and the live connection is up. */
export async function expectInboxLive(page: Page, view = 'All open'): Promise<void> {
  await expect(page.getByRole('heading', { name: view, exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 20_000 });
}

/** The open conversation's timeline. */
export function timeline(page: Page) {
  return page.getByLabel('Customer timeline, all channels');
}
