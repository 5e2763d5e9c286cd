import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  HAZARD_CATEGORIES,
  findingTitle,
  local,
  t,
  type HazardCategory,
  type HazardLevel,
  type HazardStatus,
  type InspectionKind,
  type InstitutionType,
  type Role,
} from '@lifeline/shared';
import type { Db, Tx } from '../client.ts';
import { hashPassword } from '../passwords.ts';
import { REFERENCE_CHECKLISTS } from '../reference/checklists.ts';
import {
  appUser,
  auditLog,
  checklistItem,
  checklistTemplate,
  checklistVersion,
  county,
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
  quizQuestion,
  studySession,
  township,
} from '../schema/index.ts';
import {
  ADHOC_HAZARDS,
  DEMO_WORDS,
  FINDINGS,
  GENERIC_FINDINGS,
  LOCATIONS,
  MEASURES,
  RETURN_REASONS,
  START_NOTES,
  SUBMIT_NOTES,
  TOWNSHIP_SLUGS,
  VERIFY_NOTES,
} from './content.ts';
import { fictionalPersonName, makeFictionalInstitutions, type FictionalInstitution } from './institutions.ts';
import { buildPreparedness } from './preparedness.ts';
import { createRng, type Rng } from './prng.ts';
import { endOfLocalDayNumber, localDayNumber, localInstant, localYear } from './local-time.ts';

/** The one password of every demo account (they are flagged is_demo and need no change at login). */
export const DEMO_PASSWORD = 'Demo-2026-lifeline';
/** The seed used when none is given (server start with LIFELINE_DEMO, `npm run seed:demo`). */
export const DEFAULT_DEMO_SEED = 'dehua-demo';
/** Institutions at scale 1. */
export const BASE_INSTITUTIONS = 60;

export interface DemoOptions {
  /** PRNG seed; the same seed (and `now`) gives the same data. Default {@link DEFAULT_DEMO_SEED}. */
  seed?: string | number;
  /** the end of the generated year; events never go past it. Default: the current time. */
  now?: Date;
  /** multiplies the number of institutions (and so everything else): 10 → ~600 institutions. Default 1. */
  scale?: number;
}

/** A demo account worth showing on the login page / start banner. */
export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  /** zh-CN description, e.g. 「浔中镇民政办」 */
  label: string;
}

export interface DemoCounts {
  institutions: number;
  users: number;
  inspections: number;
  inspectionResults: number;
  hazards: number;
  openHazards: number;
  overdueHazards: number;
  majorHazards: number;
  hazardEvents: number;
  auditRows: number;
  /** preparedness (issue 4) */
  plans: number;
  planVersions: number;
  drills: number;
  heldDrills: number;
  nightDrills: number;
  drillEvaluations: number;
  drillFindings: number;
  drillHazards: number;
  studySessions: number;
  quizzes: number;
  quizAttempts: number;
  publicQuizAttempts: number;
  quizAnswers: number;
}

export interface DemoResult {
  seed: string;
  now: string;
  password: string;
  /** the five named accounts (demo-county, demo-leader, demo-xunzhong, demo-longxun, demo-inst) */
  accounts: DemoAccount[];
  counts: DemoCounts;
  /** wall time of the generation, milliseconds */
  elapsedMs: number;
}

const DAY = 86_400_000;
/** Bind parameters per multi-row INSERT. */
const PARAMS_PER_INSERT = 6_000;
const SYSTEM = { id: null, displayName: '演示数据' } as const;

interface Person {
  id: string;
  displayName: string;
}

interface ChecklistRef {
  code: string;
  name: string;
  versionId: string;
  version: number;
  items: { id: string; code: string; checkText: string; hazardLevel: HazardLevel; hazardCategory: HazardCategory }[];
}

type HazardRow = typeof hazard.$inferInsert & { id: string; foundAt: Date; deadline: Date };
type EventRow = typeof hazardEvent.$inferInsert & { at: Date };
type AuditRow = typeof auditLog.$inferInsert & { at: Date };

/** JSON-safe copy (Dates → ISO strings), as writeAudit stores it. */
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

/**
 * Inserts rows in multi-row INSERTs of about {@link PARAMS_PER_INSERT} bind parameters each: well
 * under PostgreSQL's 65 535, and the fastest size measured on PGlite (bigger statements are slower).
 */
async function insertBatched<T extends PgTable>(tx: Tx, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.floor(PARAMS_PER_INSERT / columns));
  for (let i = 0; i < rows.length; i += size) {
    await tx.insert(table).values(rows.slice(i, i + size) as never);
  }
}

/** A local working-hours instant (08:30–17:30 Asia/Shanghai) on local day `day`. */
function workingTime(rng: Rng, day: number): Date {
  return localInstant(day, rng.int(8 * 60 + 30, 17 * 60 + 30));
}

/** Adds a fractional number of days, rounded to the minute. */
const addDays = (d: Date, days: number) => new Date(Math.round((d.getTime() + days * DAY) / 60_000) * 60_000);

/** The checklist templates an institution type is inspected against, per inspection kind, with weights. */
function templatesFor(type: InstitutionType, kind: InspectionKind): [string, number][] {
  const own: Record<InstitutionType, string> = {
    elderly_care: 'elderly-fire-safety-2023',
    child_welfare: 'child-welfare',
    relief_station: 'relief-station',
    funeral_service: 'funeral-service',
    mental_health_welfare: 'mental-health-welfare',
  };
  if (type === 'elderly_care' && kind === 'county') return [['elderly-major-hazard-2023', 6], ['life-passage', 4]];
  if (kind === 'county') return [[own[type], 7], ['life-passage', 3]];
  return [[own[type], 5], ['life-passage', 5]];
}

/** Loads the county, its townships and the latest version of each shipped checklist with its usable items. */
async function loadReference(db: Db) {
  const [c] = await db.select().from(county).orderBy(asc(county.createdAt)).limit(1);
  if (!c) throw new Error('generateDemo: no county — run seedReferenceData first');
  const townships = await db.select().from(township).where(eq(township.countyId, c.id)).orderBy(asc(township.sortOrder), asc(township.name));
  const shipped = REFERENCE_CHECKLISTS.map((r) => r.code);
  const tpls = await db.select().from(checklistTemplate).where(inArray(checklistTemplate.code, shipped));
  const versions = tpls.length ? await db.select().from(checklistVersion).where(inArray(checklistVersion.templateId, tpls.map((x) => x.id))) : [];
  const latest = new Map<string, typeof checklistVersion.$inferSelect>();
  for (const v of versions) {
    const cur = latest.get(v.templateId);
    if (!cur || v.version > cur.version) latest.set(v.templateId, v);
  }
  const items = latest.size
    ? await db
        .select()
        .from(checklistItem)
        .where(and(inArray(checklistItem.versionId, [...latest.values()].map((v) => v.id)), eq(checklistItem.isPlaceholder, false)))
        .orderBy(asc(checklistItem.sortOrder))
    : [];
  const checklists = new Map<string, ChecklistRef>();
  for (const tpl of tpls) {
    const v = latest.get(tpl.id);
    if (!v) continue;
    const its = items.filter((i) => i.versionId === v.id);
    if (its.length === 0) continue;
    checklists.set(tpl.code, {
      code: tpl.code,
      name: tpl.name,
      versionId: v.id,
      version: v.version,
      items: its.map((i) => ({
        id: i.id,
        code: i.code,
        checkText: i.checkText,
        hazardLevel: i.hazardLevel,
        hazardCategory: (HAZARD_CATEGORIES as readonly string[]).includes(i.hazardCategory) ? (i.hazardCategory as HazardCategory) : 'other',
      })),
    });
  }
  if (!checklists.has('life-passage')) throw new Error('generateDemo: the shipped checklists are missing — run seedReferenceData first');
  return { countyId: c.id, townships, checklists };
}

/**
 * Generates a year of FICTIONAL demo data into a database that has the reference data
 * (seedReferenceData) and no demo data yet, in one transaction with multi-row inserts:
 *
 * - institutions across the 18 townships (60 × `scale`; mostly 养老机构, a few of each other type),
 *   all `is_demo`, names marked 「（演示）」, fake 1xx-0000-xxxx phones, empty credit codes;
 * - demo accounts, all `is_demo`, password {@link DEMO_PASSWORD}, no forced change: `demo-county`
 *   (county staff), `demo-leader` (county leader), `demo-<township>` for every township
 *   (e.g. demo-xunzhong, demo-longxun), `demo-inst` (safety officer of the first 浔中镇 home) and
 *   `demo-inst-NNN` for the other institutions. The real `admin` is never touched;
 * - county, township and self inspections over the 12 local months ending with `now`'s month (the
 *   dashboard's trend window) — each institution inspects itself quarterly, its township visits
 *   twice, the county about half of them once — against the latest version of the shipped
 *   checklists (non-placeholder items only), mostly 合格 with some 不合格;
 * - one hazard per failed item (plus a few 随手拍), numbered from `hazard_no_seq` as
 *   `YH<local year>-NNNNNN` in order of discovery, walking the real closed loop
 *   (register → start → submit → verify, or return and resubmit) with plausible dates and notes;
 *   recent and stalled ones stay open, some past their deadline (逾期); major ones are under
 *   挂牌督办 and verified by county staff, as the hazard policy requires;
 * - audit rows for every institution, account, inspection and hazard step, at their times.
 *
 * Deterministic: the same seed and `now` give the same rows (ids included); institution names
 * depend on the seed only. Default size (~60 institutions, ~350 hazards) loads in about a second on
 * an idle machine with PGlite; `scale: 10` (~3 500 hazards) in 10–20 s.
 * @returns the counts, the named accounts and the password
 * @throws Error when the reference data is missing or demo accounts already exist
 */
export async function generateDemo(db: Db, opts: DemoOptions = {}): Promise<DemoResult> {
  const started = Date.now();
  const seed = String(opts.seed ?? DEFAULT_DEMO_SEED);
  const now = opts.now ?? new Date();
  const scale = opts.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`generateDemo: scale must be a positive number, got ${scale}`);

  const ref = await loadReference(db);
  const [existing] = await db.select({ id: appUser.id }).from(appUser).where(eq(appUser.username, 'demo-county'));
  if (existing) throw new Error('generateDemo: demo data already present (user demo-county exists)');
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const rng = createRng(seed);
  const townshipIdByName = new Map(ref.townships.map((tw) => [tw.name, tw.id]));
  const fictional = makeFictionalInstitutions(rng.fork('institutions'), Math.max(1, Math.round(BASE_INSTITUTIONS * scale)), ref.townships.map((tw) => tw.name), DEMO_WORDS);
  const r = rng.fork('records');
  // the generated "year" is the 12 local months ending with now's month (the dashboard's trend window)
  const yearStart = local(now).startOf('month').subtract(11, 'month').toDate();
  const firstDay = localDayNumber(yearStart);
  const span = localDayNumber(now) - firstDay + 1; // days in the window, today included
  const createdAt = new Date(yearStart.getTime() - 20 * DAY);

  // ---- institutions -------------------------------------------------------------------------
  type Inst = FictionalInstitution & { id: string; townshipId: string };
  const insts: Inst[] = fictional.map((f) => ({ ...f, id: r.uuid(), townshipId: townshipIdByName.get(f.townshipName)! }));
  const institutionRows: (typeof institution.$inferInsert)[] = insts.map((i) => ({
    id: i.id,
    townshipId: i.townshipId,
    name: i.name,
    type: i.type,
    status: i.status,
    address: i.address,
    creditCode: null,
    filingNo: i.filingNo,
    licenceNo: i.licenceNo,
    personInCharge: i.personInCharge,
    personInChargePhone: i.personInChargePhone,
    safetyOfficer: i.safetyOfficer,
    safetyOfficerPhone: i.safetyOfficerPhone,
    beds: i.beds,
    residents: i.residents,
    nonAmbulatoryPct: i.nonAmbulatoryPct,
    isDemo: true,
    createdAt,
    updatedAt: createdAt,
  }));
  const demoInst = insts[0]!;
  demoInst.risk = Math.max(demoInst.risk, 1.6); // the showcase home has work to do

  // ---- accounts -----------------------------------------------------------------------------
  const userRows: (typeof appUser.$inferInsert)[] = [];
  const addUser = (username: string, role: Role, displayName: string, bind: { townshipId?: string; institutionId?: string } = {}, phone = ''): Person => {
    const id = r.uuid();
    userRows.push({
      id,
      username,
      displayName,
      phone,
      role,
      countyId: ref.countyId,
      townshipId: bind.townshipId ?? null,
      institutionId: bind.institutionId ?? null,
      passwordHash,
      mustChangePassword: false,
      isDemo: true,
      createdAt,
      updatedAt: createdAt,
      passwordChangedAt: createdAt,
    });
    return { id, displayName };
  };
  const demoName = () => `${fictionalPersonName(r)}（演示）`;
  const countyStaff = addUser('demo-county', 'county_staff', demoName());
  const leader = addUser('demo-leader', 'county_leader', demoName());
  const townshipOfficer = new Map<string, Person>();
  for (const tw of ref.townships) {
    const slug = TOWNSHIP_SLUGS[tw.name] ?? `t${tw.code}`;
    townshipOfficer.set(tw.id, addUser(`demo-${slug}`, 'township_officer', demoName(), { townshipId: tw.id }));
  }
  const instOfficer = new Map<string, Person>();
  insts.forEach((i, idx) => {
    const username = idx === 0 ? 'demo-inst' : `demo-inst-${String(idx + 1).padStart(3, '0')}`;
    instOfficer.set(i.id, addUser(username, 'institution_officer', `${i.safetyOfficer}（演示）`, { townshipId: i.townshipId, institutionId: i.id }, i.safetyOfficerPhone));
  });
  const xunzhongId = townshipIdByName.get('浔中镇');
  const longxunId = townshipIdByName.get('龙浔镇');
  const accounts: DemoAccount[] = [
    { username: 'demo-county', role: 'county_staff', displayName: countyStaff.displayName, label: `${t('role.county_staff')}（检查、督办重大隐患）` },
    { username: 'demo-leader', role: 'county_leader', displayName: leader.displayName, label: `${t('role.county_leader')}（只读）` },
    ...(xunzhongId ? [{ username: 'demo-xunzhong', role: 'township_officer' as const, displayName: townshipOfficer.get(xunzhongId)!.displayName, label: '浔中镇民政办' }] : []),
    ...(longxunId ? [{ username: 'demo-longxun', role: 'township_officer' as const, displayName: townshipOfficer.get(longxunId)!.displayName, label: '龙浔镇民政办' }] : []),
    { username: 'demo-inst', role: 'institution_officer', displayName: instOfficer.get(demoInst.id)!.displayName, label: `${t('role.institution_officer')} · ${demoInst.name}` },
  ];

  // ---- inspections and their results ----------------------------------------------------------
  const inspectionRows: (typeof inspection.$inferInsert & { id: string; inspectedAt: Date })[] = [];
  const resultRows: (typeof inspectionResult.$inferInsert)[] = [];
  const inspectionMeta = new Map<string, { inst: Inst; checklist: ChecklistRef; kind: InspectionKind; by: Person; total: number; fails: number; hazards: HazardRow[] }>();
  const hazards: HazardRow[] = [];
  const latestInspectionTime = now.getTime() - 2 * 3600_000;

  const newHazard = (inst: Inst, h: Omit<HazardRow, 'id' | 'code' | 'institutionId' | 'townshipId' | 'isDemo' | 'listedSupervision' | 'responsiblePerson' | 'rectificationMeasures' | 'deadline'> & { level: HazardLevel; category: HazardCategory }) => {
    const days = h.level === 'major' ? 15 : r.weighted([[30, 6], [15, 3], [7, 1]] as const);
    const row: HazardRow = {
      ...h,
      id: r.uuid(),
      code: '',
      institutionId: inst.id,
      townshipId: inst.townshipId,
      responsiblePerson: r.chance(0.6) ? inst.personInCharge : inst.safetyOfficer,
      rectificationMeasures: r.pick(MEASURES[h.category]),
      deadline: endOfLocalDayNumber(localDayNumber(h.foundAt) + days),
      listedSupervision: h.level === 'major',
      isDemo: true,
    };
    hazards.push(row);
    return row;
  };

  for (const inst of insts) {
    const visits: { kind: InspectionKind; day: number }[] = [];
    // self-inspections each quarter, township inspections each half year, some county inspections
    for (let q = 0; q < 4; q++) visits.push({ kind: 'self', day: (q + r.float(0.03, 0.97)) * (span / 4) });
    for (let k = 0; k < 2; k++) visits.push({ kind: 'township', day: (k + r.float(0.03, 0.97)) * (span / 2) });
    if (r.chance(inst.type === 'elderly_care' ? 0.45 : 0.6)) visits.push({ kind: 'county', day: r.float(0.04, 0.99) * span });
    visits.sort((a, b) => a.day - b.day);
    for (const v of visits) {
      const at = workingTime(r, firstDay + Math.floor(v.day));
      if (at.getTime() > latestInspectionTime) continue;
      const checklist = ref.checklists.get(r.weighted(templatesFor(inst.type, v.kind))) ?? ref.checklists.get('life-passage')!;
      const by = v.kind === 'county' ? countyStaff : v.kind === 'township' ? townshipOfficer.get(inst.townshipId)! : instOfficer.get(inst.id)!;
      const id = r.uuid();
      const kindFactor = v.kind === 'self' ? 0.6 : v.kind === 'township' ? 1 : 1.3;
      const meta = { inst, checklist, kind: v.kind, by, total: checklist.items.length, fails: 0, hazards: [] as HazardRow[] };
      inspectionMeta.set(id, meta);
      for (const item of checklist.items) {
        const pFail = (item.hazardLevel === 'major' ? 0.04 : 0.07) * inst.risk * kindFactor;
        const roll = r.next();
        const result = roll < pFail ? 'fail' : item.hazardLevel === 'general' && roll > 0.985 ? 'na' : 'pass';
        const resultId = r.uuid();
        const note = result === 'fail' ? r.pick(FINDINGS[item.code] ?? GENERIC_FINDINGS) : result === 'na' ? '本机构无此项' : '';
        resultRows.push({ id: resultId, inspectionId: id, checklistItemId: item.id, result, note });
        if (result !== 'fail') continue;
        meta.fails++;
        meta.hazards.push(
          newHazard(inst, {
            source: 'inspection',
            inspectionId: id,
            inspectionResultId: resultId,
            checklistItemId: item.id,
            level: item.hazardLevel,
            category: item.hazardCategory,
            // worded as the inspection service words it
            title: findingTitle(item.code, item.checkText, note),
            location: r.pick(LOCATIONS[item.hazardCategory]),
            description: note,
            foundAt: at,
            reportedById: by.id,
          }),
        );
      }
      const kindLabel = t(`inspectionKind.${v.kind}`);
      inspectionRows.push({
        id,
        kind: v.kind,
        institutionId: inst.id,
        townshipId: inst.townshipId,
        checklistVersionId: checklist.versionId,
        inspectedAt: at,
        inspectors: v.kind === 'self' ? `${inst.safetyOfficer}、${inst.personInCharge}` : `${by.displayName.replace('（演示）', '')}、${fictionalPersonName(r)}`,
        summary: `本次${kindLabel}共检查 ${meta.total} 项，合格 ${meta.total - meta.fails} 项，不合格 ${meta.fails} 项${meta.fails ? '，已当场反馈机构负责人并登记隐患' : ''}。`,
        createdById: by.id,
        createdAt: at,
      });
    }
    // 随手拍: a supervisor passing by
    const adhocCount = r.weighted([[0, 5], [1, 4], [2, 1]] as const);
    for (let k = 0; k < adhocCount; k++) {
      const foundAt = workingTime(r, firstDay + r.int(0, span - 1));
      if (foundAt.getTime() > latestInspectionTime) continue;
      const a = r.pick(ADHOC_HAZARDS);
      const by = r.chance(0.7) ? townshipOfficer.get(inst.townshipId)! : countyStaff;
      newHazard(inst, {
        source: 'adhoc',
        inspectionId: null,
        inspectionResultId: null,
        checklistItemId: null,
        level: 'general',
        category: a.category,
        title: a.title,
        location: r.pick(LOCATIONS[a.category]),
        description: a.description,
        foundAt,
        reportedById: by.id,
      });
    }
  }

  // ---- preparedness: plans, drills (and their hazards), study, staff counts, the quiz -----------
  // its own stream, so that the records above stay as they were for a seed
  const pr = rng.fork('preparedness');
  const questions = await db
    .select({ id: quizQuestion.id, kind: quizQuestion.kind, options: quizQuestion.options, answer: quizQuestion.answer })
    .from(quizQuestion)
    .where(and(eq(quizQuestion.isBuiltIn, true), eq(quizQuestion.isActive, true)))
    .orderBy(asc(quizQuestion.code));
  const prep = buildPreparedness({
    rng: pr,
    now,
    firstDay,
    span,
    createdAt,
    insts,
    townships: ref.townships,
    countyStaff,
    townshipOfficer,
    instOfficer,
    questions,
  });
  for (const row of institutionRows) row.staffCount = prep.staffCount.get(row.id!) ?? 0;
  hazards.push(...prep.hazards);
  const drillHazards = new Set(prep.hazards.map((h) => h.id));

  // ---- the closed loop of each hazard ---------------------------------------------------------
  const events: EventRow[] = [];
  const simulate = (h: HazardRow, rr: Rng = r) => {
    const list: EventRow[] = [{ id: rr.uuid(), hazardId: h.id, action: 'register', fromStatus: null, toStatus: 'pending', note: h.description ?? '', actorId: h.reportedById, at: h.foundAt }];
    const major = h.level === 'major';
    const rectifier = instOfficer.get(h.institutionId)!;
    const viaCounty = h.reportedById === countyStaff.id;
    const verifier = major || h.listedSupervision || (viaCounty && rr.chance(0.5)) ? countyStaff : townshipOfficer.get(h.townshipId)!;
    const stall = rr.chance(major ? 0.4 : 0.09) ? rr.pick(['pending', 'rectifying'] as const) : null;
    let status: HazardStatus = 'pending';
    let at = h.foundAt;
    const push = (action: EventRow['action'], to: HazardStatus, actor: Person, note: string, after: number): boolean => {
      const next = addDays(at, after);
      if (next.getTime() >= now.getTime()) return false;
      list.push({ id: rr.uuid(), hazardId: h.id, action, fromStatus: status, toStatus: to, note, actorId: actor.id, at: next });
      status = to;
      at = next;
      return true;
    };
    let closedAt: Date | null = null;
    if (stall !== 'pending' && push('start_rectification', 'rectifying', rectifier, rr.pick(START_NOTES), rr.float(0.1, 3))) {
      for (let round = 0; stall !== 'rectifying'; round++) {
        const work = major ? rr.float(10, 50) : rr.float(2, 25);
        if (!push('submit_rectification', 'awaiting_verification', rectifier, rr.pick(SUBMIT_NOTES[h.category as HazardCategory]), work)) break;
        const wait = rr.float(0.3, 6);
        if (round < 2 && rr.chance(major ? 0.3 : 0.12)) {
          if (!push('return', 'rectifying', verifier, rr.pick(RETURN_REASONS), wait)) break;
          continue;
        }
        if (push('verify', 'closed', verifier, rr.pick(VERIFY_NOTES), wait)) closedAt = at;
        break;
      }
    }
    h.status = status;
    h.closedAt = closedAt;
    h.revision = list.length - 1;
    h.createdAt = h.foundAt;
    h.updatedAt = at;
    events.push(...list);
    return list;
  };

  // ---- write ----------------------------------------------------------------------------------
  return db.transaction(async (tx) => {
    // codes in order of discovery, from the same sequence the app uses (hazards.repo nextHazardCode)
    hazards.sort((a, b) => a.foundAt.getTime() - b.foundAt.getTime());
    if (hazards.length) {
      const res = (await tx.execute(sql`select nextval('hazard_no_seq') as n from generate_series(1, ${hazards.length}::int)`)) as unknown as { rows: { n: string | number }[] };
      const numbers = res.rows.map((x) => Number(x.n)).sort((a, b) => a - b);
      hazards.forEach((h, i) => {
        h.code = `YH${localYear(h.foundAt)}-${String(numbers[i]).padStart(6, '0')}`;
      });
    }
    const audit: AuditRow[] = [];
    const instById = new Map(insts.map((i) => [i.id, i]));
    for (const i of institutionRows) {
      audit.push({ at: createdAt, actorId: null, actorName: SYSTEM.displayName, action: 'institution.create', entityType: 'institution', entityId: i.id!, summary: `新增机构：${i.name}（演示数据）`, before: null, after: json(i) });
    }
    for (const u of userRows) {
      audit.push({ at: createdAt, actorId: null, actorName: SYSTEM.displayName, action: 'user.create', entityType: 'user', entityId: u.id!, summary: `创建演示账号 ${u.username}（${t(`role.${u.role}`)}）`, before: null, after: { username: u.username, role: u.role, displayName: u.displayName, isDemo: true } });
    }
    const people = new Map<string, string>(userRows.map((u) => [u.id!, u.displayName]));
    for (const h of hazards) {
      const inst = instById.get(h.institutionId)!;
      for (const [revision, e] of simulate(h, drillHazards.has(h.id) ? pr : r).entries()) {
        const actorName = people.get(e.actorId)!;
        if (e.action === 'register') {
          audit.push({
            at: e.at,
            actorId: e.actorId,
            actorName,
            action: 'hazard.register',
            entityType: 'hazard',
            entityId: h.id,
            summary: `登记${t(`hazardLevel.${h.level}`)} ${h.code}：${h.title}（${inst.name}）`,
            before: null,
            after: json({ ...h, status: 'pending', closedAt: null, revision: 0, updatedAt: h.foundAt }),
          });
        } else {
          audit.push({
            at: e.at,
            actorId: e.actorId,
            actorName,
            action: `hazard.${e.action}`,
            entityType: 'hazard',
            entityId: h.id,
            summary: `${h.code}：${t(`hazardStatus.${e.fromStatus}`)} → ${t(`hazardStatus.${e.toStatus}`)}${e.note ? `（${e.note.slice(0, 60)}）` : ''}`,
            before: { status: e.fromStatus, revision: revision - 1 },
            after: { status: e.toStatus, revision, note: e.note },
          });
        }
      }
    }
    for (const row of inspectionRows) {
      const m = inspectionMeta.get(row.id)!;
      audit.push({
        at: row.inspectedAt,
        actorId: m.by.id,
        actorName: m.by.displayName,
        action: 'inspection.create',
        entityType: 'inspection',
        entityId: row.id,
        summary: `${t(`inspectionKind.${m.kind}`)}：${m.inst.name}，「${m.checklist.name}」v${m.checklist.version}，不合格 ${m.fails} 项，生成隐患 ${m.hazards.length} 条`,
        before: null,
        after: json({ ...row, hazards: m.hazards.map((h) => ({ id: h.id, code: h.code })) }),
      });
    }

    const open = hazards.filter((h) => h.status !== 'closed');
    const counts: DemoCounts = {
      institutions: institutionRows.length,
      users: userRows.length,
      inspections: inspectionRows.length,
      inspectionResults: resultRows.length,
      hazards: hazards.length,
      openHazards: open.length,
      overdueHazards: open.filter((h) => h.deadline.getTime() < now.getTime()).length,
      majorHazards: hazards.filter((h) => h.level === 'major').length,
      hazardEvents: events.length,
      auditRows: audit.length + 1,
      plans: prep.plans.length,
      planVersions: prep.versions.length,
      drills: prep.drills.length,
      heldDrills: prep.drills.filter((d) => d.status === 'held').length,
      nightDrills: prep.drills.filter((d) => d.status === 'held' && d.isNight).length,
      drillEvaluations: prep.evaluations.length,
      drillFindings: prep.findings.length,
      drillHazards: prep.hazards.length,
      studySessions: prep.sessions.length,
      quizzes: prep.quizzes.length,
      quizAttempts: prep.attempts.length,
      publicQuizAttempts: prep.attempts.filter((a) => !a.userId).length,
      quizAnswers: prep.answers.length,
    };
    audit.push({ at: now, actorId: null, actorName: SYSTEM.displayName, action: 'demo.generate', entityType: 'system', entityId: null, summary: `生成演示数据：${counts.institutions} 家机构、${counts.inspections} 次检查、${counts.hazards} 条隐患、${counts.plans} 份预案、${counts.heldDrills} 次演练、${counts.studySessions} 次学习培训、${counts.quizAttempts} 份答卷`, before: null, after: { seed, scale, now: now.toISOString(), ...counts } });
    // ids of the audit log follow time, so "newest first" reads naturally
    audit.sort((a, b) => a.at.getTime() - b.at.getTime());

    await insertBatched(tx, institution, institutionRows);
    await insertBatched(tx, appUser, userRows);
    await insertBatched(tx, inspection, inspectionRows);
    await insertBatched(tx, inspectionResult, resultRows);
    await insertBatched(tx, hazard, hazards);
    await insertBatched(tx, hazardEvent, events);
    await insertBatched(tx, emergencyPlan, prep.plans);
    await insertBatched(tx, emergencyPlanVersion, prep.versions);
    await insertBatched(tx, drill, prep.drills);
    await insertBatched(tx, drillEvaluation, prep.evaluations);
    await insertBatched(tx, drillFinding, prep.findings);
    await insertBatched(tx, studySession, prep.sessions);
    await insertBatched(tx, quiz, prep.quizzes);
    await insertBatched(tx, quizAttempt, prep.attempts);
    await insertBatched(tx, quizAttemptAnswer, prep.answers);
    await insertBatched(tx, auditLog, audit);
    return { seed, now: now.toISOString(), password: DEMO_PASSWORD, accounts, counts, elapsedMs: Date.now() - started };
  });
}
