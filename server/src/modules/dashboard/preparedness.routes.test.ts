import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institution } from '@lifeline/db';
import type { Dashboard, DrillCoverage, PlanMissing, PreparednessFigures, StudyCoverage } from '@lifeline/shared';
import { anon, clientFor, createTestContext, makeInstitution, upload, type Client, type TestContext } from '../../testing/harness.ts';

/**
 * The dashboard's 应急准备 block (GET /api/dashboard → `preparedness`), checked against plans,
 * drills, study sessions and quiz attempts made through their own APIs.
 *
 * "Now" is 2026-05-20 12:00 Asia/Shanghai; the drill window is the default 90 days (since
 * 2026-02-19 12:00); plans older than 365 days (effective before 2025-05-20) are due for revision.
 *
 *  浔中镇 (X): A (elderly care, 20 staff) — comprehensive/fire/missing_resident approved, fire effective
 *              2025-01-10 (due revision); night fire drill 04-01 (in window), earthquake drill
 *              2026-01-10 (outside); criteria sessions 5 named (2) + 8 counted → trained 8; a
 *              fire-law session (15) and a 2025 criteria session (20) do not count.
 *           B (elderly care, 10 staff) — comprehensive approved, fire pending → missing; day drill
 *              05-10; criteria session with 3 named → trained 3.
 *  龙浔镇 (L): C (child welfare, no staff count) — no plans, only a planned drill; S (suspended, 50
 *              staff, a held drill) — never counted.
 * Quiz (this year): A's officer 100 and 0, X's township officer 50, C's officer 100, B's officer 100
 * in 2025 (not counted), one public attempt.
 */
let ctx: TestContext;
let county: Client;
let townX: Client;
let townL: Client;
let admin: Client;
let offA: Client;
let offB: Client;
let offC: Client;
let X: string;
let L: string;
let A: { id: string; name: string };
let B: { id: string; name: string };
let C: { id: string };
let S: { id: string };

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const NOW = '2026-05-20T04:00:00Z';
const at = (iso: string) => {
  ctx.clock.now = new Date(iso);
};

async function ok(res: { statusCode: number; body: string; json(): unknown }, code = 200) {
  expect(res.statusCode, res.body).toBe(code);
  return res.json() as Record<string, unknown> & { id: string };
}

/** Creates a plan of kind and uploads v1; the township approves it unless `approve` is false. */
async function plan(officer: Client, institutionId: string, kind: string, effectiveOn: string, approve = true) {
  const p = await ok(await officer.post('/api/plans', { institutionId, kind, title: `${kind} 预案` }), 201);
  const file = await ok(await upload(officer, { filename: `${kind}.pdf`, content: PDF }, 'document'), 201);
  const d = (await ok(await officer.post(`/api/plans/${p.id}/versions`, { effectiveOn, attachmentIds: [file.id] }), 201)) as unknown as { versions: { id: string }[] };
  if (approve) await ok(await townX.post(`/api/plan-versions/${d.versions[0]!.id}/review`, { decision: 'approve', comment: '' }));
}

const held = (heldAt: string) => ({ heldAt, staffCount: 8, residentCount: 30, nonAmbulatoryCount: 5, evacuationSeconds: 240 });

async function drill(by: Client, institutionId: string, scenario: string, isNight: boolean, heldAt: string) {
  await ok(await by.post('/api/drills', { institutionId, scenario, isNight, held: held(heldAt) }), 201);
}

async function study(by: Client, heldOn: string, participantCount: number, participantNames: string[] = [], regulations = ['major_hazard_criteria']) {
  await ok(await by.post('/api/study-sessions', { kind: 'seminar', heldOn, organiser: '院长', topic: '专题学习', regulations, participantCount, participantNames }), 201);
}

/** Takes the quiz answering the two questions right (`right` of them). */
async function take(by: Client, quizId: string, answers: Record<string, string[]>) {
  const a = (await ok(await by.post(`/api/quizzes/${quizId}/attempts`), 201)) as unknown as { attemptId: string };
  await ok(await by.post(`/api/quiz-attempts/${a.attemptId}/submit`, { answers }));
}

async function prep(c: Client, query = '') {
  const d = (await ok(await c.get(`/api/dashboard${query}`))) as unknown as Dashboard;
  expect(d.preparedness).toBeTruthy();
  return d.preparedness!;
}

beforeAll(async () => {
  ctx = await createTestContext();
  X = ctx.townships['浔中镇']!;
  L = ctx.townships['龙浔镇']!;
  A = await makeInstitution(ctx, { townshipId: X, name: '准备测试甲院' });
  B = await makeInstitution(ctx, { townshipId: X, name: '准备测试乙院' });
  C = await makeInstitution(ctx, { townshipId: L, name: '准备测试丙院', type: 'child_welfare' });
  S = await makeInstitution(ctx, { townshipId: L, name: '准备测试暂停院' });
  await ctx.db.update(institution).set({ staffCount: 20 }).where(eq(institution.id, A.id));
  await ctx.db.update(institution).set({ staffCount: 10 }).where(eq(institution.id, B.id));
  await ctx.db.update(institution).set({ staffCount: 50 }).where(eq(institution.id, S.id));
  county = (await clientFor(ctx, 'county_staff')).client;
  admin = (await clientFor(ctx, 'county_admin')).client;
  townX = (await clientFor(ctx, 'township_officer', { townshipId: X })).client;
  townL = (await clientFor(ctx, 'township_officer', { townshipId: L })).client;
  offA = (await clientFor(ctx, 'institution_officer', { institutionId: A.id })).client;
  offB = (await clientFor(ctx, 'institution_officer', { institutionId: B.id })).client;
  offC = (await clientFor(ctx, 'institution_officer', { institutionId: C.id })).client;
  const offS = (await clientFor(ctx, 'institution_officer', { institutionId: S.id })).client;

  at('2025-12-30T02:00:00Z');
  await study(offA, '2025-12-20', 20);
  // a quiz of two questions with a known key
  const q1 = await ok(await admin.post('/api/quiz-questions', { code: 'DB-1', kind: 'true_false', stem: '仪表盘判断一', options: [{ key: 'T', text: '对' }, { key: 'F', text: '错' }], answer: ['T'], tags: ['测试-仪表盘'], explanation: '解析', source: '出处' }), 201);
  const q2 = await ok(await admin.post('/api/quiz-questions', { code: 'DB-2', kind: 'true_false', stem: '仪表盘判断二', options: [{ key: 'T', text: '对' }, { key: 'F', text: '错' }], answer: ['F'], tags: ['测试-仪表盘'], explanation: '解析', source: '出处' }), 201);
  const quiz = await ok(await admin.post('/api/quizzes', { title: '仪表盘答题', tags: ['测试-仪表盘'], questionCount: 2, timeLimitSeconds: 600, maxAttempts: 0, isPublic: true }), 201);
  await ok(await admin.post(`/api/quizzes/${quiz.id}/open`));
  const right = { [q1.id]: ['T'], [q2.id]: ['F'] };
  const wrong = { [q1.id]: ['F'], [q2.id]: ['T'] };
  const half = { [q1.id]: ['T'], [q2.id]: ['T'] };
  await take(offB, quiz.id, right); // last year: not counted

  at('2026-01-10T02:00:00Z');
  await drill(offA, A.id, 'earthquake', false, '2026-01-10T01:00:00Z');
  at('2026-03-10T02:00:00Z');
  await study(offA, '2026-03-10', 5, ['张三', '李四']);
  await study(offA, '2026-03-10', 8);
  await study(offA, '2026-03-10', 15, [], ['fire_law']);
  await study(offB, '2026-03-10', 3, ['王五', '赵六', '钱七']);
  at('2026-04-01T14:00:00Z');
  await drill(offA, A.id, 'fire', true, '2026-04-01T13:00:00Z');
  at(NOW);
  await drill(offB, B.id, 'flood_typhoon', false, '2026-05-10T02:00:00Z');
  await drill(offS, S.id, 'fire', false, '2026-05-10T02:00:00Z');
  await ok(await offC.post('/api/drills', { institutionId: C.id, scenario: 'fire', isNight: false, plannedAt: '2026-06-01T02:00:00Z' }), 201);
  await ctx.db.update(institution).set({ status: 'suspended' }).where(eq(institution.id, S.id));

  await plan(offA, A.id, 'comprehensive', '2026-01-05');
  await plan(offA, A.id, 'fire', '2025-01-10');
  await plan(offA, A.id, 'missing_resident', '2026-01-05');
  await plan(offB, B.id, 'comprehensive', '2026-01-05');
  await plan(offB, B.id, 'fire', '2026-04-01', false);

  await take(offA, quiz.id, right);
  await take(offA, quiz.id, wrong);
  await take(townX, quiz.id, half);
  await take(offC, quiz.id, right);
  const p = await ctx.app.inject({ method: 'POST', url: `/api/public/quizzes/${quiz.id}/attempts`, payload: { nickname: '热心市民' }, remoteAddress: '10.9.0.1' });
  expect(p.statusCode, p.body).toBe(201);
  const cookie = p.cookies.find((k) => k.name === 'lifeline_quiz_pt')!;
  const sub = await ctx.app.inject({ method: 'POST', url: `/api/public/quiz-attempts/${p.json().attemptId}/submit`, payload: { answers: right }, remoteAddress: '10.9.0.1', headers: { cookie: `${cookie.name}=${cookie.value}` } });
  expect(sub.statusCode, sub.body).toBe(200);
  void townL;
});
afterAll(async () => ctx?.close());

const X_ROW: PreparednessFigures = {
  institutions: 2,
  drillCovered: 2,
  nightDrillCovered: 1,
  drillsHeld: 2,
  nightDrillsHeld: 1,
  plansMissing: 1,
  plansDueRevision: 1,
  plansPending: 1,
  staffCount: 30,
  trained: 11,
  trainingShare: 11 / 30,
  quizAttempts: 3,
  quizParticipants: 2,
  quizAverageScore: 50,
};
const L_ROW: PreparednessFigures = {
  institutions: 1,
  drillCovered: 0,
  nightDrillCovered: 0,
  drillsHeld: 0,
  nightDrillsHeld: 0,
  plansMissing: 1,
  plansDueRevision: 0,
  plansPending: 0,
  staffCount: 0,
  trained: 0,
  trainingShare: null,
  quizAttempts: 1,
  quizParticipants: 1,
  quizAverageScore: 100,
};

describe('GET /api/dashboard → preparedness', () => {
  it('401 without a session; 400 for a malformed township; 404 for a township outside the scope', async () => {
    expect((await anon(ctx).get('/api/dashboard')).statusCode).toBe(401);
    expect((await county.get('/api/dashboard?townshipId=nope')).statusCode).toBe(400);
    expect((await townX.get(`/api/dashboard?townshipId=${L}`)).statusCode).toBe(404);
    expect((await offA.get(`/api/dashboard?townshipId=${L}`)).statusCode).toBe(404);
  });

  it('county: a row per township (zeros included) and totals; public quiz apart; no institution rows', async () => {
    const p = await prep(county);
    expect(p).toMatchObject({ windowDays: 90, since: '2026-02-19T04:00:00.000Z', year: 2026, byInstitution: [], publicQuiz: { attempts: 1, participants: 1 } });
    expect(p.byTownship).toHaveLength(Object.keys(ctx.townships).length);
    expect(p.byTownship.find((r) => r.townshipId === X)).toEqual({ townshipId: X, townshipName: '浔中镇', ...X_ROW });
    expect(p.byTownship.find((r) => r.townshipId === L)).toEqual({ townshipId: L, townshipName: '龙浔镇', ...L_ROW });
    const others = p.byTownship.filter((r) => r.townshipId !== X && r.townshipId !== L);
    expect(others.every((r) => r.institutions === 0 && r.quizAttempts === 0 && r.trainingShare === null)).toBe(true);
    expect(p.totals).toEqual({
      institutions: 3,
      drillCovered: 2,
      nightDrillCovered: 1,
      drillsHeld: 2,
      nightDrillsHeld: 1,
      plansMissing: 2,
      plansDueRevision: 1,
      plansPending: 1,
      staffCount: 30,
      trained: 11,
      trainingShare: 11 / 30,
      quizAttempts: 4,
      quizParticipants: 3,
      quizAverageScore: 62.5,
    });
  });

  it('one township (county role or its officer): its row, totals = the row, and its institutions', async () => {
    for (const [c, q] of [[county, `?townshipId=${X}`], [townX, '']] as const) {
      const p = await prep(c, q);
      expect(p.byTownship).toEqual([{ townshipId: X, townshipName: '浔中镇', ...X_ROW }]);
      expect(p.totals).toEqual(X_ROW);
      expect(p.publicQuiz).toBeNull();
      expect(p.byInstitution.map((i) => i.institutionName)).toEqual(['准备测试乙院', '准备测试甲院']);
      const a = p.byInstitution.find((i) => i.institutionId === A.id)!;
      expect(a).toMatchObject({ institutions: 1, drillCovered: 1, nightDrillCovered: 1, plansMissing: 0, plansDueRevision: 1, plansPending: 0, staffCount: 20, trained: 8, trainingShare: 0.4, quizAttempts: 2, quizParticipants: 1, quizAverageScore: 50 });
      const b = p.byInstitution.find((i) => i.institutionId === B.id)!;
      expect(b).toMatchObject({ drillCovered: 1, nightDrillCovered: 0, plansMissing: 1, plansPending: 1, staffCount: 10, trained: 3, quizAttempts: 0, quizAverageScore: null });
    }
  });

  it('an institution officer sees only their own institution', async () => {
    const p = await prep(offA);
    const own = { institutions: 1, drillCovered: 1, nightDrillCovered: 1, drillsHeld: 1, nightDrillsHeld: 1, plansMissing: 0, plansDueRevision: 1, plansPending: 0, staffCount: 20, trained: 8, trainingShare: 0.4, quizAttempts: 2, quizParticipants: 1, quizAverageScore: 50 };
    expect(p.totals).toEqual(own);
    expect(p.byTownship).toEqual([{ townshipId: X, townshipName: '浔中镇', ...own }]);
    expect(p.byInstitution).toEqual([{ institutionId: A.id, institutionName: '准备测试甲院', townshipId: X, ...own }]);
    expect(p.publicQuiz).toBeNull();
    const c = await prep(offC);
    expect(c.totals).toMatchObject({ institutions: 1, plansMissing: 1, quizAttempts: 1, quizAverageScore: 100 });
  });

  it('agrees with the preparedness modules’ own views of the township', async () => {
    const cov = (await ok(await townX.get('/api/drills/coverage'))) as unknown as DrillCoverage;
    expect(cov.totals).toMatchObject({ institutions: X_ROW.institutions, covered: X_ROW.drillCovered, heldInWindow: X_ROW.drillsHeld, nightHeldInWindow: X_ROW.nightDrillsHeld });
    const missing = (await ok(await townX.get('/api/plans/missing'))) as unknown as PlanMissing;
    expect(missing.items).toHaveLength(X_ROW.plansMissing);
    const due = (await ok(await townX.get('/api/plans?state=due_revision'))) as unknown as { total: number };
    expect(due.total).toBe(X_ROW.plansDueRevision);
    const study = (await ok(await townX.get('/api/study-sessions/coverage'))) as unknown as StudyCoverage;
    expect(study.totals).toMatchObject({ staffCount: X_ROW.staffCount, trained: X_ROW.trained });
  });
});
