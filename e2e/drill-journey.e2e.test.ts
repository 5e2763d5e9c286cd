import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser, newContext, startServer, uiLogin, type RunningServer } from './support/server.ts';

/**
 * The drill journey (issue 4, 应急演练), in Debian's Chromium against the built app with the demo
 * data: the institution safety officer (demo-inst) records a night fire drill on a 375 px phone with
 * one blocked exit and a photo → registers the blocked exit as a 生命通道 hazard from the drill →
 * the hazard is in the hazard ledger, and its detail links back to the drill → the township officer
 * (demo-xunzhong) sees the drill on the township's coverage view.
 */

const DEMO_PASSWORD = 'Demo-2026-lifeline';
const HAZARD_TITLE = '西侧安全出口被杂物堵塞（演练发现）';
let server: RunningServer;
let browser: Browser;
let drillPath = '';
let institutionName = '';
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `drill-journey-${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer({ LIFELINE_DEMO: 'true' });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a night fire drill on a phone', () => {
  it('the institution officer records a night fire drill with one blocked exit', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await uiLogin(page, 'demo-inst', DEMO_PASSWORD);
    await page.goto('/drills');
    await page.getByTestId('drill-new').click();
    await page.waitForURL(/\/drills\/new$/);
    institutionName = (await page.locator('.ant-select-disabled .ant-select-content').first().getAttribute('title'))!.trim();
    expect(institutionName.length).toBeGreaterThan(0);

    await page.getByTestId('drill-scenario').click();
    await page.locator('.ant-select-dropdown:visible').getByText('火灾疏散', { exact: true }).click();
    await page.getByPlaceholder('如：夜间火灾疏散演练').fill('夜间火灾疏散演练（二楼配电间）');
    await page.getByTestId('drill-night').click();
    // the held time, ten minutes ago in Asia/Shanghai (the phone gets the native datetime-local input)
    const tenMinutesAgo = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(Date.now() - 10 * 60_000)).replace(' ', 'T');
    await page.getByTestId('drill-heldAt').fill(tenMinutesAgo);
    await page.getByTestId('drill-staffCount').fill('12');
    await page.getByTestId('drill-residentCount').fill('40');
    await page.getByTestId('drill-nonAmbulatoryCount').fill('9');
    await page.getByTestId('drill-minutes').fill('4');
    await page.getByTestId('drill-seconds').fill('5');
    await page.getByPlaceholder('如：一楼东侧安全出口').fill('一楼东侧安全出口（西侧出口被杂物堵塞，无法通行）');
    await page.getByTestId('drill-blocked').click();
    await page.getByTestId('drill-notes').fill('夜间模拟二楼配电间起火，西侧安全出口被纸箱和轮椅堵塞，改由东侧出口疏散');
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#d35400' } }).jpeg().toBuffer();
    await page.locator('input[type=file][accept="image/*"]').first().setInputFiles({ name: '演练现场.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => page.locator('.ll-photo-tile img').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('drill-submit').isEnabled(), { timeout: 20_000 }).toBe(true);
    await shot(page, '1-form');
    await page.getByTestId('drill-submit').click();
    await page.waitForURL(/\/drills\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    drillPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByTestId('drill-evac').innerText()).toBe('4 分 5 秒');
    expect(await page.getByTestId('drill-title').innerText()).toContain('夜间火灾疏散演练');
    // the page is no wider than the phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, '2-detail');
    await ctx.close();
  });

  it('adds the blocked exit as a 生命通道 hazard finding, which is in the hazard ledger and links back', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await uiLogin(page, 'demo-inst', DEMO_PASSWORD);
    await page.goto(drillPath);
    await page.getByTestId('drill-propose-hazard').click();
    const modal = page.locator('.ant-modal:visible');
    await expect.poll(() => modal.getByText('生命通道', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByTestId('drill-finding-title').fill(HAZARD_TITLE);
    await page.getByTestId('drill-finding-location').fill('一楼西侧安全出口');
    await shot(page, '3-finding');
    await page.getByTestId('drill-finding-save').click();
    const link = page.getByTestId('drill-finding-hazard');
    await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
    expect(await link.innerText()).toContain(HAZARD_TITLE);
    expect(await page.getByTestId('drill-finding').innerText()).toContain('待整改');
    await shot(page, '4-finding-linked');

    await page.goto('/hazards');
    const card = page.getByTestId('hazard-card').filter({ hasText: HAZARD_TITLE });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await card.innerText()).toContain('待整改');
    await shot(page, '5-ledger');
    await card.click();
    await page.waitForURL(/\/hazards\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('hazard-drill-link').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText('演练发现').count()).toBeGreaterThan(0);
    await page.getByTestId('hazard-drill-link').click();
    await page.waitForURL((u) => u.pathname === drillPath);
    await ctx.close();
  });

  it('the township officer sees the drill on its coverage view', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await uiLogin(page, 'demo-xunzhong', DEMO_PASSWORD);
    await page.goto('/drills');
    await page.getByTestId('drill-coverage-link').click();
    await page.waitForURL(/\/drills\/coverage/);
    const row = page.getByTestId('coverage-row').filter({ hasText: institutionName });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    const text = await row.innerText();
    // the fire scenario's last drill is today's (the demo data may hold earlier drills of this home)
    // (recorded as held ten minutes before the first test: today, or yesterday just after midnight)
    const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
    expect([`火灾疏散 ${day(Date.now())}`, `火灾疏散 ${day(Date.now() - 86_400_000)}`].some((line) => text.includes(line)), text).toBe(true);
    // the night drill counts apart: "<in window> / 夜 <night in window>", at least this one
    const m = /(\d+) \/ 夜 (\d+)/.exec(text);
    expect(m, text).not.toBeNull();
    expect(Number(m![2])).toBeGreaterThanOrEqual(1);
    expect(Number(m![1])).toBeGreaterThanOrEqual(Number(m![2]));
    // and it is not on the list of institutions without a drill in 90 days
    expect(await page.getByTestId('coverage-uncovered-list').innerText()).not.toContain(institutionName);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, '6-coverage');
    await ctx.close();
  });
});
