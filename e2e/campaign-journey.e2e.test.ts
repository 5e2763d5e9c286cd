import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, ApiSession, ARTIFACTS, USER_PASSWORD, launchBrowser, newContext, startServer, uiLogin, type RunningServer } from './support/server.ts';

/**
 * The campaign journey (issue 3), in Debian's Chromium against the built app: the county admin
 * creates the 安全生产月 campaign by pasting the county notice and publishes it; a township officer
 * on a phone opens 我的任务 and hands in the experience article (text + a PDF); the county returns it
 * with a comment; the township sees the comment and hands in again; the county accepts it and
 * switches on 优选推送; the completion board shows the township's cell as 已通过 with the 优选 marker.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOTICE = readFileSync(path.join(root, 'db/src/reference/notice-2024-safety-month.txt'), 'utf8');
const TASK = '报送安全管理工作经验做法';
const RETURN_COMMENT = '请补充排查次数和整改隐患数量等具体数据';

let server: RunningServer;
let browser: Browser;
const ids: { campaignId?: string; assignmentId?: string } = {};
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `campaign-${name}.png`), fullPage: true });

/** A minimal one-page PDF (the upload type is decided by content: `%PDF-`). */
function pdfFile(name: string) {
  const body = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body, 'latin1') };
}

/** Creates a user through the admin API and sets its own password (admin-created accounts must change theirs). */
async function makeUser(admin: ApiSession, base: string, body: Record<string, unknown>) {
  const initial = 'Init-Passw0rd-1';
  await admin.call('POST', '/api/users', { ...body, password: initial });
  const s = await new ApiSession(base).login(String(body.username), initial);
  await s.call('POST', '/api/auth/password', { currentPassword: initial, newPassword: USER_PASSWORD });
}

/** Opens the township's article task from 我的任务 (phone). */
async function openArticleFromMyTasks(page: Page) {
  await page.goto('/my-tasks');
  const card = page.getByTestId('mine-task').filter({ hasText: TASK });
  await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
  await card.click();
  await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}\/assignments\/[0-9a-f-]{36}$/);
  ids.assignmentId = page.url().split('/').pop()!;
}

/** The township's row of the board's matrix (desktop). */
const townshipRow = (page: Page) => page.locator('.cw-matrix tbody tr').filter({ has: page.locator('.cw-unit-name', { hasText: /^浔中镇$/ }) });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  const admin = await new ApiSession(server.url).login('admin', ADMIN_PASSWORD);
  const org = await admin.call<{ townships: { id: string; name: string }[] }>('GET', '/api/org');
  const tw = Object.fromEntries(org.townships.map((t) => [t.name, t.id]));
  await makeUser(admin, server.url, { username: 'e2e-xunzhong', displayName: '李民政', role: 'township_officer', townshipId: tw['浔中镇'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('campaign journey in the browser', () => {
  it('the county admin creates the campaign by pasting the notice and publishes it', async () => {
    const ctx = await newContext(browser, server.url, 'desktop');
    const page = await ctx.newPage();
    await uiLogin(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/campaigns/new');
    await page.getByTestId('tab-paste').click();
    await page.getByTestId('notice-text').fill(NOTICE);
    await page.getByTestId('paste-submit').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    ids.campaignId = page.url().split('/').pop()!;
    // the parser placed the article task (each township, 1 篇, 6月5日)
    await expect.poll(() => page.getByTestId('campaign-tasks').innerText(), { timeout: 15_000 }).toContain(TASK);
    await shot(page, '1-draft');

    await page.getByTestId('campaign-publish').click();
    await page.getByTestId('confirm-publish').click();
    await expect.poll(() => page.getByTestId('campaign-status').first().innerText(), { timeout: 15_000 }).toBe('已发布');
    // the detail page now links to the board
    await page.getByTestId('campaign-board').click();
    await page.waitForURL(/\/board$/);
    await expect.poll(() => townshipRow(page).count(), { timeout: 15_000 }).toBe(1);
    await shot(page, '2-board-published');
    await ctx.close();
  });

  it('a township officer on a phone hands in the article from 我的任务 (text + PDF)', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await uiLogin(page, 'e2e-xunzhong', USER_PASSWORD);
    await openArticleFromMyTasks(page);
    await expect.poll(() => page.getByTestId('submit-requirement').innerText()).toContain('1 篇');

    await page.getByTestId('submit-text').fill('浔中镇坚持“每日巡查、每周检查、每月督查”，对辖区养老机构的疏散通道、安全出口开展常态化排查。');
    await page.getByTestId('uploader-document').locator('input[type=file]').setInputFiles(pdfFile('浔中镇经验做法.pdf'));
    const row = page.getByTestId('upload-row');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => row.locator('.ant-progress').count(), { timeout: 20_000 }).toBe(0);
    expect(await row.getAttribute('class')).toContain('cw-file-done');
    await shot(page, '3-phone-form');

    await page.getByTestId('submit-button').click();
    await expect.poll(() => page.getByTestId('submission-version').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('assignment-state').first().innerText()).toBe('已提交');
    // the notice is from 2024: handed in after the deadline, accepted and marked
    expect(await page.getByTestId('submission-version').first().innerText()).toContain('逾期报送');
    await expect.poll(() => page.getByTestId('submission-file').first().innerText()).toBe('浔中镇经验做法.pdf');
    expect(await page.getByTestId('submission-file').first().getAttribute('href')).toMatch(/^\/api\/attachments\/[0-9a-f-]{36}\?download=1$/);
    // nothing more to hand in while it waits for review
    expect(await page.getByTestId('submit-card').count()).toBe(0);
    await shot(page, '4-phone-submitted');
    await ctx.close();
  });

  it('the county returns it with a comment from the board', async () => {
    const ctx = await newContext(browser, server.url, 'desktop');
    const page = await ctx.newPage();
    await uiLogin(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`/campaigns/${ids.campaignId}/board`);
    const cell = townshipRow(page).locator('[data-testid=board-cell][data-state=submitted]');
    await expect.poll(() => cell.count(), { timeout: 15_000 }).toBe(1);
    await cell.click();
    await page.waitForURL(new RegExp(`/assignments/${ids.assignmentId}$`));

    await page.getByTestId('review-return').click();
    // a return needs a comment
    await page.getByTestId('review-confirm').click();
    await expect.poll(() => page.locator('.ant-modal .ant-form-item-explain-error').first().innerText()).toContain('退回意见');
    await page.getByTestId('review-comment-input').fill(RETURN_COMMENT);
    await page.getByTestId('review-confirm').click();
    await expect.poll(() => page.getByTestId('submission-status').first().innerText(), { timeout: 15_000 }).toBe('已退回');
    expect(await page.getByTestId('review-accept').count()).toBe(0);
    await shot(page, '5-returned');
    await ctx.close();
  });

  it('the township sees the comment and hands in again', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await uiLogin(page, 'e2e-xunzhong', USER_PASSWORD);
    await openArticleFromMyTasks(page);
    await expect.poll(() => page.getByTestId('returned-alert').innerText(), { timeout: 15_000 }).toContain(RETURN_COMMENT);
    await expect.poll(() => page.getByTestId('submit-card').innerText()).toContain('第 2 版');
    await shot(page, '6-phone-returned');

    await page.getByTestId('submit-text').fill('浔中镇经验做法（修改稿）：活动期间共开展排查 36 次，发现并整改隐患 12 处，其中生命通道隐患 5 处。');
    await page.getByTestId('submit-button').click();
    await expect.poll(() => page.getByTestId('submission-version').count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('assignment-state').first().innerText()).toBe('已提交');
    // the first version keeps its comment in the history
    expect(await page.getByTestId('review-comment').first().innerText()).toContain(RETURN_COMMENT);
    await shot(page, '7-phone-resubmitted');
    await ctx.close();
  });

  it('the county accepts it and pushes it (优选推送); the board shows 已通过 with 优选', async () => {
    const ctx = await newContext(browser, server.url, 'desktop');
    const page = await ctx.newPage();
    await uiLogin(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`/campaigns/${ids.campaignId}/assignments/${ids.assignmentId}`);
    await page.getByTestId('review-accept').click();
    await page.getByTestId('review-comment-input').fill('内容翔实，同意');
    await page.locator('.ant-modal:visible').getByRole('button', { name: /^通\s?过$/ }).click();
    await expect.poll(() => page.getByTestId('submission-status').first().innerText(), { timeout: 15_000 }).toBe('已通过');
    await page.getByTestId('switch-featured').click();
    await expect.poll(() => page.getByTestId('switch-featured').getAttribute('aria-checked'), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => page.getByTestId('featured-tag').count()).toBeGreaterThan(0);
    await shot(page, '8-accepted-featured');

    await page.getByTestId('assignment-board-link').click();
    await page.waitForURL(/\/board$/);
    const cell = townshipRow(page).locator('[data-testid=board-cell][data-state=accepted]');
    await expect.poll(() => cell.count(), { timeout: 15_000 }).toBe(1);
    expect(await cell.innerText()).toContain('已通过');
    expect(await cell.getByTestId('featured-tag').count()).toBe(1);
    expect(await page.getByTestId('board-stat-accepted').innerText()).toContain('1');
    await shot(page, '9-board');
    await ctx.close();
  });

  it('the township sees its own row on the phone board: 已通过 with 优选', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await uiLogin(page, 'e2e-xunzhong', USER_PASSWORD);
    await page.goto(`/campaigns/${ids.campaignId}/board`);
    const cards = page.getByTestId('board-unit-card');
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(1);
    const row = cards.first().getByTestId('board-unit-cell').filter({ hasText: TASK });
    await expect.poll(() => row.locator('[data-testid=board-cell]').getAttribute('data-state')).toBe('accepted');
    expect(await row.getByTestId('featured-tag').count()).toBe(1);
    await shot(page, '10-phone-board');
    await ctx.close();
  });
});
