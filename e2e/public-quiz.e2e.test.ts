import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, ApiSession, ARTIFACTS, launchBrowser, newContext, startServer, type RunningServer } from './support/server.ts';

/**
 * The public knowledge quiz (issue 4, 网络知识答题), in Debian's Chromium against the built app:
 * the county admin creates and opens a public quiz through the API; a member of the public opens
 * /quiz/:id on a 375 px wide phone without logging in, gives a nickname, answers one question per
 * screen, submits, and sees the score with the explanations; the admin's results count the public
 * attempt under the nickname.
 */

let server: RunningServer;
let browser: Browser;
let admin: ApiSession;
let quizId: string;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `public-quiz-${name}.png`), fullPage: true });
const QUESTIONS = 5;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  admin = await new ApiSession(server.url).login('admin', ADMIN_PASSWORD);
  const quiz = await admin.call<{ id: string }>('POST', '/api/quizzes', {
    title: '2024年“安全生产月”生命通道知识答题',
    description: '畅通生命通道，人人讲安全、个个会应急。',
    tags: ['生命通道'],
    questionCount: QUESTIONS,
    timeLimitSeconds: 300,
    maxAttempts: 1,
    isPublic: true,
  });
  quizId = quiz.id;
  await admin.call('POST', `/api/quizzes/${quizId}/open`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('public quiz on a phone', () => {
  it('a member of the public completes the quiz at 375 px and sees the score with explanations', async () => {
    const ctx = await newContext(browser, server.url, 'phone');
    const page = await ctx.newPage();
    await page.goto(`/quiz/${quizId}`);
    await page.getByTestId('quiz-intro').waitFor();
    expect(await page.title()).toContain('生命通道知识答题');
    await page.getByTestId('quiz-nickname').fill('浔中热心市民');
    await shot(page, '1-intro');
    await page.getByTestId('quiz-start').click();
    await page.getByTestId('quiz-runner').waitFor();
    await expect.poll(() => page.getByTestId('quiz-clock').innerText()).toMatch(/0[45]:\d\d/);

    for (let i = 1; i <= QUESTIONS; i++) {
      await expect.poll(() => page.getByTestId('quiz-progress').innerText()).toBe(`第 ${i} / ${QUESTIONS} 题`);
      const options = page.getByTestId('quiz-option');
      // a large tap target: full width of the card, at least 48 px high
      const box = (await options.first().boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(48);
      expect(box.width).toBeGreaterThan(280);
      await options.first().click();
      await expect.poll(() => options.first().getAttribute('aria-checked')).toBe('true');
      if (i === 1) await shot(page, '2-question');
      if (i < QUESTIONS) await page.getByTestId('quiz-next').click();
    }
    // nothing wider than the phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.getByTestId('quiz-submit').click();
    await page.locator('.ant-modal-confirm:visible').getByRole('button', { name: /交\s*卷/ }).click();

    await page.getByTestId('quiz-result').waitFor({ timeout: 20_000 });
    const score = await page.getByTestId('quiz-score').innerText();
    expect(score).toMatch(/^\d{1,3}\s*分（满分 100）$/);
    await expect.poll(() => page.getByTestId('quiz-review').count()).toBe(QUESTIONS);
    const firstReview = await page.getByTestId('quiz-review').first().innerText();
    expect(firstReview).toContain('正确答案');
    expect(firstReview).toContain('解析');
    expect(firstReview).toContain('出处');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, '3-result');

    // the participant cookie is httpOnly: the page's scripts cannot read it
    expect(await page.evaluate(() => document.cookie)).not.toContain('lifeline_quiz_pt');
    const cookies = await ctx.cookies();
    expect(cookies.find((c) => c.name === 'lifeline_quiz_pt')?.httpOnly).toBe(true);

    // one attempt per browser: back on the intro the start button is gone, the result stays reachable
    await page.getByTestId('quiz-back').click();
    await page.getByTestId('quiz-last-result').waitFor();
    expect(await page.getByTestId('quiz-start').count()).toBe(0);
    await ctx.close();

    // the county sees the public attempt under the nickname
    const results = await admin.call<{ publicAttempts: number; leaderboard: { kind: string; name: string; score: number }[] }>('GET', `/api/quizzes/${quizId}/results`);
    expect(results.publicAttempts).toBe(1);
    expect(results.leaderboard[0]).toMatchObject({ kind: 'public', name: '浔中热心市民' });
    expect(score.startsWith(String(results.leaderboard[0]!.score))).toBe(true);
  });
});
