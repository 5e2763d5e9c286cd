import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, launchBrowser, newContext, startServer, uiLogin, type RunningServer } from './support/server.ts';

/** The county admin changes an editable working rule (default rectification period) in the UI. */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('系统参数', () => {
  it('the admin sets the default rectification period and the server keeps it', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await uiLogin(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/admin/settings');
    const general = page.getByTestId('settings-form').locator('#general');
    await expect.poll(() => general.inputValue(), { timeout: 15_000 }).toBe('30');
    await general.fill('20');
    await page.getByTestId('settings-form').locator('button[type=submit]').click();
    await expect
      .poll(async () => (await (await page.request.get('/api/settings')).json())['hazard.defaultDeadlineDays'].general, { timeout: 15_000 })
      .toBe(20);
    await ctx.close();
  });
});
