import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { quizAttempt, quizAttemptAnswer, quizQuestion } from '@lifeline/db';
import { ROLE_PERMISSIONS } from '@lifeline/shared';
import { anon, clientFor, createTestContext, makeInstitution, type Client, type TestContext } from '../../testing/harness.ts';
import { quizStats } from './quiz.service.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';

let ctx: TestContext;
let admin: Client;
let staff: Client;
let leader: Client;
let townA: Client;
let townB: Client;
let instA: Client;
let instA2: Client;
let instB: Client;
let institutionA: { id: string; name: string };
let institutionB: { id: string; name: string };
/** the three questions tagged 测试-计分 by kind, with their keys */
const Q: Record<'single' | 'multiple' | 'tf', { id: string; answer: string[] }> = {} as never;

async function makeQuestion(body: Record<string, unknown>) {
  const res = await admin.post('/api/quiz-questions', { explanation: '测试解析', source: '测试出处', ...body });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; answer: string[] };
}

/** Creates and (by default) opens a quiz. */
async function makeQuiz(body: Record<string, unknown>, open = true): Promise<string> {
  const res = await admin.post('/api/quizzes', { title: '测试答题', questionCount: 3, timeLimitSeconds: 600, maxAttempts: 0, ...body });
  expect(res.statusCode).toBe(201);
  if (open) expect((await admin.post(`/api/quizzes/${res.json().id}/open`)).statusCode).toBe(200);
  return res.json().id;
}

const TF = [{ key: 'T', text: '正确' }, { key: 'F', text: '错误' }];
const ABCD = ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `选项${key}` }));

/** Public request with a cookie and a client address. */
const pub = (method: 'GET' | 'POST', url: string, opts: { cookie?: string; payload?: unknown; ip?: string; headers?: Record<string, string> } = {}) =>
  ctx.app.inject({ method, url, payload: opts.payload as never, remoteAddress: opts.ip ?? '10.20.0.1', headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.headers ?? {}) } });
const tokenCookie = (res: { cookies: { name: string; value: string }[] }) => {
  const c = res.cookies.find((k) => k.name === 'lifeline_quiz_pt');
  return c ? `lifeline_quiz_pt=${c.value}` : undefined;
};

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await clientFor(ctx, 'county_admin')).client;
  staff = (await clientFor(ctx, 'county_staff')).client;
  leader = (await clientFor(ctx, 'county_leader')).client;
  const twA = ctx.townships['浔中镇']!;
  const twB = ctx.townships['龙浔镇']!;
  institutionA = await makeInstitution(ctx, { townshipId: twA, name: '浔中镇测试敬老院' });
  institutionB = await makeInstitution(ctx, { townshipId: twB, name: '龙浔镇测试敬老院' });
  townA = (await clientFor(ctx, 'township_officer', { townshipId: twA })).client;
  townB = (await clientFor(ctx, 'township_officer', { townshipId: twB })).client;
  instA = (await clientFor(ctx, 'institution_officer', { institutionId: institutionA.id })).client;
  instA2 = (await clientFor(ctx, 'institution_officer', { institutionId: institutionA.id })).client;
  instB = (await clientFor(ctx, 'institution_officer', { institutionId: institutionB.id })).client;
  Q.single = await makeQuestion({ code: 'S-1', kind: 'single', stem: '计分单选', options: ABCD, answer: ['B'], tags: ['测试-计分'] });
  Q.multiple = await makeQuestion({ code: 'S-2', kind: 'multiple', stem: '计分多选', options: ABCD, answer: ['A', 'C'], tags: ['测试-计分'] });
  Q.tf = await makeQuestion({ code: 'S-3', kind: 'true_false', stem: '计分判断', options: TF, answer: ['T'], tags: ['测试-计分'] });
});
afterAll(async () => ctx?.close());

describe('quizzes (答题活动)', () => {
  it('401, 403, 400, and the draft → open → closed → open status machine', async () => {
    expect((await anon(ctx).get('/api/quizzes')).statusCode).toBe(401);
    expect((await anon(ctx).post('/api/quizzes', {})).statusCode).toBe(401);
    expect((await staff.post('/api/quizzes', { title: 'x', questionCount: 1, timeLimitSeconds: 60 })).statusCode).toBe(403);
    expect((await admin.post('/api/quizzes', { title: 'x', questionCount: 0, timeLimitSeconds: 60 })).statusCode).toBe(400);
    expect((await admin.post('/api/quizzes', { title: 'x', questionCount: 1, timeLimitSeconds: 10 })).statusCode).toBe(400);
    const window = await admin.post('/api/quizzes', { title: 'x', questionCount: 1, timeLimitSeconds: 60, opensAt: '2024-06-10T00:00:00Z', closesAt: '2024-06-01T00:00:00Z' });
    expect(window.statusCode).toBe(400);
    expect((await admin.post('/api/quizzes', { title: 'x', questionCount: 1, timeLimitSeconds: 60, campaignId: MISSING })).statusCode).toBe(400);

    const id = await makeQuiz({ title: '状态测试' }, false);
    const draft = (await admin.get(`/api/quizzes/${id}`)).json();
    expect(draft).toMatchObject({ status: 'draft', abilities: { open: true, close: false, update: true } });
    // drafts do not exist for non-admins
    expect((await staff.get(`/api/quizzes/${id}`)).statusCode).toBe(404);
    expect((await staff.post(`/api/quizzes/${id}/attempts`)).statusCode).toBe(404);
    expect((await admin.post(`/api/quizzes/${id}/close`)).statusCode).toBe(409);
    expect((await admin.post(`/api/quizzes/${id}/open`)).json().status).toBe('open');
    expect((await admin.post(`/api/quizzes/${id}/open`)).statusCode).toBe(409);
    expect((await staff.post(`/api/quizzes/${id}/close`)).statusCode).toBe(403);
    expect((await admin.post(`/api/quizzes/${id}/close`)).json().status).toBe('closed');
    expect((await admin.post(`/api/quizzes/${MISSING}/open`)).statusCode).toBe(404);
    const patched = await admin.patch(`/api/quizzes/${id}`, { title: '改名', tags: ['生命通道'] });
    expect(patched.json()).toMatchObject({ title: '改名', tags: ['生命通道'] });
    expect(patched.json().poolSize).toBeGreaterThan(5);
  });

  it('409 when the bank holds too few matching questions, at opening and at drawing', async () => {
    const id = await makeQuiz({ tags: ['没有这个标签'], questionCount: 2 }, false);
    const res = await admin.post(`/api/quizzes/${id}/open`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/只有 0 道/);
    // opened with enough, then the bank shrinks
    const q1 = await makeQuestion({ kind: 'true_false', stem: '临时题1', options: TF, answer: ['T'], tags: ['测试-缩减'] });
    await makeQuestion({ kind: 'true_false', stem: '临时题2', options: TF, answer: ['F'], tags: ['测试-缩减'] });
    const id2 = await makeQuiz({ tags: ['测试-缩减'], questionCount: 2 });
    await admin.patch(`/api/quiz-questions/${q1.id}`, { isActive: false });
    const draw = await staff.post(`/api/quizzes/${id2}/attempts`);
    expect(draw.statusCode).toBe(409);
    expect(draw.json().error.message).toMatch(/题目/);
  });

  it('GET /api/quizzes lists what a staff member can take; the leader cannot take quizzes (403)', async () => {
    const id = await makeQuiz({ title: '可参加的答题', tags: ['测试-计分'] });
    const list = await instA.get('/api/quizzes');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.find((q: { id: string }) => q.id === id)).toMatchObject({ attemptsUsed: 0, attemptsLeft: null, inProgressAttemptId: null });
    expect((await leader.get('/api/quizzes')).statusCode).toBe(403);
    expect((await leader.post(`/api/quizzes/${id}/attempts`)).statusCode).toBe(403);
    expect((await staff.post(`/api/quizzes/${MISSING}/attempts`)).statusCode).toBe(404);
    // results readers (the leader too) see open and closed quizzes
    expect((await leader.get('/api/quizzes/all')).json().items.map((q: { id: string }) => q.id)).toContain(id);
  });
});

describe('attempts: drawing, the hidden key, scoring, time limit, replays, limits', () => {
  it('draws questionCount distinct active questions with the quiz tags', async () => {
    const id = await makeQuiz({ tags: ['生命通道'], questionCount: 5 });
    const res = await staff.post(`/api/quizzes/${id}/attempts`);
    expect(res.statusCode).toBe(201);
    const paper = res.json();
    expect(paper.questions).toHaveLength(5);
    expect(new Set(paper.questions.map((q: { id: string }) => q.id)).size).toBe(5);
    const rows = await ctx.db.select().from(quizQuestion).where(inArray(quizQuestion.id, paper.questions.map((q: { id: string }) => q.id)));
    expect(rows.every((r) => r.tags.includes('生命通道') && r.isActive)).toBe(true);
    expect(new Date(paper.deadlineAt).getTime() - new Date(paper.startedAt).getTime()).toBe(600_000);
  });

  it('never sends the answer key, explanation or source before submission', async () => {
    const id = await makeQuiz({ tags: ['测试-计分'] });
    const res = await instA.post(`/api/quizzes/${id}/attempts`);
    expect(res.statusCode).toBe(201);
    for (const body of [res.body, (await instA.get(`/api/quiz-attempts/${res.json().attemptId}`)).body]) {
      expect(body).not.toMatch(/"answer"|"answers"|"explanation"|"source"|"correctKeys"|"isCorrect"|"chosen"/);
      expect(body).not.toContain('测试解析');
      const paper = JSON.parse(body);
      for (const q of paper.questions) expect(Object.keys(q).sort()).toEqual(['id', 'kind', 'options', 'stem']);
    }
    // the same is true of the public paper
    const pid = await makeQuiz({ tags: ['测试-计分'], isPublic: true });
    const p = await pub('POST', `/api/public/quizzes/${pid}/attempts`, { payload: {}, ip: '10.30.0.1' });
    expect(p.statusCode).toBe(201);
    expect(p.body).not.toMatch(/"answer"|"explanation"|"source"|"correctKeys"/);
  });

  it('scores single, true/false and multiple (all-or-nothing), then shows key and explanations', async () => {
    const id = await makeQuiz({ tags: ['测试-计分'], maxAttempts: 0 });
    const a1 = (await instA.post(`/api/quizzes/${id}/attempts`)).json();
    const r1 = await instA.post(`/api/quiz-attempts/${a1.attemptId}/submit`, {
      answers: { [Q.single.id]: ['B'], [Q.multiple.id]: ['A'], [Q.tf.id]: ['T'] },
    });
    expect(r1.statusCode).toBe(200);
    const res1 = r1.json();
    expect(res1).toMatchObject({ status: 'submitted', correctCount: 2, questionCount: 3, score: 67, maxScore: 100, late: false });
    const multi = res1.questions.find((q: { id: string }) => q.id === Q.multiple.id);
    expect(multi).toMatchObject({ chosen: ['A'], correctKeys: ['A', 'C'], isCorrect: false, explanation: '测试解析', source: '测试出处' });
    // all correct (order of keys does not matter); an extra key on a multiple makes it wrong
    const a2 = (await instA.post(`/api/quizzes/${id}/attempts`)).json();
    const r2 = (await instA.post(`/api/quiz-attempts/${a2.attemptId}/submit`, { answers: { [Q.single.id]: ['B'], [Q.multiple.id]: ['C', 'A'], [Q.tf.id]: ['T'] } })).json();
    expect(r2).toMatchObject({ correctCount: 3, score: 100 });
    const a3 = (await instA.post(`/api/quizzes/${id}/attempts`)).json();
    const r3 = (await instA.post(`/api/quiz-attempts/${a3.attemptId}/submit`, { answers: { [Q.multiple.id]: ['A', 'B', 'C'], [Q.tf.id]: ['F'] } })).json();
    expect(r3).toMatchObject({ correctCount: 0, score: 0 });
    const answers = await ctx.db.select().from(quizAttemptAnswer).where(eq(quizAttemptAnswer.attemptId, a3.attemptId));
    expect(answers).toHaveLength(3);
    expect(answers.find((x) => x.questionId === Q.single.id)).toMatchObject({ chosen: [], isCorrect: false });
  });

  it('400 for answers to questions outside the attempt or unknown options; 404 for someone else’s attempt', async () => {
    const id = await makeQuiz({ tags: ['测试-计分'] });
    const a = (await instB.post(`/api/quizzes/${id}/attempts`)).json();
    expect((await instB.post(`/api/quiz-attempts/${a.attemptId}/submit`, { answers: { [MISSING]: ['A'] } })).statusCode).toBe(400);
    expect((await instB.post(`/api/quiz-attempts/${a.attemptId}/submit`, { answers: { [Q.single.id]: ['Z'] } })).statusCode).toBe(400);
    expect((await instB.post(`/api/quiz-attempts/${a.attemptId}/submit`, { answers: 'A' })).statusCode).toBe(400);
    expect((await instA.post(`/api/quiz-attempts/${a.attemptId}/submit`, { answers: {} })).statusCode).toBe(404);
    expect((await instA.get(`/api/quiz-attempts/${a.attemptId}`)).statusCode).toBe(404);
    expect((await instB.post(`/api/quiz-attempts/${MISSING}/submit`, { answers: {} })).statusCode).toBe(404);
    // the attempt is still open for its owner
    expect((await instB.get(`/api/quiz-attempts/${a.attemptId}`)).json().status).toBe('in_progress');
  });

  it('a late submission is scored with its answers as at the time limit (late = true), never rejected', async () => {
    const t0 = new Date('2024-06-16T02:00:00Z');
    ctx.clock.now = t0;
    try {
      const id = await makeQuiz({ tags: ['测试-计分'], timeLimitSeconds: 60 });
      const a = (await townA.post(`/api/quizzes/${id}/attempts`)).json();
      expect(a.deadlineAt).toBe('2024-06-16T02:01:00.000Z');
      ctx.clock.now = new Date(t0.getTime() + 10 * 60_000);
      // the view of an expired, unsubmitted attempt is still the paper (no key)
      expect((await townA.get(`/api/quiz-attempts/${a.attemptId}`)).body).not.toContain('correctKeys');
      const res = await townA.post(`/api/quiz-attempts/${a.attemptId}/submit`, { answers: { [Q.single.id]: ['B'], [Q.multiple.id]: ['A', 'C'], [Q.tf.id]: ['T'] } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ late: true, submittedAt: '2024-06-16T02:01:00.000Z', score: 100 });
      // an expired unfinished attempt does not block a new one; the next one is on time
      ctx.clock.now = new Date(t0.getTime() + 20 * 60_000);
      const b = (await townA.post(`/api/quizzes/${id}/attempts`)).json();
      const onTime = (await townA.post(`/api/quiz-attempts/${b.attemptId}/submit`, { answers: {} })).json();
      expect(onTime).toMatchObject({ late: false, score: 0, submittedAt: ctx.clock.now.toISOString() });
    } finally {
      ctx.clock.now = null;
    }
  });

  it('a double-clicked or replayed submission is scored once: the second call returns the first result', async () => {
    const id = await makeQuiz({ tags: ['测试-计分'] });
    const a = (await staff.post(`/api/quizzes/${id}/attempts`)).json();
    const [x, y] = await Promise.all([
      staff.post(`/api/quiz-attempts/${a.attemptId}/submit`, { answers: { [Q.single.id]: ['B'] } }),
      staff.post(`/api/quiz-attempts/${a.attemptId}/submit`, { answers: { [Q.single.id]: ['A'], [Q.tf.id]: ['T'] } }),
    ]);
    expect([x.statusCode, y.statusCode]).toEqual([200, 200]);
    expect(y.json()).toEqual(x.json());
    const later = await staff.post(`/api/quiz-attempts/${a.attemptId}/submit`, { answers: { [Q.single.id]: ['B'], [Q.multiple.id]: ['A', 'C'], [Q.tf.id]: ['T'] } });
    expect(later.statusCode).toBe(200);
    expect(later.body).toBe(x.body);
    expect(await ctx.db.select().from(quizAttemptAnswer).where(eq(quizAttemptAnswer.attemptId, a.attemptId))).toHaveLength(3);
    // with an Idempotency-Key: the replay returns the stored answer; the key reused for another body → 422
    const b = (await staff.post(`/api/quizzes/${id}/attempts`)).json();
    const body = { answers: { [Q.tf.id]: ['T'] } };
    const k1 = await staff.post(`/api/quiz-attempts/${b.attemptId}/submit`, body, { 'idempotency-key': 'submit-key-0001' });
    const k2 = await staff.post(`/api/quiz-attempts/${b.attemptId}/submit`, body, { 'idempotency-key': 'submit-key-0001' });
    expect(k2.statusCode).toBe(200);
    expect(k2.json()).toEqual(k1.json());
    expect((await staff.post(`/api/quiz-attempts/${b.attemptId}/submit`, { answers: {} }, { 'idempotency-key': 'submit-key-0001' })).statusCode).toBe(422);
  });

  it('limits attempts per account (409 with a clear message); starting twice resumes the same attempt', async () => {
    const id = await makeQuiz({ tags: ['测试-计分'], maxAttempts: 2 });
    const a = await instA2.post(`/api/quizzes/${id}/attempts`);
    const again = await instA2.post(`/api/quizzes/${id}/attempts`);
    expect([a.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().attemptId).toBe(a.json().attemptId);
    await instA2.post(`/api/quiz-attempts/${a.json().attemptId}/submit`, { answers: {} });
    const b = (await instA2.post(`/api/quizzes/${id}/attempts`)).json();
    await instA2.post(`/api/quiz-attempts/${b.attemptId}/submit`, { answers: {} });
    const third = await instA2.post(`/api/quizzes/${id}/attempts`);
    expect(third.statusCode).toBe(409);
    expect(third.json().error.message).toBe('本次答题每人最多可答 2 次，您的答题次数已用完');
    const mine = (await instA2.get('/api/quizzes')).json().items.find((q: { id: string }) => q.id === id);
    expect(mine).toMatchObject({ attemptsUsed: 2, attemptsLeft: 0, bestScore: 0, lastSubmittedAttemptId: b.attemptId });
    // another account still may
    expect((await instA.post(`/api/quizzes/${id}/attempts`)).statusCode).toBe(201);
    // closed: no new attempts (409), but a started one can still be submitted
    const c = (await instB.post(`/api/quizzes/${id}/attempts`)).json();
    await admin.post(`/api/quizzes/${id}/close`);
    expect((await townB.post(`/api/quizzes/${id}/attempts`)).statusCode).toBe(409);
    expect((await instB.post(`/api/quiz-attempts/${c.attemptId}/submit`, { answers: {} })).statusCode).toBe(200);
  });
});

describe('public quiz (no login)', () => {
  it('404 for a staff-only or draft quiz; shows a public one', async () => {
    const staffOnly = await makeQuiz({ tags: ['测试-计分'] });
    expect((await pub('GET', `/api/public/quizzes/${staffOnly}`)).statusCode).toBe(404);
    expect((await pub('POST', `/api/public/quizzes/${staffOnly}/attempts`, { payload: {}, ip: '10.31.0.1' })).statusCode).toBe(404);
    const draft = await makeQuiz({ tags: ['测试-计分'], isPublic: true }, false);
    expect((await pub('GET', `/api/public/quizzes/${draft}`)).statusCode).toBe(404);
    expect((await pub('GET', `/api/public/quizzes/not-a-uuid`)).statusCode).toBe(400);
    const id = await makeQuiz({ title: '公众答题', tags: ['测试-计分'], isPublic: true, maxAttempts: 1 });
    const res = await pub('GET', `/api/public/quizzes/${id}`);
    expect(res.json()).toMatchObject({ title: '公众答题', available: true, attemptsUsed: 0, attemptsLeft: 1, status: 'open' });
  });

  it('identifies the participant by an httpOnly token cookie; another token cannot read or submit the attempt (404)', async () => {
    const id = await makeQuiz({ tags: ['测试-计分'], isPublic: true, maxAttempts: 1 });
    const start = await pub('POST', `/api/public/quizzes/${id}/attempts`, { payload: { nickname: '热心市民' }, ip: '10.32.0.1' });
    expect(start.statusCode).toBe(201);
    const set = start.cookies.find((c) => c.name === 'lifeline_quiz_pt')!;
    expect(set.httpOnly).toBe(true);
    expect(set.path).toBe('/api/public/');
    const cookie = tokenCookie(start)!;
    const paper = start.json();
    // only the hash is stored
    const [row] = await ctx.db.select().from(quizAttempt).where(eq(quizAttempt.id, paper.attemptId));
    expect(row!.participantHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.participantHash).not.toContain(set.value);
    expect(row).toMatchObject({ nickname: '热心市民', userId: null, townshipId: null });

    const other = tokenCookie(await pub('POST', `/api/public/quizzes/${id}/attempts`, { payload: {}, ip: '10.32.0.2' }))!;
    const answers = { answers: { [Q.single.id]: ['B'], [Q.tf.id]: ['T'] } };
    expect((await pub('POST', `/api/public/quiz-attempts/${paper.attemptId}/submit`, { cookie: other, payload: answers })).statusCode).toBe(404);
    expect((await pub('POST', `/api/public/quiz-attempts/${paper.attemptId}/submit`, { payload: answers })).statusCode).toBe(404);
    expect((await pub('GET', `/api/public/quiz-attempts/${paper.attemptId}`, { cookie: other })).statusCode).toBe(404);
    // a staff session is not the token either
    expect((await instA.post(`/api/quiz-attempts/${paper.attemptId}/submit`, answers)).statusCode).toBe(404);

    const done = await pub('POST', `/api/public/quiz-attempts/${paper.attemptId}/submit`, { cookie, payload: answers });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ correctCount: 2, score: 67 });
    const replay = await pub('POST', `/api/public/quiz-attempts/${paper.attemptId}/submit`, { cookie, payload: { answers: {} } });
    expect(replay.json()).toEqual(done.json());
    // the limit is per token: this browser is done, a new browser may start
    const again = await pub('POST', `/api/public/quizzes/${id}/attempts`, { cookie, payload: {}, ip: '10.32.0.1' });
    expect(again.statusCode).toBe(409);
    expect((await pub('GET', `/api/public/quizzes/${id}`, { cookie })).json()).toMatchObject({ attemptsUsed: 1, attemptsLeft: 0, lastSubmittedAttemptId: paper.attemptId });
    expect((await pub('POST', `/api/public/quizzes/${id}/attempts`, { payload: {}, ip: '10.32.0.3' })).statusCode).toBe(201);
    // a nickname too long → 400
    expect((await pub('POST', `/api/public/quizzes/${id}/attempts`, { payload: { nickname: '长'.repeat(21) }, ip: '10.32.0.4' })).statusCode).toBe(400);
  });

  it('rate-limits attempt starts per IP (10 a minute)', async () => {
    const id = await makeQuiz({ tags: ['测试-计分'], isPublic: true, maxAttempts: 0 });
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await pub('POST', `/api/public/quizzes/${id}/attempts`, { payload: {}, ip: '10.33.0.1' })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
    expect(codes[10]).toBe(429);
    // another address is not affected
    expect((await pub('POST', `/api/public/quizzes/${id}/attempts`, { payload: {}, ip: '10.33.0.2' })).statusCode).toBe(201);
  });
});

describe('results (scoped) and quizStats', () => {
  let quizId: string;
  beforeAll(async () => {
    quizId = await makeQuiz({ title: '成绩测试', tags: ['测试-计分'], isPublic: true, maxAttempts: 0 });
    const all = { [Q.single.id]: ['B'], [Q.multiple.id]: ['A', 'C'], [Q.tf.id]: ['T'] };
    const take = async (c: Client, answers: Record<string, string[]>) => {
      const a = (await c.post(`/api/quizzes/${quizId}/attempts`)).json();
      expect((await c.post(`/api/quiz-attempts/${a.attemptId}/submit`, { answers })).statusCode).toBe(200);
    };
    await take(instA, all); // 100
    await take(instA2, { [Q.single.id]: ['B'] }); // 33
    await take(townA, { [Q.single.id]: ['B'], [Q.tf.id]: ['T'] }); // 67
    await take(instB, { [Q.tf.id]: ['T'] }); // 33
    await take(staff, all); // 100 (county office)
    const p = await pub('POST', `/api/public/quizzes/${quizId}/attempts`, { payload: { nickname: '公众甲' }, ip: '10.40.0.1' });
    await pub('POST', `/api/public/quiz-attempts/${p.json().attemptId}/submit`, { cookie: tokenCookie(p), payload: { answers: { [Q.single.id]: ['B'] } } });
  });

  it('401/403/404', async () => {
    expect((await anon(ctx).get(`/api/quizzes/${quizId}/results`)).statusCode).toBe(401);
    expect((await admin.get(`/api/quizzes/${MISSING}/results`)).statusCode).toBe(404);
    const draft = await makeQuiz({ tags: ['测试-计分'] }, false);
    expect((await townA.get(`/api/quizzes/${draft}/results`)).statusCode).toBe(404);
    expect((await admin.get(`/api/quizzes/${quizId}/results?top=0`)).statusCode).toBe(400);
  });

  it('the county sees every township, institution, the county office and the public', async () => {
    const r = (await leader.get(`/api/quizzes/${quizId}/results`)).json();
    expect(r.scope).toBe('county');
    expect(r.totals).toMatchObject({ participants: 6, attempts: 6 });
    expect(r.byTownship).toHaveLength(18);
    expect(r.byTownship.find((t: { townshipName: string }) => t.townshipName === '浔中镇')).toMatchObject({ participants: 3, attempts: 3, averageScore: 66.7 });
    expect(r.byTownship.find((t: { townshipName: string }) => t.townshipName === '龙浔镇')).toMatchObject({ participants: 1, averageScore: 33 });
    expect(r.byTownship.find((t: { townshipName: string }) => t.townshipName === '春美乡')).toMatchObject({ participants: 0, averageScore: null });
    expect(r.byInstitution.find((i: { institutionId: string }) => i.institutionId === institutionA.id)).toMatchObject({ participants: 2, averageScore: 66.5 });
    expect(r.countyStaff).toMatchObject({ participants: 1, averageScore: 100 });
    expect(r).toMatchObject({ publicAttempts: 1, publicParticipants: 1 });
    expect(r.leaderboard.slice(0, 2).map((l: { score: number }) => l.score)).toEqual([100, 100]);
    const publicEntry = r.leaderboard.find((l: { kind: string }) => l.kind === 'public');
    expect(publicEntry).toMatchObject({ name: '公众甲', unitName: null, score: 33 });
    expect(JSON.stringify(r)).not.toMatch(/participantHash|lifeline_quiz_pt/);
    // most missed: the multiple-choice question (4 of 6 wrong), never with its key
    expect(r.mostMissed[0]).toMatchObject({ questionId: Q.multiple.id, answered: 6, wrong: 4 });
    expect(JSON.stringify(r.mostMissed)).not.toMatch(/correctKeys|"answer"/);
  });

  it('a township sees only its own rows; an institution only its own', async () => {
    const a = (await townA.get(`/api/quizzes/${quizId}/results`)).json();
    expect(a.scope).toBe('township');
    expect(a.byTownship.map((t: { townshipName: string }) => t.townshipName)).toEqual(['浔中镇']);
    expect(a.byInstitution.map((i: { institutionId: string }) => i.institutionId)).toEqual([institutionA.id]);
    expect(a.totals).toMatchObject({ participants: 3, attempts: 3 });
    expect(a).toMatchObject({ countyStaff: null, publicAttempts: null });
    expect(a.leaderboard).toHaveLength(3);
    expect(a.leaderboard.every((l: { kind: string }) => l.kind === 'staff')).toBe(true);
    const b = (await townB.get(`/api/quizzes/${quizId}/results`)).json();
    expect(b.totals.attempts).toBe(1);
    expect(b.byInstitution.map((i: { institutionId: string }) => i.institutionId)).toEqual([institutionB.id]);
    const i = (await instA.get(`/api/quizzes/${quizId}/results`)).json();
    expect(i.scope).toBe('institution');
    expect(i.byTownship).toEqual([]);
    expect(i.byInstitution).toHaveLength(1);
    expect(i.totals.attempts).toBe(2);
    expect(i.mostMissed.every((m: { answered: number }) => m.answered <= 2)).toBe(true);
  });

  it('exports the results as .xlsx (scoped)', async () => {
    const res = await townA.get(`/api/quizzes/${quizId}/results.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['乡镇统计', '机构统计', '排行榜', '易错题', '答题明细']);
    expect(wb.getWorksheet('答题明细')!.rowCount).toBe(1 + 3);
    expect(wb.getWorksheet('答题明细')!.getRow(2).getCell(4).value).toBeInstanceOf(Date);
  });

  it('quizStats counts attempts, participants, average and public attempts in scope and range', async () => {
    const actorOf = (role: 'county_leader' | 'township_officer', townshipId: string | null = null) => ({
      id: MISSING, username: 'x', displayName: 'x', role, countyId: ctx.countyId, officeId: null, townshipId, institutionId: null, mustChangePassword: false, permissions: new Set(ROLE_PERMISSIONS[role]),
    });
    const from = new Date(Date.now() - 3600_000);
    const to = new Date(Date.now() + 3600_000);
    const county = await quizStats(ctx.db, actorOf('county_leader'), { from, to });
    expect(county.attempts).toBeGreaterThanOrEqual(6);
    expect(county.publicAttempts).toBeGreaterThanOrEqual(1);
    const tw = await quizStats(ctx.db, actorOf('township_officer', ctx.townships['龙浔镇']!), { from, to });
    expect(tw.publicAttempts).toBe(0);
    expect(tw.participants).toBe(1);
    const narrowed = await quizStats(ctx.db, actorOf('county_leader'), { from, to, institutionId: institutionA.id });
    expect(narrowed).toMatchObject({ participants: 2, publicAttempts: 0 });
    const empty = await quizStats(ctx.db, actorOf('county_leader'), { from: new Date('2000-01-01'), to: new Date('2000-01-02') });
    expect(empty).toEqual({ attempts: 0, participants: 0, averageScore: null, publicAttempts: 0 });
  });
});
