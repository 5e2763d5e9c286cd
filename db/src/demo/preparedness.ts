import { t, type DrillScenario, type InstitutionType, type PlanKind, type RegulationCode, type StudyKind } from '@lifeline/shared';
import type { drill, drillEvaluation, drillFinding, emergencyPlan, emergencyPlanVersion, hazard, quiz, quizAttempt, quizAttemptAnswer, studySession } from '../schema/index.ts';
import { DEMO_MARK } from './content.ts';
import { fictionalPersonName } from './institutions.ts';
import { endOfLocalDayNumber, localDayNumber, localInstant } from './local-time.ts';
import type { Rng } from './prng.ts';

/**
 * The FICTIONAL preparedness records of the demo county (issue 4): emergency plans with versions
 * and township review, drills over the generated year with evaluations and findings (a blocked
 * exit becomes a hazard of source 'drill'), study and training sessions (some on the major-hazard
 * criteria with named staff), each institution's staff count, and one open public quiz drawing
 * from the built-in questions with staff and public attempts and their per-question answers.
 *
 * Built from its own PRNG stream (fork 'preparedness') so that adding it left the institutions,
 * inspections and hazards of a seed as they were. Texts are typical examples written for the demo.
 */

const DAY = 86_400_000;

/** The kinds every institution type must keep — mirrors the default of the setting `preparedness.requiredPlanKinds`. */
export const DEMO_REQUIRED_PLAN_KINDS: Readonly<Record<InstitutionType, readonly PlanKind[]>> = {
  elderly_care: ['comprehensive', 'fire', 'missing_resident'],
  child_welfare: ['comprehensive', 'fire'],
  relief_station: ['comprehensive', 'fire'],
  funeral_service: ['comprehensive', 'fire'],
  mental_health_welfare: ['comprehensive', 'fire', 'missing_resident'],
};
/** Age limit of an approved plan, days — the default of `preparedness.planMaxAgeDays`. */
const PLAN_MAX_AGE_DAYS = 365;

/** The default drill evaluation form (server/src/modules/drills/drills.evaluation.ts), codes and maxima. */
const EVALUATION_ITEMS = [
  { code: 'alarm', label: '报警响应', maxScore: 10 },
  { code: 'command', label: '组织指挥', maxScore: 15 },
  { code: 'evacuation', label: '疏散引导', maxScore: 20 },
  { code: 'non_ambulatory', label: '失能老人转移', maxScore: 20 },
  { code: 'life_passage', label: '生命通道畅通', maxScore: 10 },
  { code: 'assembly', label: '集合清点', maxScore: 10 },
  { code: 'equipment', label: '器材使用', maxScore: 10 },
  { code: 'debrief', label: '总结讲评', maxScore: 5 },
] as const;

const EVALUATORS = ['县消防救援大队 {n}教官', '乡镇民政办 {n}', '县应急管理局 {n}', '机构负责人 {n}'];
const EVALUATION_COMMENTS = [
  '整体组织有序，报警、疏散、清点环节衔接较好。',
  '疏散路线熟悉，失能老人转移用时偏长，需加强轮椅、床单转移训练。',
  '夜间值班人员较少，分工需进一步明确。',
  '集合点清点及时，器材取用熟练，建议下次增加突发情形。',
  '部分员工对安全出口位置不熟悉，已现场讲解。',
];
const ITEM_COMMENTS = ['', '', '', '用时偏长', '分工不够明确', '操作较熟练', '需加强训练'];
const NON_AMBULATORY_METHODS = ['轮椅推行、担架转移', '床单拖拽转移、专人背负', '轮椅推行', '担架转移、搀扶'];
const EXITS = ['一楼东侧安全出口、西侧安全出口', '主入口、北侧安全出口', '一楼南侧安全出口', '东西两侧疏散楼梯及一楼安全出口'];
const ROUTES = ['二楼走廊 → 东侧楼梯 → 院内集合点', '各楼层房间 → 就近疏散楼梯 → 前院空地', '一楼走廊 → 南门 → 停车场集合点', '宿舍区 → 西侧楼梯 → 篮球场集合点'];
const DRILL_NOTES: Record<DrillScenario, string[]> = {
  fire: ['模拟厨房油锅起火，值班人员报警后组织疏散', '模拟二楼配电间起火，按预案分组疏散', '模拟夜间房间电热毯起火，值班人员处置并疏散'],
  earthquake: ['模拟地震发生，组织就近避险后有序撤离至空旷场地', '地震避险演练，重点演练卧床老人就地避险'],
  flood_typhoon: ['台风来临前组织低洼处人员转移', '模拟强降雨导致院内积水，转移一楼人员至二楼'],
  food_poisoning: ['模拟午餐后多人出现呕吐，按预案送医、封存留样'],
  missing_resident: ['模拟一名失智老人走失，启动寻找预案并报告', '模拟外出就医途中老人走失，分组寻找'],
  infectious_disease: ['模拟院内出现发热病例，启动隔离与消杀流程'],
  other: ['模拟电梯困人，组织救援与安抚'],
};
const BLOCKED = [
  { title: '演练中发现安全出口被杂物堵塞', location: '一楼西侧安全出口', measure: '立即清理杂物，明确专人每日巡查' },
  { title: '演练中发现疏散通道堆放轮椅、床垫', location: '二楼走廊', measure: '清理通道，规划轮椅集中停放点' },
  { title: '演练中发现安全出口门上锁无法打开', location: '一楼北侧安全出口', measure: '更换推闩式门锁，确保从内部可徒手开启' },
  { title: '演练中发现疏散楼梯间堆放杂物', location: '东侧疏散楼梯', measure: '清理楼梯间，张贴禁止堆放标识' },
];
const IMPROVEMENTS = [
  { description: '夜间值班人员对失能老人转移分工不清', action: '修订夜间疏散分工表并组织专项培训' },
  { description: '部分应急照明灯亮度不足', action: '更换应急照明灯具电池' },
  { description: '集合点清点名单未及时更新', action: '每周更新在住人员名单并放置于值班室' },
  { description: '员工灭火器操作不熟练', action: '每月组织一次灭火器实操训练' },
];

/** What kinds of study sessions an institution holds, by weight; some are on the criteria. */
const INSTITUTION_STUDY_KINDS: [StudyKind, number][] = [
  ['pre_shift_meeting', 5],
  ['safety_talk', 3],
  ['warning_film', 2],
  ['seminar', 2],
  ['case_law', 1],
  ['emergency_training', 2],
  ['tutorial_report', 1],
];
const STUDY_TOPICS: Record<StudyKind, string[]> = {
  seminar: ['专题学习《养老机构重大事故隐患判定标准》', '对照判定标准开展隐患自查研讨', '生命通道畅通专题研讨'],
  lecture: ['安全生产月集中宣讲', '消防法律法规集中宣讲'],
  tutorial_report: ['重大事故隐患判定标准辅导报告', '养老机构消防安全管理规定辅导'],
  safety_talk: ['安全生产大家谈：身边的生命通道隐患', '安全生产大家谈：夜间值班安全'],
  pre_shift_meeting: ['班前会：疏散通道、安全出口检查要点', '班前会：用电安全与电动车充电', '班前会：重大事故隐患判定标准要点'],
  case_law: ['以案普法：养老机构火灾事故案例', '以案普法：封堵安全出口被处罚案例'],
  warning_film: ['观看火灾事故警示教育片', '观看《生命通道》警示片'],
  expert_talk: ['消防专家讲解初起火灾扑救', '专家讲解重大事故隐患判定'],
  public_class: ['全民安全公开课：家庭与机构防火', '全民安全公开课：应急疏散常识'],
  emergency_training: ['灭火器、消火栓实操培训', '失能老人应急转移培训'],
  other: ['安全知识学习'],
};
const REGULATIONS_BY_KIND: Partial<Record<StudyKind, RegulationCode[]>> = {
  case_law: ['fire_law', 'work_safety_law'],
  lecture: ['work_safety_law', 'fire_law'],
  warning_film: ['fire_safety_rules_61'],
  emergency_training: ['elderly_care_fire_rules'],
  tutorial_report: ['elderly_care_fire_rules', 'elderly_care_service_safety'],
  safety_talk: ['work_safety_law'],
};
const NICKNAMES = ['热心市民', '德化志愿者', '浔中居民', '安全小卫士', '龙浔街坊', '', '', '老王', '护理员小林', '学生家长', '瓷都青年', '社区网格员'];

export interface PrepInstitution {
  id: string;
  townshipId: string;
  name: string;
  type: InstitutionType;
  residents: number;
  beds: number;
  nonAmbulatoryPct: number;
  safetyOfficer: string;
  personInCharge: string;
  /** hazard-proneness of the demo (1 = average): less prepared when higher */
  risk: number;
}

export interface PrepPerson {
  id: string;
  displayName: string;
}

export interface PrepQuestion {
  id: string;
  kind: 'single' | 'multiple' | 'true_false';
  options: { key: string }[];
  answer: string[];
}

export interface PrepInput {
  rng: Rng;
  now: Date;
  /** the first local day of the generated year, and the days in it (today included) */
  firstDay: number;
  span: number;
  /** when the demo records were created (before the year) */
  createdAt: Date;
  insts: PrepInstitution[];
  townships: { id: string; name: string }[];
  countyStaff: PrepPerson;
  townshipOfficer: Map<string, PrepPerson>;
  instOfficer: Map<string, PrepPerson>;
  /** active built-in questions (empty: no quiz) */
  questions: PrepQuestion[];
}

type HazardRow = typeof hazard.$inferInsert & { id: string; foundAt: Date; deadline: Date };

export interface PrepOutput {
  staffCount: Map<string, number>;
  plans: (typeof emergencyPlan.$inferInsert)[];
  versions: (typeof emergencyPlanVersion.$inferInsert)[];
  drills: (typeof drill.$inferInsert)[];
  evaluations: (typeof drillEvaluation.$inferInsert)[];
  findings: (typeof drillFinding.$inferInsert)[];
  /** the hazards of drill findings (source 'drill'): the caller numbers them and walks their loop */
  hazards: HazardRow[];
  sessions: (typeof studySession.$inferInsert)[];
  quizzes: (typeof quiz.$inferInsert)[];
  attempts: (typeof quizAttempt.$inferInsert)[];
  answers: (typeof quizAttemptAnswer.$inferInsert)[];
}

/** `YYYY-MM-DD` of local day number `day` (local noon is the same date in Asia/Shanghai and UTC). */
const dateOf = (day: number) => localInstant(day, 12 * 60).toISOString().slice(0, 10);
const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');

/**
 * Builds the preparedness rows (no database access). Deterministic for the same input and stream.
 */
export function buildPreparedness(input: PrepInput): PrepOutput {
  const { rng: r, now, firstDay, span, insts, countyStaff, townshipOfficer, instOfficer } = input;
  const today = localDayNumber(now);
  const nowMs = now.getTime();
  const out: PrepOutput = { staffCount: new Map(), plans: [], versions: [], drills: [], evaluations: [], findings: [], hazards: [], sessions: [], quizzes: [], attempts: [], answers: [] };
  const working = (day: number) => localInstant(day, r.int(8 * 60 + 30, 17 * 60 + 30));
  const before = (d: Date) => (d.getTime() < nowMs ? d : new Date(nowMs - r.int(30, 120) * 60_000));
  const roster = new Map<string, string[]>();

  // ---- staff counts and rosters ---------------------------------------------------------------
  for (const i of insts) {
    // about one carer per 3–5 residents plus office and kitchen staff; a few have not filled it in
    const staff = r.chance(0.06) ? 0 : Math.max(3, Math.round(i.residents / r.float(3, 5)) + r.int(2, 5));
    out.staffCount.set(i.id, staff);
    const names = new Set<string>([i.safetyOfficer, i.personInCharge]);
    while (names.size < Math.max(staff, 2)) names.add(fictionalPersonName(r));
    roster.set(i.id, [...names]);
  }

  // ---- emergency plans ------------------------------------------------------------------------
  const planByKind = new Map<string, { id: string; approved: boolean; revisionRequested: boolean }>();
  for (const i of insts) {
    const officer = instOfficer.get(i.id)!;
    const reviewer = townshipOfficer.get(i.townshipId) ?? countyStaff;
    const extra = (['earthquake', 'flood_typhoon', 'food_poisoning', 'infectious_disease'] as const).filter(() => r.chance(0.35));
    const kinds: PlanKind[] = [...DEMO_REQUIRED_PLAN_KINDS[i.type], ...extra];
    const careless = Math.min(0.4, 0.05 * i.risk);
    for (const kind of kinds) {
      const required = DEMO_REQUIRED_PLAN_KINDS[i.type].includes(kind);
      const outcome = r.weighted<'none' | 'current' | 'due' | 'pending' | 'returned' | 'draft'>([
        ['none', required ? 0.3 * careless + 0.015 : 0],
        ['current', 0.76],
        ['due', 0.08],
        ['pending', 0.06],
        ['returned', 0.012],
        ['draft', 0.008],
      ]);
      if (outcome === 'none') continue;
      const id = r.uuid();
      const createdDay = firstDay - 20 + r.int(0, 40);
      const planCreatedAt = working(createdDay);
      const title = `${i.name.replace(DEMO_MARK, '')}${t(`planKind.${kind}`)}`;
      const versions: (typeof emergencyPlanVersion.$inferInsert)[] = [];
      const addVersion = (status: 'submitted' | 'approved' | 'returned', effectiveDay: number, submitDay: number, note: string) => {
        const submittedAt = before(working(Math.min(today, submitDay)));
        const reviewedAt = status === 'submitted' ? null : before(new Date(submittedAt.getTime() + r.float(0.2, 6) * DAY));
        versions.push({
          id: r.uuid(),
          planId: id,
          version: versions.length + 1,
          notes: note,
          effectiveOn: dateOf(Math.min(effectiveDay, today)),
          status,
          submittedById: officer.id,
          submittedAt,
          reviewedById: reviewedAt ? reviewer.id : null,
          reviewedAt,
          reviewComment: status === 'returned' ? r.pick(['疏散分工未落实到人，请补充后重新上传', '未附夜间疏散方案，请完善', '应急联系人电话需更新']) : status === 'approved' ? r.pick(['', '同意', '内容完整，同意备案']) : '',
        });
      };
      // a pending plan is mostly a revision of an approved one
      const twoVersions = r.chance(outcome === 'pending' ? 0.8 : 0.35);
      const startDay = Math.max(createdDay, firstDay - 20);
      if (outcome === 'due') {
        // approved long ago (effective more than a year back), or flagged by a drill below
        const eff = today - PLAN_MAX_AGE_DAYS - r.int(10, 200);
        addVersion('approved', eff, startDay + r.int(0, 10), '首次编制');
      } else if (outcome === 'current') {
        if (twoVersions) {
          addVersion('approved', today - PLAN_MAX_AGE_DAYS - r.int(20, 120), startDay + r.int(0, 10), '首次编制');
          const d2 = Math.min(today - 2, startDay + r.int(60, Math.max(61, span - 10)));
          addVersion('approved', d2 - r.int(0, 5), d2, r.pick(['根据演练评估修订疏散分工', '更新应急联系人及通讯录', '补充夜间疏散方案']));
        } else {
          const d = Math.min(today - 2, startDay + r.int(0, Math.max(1, span - 10)));
          addVersion('approved', d - r.int(0, 10), d, '首次编制');
        }
      } else if (outcome === 'pending') {
        if (twoVersions) addVersion('approved', today - PLAN_MAX_AGE_DAYS + r.int(5, 100), startDay + r.int(0, 10), '首次编制');
        addVersion('submitted', today - r.int(0, 10), today - r.int(0, 12), twoVersions ? '年度修订' : '首次编制');
      } else if (outcome === 'returned') {
        addVersion('returned', today - r.int(15, 40), today - r.int(15, 40), '首次编制');
      }
      const approved = versions.some((v) => v.status === 'approved');
      planByKind.set(`${i.id}:${kind}`, { id, approved, revisionRequested: false });
      const last = versions.at(-1);
      out.plans.push({
        id,
        institutionId: i.id,
        townshipId: i.townshipId,
        kind,
        title,
        currentVersion: versions.length,
        revisionRequested: false,
        revisionReason: '',
        createdById: officer.id,
        createdAt: planCreatedAt,
        updatedAt: last ? (last.reviewedAt ?? last.submittedAt) : planCreatedAt,
      });
      out.versions.push(...versions);
    }
  }
  const planRow = new Map(out.plans.map((p) => [p.id!, p]));

  // ---- drills ---------------------------------------------------------------------------------
  const scenarioWeights: [DrillScenario, number][] = [['fire', 6], ['earthquake', 3], ['flood_typhoon', 2], ['missing_resident', 1.2], ['food_poisoning', 0.5], ['infectious_disease', 0.5]];
  for (const i of insts) {
    const officer = instOfficer.get(i.id)!;
    const staff = out.staffCount.get(i.id) || Math.max(3, Math.round(i.residents / 4));
    const n = r.weighted([[0, 0.4 * i.risk], [1, 1.2], [2, 2.4], [3, 2.2], [4, 1.2], [5, 0.5]] as const);
    const days = Array.from({ length: n }, () => r.int(0, span - 2)).sort((a, b) => a - b);
    // the drill cadence keeps most institutions inside the 90-day window
    if (n > 0 && r.chance(0.75) && today - (firstDay + days.at(-1)!) > 80) days[days.length - 1] = span - 1 - r.int(3, 75);
    days.sort((a, b) => a - b);
    const done = new Map<DrillScenario, number>();
    days.forEach((d, k) => {
      const scenario = k === 0 ? 'fire' : r.weighted(scenarioWeights);
      const isNight = scenario === 'fire' ? r.chance(0.3) : scenario === 'earthquake' ? r.chance(0.1) : false;
      const day = firstDay + d;
      const heldAt = before(isNight ? localInstant(day, r.int(20 * 60, 22 * 60 + 30)) : working(day));
      const plannedAt = new Date(heldAt.getTime() - r.int(2, 14) * DAY);
      const nth = done.get(scenario) ?? 0;
      done.set(scenario, nth + 1);
      const residentCount = Math.max(0, Math.round(i.residents * r.float(0.6, 0.95)));
      const nonAmbulatoryCount = Math.min(residentCount, Math.round(((i.residents * i.nonAmbulatoryPct) / 100) * r.float(0.5, 1)));
      // practice pays: each repeat of a scenario is faster; nights and more non-ambulatory residents slower
      const base = scenario === 'missing_resident' ? 1800 : scenario === 'food_poisoning' || scenario === 'infectious_disease' ? 900 : 150 + residentCount * 3 + nonAmbulatoryCount * 9;
      const evacuationSeconds = Math.max(45, Math.round(base * Math.pow(0.86, nth) * (isNight ? 1.25 : 1) * r.float(0.85, 1.15)));
      const blocked = scenario !== 'missing_resident' && r.chance(0.05 * i.risk);
      const plan = planByKind.get(`${i.id}:${scenario}`) ?? (scenario === 'fire' ? undefined : planByKind.get(`${i.id}:comprehensive`));
      const id = r.uuid();
      out.drills.push({
        id,
        institutionId: i.id,
        townshipId: i.townshipId,
        scenario,
        title: `${isNight ? '夜间' : ''}${t(`drillScenario.${scenario}`)}演练`,
        isNight,
        status: 'held',
        plannedAt,
        heldAt,
        planId: plan?.id ?? null,
        staffCount: Math.max(2, Math.round(staff * (isNight ? r.float(0.25, 0.45) : r.float(0.6, 0.95)))),
        residentCount,
        nonAmbulatoryCount,
        nonAmbulatoryMethod: nonAmbulatoryCount > 0 ? r.pick(NON_AMBULATORY_METHODS) : '',
        evacuationSeconds,
        exitsUsed: r.pick(EXITS),
        routesUsed: r.pick(ROUTES),
        lifePassageBlocked: blocked,
        notes: r.pick(DRILL_NOTES[scenario]),
        createdById: officer.id,
        recordedById: officer.id,
        createdAt: plannedAt,
        updatedAt: heldAt,
        revision: 1,
      });
      // evaluation (演练评估) of most drills
      if (r.chance(0.6)) {
        const evaluatedAt = before(new Date(heldAt.getTime() + r.float(0.1, 3) * DAY));
        const items = EVALUATION_ITEMS.map((it) => {
          const lost = it.code === 'life_passage' && blocked ? r.int(4, 8) : r.weighted([[0, 5], [1, 3], [2, 2], [3, 1]] as const);
          return { code: it.code, label: it.label, maxScore: it.maxScore, score: Math.max(0, it.maxScore - lost), comment: lost >= 2 ? r.pick(ITEM_COMMENTS) : '' };
        });
        const needsRevision = !!plan?.approved && r.chance(0.07);
        if (needsRevision && plan) {
          plan.revisionRequested = true;
          const p = planRow.get(plan.id)!;
          p.revisionRequested = true;
          p.revisionReason = '演练评估：疏散分工与实际不符，需修订';
          p.updatedAt = evaluatedAt;
        }
        out.evaluations.push({
          drillId: id,
          items,
          totalScore: items.reduce((s, x) => s + x.score, 0),
          maxScore: items.reduce((s, x) => s + x.maxScore, 0),
          comments: r.pick(EVALUATION_COMMENTS),
          evaluatorName: r.pick(EVALUATORS).replace('{n}', fictionalPersonName(r).slice(0, 1)),
          planNeedsRevision: needsRevision,
          evaluatedById: r.chance(0.5) ? (townshipOfficer.get(i.townshipId) ?? officer).id : officer.id,
          evaluatedAt,
        });
      }
      // findings: a blocked passage becomes a hazard in the closed loop; some improvement actions
      if (blocked) {
        const b = r.pick(BLOCKED);
        const hid = r.uuid();
        out.hazards.push({
          id: hid,
          code: '',
          institutionId: i.id,
          townshipId: i.townshipId,
          source: 'drill',
          inspectionId: null,
          inspectionResultId: null,
          checklistItemId: null,
          level: 'general',
          category: 'life_passage',
          title: b.title,
          location: b.location,
          description: `${t(`drillScenario.${scenario}`)}演练时发现：${b.title.replace('演练中发现', '')}`,
          responsiblePerson: i.safetyOfficer,
          rectificationMeasures: b.measure,
          deadline: endOfLocalDayNumber(localDayNumber(heldAt) + 7),
          listedSupervision: false,
          foundAt: heldAt,
          reportedById: officer.id,
          isDemo: true,
        });
        out.findings.push({ id: r.uuid(), drillId: id, kind: 'hazard', description: b.title, hazardId: hid, action: b.measure, doneAt: null, createdById: officer.id, createdAt: heldAt });
      }
      if (r.chance(0.15)) {
        const imp = r.pick(IMPROVEMENTS);
        const doneAt = r.chance(0.6) ? before(new Date(heldAt.getTime() + r.float(3, 30) * DAY)) : null;
        out.findings.push({ id: r.uuid(), drillId: id, kind: 'improvement', description: imp.description, hazardId: null, action: imp.action, doneAt, createdById: officer.id, createdAt: heldAt });
      }
    });
    // an upcoming drill for some, a cancelled one for a few
    if (r.chance(0.25)) {
      const plannedAt = localInstant(today + r.int(3, 30), r.int(9 * 60, 16 * 60));
      out.drills.push({ id: r.uuid(), institutionId: i.id, townshipId: i.townshipId, scenario: r.weighted(scenarioWeights), title: '计划演练', isNight: false, status: 'planned', plannedAt, heldAt: null, planId: null, createdById: officer.id, createdAt: before(working(today - r.int(1, 10))), updatedAt: now, revision: 0 });
    } else if (r.chance(0.05)) {
      const plannedAt = working(today - r.int(10, 60));
      out.drills.push({ id: r.uuid(), institutionId: i.id, townshipId: i.townshipId, scenario: 'earthquake', title: '地震避险疏散演练', isNight: false, status: 'cancelled', plannedAt, heldAt: null, planId: null, notes: '因天气原因取消，另行安排', createdById: officer.id, createdAt: new Date(plannedAt.getTime() - 7 * DAY), updatedAt: plannedAt, revision: 1 });
    }
  }

  // ---- study and training -----------------------------------------------------------------------
  const yearStartDay = localDayNumber(new Date(`${dateOf(today).slice(0, 4)}-01-01T04:00:00Z`));
  const session = (row: Omit<typeof studySession.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>) => {
    const at = before(localInstant(localDayNumber(new Date(`${row.heldOn}T04:00:00Z`)), 18 * 60));
    out.sessions.push({ id: r.uuid(), ...row, createdAt: at, updatedAt: at });
  };
  for (const i of insts) {
    const officer = instOfficer.get(i.id)!;
    const names = roster.get(i.id)!;
    const staff = out.staffCount.get(i.id) || names.length;
    // the major-hazard criteria, this calendar year: most institutions, some twice, some only by count
    const criteria = r.chance(Math.max(0.35, 0.92 - 0.15 * i.risk)) ? r.weighted([[1, 3], [2, 2], [3, 1]] as const) : 0;
    for (let k = 0; k < criteria; k++) {
      const from = Math.max(firstDay, yearStartDay);
      const day = r.int(from, today);
      const named = r.chance(0.7);
      const who = names.filter(() => r.chance(k === 0 ? 0.75 : 0.5));
      const kind = r.weighted<StudyKind>([['seminar', 3], ['pre_shift_meeting', 2], ['tutorial_report', 1], ['expert_talk', 1]]);
      session({
        level: 'institution',
        townshipId: i.townshipId,
        institutionId: i.id,
        kind,
        heldOn: dateOf(day),
        organiser: `${i.personInCharge}（院长）`,
        topic: r.pick(STUDY_TOPICS[kind].filter((x) => x.includes('判定')).concat('专题学习《养老机构重大事故隐患判定标准》')),
        regulations: ['major_hazard_criteria', ...(r.chance(0.4) ? (['elderly_care_fire_rules'] as RegulationCode[]) : [])],
        participantCount: named ? who.length : Math.min(staff, Math.max(1, Math.round(staff * r.float(0.4, 0.9)))),
        participantNames: named ? who : [],
        notes: '',
        createdById: officer.id,
      });
    }
    const others = r.int(2, 7);
    for (let k = 0; k < others; k++) {
      const kind = r.weighted(INSTITUTION_STUDY_KINDS);
      session({
        level: 'institution',
        townshipId: i.townshipId,
        institutionId: i.id,
        kind,
        heldOn: dateOf(firstDay + r.int(0, span - 1)),
        organiser: r.chance(0.5) ? i.safetyOfficer : i.personInCharge,
        topic: r.pick(STUDY_TOPICS[kind]),
        regulations: REGULATIONS_BY_KIND[kind] ?? [],
        participantCount: Math.min(staff + 20, Math.max(1, Math.round(staff * r.float(0.5, 1)))),
        participantNames: [],
        notes: '',
        createdById: officer.id,
      });
    }
  }
  for (const tw of input.townships) {
    const officer = townshipOfficer.get(tw.id);
    if (!officer) continue;
    for (let k = r.int(2, 4); k > 0; k--) {
      const kind = r.weighted<StudyKind>([['lecture', 3], ['case_law', 2], ['public_class', 2], ['tutorial_report', 1]]);
      session({
        level: 'township',
        townshipId: tw.id,
        institutionId: null,
        kind,
        heldOn: dateOf(firstDay + r.int(0, span - 1)),
        organiser: `${tw.name}民政办`,
        topic: r.pick(STUDY_TOPICS[kind]),
        regulations: kind === 'tutorial_report' ? ['major_hazard_criteria'] : (REGULATIONS_BY_KIND[kind] ?? []),
        participantCount: r.int(20, 80),
        participantNames: [],
        notes: '辖区养老机构负责人、安全员参加',
        createdById: officer.id,
      });
    }
  }
  for (const [kind, topic, regs] of [
    ['tutorial_report', '全县民政服务机构重大事故隐患判定标准辅导报告', ['major_hazard_criteria', 'elderly_care_fire_rules']],
    ['warning_film', '全县民政系统观看安全生产警示教育片', ['work_safety_law']],
    ['expert_talk', '消防专家讲解养老机构消防安全管理规定', ['elderly_care_fire_rules', 'fire_law']],
    ['public_class', '全民安全公开课（民政专场）', ['fire_law']],
  ] as [StudyKind, string, RegulationCode[]][]) {
    session({ level: 'county', townshipId: null, institutionId: null, kind, heldOn: dateOf(firstDay + r.int(0, span - 1)), organiser: '县民政局', topic, regulations: regs, participantCount: r.int(80, 200), participantNames: [], notes: '', createdById: countyStaff.id });
  }

  // ---- the knowledge quiz ---------------------------------------------------------------------
  const questions = input.questions;
  if (questions.length >= 10) {
    const quizId = r.uuid();
    const opensAt = working(Math.max(firstDay, today - 40));
    const timeLimitSeconds = 900;
    const questionCount = 10;
    out.quizzes.push({
      id: quizId,
      title: `${DEMO_MARK}“安全生产月”网络知识答题`,
      description: '演示数据：围绕重大事故隐患判定标准、生命通道、消防法和举报奖励的网络知识答题，员工登录参加，群众可匿名参加。',
      campaignId: null,
      tags: [],
      questionCount,
      timeLimitSeconds,
      maxAttempts: 3,
      isPublic: true,
      status: 'open',
      opensAt,
      closesAt: localInstant(today + 30, 23 * 60 + 59),
      createdById: countyStaff.id,
      createdAt: new Date(opensAt.getTime() - 2 * DAY),
      updatedAt: opensAt,
    });
    // each question has its own difficulty: some are missed far more than others
    const ease = new Map(questions.map((q) => [q.id, r.float(0.35, 0.97)]));
    const attempt = (who: { userId: string | null; townshipId: string | null; institutionId: string | null; nickname: string; participantHash: string | null }, skill: number) => {
      const startDay = r.int(localDayNumber(opensAt), today);
      const startedAt = new Date(Math.max(opensAt.getTime() + 60_000, localInstant(startDay, r.int(8 * 60, 22 * 60)).getTime()));
      const start = startedAt.getTime() + 20 * 60_000 < nowMs ? startedAt : new Date(nowMs - r.int(30, 180) * 60_000);
      const pool = [...questions];
      const drawn: PrepQuestion[] = [];
      for (let k = 0; k < questionCount; k++) drawn.push(pool.splice(r.int(0, pool.length - 1), 1)[0]!);
      const id = r.uuid();
      let correct = 0;
      for (const q of drawn) {
        const key = [...q.answer].sort();
        const wrongKeys = q.options.map((o) => o.key).filter((k) => !key.includes(k));
        let chosen = key;
        // a wrong answer: another option (single, true/false), or for a multiple one key short or one too many
        if (!r.chance(Math.min(0.99, ease.get(q.id)! * skill)) && (wrongKeys.length > 0 || key.length > 1)) {
          if (q.kind !== 'multiple') chosen = [r.pick(wrongKeys)];
          else if (key.length > 1 && (wrongKeys.length === 0 || r.chance(0.5))) chosen = key.filter((k) => k !== r.pick(key));
          else chosen = [...key, r.pick(wrongKeys)].sort();
        }
        const isCorrect = chosen === key;
        if (isCorrect) correct++;
        out.answers.push({ attemptId: id, questionId: q.id, chosen, isCorrect });
      }
      const submittedAt = new Date(start.getTime() + r.int(150, timeLimitSeconds - 30) * 1000);
      out.attempts.push({
        id,
        quizId,
        userId: who.userId,
        nickname: who.nickname,
        participantHash: who.participantHash,
        townshipId: who.townshipId,
        institutionId: who.institutionId,
        questionIds: drawn.map((q) => q.id),
        startedAt: start,
        deadlineAt: new Date(start.getTime() + timeLimitSeconds * 1000),
        status: 'submitted',
        submittedAt: submittedAt.getTime() < nowMs ? submittedAt : new Date(nowMs - 60_000),
        late: false,
        correctCount: correct,
        score: Math.round((100 * correct) / questionCount),
        maxScore: 100,
      });
    };
    for (const i of insts) {
      if (!r.chance(Math.max(0.25, 0.75 - 0.12 * i.risk))) continue;
      const skill = r.float(0.85, 1.2);
      for (let k = r.weighted([[1, 6], [2, 3], [3, 1]] as const); k > 0; k--) attempt({ userId: instOfficer.get(i.id)!.id, townshipId: i.townshipId, institutionId: i.id, nickname: '', participantHash: null }, skill);
    }
    for (const tw of input.townships) {
      const o = townshipOfficer.get(tw.id);
      if (o && r.chance(0.7)) attempt({ userId: o.id, townshipId: tw.id, institutionId: null, nickname: '', participantHash: null }, r.float(0.95, 1.2));
    }
    attempt({ userId: countyStaff.id, townshipId: null, institutionId: null, nickname: '', participantHash: null }, 1.15);
    const publicCount = Math.max(12, Math.round(insts.length * 0.6));
    for (let k = 0; k < publicCount; k++) {
      attempt({ userId: null, townshipId: null, institutionId: null, nickname: r.pick(NICKNAMES), participantHash: `demo-${hex(r, 40)}` }, r.float(0.6, 1.1));
    }
  }
  return out;
}
