import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, ApiSession, ARTIFACTS, USER_PASSWORD, launchBrowser, newContext, startServer, uiLogin, type RunningServer } from './support/server.ts';

/**
 * The foundation journey (issue: hazard closed loop), in Debian's Chromium against the built app:
 * an institution officer self-inspects on a phone with one failed 生命通道 item and a photo → the
 * hazard appears in the ledger → the officer rectifies with an evidence photo → the township
 * officer verifies → the hazard is closed and counted on the dashboard; an officer of another
 * township cannot open that hazard.
 */

let server: RunningServer;
let browser: Browser;
const ids: { institutionId?: string; hazardId?: string } = {};
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `closed-loop-${name}.png`), fullPage: true });

async function photoFile(name: string, colour: string) {
  const buffer = await sharp({ create: { width: 640, height: 480, channels: 3, background: colour } })
    .withExifMerge({ IFD0: { Make: 'E2EPhone', Model: 'Cam' } })
    .jpeg()
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

/** Creates a user through the admin API and sets its own password (admin-created accounts must change theirs). */
async function makeUser(admin: ApiSession, base: string, body: Record<string, unknown>) {
  const initial = 'Init-Passw0rd-1';
  await admin.call('POST', '/api/users', { ...body, password: initial });
  const s = await new ApiSession(base).login(String(body.username), initial);
  await s.call('POST', '/api/auth/password', { currentPassword: initial, newPassword: USER_PASSWORD });
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  const admin = await new ApiSession(server.url).login('admin', ADMIN_PASSWORD);
  const org = await admin.call<{ townships: { id: string; name: string }[] }>('GET', '/api/org');
  const tw = Object.fromEntries(org.townships.map((t) => [t.name, t.id]));
  const inst = await admin.call<{ id: string }>('POST', '/api/institutions', {
    townshipId: tw['浔中镇'],
    name: '浔中镇安康敬老院（测试）',
    type: 'elderly_care',
    address: '浔中镇测试路 1 号',
    beds: 60,
    residents: 48,
    nonAmbulatoryPct: 35,
  });
  ids.institutionId = inst.id;
  await makeUser(admin, server.url, { username: 'e2e-inst', displayName: '王安全', role: 'institution_officer', institutionId: inst.id });
  await makeUser(admin, server.url, { username: 'e2e-xunzhong', displayName: '李民政', role: 'township_officer', townshipId: tw['浔中镇'] });
  await makeUser(admin, server.url, { username: 'e2e-longxun', displayName: '陈民政', role: 'township_officer', townshipId: tw['龙浔镇'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('hazard closed loop in the browser', () => {
  it('institution officer self-inspects on a phone and a failed 生命通道 item becomes a hazard with its photo', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await uiLogin(page, 'e2e-inst', USER_PASSWORD);
    await page.goto('/inspections/new');
    await page.getByTestId('insp-checklist').filter({ hasText: '生命通道检查表' }).click();
    await page.getByTestId('insp-next').click();

    const card = page.getByTestId('insp-item').filter({ hasText: 'LP-02' });
    await card.getByText('不合格', { exact: true }).click();
    await card.locator('textarea').first().fill('一楼北侧安全出口被铁链锁闭，夜间无法开启');
    await card.locator('input[type=file]').first().setInputFiles(await photoFile('安全出口.jpg', '#8e44ad'));
    await expect.poll(() => card.locator('img').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByTestId('insp-rest-pass').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '全部合格' }).click();
    await shot(page, '1-items');
    await page.getByTestId('insp-next').click();
    await page.getByTestId('insp-submit').click();
    await page.waitForURL(/\/inspections\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await shot(page, '2-inspection');

    // the ledger on the phone lists the new hazard
    await page.goto('/hazards');
    const hazardCard = page.getByTestId('hazard-card').filter({ hasText: 'LP-02' });
    await expect.poll(() => hazardCard.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => hazardCard.innerText()).toContain('待整改');
    await shot(page, '3-ledger');
    await hazardCard.click();
    await page.waitForURL(/\/hazards\/[0-9a-f-]{36}$/);
    ids.hazardId = page.url().split('/').pop()!;
    // the photo taken during the inspection is on the hazard, served without its EXIF
    const imgSrc = await page.locator('img[src^="/api/attachments/"]').first().getAttribute('src');
    const res = await page.request.get(imgSrc!);
    expect(res.status()).toBe(200);
    expect((await res.body()).toString('latin1')).not.toContain('E2EPhone');

    // rectify: start, then submit with an evidence photo
    await page.getByTestId('hazard-action-start_rectification').click();
    await page.locator('.ant-modal:visible').getByRole('button', { name: /^确\s?定$/ }).click();
    await expect.poll(() => page.getByTestId('hazard-action-submit_rectification').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('hazard-action-submit_rectification').click();
    await page.getByTestId('hazard-step-note').fill('已拆除铁链，安全出口改为推闩式，夜班人员已培训');
    await page.locator('.ant-modal input[type=file]').first().setInputFiles(await photoFile('整改后.jpg', '#27ae60'));
    await expect.poll(() => page.locator('.ant-modal img').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // the OK button of the step dialog, once the photo has uploaded (it is disabled while uploading)
    const ok = page.getByTestId('hazard-step-ok');
    await expect.poll(() => ok.isEnabled(), { timeout: 30_000 }).toBe(true);
    await ok.click();
    await expect.poll(() => page.getByText('待验收').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('hazard-event').count()).toBe(3);
    // the institution cannot verify its own rectification
    expect(await page.getByTestId('hazard-action-verify').count()).toBe(0);
    await shot(page, '4-submitted');
    await ctx.close();
  });

  it('the township officer verifies and closes it, and the dashboard counts it', async () => {
    const ctx = await newContext(browser, server.url, 'desktop');
    const page = await ctx.newPage();
    await uiLogin(page, 'e2e-xunzhong', USER_PASSWORD);
    await page.goto('/');
    const closedBefore = Number(await page.getByTestId('stat-closed').getAttribute('aria-label').then((s) => s!.match(/(\d+)\s*$/)![1]));

    await page.goto(`/hazards/${ids.hazardId}`);
    await page.getByTestId('hazard-action-verify').click();
    await page.getByTestId('hazard-step-note').fill('现场复查，安全出口可正常开启，同意销号');
    await page.getByTestId('hazard-step-ok').click();
    await expect.poll(() => page.getByText('已销号').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('hazard-event').count()).toBe(4);
    await shot(page, '5-closed');

    await page.goto('/');
    await expect
      .poll(async () => Number((await page.getByTestId('stat-closed').getAttribute('aria-label'))!.match(/(\d+)\s*$/)![1]), { timeout: 15_000 })
      .toBe(closedBefore + 1);
    await shot(page, '6-dashboard');
    await ctx.close();
  });

  it('an officer of another township cannot open that hazard', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await uiLogin(page, 'e2e-longxun', USER_PASSWORD);
    const api = await page.request.get(`/api/hazards/${ids.hazardId}`);
    expect(api.status()).toBe(404);
    await page.goto(`/hazards/${ids.hazardId}`);
    await expect.poll(() => page.getByText('记录不存在或无权查看').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await page.goto('/hazards');
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('hazard-card').filter({ hasText: 'LP-02' }).count()).toBe(0);
    await shot(page, '7-other-township');
    await ctx.close();
  });
});
