import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { ADMIN_PASSWORD, ApiSession, ARTIFACTS, launchBrowser, newContext, startServer, uiLogin, type RunningServer } from './support/server.ts';

/**
 * The public report journey (issue 5, 举报 → 核查 → 隐患 → 奖励 → 曝光台), in Debian's Chromium against the
 * built app with the demo data, everything through the UI:
 * 1. a member of the public on a 375 px phone opens /report, finds the demo-inst home by name, reports
 *    锁闭安全出口 with a photo, asks for a reward (name + phone), and gets the receipt code once;
 * 2. the county (demo-county) accepts it in 举报处理 and assigns it to 浔中镇;
 * 3. the township officer (demo-xunzhong, phone) starts verification, gives the verdict 属实 with a
 *    new major hazard (level / category / title / deadline), the linked hazard opens (待整改), and
 *    writes to the reporter;
 * 4. the reporter looks the code up on /report/status (phone), sees 已核实 and the message, replies;
 * 5. the hazard's closed loop: the institution (demo-inst, phone) starts and submits the
 *    rectification, the county (demo-county) verifies it → 已销号 (major hazards: county only);
 * 6. the county proposes the reward (fine 50,000 → 7,500 suggested), the leader (demo-leader)
 *    approves, the reporter claims it by receipt code, the county records the payment → 办结;
 * 7. the county drafts an exposure case from the report, submits it, the leader approves it, and it
 *    is on the public /exposure page (phone).
 * Throughout: the reporter's name and phone never appear on the county's list, the report detail
 * (before an explicit, audited reveal by the admin), the institution's hazard page, the exposure
 * pages, nor in the exported .xlsx (downloaded with the 导出 button).
 * Reading only (no setup through the API): demo-inst's /api/auth/me gives its institution's name.
 */

const DEMO_PASSWORD = 'Demo-2026-lifeline';
const REPORTER_NAME = '林晓燕';
const REPORTER_PHONE = '13905951234';
const DESCRIPTION = '晚上九点路过时看到养老院一楼东侧安全出口被铁链和挂锁锁住，门内还堆着纸箱，老人晚上根本出不去。';
const HAZARD_TITLE = '一楼东侧安全出口被铁链锁闭（群众举报）';
const HANDLER_MESSAGE = '您好，经现场核查情况属实，已责令机构立即整改，感谢您的监督。';
const REPORTER_REPLY = '谢谢，请问整改完成后会再去复查吗？';
const OK = /^(确\s?定|提\s?交)$/;

let server: RunningServer;
let browser: Browser;
let webCopy = '';
const s: { institution?: string; code?: string; serial?: string; reportId?: string; hazardId?: string; caseId?: string; caseTitle?: string } = {};
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `report-journey-${name}.png`), fullPage: true });
const modal = (page: Page) => page.locator('.ant-modal:visible');

/**
 * Clicks the OK button of the open modal once it has finished opening, and waits until no modal is
 * left on the page (the next step's button must not be clicked while the closing animation runs).
 */
async function confirmModal(page: Page, ok: Locator) {
  // not while it still zooms in (under load a click can land beside the moving button)
  await expect.poll(() => page.locator('.ant-modal:visible[class*="zoom"]').count(), { timeout: 10_000 }).toBe(0);
  await ok.click();
  try {
    await expect.poll(() => page.locator('.ant-modal:visible').count(), { timeout: 15_000 }).toBe(0);
  } catch (e) {
    await shot(page, `failed-modal-${Date.now()}`);
    console.log('modal still open:', await page.locator('.ant-modal:visible').allInnerTexts());
    throw e;
  }
}

/** A small JPEG with camera EXIF (the server strips metadata before storing). */
async function photoFile(name: string) {
  const buffer = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c0392b' } })
    .withExifMerge({ IFD0: { Make: 'E2EPhone', Model: 'ReporterCam' } })
    .jpeg({ quality: 80 })
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

/** The reporter's identity must be nowhere in the page's markup. */
async function expectNoIdentity(page: Page, where: string) {
  const html = await page.content();
  expect(html.includes(REPORTER_NAME), `${where}: the reporter's name is on the page`).toBe(false);
  expect(html.includes(REPORTER_PHONE), `${where}: the reporter's phone is on the page`).toBe(false);
  expect(html.includes(REPORTER_PHONE.slice(3)), `${where}: the reporter's phone (last 8 digits) is on the page`).toBe(false);
}

/** Picks an option of an antd Select (`#id` of a plain form Select, or a locator of the select) by its exact label. */
async function pickSelect(page: Page, scope: Locator, id: string | Locator, label: string) {
  await (typeof id === 'string' ? scope.locator('.ant-form-item', { has: page.locator(`#${id}`) }).locator('.ant-select') : id).click();
  await page.locator('.ant-select-dropdown:visible').locator('.ant-select-item-option', { hasText: new RegExp(`^${label}$`) }).click();
}

/** Opens the report through 举报处理 (menu on desktop) and the list's serial-number link. */
async function openReportFromList(page: Page) {
  await page.getByRole('menuitem', { name: '举报处理' }).click();
  await page.waitForURL(/\/reports(\?.*)?$/);
  const link = page.getByTestId('report-table').getByRole('link', { name: s.serial! });
  await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
  return link;
}

const reportStatus = (page: Page) => page.getByTestId('report-status').first().innerText();

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // serve a private copy of web/dist: others rebuild the shared tree while this long journey runs
  webCopy = mkdtempSync(path.join(tmpdir(), 'lifeline-e2e-web-'));
  cpSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist'), webCopy, { recursive: true });
  if (!existsSync(path.join(webCopy, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first');
  server = await startServer({ LIFELINE_DEMO: 'true', WEB_DIST: webCopy });
  browser = await launchBrowser();
  // read-only: which home demo-inst looks after (the first demo home of 浔中镇)
  const inst = await new ApiSession(server.url).login('demo-inst', DEMO_PASSWORD);
  const me = await inst.call<{ institutionName: string; townshipName: string }>('GET', '/api/auth/me');
  expect(me.townshipName).toBe('浔中镇');
  s.institution = me.institutionName;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (webCopy) rmSync(webCopy, { recursive: true, force: true });
});

describe('public report journey (375 px reporter)', () => {
  it('1. a member of the public reports a locked exit with a photo and gets a receipt code once', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await page.goto('/report');
    // the institution, by name search (a part of its name)
    await page.getByLabel('输入机构名称搜索').fill(s.institution!.slice(0, 6));
    const result = page.locator('.rp-results button', { has: page.locator('strong', { hasText: new RegExp(`^${s.institution}$`) }) });
    await expect.poll(() => result.count(), { timeout: 15_000 }).toBe(1);
    await result.click();
    await expect.poll(() => page.locator('.rp-picked').innerText()).toContain(s.institution!);
    expect(await page.locator('.rp-picked').innerText()).toContain('浔中镇');

    await page.locator('.rp-categories button', { hasText: /^锁闭安全出口$/ }).click();
    expect(await page.locator('.rp-categories button[aria-pressed=true]').innerText()).toBe('锁闭安全出口');
    await page.locator('#rp-description').fill(DESCRIPTION);
    await page.locator('.rp-photo-add input[type=file]').setInputFiles(await photoFile('安全出口.jpg'));
    await expect.poll(() => page.locator('.rp-photo img').count(), { timeout: 15_000 }).toBe(1);

    await page.getByLabel(/我希望获得奖励/).check();
    await page.locator('.rp-contact input').nth(0).fill(REPORTER_NAME);
    await page.locator('.rp-contact input').nth(1).fill(REPORTER_PHONE);
    await shot(page, '1-report-form');

    // the proof-of-work challenge is solved in a worker while the form is filled; submit waits for it
    await page.locator('button.rp-submit').click();
    const code = page.getByTestId('receipt-code');
    await expect.poll(() => code.count(), { timeout: 60_000 }).toBe(1);
    s.code = (await code.getAttribute('aria-label'))!;
    expect(s.code.replace(/-/g, '').length).toBeGreaterThanOrEqual(20);
    // the code is never put in the URL
    expect(page.url()).not.toContain(s.code);
    s.serial = (await page.locator('.rp-receipt').innerText()).match(/受理编号：(\S+)/)![1];
    await shot(page, '2-receipt');
    // the page is 375 px wide without horizontal scrolling
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await ctx.close();
  });

  it('2. the county accepts it and assigns it to the township; no identity on the list or the detail', async () => {
    const ctx = await newContext(browser, server.url, 'desktop');
    const page = await ctx.newPage();
    await uiLogin(page, 'demo-county', DEMO_PASSWORD);
    const link = await openReportFromList(page);
    const row = page.getByTestId('report-table').locator('tr', { has: page.getByRole('link', { name: s.serial! }) });
    expect(await row.innerText()).toContain('待受理');
    expect(await row.innerText()).toContain(s.institution!);
    await expectNoIdentity(page, 'county report list');
    await shot(page, '3-county-list');

    await link.click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    s.reportId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByTestId('report-description').innerText(), { timeout: 15_000 }).toContain('铁链');
    // 实名 (contact left) is said, who is not; demo-county (county staff) cannot reveal it
    expect(await page.locator('.ant-descriptions').first().innerText()).toContain('实名');
    expect(await page.getByTestId('report-reveal').count()).toBe(0);
    await expectNoIdentity(page, 'county report detail');
    // the reporter's photo is served without its EXIF
    const src = await page.locator(`img[src^="/api/reports/${s.reportId}/photos/"]`).first().getAttribute('src');
    const photo = await page.request.get(src!);
    expect(photo.status()).toBe(200);
    expect((await photo.body()).toString('latin1')).not.toContain('E2EPhone');

    await page.getByTestId('report-step-accept').click();
    const m = modal(page);
    await pickSelect(page, m, m.getByRole('combobox', { name: '乡镇' }), '浔中镇');
    await m.locator('#note').fill('请浔中镇民政办三个工作日内现场核查');
    await confirmModal(page, m.getByRole('button', { name: OK }));
    await expect.poll(() => reportStatus(page), { timeout: 15_000 }).toBe('已受理');
    expect(await page.locator('.ant-descriptions').first().innerText()).toContain('浔中镇');
    await shot(page, '4-county-accepted');
    await ctx.close();
  });

  it('3. the township officer verifies it true on a phone, a hazard opens, and writes to the reporter', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await uiLogin(page, 'demo-xunzhong', DEMO_PASSWORD);
    await page.goto('/reports');
    const card = page.getByTestId('report-cards').locator('a', { hasText: s.serial! });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    await expectNoIdentity(page, 'township report list');
    await card.click();
    await page.waitForURL(new RegExp(`/reports/${s.reportId}$`));

    await page.getByTestId('report-step-start_verification').click();
    await modal(page).locator('#note').fill('已安排人员前往现场');
    await confirmModal(page, modal(page).getByRole('button', { name: OK }));
    await expect.poll(() => reportStatus(page), { timeout: 15_000 }).toBe('核查中');

    await page.getByTestId('report-step-verdict').click();
    const m = modal(page);
    await m.locator('label.ant-radio-button-wrapper', { hasText: /^属实$/ }).click();
    await expect.poll(() => m.locator('#title').count()).toBe(1);
    // the institution is the reported one, prefilled
    await expect.poll(() => m.locator('.ant-select-content').first().innerText(), { timeout: 15_000 }).toContain(s.institution!);
    await m.locator('#title').fill(HAZARD_TITLE);
    await pickSelect(page, m, 'level', '重大隐患');
    await pickSelect(page, m, 'category', '生命通道');
    // the deadline is prefilled (today + 15 days)
    expect(await m.locator('.ant-form-item', { has: page.locator('#deadline') }).locator('input').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await m.locator('#location').fill('一楼东侧安全出口');
    await m.locator('#note').fill('现场核实：一楼东侧安全出口被铁链锁闭，举报属实');
    await shot(page, '5-township-verdict');
    await confirmModal(page, m.getByRole('button', { name: OK }));
    await expect.poll(() => reportStatus(page), { timeout: 15_000 }).toBe('已核实');

    // the linked hazard opened
    const hz = page.getByTestId('report-hazard');
    await expect.poll(() => hz.count(), { timeout: 15_000 }).toBe(1);
    expect(await hz.innerText()).toContain(HAZARD_TITLE);
    expect(await hz.innerText()).toContain('待整改');

    // a message to the reporter
    await page.getByTestId('report-message-input').fill(HANDLER_MESSAGE);
    await page.getByTestId('report-message-send').click();
    await expect.poll(() => page.getByTestId('report-messages').innerText(), { timeout: 15_000 }).toContain(HANDLER_MESSAGE);
    await expectNoIdentity(page, 'township report detail');
    await shot(page, '6-township-verified');

    await hz.locator('a[href^="/hazards/"]').click();
    await page.waitForURL(/\/hazards\/[0-9a-f-]{36}$/);
    s.hazardId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByText(HAZARD_TITLE).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByText('待整改').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('群众举报').first().isVisible()).toBe(true);
    await ctx.close();
  });

  it('4. the reporter sees the progress and the message by receipt code and replies', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await page.goto('/report/status');
    await page.locator('#rp-code').fill(s.code!);
    await page.getByRole('button', { name: /^查\s?询$/ }).click();
    const status = page.getByTestId('report-status');
    await expect.poll(() => status.count(), { timeout: 15_000 }).toBe(1);
    expect(await status.locator('.rp-badge').innerText()).toBe('已核实');
    expect(await status.innerText()).toContain('属实');
    expect(await status.innerText()).toContain(s.serial!);
    const thread = page.locator('.rp-messages');
    expect(await thread.innerText()).toContain(HANDLER_MESSAGE);
    expect(await thread.innerText()).toContain('工作人员');

    await page.getByLabel(/补充情况或询问进度/).fill(REPORTER_REPLY);
    await page.getByRole('button', { name: '发送留言' }).click();
    await expect.poll(() => page.locator('.rp-ok').innerText(), { timeout: 15_000 }).toContain('留言已发送');
    await expect.poll(() => page.locator('.rp-messages li.is-mine').innerText()).toContain(REPORTER_REPLY);
    expect(page.url()).not.toContain(s.code!);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, '7-reporter-status');
    await ctx.close();
  });

  it('5. the hazard is rectified by the institution and verified by the county (closed loop)', async () => {
    const ctxInst = await newContext(browser, server.url, 'phone');
    const inst = await ctxInst.newPage();
    await uiLogin(inst, 'demo-inst', DEMO_PASSWORD);
    await inst.goto(`/hazards/${s.hazardId}`);
    await expect.poll(() => inst.getByText(HAZARD_TITLE).first().isVisible(), { timeout: 15_000 }).toBe(true);
    // the institution must never learn who reported it
    await expectNoIdentity(inst, 'institution hazard page');
    expect(await inst.request.get(`/api/reports/${s.reportId}`).then((r) => r.status())).toBe(403);
    await inst.getByTestId('hazard-action-start_rectification').click();
    await confirmModal(inst, modal(inst).getByRole('button', { name: /^确\s?定$/ }));
    await expect.poll(() => inst.getByTestId('hazard-action-submit_rectification').count(), { timeout: 15_000 }).toBe(1);
    await inst.getByTestId('hazard-action-submit_rectification').click();
    await inst.getByTestId('hazard-step-note').fill('已拆除铁链和挂锁，清理门内纸箱，安全出口改为推闩式，夜班人员已培训');
    await confirmModal(inst, inst.getByTestId('hazard-step-ok'));
    await expect.poll(() => inst.getByText('待验收').first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await inst.getByTestId('hazard-action-verify').count()).toBe(0);
    await expect.poll(() => inst.locator('.ant-modal:visible').count(), { timeout: 10_000 }).toBe(0);
    await shot(inst, '8-institution-submitted');
    await ctxInst.close();

    const ctx = await newContext(browser, server.url, 'desktop');
    const page = await ctx.newPage();
    await uiLogin(page, 'demo-county', DEMO_PASSWORD);
    await page.goto(`/hazards/${s.hazardId}`);
    await page.getByTestId('hazard-action-verify').click();
    await page.getByTestId('hazard-step-note').fill('现场复查：安全出口可正常开启，同意销号');
    await confirmModal(page, page.getByTestId('hazard-step-ok'));
    await expect.poll(() => page.getByText('已销号').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await ctx.close();
  });

  it('6. the county proposes the reward, the leader approves it, the reporter claims it, the county pays', async () => {
    // county staff: propose (fine → suggested amount)
    const ctx = await newContext(browser, server.url, 'desktop');
    const page = await ctx.newPage();
    await uiLogin(page, 'demo-county', DEMO_PASSWORD);
    const link = await openReportFromList(page);
    await link.click();
    await page.waitForURL(new RegExp(`/reports/${s.reportId}$`));
    await expect.poll(() => page.getByTestId('report-hazard').innerText(), { timeout: 15_000 }).toContain('已销号');
    // the reporter's reply reached the handler
    expect(await page.getByTestId('report-messages').innerText()).toContain(REPORTER_REPLY);
    await page.getByTestId('reward-propose').click();
    const m = modal(page);
    await m.locator('#fineYuan').fill('50000');
    await expect.poll(() => m.getByTestId('reward-suggestion').innerText(), { timeout: 15_000 }).toContain('7,500');
    await shot(page, '9-reward-propose');
    await confirmModal(page, m.getByRole('button', { name: OK }));
    await expect.poll(() => reportStatus(page), { timeout: 15_000 }).toBe('奖励中');
    expect(await page.getByTestId('reward-amount').innerText()).toContain('7,500');
    // the proposer cannot approve
    expect(await page.getByTestId('reward-approve').count()).toBe(0);
    await expectNoIdentity(page, 'county report detail (reward)');

    // county leader: approve
    const ctxL = await newContext(browser, server.url, 'desktop');
    const leader = await ctxL.newPage();
    await uiLogin(leader, 'demo-leader', DEMO_PASSWORD);
    await leader.goto(`/reports/${s.reportId}`);
    await expect.poll(() => leader.getByTestId('reward-approve').count(), { timeout: 15_000 }).toBe(1);
    await expectNoIdentity(leader, 'leader report detail');
    await leader.getByTestId('reward-approve').click();
    await modal(leader).locator('#note').fill('符合奖励条件，同意');
    await confirmModal(leader, modal(leader).getByRole('button', { name: OK }));
    await expect.poll(() => leader.getByTestId('reward-panel').innerText(), { timeout: 15_000 }).toContain('已批准');
    await shot(leader, '10-reward-approved');
    await ctxL.close();

    // the reporter claims it by receipt code
    const ctxR = await newContext(browser, server.url, 'phone');
    const rep = await ctxR.newPage();
    await rep.goto('/report/status');
    await rep.locator('#rp-code').fill(s.code!);
    await rep.getByRole('button', { name: /^查\s?询$/ }).click();
    const reward = rep.locator('.rp-reward');
    await expect.poll(() => reward.count(), { timeout: 15_000 }).toBe(1);
    expect(await reward.innerText()).toContain('7,500');
    await rep.getByRole('button', { name: '申请领取奖励' }).click();
    await expect.poll(() => rep.locator('.rp-ok').innerText(), { timeout: 15_000 }).toContain('已申请领取');
    expect(await reward.innerText()).toContain('已于');
    expect(await rep.getByRole('button', { name: '申请领取奖励' }).count()).toBe(0);
    await shot(rep, '11-reporter-claimed');
    await ctxR.close();

    // county staff: the payment record closes the report
    await page.reload();
    await expect.poll(() => page.getByTestId('reward-pay').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('reward-pay').click();
    await modal(page).locator('#paymentRef').fill('财政直付 2026-001');
    await confirmModal(page, modal(page).getByRole('button', { name: OK }));
    await expect.poll(() => reportStatus(page), { timeout: 15_000 }).toBe('办结');
    expect(await page.getByTestId('reward-panel').innerText()).toContain('已发放');
    await expectNoIdentity(page, 'county report detail (closed)');
    await shot(page, '12-report-closed');
    await ctx.close();
  });

  it('the exported .xlsx holds the report but never the reporter; only an audited reveal shows who', async () => {
    const ctx = await newContext(browser, server.url, 'desktop');
    const page = await ctx.newPage();
    await uiLogin(page, 'demo-county', DEMO_PASSWORD);
    await openReportFromList(page);
    await expectNoIdentity(page, 'county report list (closed)');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('report-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text ?? '')))));
    const all = cells.join('\n');
    expect(all).toContain(s.serial!);
    expect(all).toContain(s.institution!);
    expect(all).not.toContain(REPORTER_NAME);
    expect(all).not.toContain(REPORTER_PHONE);
    await ctx.close();

    // the county admin holds 查看举报人身份: nothing before the reveal, the contact after it (audited)
    const ctxA = await newContext(browser, server.url, 'desktop');
    const admin = await ctxA.newPage();
    await uiLogin(admin, 'admin', ADMIN_PASSWORD);
    await admin.goto(`/reports/${s.reportId}`);
    await expect.poll(() => admin.getByTestId('report-reveal').count(), { timeout: 15_000 }).toBe(1);
    await expectNoIdentity(admin, 'admin report detail before reveal');
    await admin.getByTestId('report-reveal').click();
    await admin.getByTestId('reveal-reason').fill('联系举报人发放奖励');
    await modal(admin).getByRole('button', { name: /^查\s?看$/ }).click();
    await expect.poll(() => admin.getByTestId('reveal-name').innerText(), { timeout: 15_000 }).toBe(REPORTER_NAME);
    expect(await admin.getByTestId('reveal-phone').innerText()).toBe(REPORTER_PHONE);
    await shot(admin, '13-admin-reveal');
    // the same footer button turned 查看 → 关闭; unanchored: its fading loading icon may still be in the accessible name
    await admin.locator('.ant-modal-footer:visible').getByRole('button', { name: /关\s?闭/ }).click();
    await expect.poll(() => admin.getByTestId('reveal-name').count(), { timeout: 15_000 }).toBe(0);
    // the reveal is in the history (who and why), the identity is gone from the page again
    await expect.poll(() => admin.locator('.ant-timeline').innerText(), { timeout: 15_000 }).toContain('联系举报人发放奖励');
    await expectNoIdentity(admin, 'admin report detail after closing the reveal');
    await ctxA.close();
  });

  it('7. the county drafts an exposure case from the report, the leader approves, it is public', async () => {
    const ctx = await newContext(browser, server.url, 'desktop');
    const page = await ctx.newPage();
    await uiLogin(page, 'demo-county', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '曝光台' }).click();
    await page.waitForURL(/\/exposure-board(\?.*)?$/);
    await page.getByTestId('exposure-new').click();
    const source = page.getByTestId('exposure-source').filter({ hasText: s.serial! });
    await expect.poll(() => source.count(), { timeout: 15_000 }).toBe(1);
    await source.getByRole('button', { name: '生成草稿' }).click();
    await page.waitForURL(/\/exposure-board\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    s.caseId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByTestId('exposure-step-submit').count(), { timeout: 15_000 }).toBe(1);
    s.caseTitle = (await page.locator('#title').inputValue()).trim();
    expect(s.caseTitle.length).toBeGreaterThan(0);
    await expectNoIdentity(page, 'exposure draft');
    // photos are published only when picked (reviewed): publish the reporter's photo
    await page.getByTestId('exposure-photo').first().locator('input[type=checkbox]').check();
    await page.getByTestId('exposure-save').click();
    await expect.poll(() => page.locator('.ant-card', { hasText: '公开效果预览' }).locator('img').count(), { timeout: 15_000 }).toBe(1);
    await shot(page, '14-exposure-draft');
    await page.getByTestId('exposure-step-submit').click();
    await confirmModal(page, page.getByTestId('exposure-step-ok'));
    await expect.poll(() => page.locator('.ex-head').innerText(), { timeout: 15_000 }).toContain('待审批');
    await ctx.close();

    const ctxL = await newContext(browser, server.url, 'desktop');
    const leader = await ctxL.newPage();
    await uiLogin(leader, 'demo-leader', DEMO_PASSWORD);
    await leader.getByRole('menuitem', { name: '曝光审批' }).click();
    await leader.waitForURL(/\/exposure-review(\?.*)?$/);
    const row = leader.locator('.ant-table-row', { hasText: s.caseTitle });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await row.click();
    await leader.waitForURL(new RegExp(`/exposure-review/${s.caseId}$`));
    await expectNoIdentity(leader, 'exposure review');
    await leader.getByTestId('exposure-step-approve').click();
    await leader.getByTestId('exposure-step-note').fill('同意发布');
    await confirmModal(leader, leader.getByTestId('exposure-step-ok'));
    await expect.poll(() => leader.locator('.ex-head').innerText(), { timeout: 15_000 }).toContain('已发布');
    await expect.poll(() => leader.getByTestId('exposure-log').count()).toBe(1);
    await shot(leader, '15-exposure-approved');
    await ctxL.close();

    const ctxP = await newContext(browser, server.url, 'phone');
    const pub = await ctxP.newPage();
    await pub.goto('/exposure');
    const card = pub.getByTestId('exposure-case').filter({ hasText: s.caseTitle });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await card.innerText()).toContain('锁闭安全出口');
    // the card is one big link: its text is not underlined
    expect(await card.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('none');
    await expectNoIdentity(pub, 'public exposure list');
    expect((await pub.content()).includes(s.institution!)).toBe(false);
    expect(await pub.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(pub, '16-public-exposure');
    await card.click();
    await pub.waitForURL(new RegExp(`/exposure/${s.caseId}$`));
    await expect.poll(() => pub.getByTestId('exposure-detail').count(), { timeout: 15_000 }).toBe(1);
    await expectNoIdentity(pub, 'public exposure case');
    // the institution's real name is hidden (公开机构名称 was left off), the picked photo is there, without EXIF
    expect((await pub.content()).includes(s.institution!)).toBe(false);
    const img = pub.getByTestId('exposure-detail').locator('.exp-photos img');
    await expect.poll(() => img.count(), { timeout: 15_000 }).toBe(1);
    const published = await pub.request.get((await img.getAttribute('src'))!);
    expect(published.status()).toBe(200);
    expect((await published.body()).toString('latin1')).not.toContain('E2EPhone');
    await shot(pub, '17-public-exposure-case');
    await ctxP.close();
  });
});
