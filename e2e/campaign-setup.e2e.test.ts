import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, ApiSession, ARTIFACTS, launchBrowser, newContext, startServer, uiLogin, type RunningServer } from './support/server.ts';

/**
 * Campaign setup (issue 3, parts 1–3), in Debian's Chromium against the built app: the county admin
 * pastes the real 2024 安全生产月 notice, finds the June 5 经验做法 task (1 篇 to 县局办公室) and the
 * June 24 总结 task among the parsed tasks, moves one deadline, publishes, and the campaign shows 已发布.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const notice = readFileSync(path.join(root, 'db/src/reference/notice-2024-safety-month.txt'), 'utf8');

let server: RunningServer;
let browser: Browser;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `campaign-setup-${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('专项活动：从县局通知建立活动', () => {
  it('the admin creates the campaign from the pasted notice, edits a deadline and publishes it', async () => {
    const ctx = await newContext(browser, server.url, 'desktop');
    const page = await ctx.newPage();
    await uiLogin(page, 'admin', ADMIN_PASSWORD);

    // 专项活动 in the menu → 新建活动
    await page.getByRole('menuitem', { name: /专项活动/ }).click();
    await page.waitForURL('**/campaigns');
    await page.getByTestId('campaign-new').click();
    await page.waitForURL('**/campaigns/new');

    // paste the real notice
    await page.getByTestId('tab-paste').click();
    await page.getByTestId('notice-text').fill(notice);
    await page.getByTestId('paste-submit').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const id = new URL(page.url()).pathname.split('/').pop()!;

    // what the parser found, and the two deliverables of the closing paragraph
    await expect.poll(() => page.getByTestId('parse-report').isVisible(), { timeout: 15_000 }).toBe(true);
    const rows = page.getByTestId('task-table').locator('tbody tr.ant-table-row');
    const article = rows.filter({ hasText: '2024-06-05' });
    await expect.poll(() => article.count(), { timeout: 15_000 }).toBe(1);
    const articleText = await article.innerText();
    expect(articleText).toContain('经验做法');
    expect(articleText).toContain('1 篇');
    expect(articleText).toContain('县局办公室');
    expect(articleText).toContain('各乡镇');
    const summary = rows.filter({ hasText: '2024-06-24' });
    expect(await summary.count()).toBe(1);
    expect(await summary.innerText()).toContain('总结');
    await expect.poll(() => page.getByTestId('campaign-events').innerText()).toContain('安全宣传咨询日');
    await shot(page, 'draft');

    // move the June 5 deadline to June 7
    await article.getByTestId('task-edit').click();
    const form = page.getByTestId('task-form');
    await form.waitFor();
    const deadline = form.locator('[data-testid=task-deadline] input, input[data-testid=task-deadline]').first();
    await deadline.click();
    const cell = page.locator('.ant-picker-dropdown:visible td[title="2024-06-07"]');
    await cell.waitFor({ state: 'visible' });
    await cell.click();
    // the picker closes and the field holds the new date before the form is saved (slow machines)
    await expect.poll(() => deadline.inputValue(), { timeout: 10_000 }).toBe('2024-06-07');
    await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    await page.locator('.ant-modal:visible').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('task-form').waitFor({ state: 'hidden', timeout: 15_000 });
    await expect.poll(() => rows.filter({ hasText: '2024-06-07' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.filter({ hasText: '2024-06-05' }).count()).toBe(0);

    // the server has it too, as the end of that day in Asia/Shanghai
    const admin = await new ApiSession(server.url).login('admin', ADMIN_PASSWORD);
    const detail = await admin.call<{ tasks: { deadlineDate: string; deadline: string; title: string }[] }>('GET', `/api/campaigns/${id}`);
    const moved = detail.tasks.find((t) => t.deadlineDate === '2024-06-07');
    expect(moved?.deadline).toBe('2024-06-07T15:59:59.999Z');

    // publish, with the confirmation
    await page.getByTestId('campaign-publish').click();
    const confirm = page.locator('.ant-modal-confirm:visible');
    await expect.poll(() => confirm.innerText()).toContain('发布后任务将下发给各单位，不能再修改');
    // the 2024 deadlines have passed: the same confirmation lists them (published with confirmPastDeadlines)
    expect(await confirm.innerText()).toContain('以下任务的截止日期已过，发布后各单位将立即显示为逾期');
    expect(await confirm.getByTestId('past-deadlines').innerText()).toContain('2024-06-07');
    await confirm.getByRole('button', { name: /发\s*布/ }).click();
    await expect.poll(() => page.getByTestId('campaign-status').first().innerText(), { timeout: 15_000 }).toBe('已发布');
    // a published campaign can no longer be edited; the board and the summary appear
    expect(await page.getByTestId('task-add').count()).toBe(0);
    await page.getByTestId('campaign-board').waitFor();
    await page.getByTestId('campaign-summary').waitFor();
    await shot(page, 'published');

    // and the list says so
    await page.goto('/campaigns');
    const row = page.locator('.cp-table tbody tr.ant-table-row').filter({ hasText: '安全生产月' });
    await expect.poll(() => row.first().innerText(), { timeout: 15_000 }).toContain('已发布');
    await ctx.close();
  });

  it('on a phone, a notice without dates still makes a draft that says 未识别到任务 and cannot be published yet', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await uiLogin(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/campaigns/new');
    await page.getByTestId('tab-paste').click();
    await page.getByTestId('notice-text').fill('关于做好民政服务机构安全工作的通知\n\n各乡镇民政办：\n请各单位高度重视安全工作，认真落实安全责任。\n');
    await page.getByTestId('paste-submit').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await expect.poll(() => page.getByTestId('parse-no-tasks').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('campaign-publish').isDisabled()).toBe(true);
    // nothing wider than the phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-no-tasks');
    await ctx.close();
  });
});
