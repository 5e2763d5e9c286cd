import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTITUTION_TYPES, ROLE_SCOPE, localDate, local, t, type Dashboard, type HazardStatus, type PlanMissing, type QuizResults, type StudyCoverage } from '@lifeline/shared';
import {
  appUser,
  drill,
  drillEvaluation,
  drillFinding,
  emergencyPlan,
  emergencyPlanVersion,
  hazard,
  hazardEvent,
  inspection,
  inspectionResult,
  institution,
  quiz,
  quizAttempt,
  quizAttemptAnswer,
  studySession,
} from '../schema/index.ts';
import { createTestContext, type TestContext } from '../../../server/src/testing/harness.ts';
import { seedDemoIfEmpty } from '../../../server/src/lib/demo.ts';
import { nextStatus, type HazardStep } from '../../../server/src/modules/hazards/hazards.workflow.ts';
import { DEHUA_TOWNSHIPS } from '../reference/dehua.ts';
import { DEMO_PASSWORD, generateDemo, type DemoResult } from './generate.ts';
import { ROSTER_XLSX_HEADERS, writeRosterXlsx } from './roster.ts';
import { makeFictionalInstitutions } from './institutions.ts';
import { createRng } from './prng.ts';
import { DEMO_WORDS } from './content.ts';

const SEED = 'demo-test-seed';
const NOW = new Date('2026-05-20T04:00:00Z');

let a: TestContext;
let b: TestContext;
let result: DemoResult;
const tmp = mkdtempSync(path.join(tmpdir(), 'lifeline-demo-'));

beforeAll(async () => {
  a = await createTestContext();
  b = await createTestContext();
  result = await generateDemo(a.db, { seed: SEED, now: NOW });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const names = async (ctx: TestContext) => (await ctx.db.select({ name: institution.name }).from(institution).orderBy(asc(institution.name))).map((r) => r.name);
/** The preparedness rows that must be identical for the same seed and `now`. */
const prepFacts = async (ctx: TestContext) => ({
  staff: (await ctx.db.select({ name: institution.name, staff: institution.staffCount }).from(institution).orderBy(asc(institution.name))).map((r) => `${r.name}:${r.staff}`),
  plans: (await ctx.db.select().from(emergencyPlan).orderBy(asc(emergencyPlan.id))).map((p) => [p.id, p.kind, p.currentVersion, p.revisionRequested].join('|')),
  versions: (await ctx.db.select().from(emergencyPlanVersion).orderBy(asc(emergencyPlanVersion.id))).map((v) => [v.id, v.status, v.effectiveOn, v.submittedAt.toISOString()].join('|')),
  drills: (await ctx.db.select().from(drill).orderBy(asc(drill.id))).map((d) => [d.id, d.scenario, d.isNight, d.status, d.heldAt?.toISOString(), d.evacuationSeconds].join('|')),
  sessions: (await ctx.db.select().from(studySession).orderBy(asc(studySession.id))).map((x) => [x.id, x.kind, x.heldOn, x.participantCount, x.participantNames.join(',')].join('|')),
  attempts: (await ctx.db.select().from(quizAttempt).orderBy(asc(quizAttempt.id))).map((x) => [x.id, x.userId, x.nickname, x.score].join('|')),
});
const login = async (ctx: TestContext, username: string) => {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  return `lifeline_sid=${res.cookies.find((k) => k.name === 'lifeline_sid')!.value}`;
};
const hazardFacts = async (ctx: TestContext) =>
  ctx.db.select({ code: hazard.code, title: hazard.title, status: hazard.status, deadline: hazard.deadline, foundAt: hazard.foundAt }).from(hazard).orderBy(asc(hazard.code));

describe('generateDemo', () => {
  it('makes a plausible, fictional county: ~60 institutions in all 18 townships, mostly elderly care', async () => {
    const c = result.counts;
    expect(c.institutions).toBe(60);
    expect(c.hazards).toBeGreaterThan(200);
    expect(c.openHazards).toBeGreaterThan(0);
    expect(c.overdueHazards).toBeGreaterThan(0);
    expect(c.majorHazards).toBeGreaterThan(0);
    const insts = await a.db.select().from(institution);
    expect(insts).toHaveLength(60);
    expect(new Set(insts.map((i) => i.townshipId)).size).toBe(18);
    for (const i of insts) {
      expect(i.isDemo).toBe(true);
      expect(i.name.startsWith('（演示）')).toBe(true);
      expect(i.creditCode).toBeNull();
      expect(i.personInChargePhone).toMatch(/^1\d{2}0000\d{4}$/);
      expect(i.safetyOfficerPhone).toMatch(/^1\d{2}0000\d{4}$/);
      expect(i.residents).toBeLessThanOrEqual(i.beds);
      expect(i.nonAmbulatoryPct).toBeGreaterThanOrEqual(0);
      expect(i.nonAmbulatoryPct).toBeLessThanOrEqual(100);
    }
    const byType = Object.fromEntries(INSTITUTION_TYPES.map((ty) => [ty, insts.filter((i) => i.type === ty).length]));
    expect(byType.elderly_care).toBeGreaterThanOrEqual(45);
    for (const ty of INSTITUTION_TYPES.filter((x) => x !== 'elderly_care')) expect(byType[ty]).toBeGreaterThanOrEqual(2);
    // every demo row is flagged; the real admin account is not the generator's business
    const users = await a.db.select().from(appUser);
    expect(users.every((u) => u.isDemo && !u.mustChangePassword)).toBe(true);
    expect(users.find((u) => u.username === 'admin')).toBeUndefined();
  });

  it('is deterministic: the same seed gives the same institutions and hazards in another database', async () => {
    const seeded = await seedDemoIfEmpty(b.db, { seed: SEED, now: NOW });
    expect(seeded).toMatchObject({ seeded: true, institutions: 60, hazards: result.counts.hazards, password: DEMO_PASSWORD });
    expect(seeded.accounts.map((x) => x.username)).toEqual(['demo-county', 'demo-leader', 'demo-xunzhong', 'demo-longxun', 'demo-inst']);
    expect(seeded.accounts.every((x) => /[\u4e00-\u9fff]/.test(x.label))).toBe(true);
    expect(await names(b)).toEqual(await names(a));
    expect((await hazardFacts(b)).map((h) => [h.code, h.title, h.status, h.deadline.toISOString()])).toEqual(
      (await hazardFacts(a)).map((h) => [h.code, h.title, h.status, h.deadline.toISOString()]),
    );
    expect(await prepFacts(b)).toEqual(await prepFacts(a));
    // a second start does nothing
    expect((await seedDemoIfEmpty(b.db)).seeded).toBe(false);
    await expect(generateDemo(b.db, { seed: SEED, now: NOW })).rejects.toThrow(/already present/);
    // another seed gives other names
    const townships = DEHUA_TOWNSHIPS.map((tw) => tw.name);
    const other = makeFictionalInstitutions(createRng('another-seed').fork('institutions'), 60, townships, DEMO_WORDS).map((i) => i.name);
    const same = makeFictionalInstitutions(createRng(SEED).fork('institutions'), 60, townships, DEMO_WORDS).map((i) => i.name);
    expect([...same].sort()).toEqual(await names(a));
    expect([...other].sort()).not.toEqual(await names(a));
  });

  it('walks every hazard through the real closed loop: status = last event, legal steps, codes from the sequence', async () => {
    const hs = await a.db.select().from(hazard);
    const evs = await a.db.select().from(hazardEvent).orderBy(asc(hazardEvent.at));
    const users = new Map((await a.db.select().from(appUser)).map((u) => [u.id, u]));
    const byHazard = new Map<string, (typeof evs)[number][]>();
    for (const e of evs) byHazard.set(e.hazardId, [...(byHazard.get(e.hazardId) ?? []), e]);
    const codes = new Set<string>();
    for (const h of hs) {
      const list = byHazard.get(h.id)!;
      expect(list[0]).toMatchObject({ action: 'register', fromStatus: null, toStatus: 'pending', actorId: h.reportedById });
      expect(list[0]!.at).toEqual(h.foundAt);
      let status: HazardStatus = 'pending';
      for (const e of list.slice(1)) {
        expect(e.fromStatus).toBe(status);
        expect(nextStatus(status, e.action as HazardStep)).toBe(e.toStatus);
        if (e.action === 'verify' || e.action === 'return') {
          const role = users.get(e.actorId)!.role;
          // the policy: never the institution itself; major / listed ones only by county staff
          expect(role).not.toBe('institution_officer');
          if (h.level === 'major' || h.listedSupervision) expect(role).toBe('county_staff');
        } else {
          expect(users.get(e.actorId)!.role).toBe('institution_officer');
        }
        expect(e.at.getTime()).toBeLessThan(NOW.getTime());
        status = e.toStatus as HazardStatus;
      }
      expect(h.status).toBe(list.at(-1)!.toStatus);
      expect(h.revision).toBe(list.length - 1);
      expect(h.closedAt?.toISOString() ?? null).toBe(h.status === 'closed' ? list.at(-1)!.at.toISOString() : null);
      expect(h.listedSupervision).toBe(h.level === 'major');
      expect(h.code).toMatch(new RegExp(`^YH${local(h.foundAt).year()}-\\d{6}$`));
      expect(h.deadline.getTime()).toBeGreaterThan(h.foundAt.getTime());
      expect(localDate(h.deadline)).toBe(localDate(new Date(h.deadline.getTime() - 1))); // 23:59:59.999 local
      codes.add(h.code);
    }
    expect(codes.size).toBe(hs.length);
    // the codes came from hazard_no_seq: the next number continues after them
    const res = (await a.db.execute(sql`select nextval('hazard_no_seq') as n`)) as unknown as { rows: { n: string }[] };
    expect(Number(res.rows[0]!.n)).toBe(hs.length + 1);
    // one hazard per failed item, linked to it
    const fails = await a.db.select({ id: inspectionResult.id }).from(inspectionResult).where(eq(inspectionResult.result, 'fail'));
    const fromInspections = hs.filter((h) => h.source === 'inspection');
    expect(fromInspections).toHaveLength(fails.length);
    expect(new Set(fromInspections.map((h) => h.inspectionResultId))).toEqual(new Set(fails.map((f) => f.id)));
    // inspections of all three kinds, made by a role allowed to file that kind
    const insp = await a.db.select({ kind: inspection.kind, by: inspection.createdById }).from(inspection);
    expect(new Set(insp.map((i) => i.kind))).toEqual(new Set(['county', 'township', 'self']));
    for (const i of insp) expect(ROLE_SCOPE[users.get(i.by)!.role]).toBe(i.kind === 'self' ? 'institution' : i.kind);
  });

  it('lets the demo accounts log in with the demo password, and their dashboards agree with the data', async () => {
    for (const acc of result.accounts) {
      const res = await a.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: acc.username, password: DEMO_PASSWORD } });
      expect(res.statusCode, `${acc.username}: ${res.body}`).toBe(200);
      const cookie = `lifeline_sid=${res.cookies.find((k) => k.name === 'lifeline_sid')!.value}`;
      const me = await a.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      expect(me.json()).toMatchObject({ username: acc.username, role: acc.role, mustChangePassword: false });
      if (acc.username !== 'demo-xunzhong') continue;
      a.clock.now = NOW;
      const d: Dashboard = (await a.app.inject({ method: 'GET', url: '/api/dashboard', headers: { cookie } })).json();
      const xunzhong = a.townships['浔中镇']!;
      const hs = await a.db.select().from(hazard).where(eq(hazard.townshipId, xunzhong));
      expect(d.scope.name).toBe('浔中镇');
      expect(d.hazards.open).toBe(hs.filter((h) => h.status !== 'closed').length);
      expect(d.hazards.closed).toBe(hs.filter((h) => h.status === 'closed').length);
      expect(d.hazards.overdue).toBe(hs.filter((h) => h.status !== 'closed' && h.deadline < NOW).length);
      expect(d.monthlyTrend.reduce((s, m) => s + m.found, 0)).toBe(hs.length); // a year of data fits the 12 months
      a.clock.now = null;
    }
  });
});

describe('generateDemo: preparedness (issue 4)', () => {
  it('gives the institutions staff counts, plans with versions, drills, study sessions and a quiz with attempts', async () => {
    const c = result.counts;
    expect(c.plans).toBeGreaterThan(150);
    expect(c.planVersions).toBeGreaterThan(100);
    expect(c.heldDrills).toBeGreaterThan(80);
    expect(c.nightDrills).toBeGreaterThan(0);
    expect(c.drillEvaluations).toBeGreaterThan(30);
    expect(c.drillHazards).toBeGreaterThan(0);
    expect(c.studySessions).toBeGreaterThan(200);
    expect(c.quizzes).toBe(1);
    expect(c.quizAttempts).toBeGreaterThan(40);
    expect(c.publicQuizAttempts).toBeGreaterThan(10);
    expect(c.quizAnswers).toBe(c.quizAttempts * 10);
    const insts = await a.db.select().from(institution);
    expect(insts.filter((i) => i.staffCount > 0).length).toBeGreaterThan(50);
    // drills: held ones in the past with sane figures; every scenario of the notice appears
    const drills = await a.db.select().from(drill);
    expect(drills).toHaveLength(c.drills);
    const held = drills.filter((d) => d.status === 'held');
    for (const d of held) {
      expect(d.heldAt!.getTime()).toBeLessThan(NOW.getTime());
      expect(d.nonAmbulatoryCount!).toBeLessThanOrEqual(d.residentCount!);
      expect(d.evacuationSeconds!).toBeGreaterThan(0);
    }
    for (const s of ['fire', 'earthquake', 'flood_typhoon']) expect(held.some((d) => d.scenario === s)).toBe(true);
    // evacuation times trend down: a repeat of the same scenario is usually faster
    const byKey = new Map<string, typeof held>();
    for (const d of [...held].sort((x, y) => x.heldAt!.getTime() - y.heldAt!.getTime())) byKey.set(`${d.institutionId}:${d.scenario}:${d.isNight}`, [...(byKey.get(`${d.institutionId}:${d.scenario}:${d.isNight}`) ?? []), d]);
    const pairs = [...byKey.values()].flatMap((list) => list.slice(1).map((d, k) => d.evacuationSeconds! < list[k]!.evacuationSeconds!));
    expect(pairs.length).toBeGreaterThan(5);
    expect(pairs.filter(Boolean).length / pairs.length).toBeGreaterThan(0.6);
    // evaluations add up; drill findings of kind hazard are real hazards of source 'drill' of the same institution
    for (const e of await a.db.select().from(drillEvaluation)) expect(e.totalScore).toBe(e.items.reduce((s, i) => s + i.score, 0));
    const findings = await a.db.select({ f: drillFinding, d: drill, h: hazard }).from(drillFinding).innerJoin(drill, eq(drill.id, drillFinding.drillId)).leftJoin(hazard, eq(hazard.id, drillFinding.hazardId));
    const hazardFindings = findings.filter((x) => x.f.kind === 'hazard');
    expect(hazardFindings).toHaveLength(c.drillHazards);
    for (const x of hazardFindings) {
      expect(x.h).toMatchObject({ source: 'drill', institutionId: x.d.institutionId, isDemo: true });
      expect(x.h!.foundAt).toEqual(x.d.heldAt);
      expect(x.d.lifePassageBlocked).toBe(true);
    }
    expect((await a.db.select().from(hazard).where(eq(hazard.source, 'drill'))).length).toBe(c.drillHazards);
    // quiz answers belong to drawn questions; public attempts carry a token hash, staff ones a township
    const attempts = await a.db.select().from(quizAttempt);
    const answers = await a.db.select().from(quizAttemptAnswer);
    const drawn = new Map(attempts.map((x) => [x.id, new Set(x.questionIds)]));
    for (const x of answers) expect(drawn.get(x.attemptId)!.has(x.questionId)).toBe(true);
    for (const x of attempts) {
      expect(x.status).toBe('submitted');
      expect(x.submittedAt!.getTime()).toBeLessThanOrEqual(x.deadlineAt.getTime());
      expect(x.score).toBe(Math.round((100 * answers.filter((y) => y.attemptId === x.id && y.isCorrect).length) / 10));
      if (x.userId) expect(x.participantHash).toBeNull();
      else expect(x.participantHash).toMatch(/^demo-/);
    }
    const [q] = await a.db.select().from(quiz);
    expect(q).toMatchObject({ status: 'open', isPublic: true });
    expect(q!.title.startsWith('（演示）')).toBe(true);
  });

  it('shows up through the APIs: plans missing / due / pending, training coverage, quiz results, the dashboard', async () => {
    a.clock.now = NOW;
    const cookie = await login(a, 'demo-county');
    const get = async <T,>(url: string) => {
      const res = await a.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      return res.json() as T;
    };
    const missing = await get<PlanMissing>('/api/plans/missing');
    expect(missing.items.length).toBeGreaterThan(0);
    expect(missing.items.length).toBeLessThan(missing.institutionsChecked / 2);
    const states = Object.fromEntries(
      await Promise.all(['current', 'due_revision', 'pending', 'returned', 'draft'].map(async (s) => [s, (await get<{ total: number }>(`/api/plans?state=${s}&pageSize=1`)).total] as const)),
    );
    expect(states.current).toBeGreaterThan(states.due_revision! + states.pending!);
    expect(states.due_revision).toBeGreaterThan(0);
    expect(states.pending).toBeGreaterThan(0);
    const study = await get<StudyCoverage>('/api/study-sessions/coverage');
    expect(study.totals.share!).toBeGreaterThan(0.2);
    expect(study.totals.share!).toBeLessThanOrEqual(1);
    const [q] = await a.db.select().from(quiz);
    const results = await get<QuizResults>(`/api/quizzes/${q!.id}/results`);
    expect(results.totals.attempts).toBe(result.counts.quizAttempts);
    expect(results.publicAttempts).toBe(result.counts.publicQuizAttempts);
    expect(results.leaderboard.length).toBeGreaterThan(5);
    expect(results.mostMissed.length).toBeGreaterThan(0);
    expect(results.byTownship.filter((tw) => tw.attempts > 0).length).toBeGreaterThan(9);
    const d = await get<Dashboard>('/api/dashboard');
    const p = d.preparedness!;
    expect(p.byTownship).toHaveLength(18);
    expect(p.totals.institutions).toBe(60);
    expect(p.totals.drillCovered).toBeGreaterThan(30);
    expect(p.totals.drillCovered).toBeLessThan(60);
    expect(p.totals.nightDrillCovered).toBeGreaterThan(0);
    expect(p.totals.plansMissing).toBe(missing.items.length);
    expect(p.totals.plansDueRevision).toBe(states.due_revision);
    expect(p.totals.trainingShare).toBeCloseTo(study.totals.share!, 6);
    expect(p.totals.quizAttempts + (p.publicQuiz?.attempts ?? 0)).toBe(result.counts.quizAttempts);
    a.clock.now = null;
  });
});

describe('writeRosterXlsx', () => {
  it('writes N fictional institutions under exactly the import headers, reproducibly', async () => {
    const file = path.join(tmp, 'sub', 'roster.xlsx');
    const res = await writeRosterXlsx(file, { count: 25, seed: 's1' });
    expect(res.rows).toBe(25);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(res.path);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(['乡镇', '机构名称', '机构类型', '状态', '地址', '统一社会信用代码', '备案号', '许可证号', '负责人', '负责人电话', '安全员', '安全员电话', '床位数', '在住人数', '失能半失能占比(%)']);
    expect(headers).toEqual([...ROSTER_XLSX_HEADERS]);
    expect(ws.actualRowCount).toBe(26);
    const typeLabels = new Set(INSTITUTION_TYPES.map((ty) => t(`institutionType.${ty}`)));
    const townships = new Set(DEHUA_TOWNSHIPS.map((tw) => tw.name));
    const rows: string[] = [];
    for (let r = 2; r <= 26; r++) {
      const v = (ws.getRow(r).values as unknown[]).slice(1);
      expect(townships.has(v[0] as string)).toBe(true);
      expect(String(v[1])).toMatch(/^（演示）/);
      expect(typeLabels.has(v[2] as string)).toBe(true);
      expect(v[3]).toBe('运营中');
      expect(v[5] ?? '').toBe('');
      expect(String(v[9])).toMatch(/^1\d{2}0000\d{4}$/);
      expect(typeof v[12]).toBe('number');
      expect(typeof v[14]).toBe('number');
      rows.push(String(v[1]));
    }
    expect(new Set(rows).size).toBe(25);
    // the same seed writes the same names; roster names never clash with the demo institutions
    const again = await writeRosterXlsx(path.join(tmp, 'again.xlsx'), { count: 25, seed: 's1' });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(again.path);
    expect(wb2.worksheets[0]!.getColumn(2).values.slice(2)).toEqual(rows);
    const demoNames = new Set(await names(a));
    expect(rows.some((n) => demoNames.has(n))).toBe(false);
    await expect(writeRosterXlsx(path.join(tmp, 'x.xlsx'), { count: 0 })).rejects.toThrow(RangeError);
  });

  it('imports cleanly through the institution import, next to the demo data (demo-county uploads it)', async () => {
    const file = await writeRosterXlsx(path.join(tmp, 'import.xlsx'), { count: 30, seed: 'import' });
    const login = await a.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-county', password: DEMO_PASSWORD } });
    const cookie = `lifeline_sid=${login.cookies.find((k) => k.name === 'lifeline_sid')!.value}`;
    const boundary = '----lifelineRoster';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      readFileSync(file.path),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/institutions/import?dryRun=false',
      payload,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ committed: true, total: 30, valid: 30, invalid: 0, created: 30, updated: 0 });
  });
});
