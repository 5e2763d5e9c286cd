import { and, asc, eq, gte, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { drill, emergencyPlan, emergencyPlanVersion, institution, quizAttempt, studySession, township, type DbOrTx } from '@lifeline/db';
import { ROLE_SCOPE, local, startOfLocalDay, type PlanKind, type PreparednessFigures, type PreparednessStats } from '@lifeline/shared';
import { scoped, type Actor } from '../../policies/index.ts';
import { revisionCutoff } from '../plans/plans.repo.ts';
import { getSetting } from '../settings/settings.service.ts';
import { CRITERIA_REGULATION, criteriaCoverage } from '../study/study.service.ts';

/**
 * The dashboard's 应急准备 block (issue 4 part 5): per township (and per institution when one
 * township is looked at) the institutions in operation, drill coverage, plans missing / due for
 * revision / pending review, training coverage on the major-hazard criteria and quiz participation.
 *
 * The rules are those of the preparedness modules, computed for every institution at once:
 * - drill coverage = getDrillCoverage (drills.service.ts): an institution in operation with a held
 *   drill whose alarm time is within `preparedness.drillWindowDays` of `now`; night drills counted
 *   separately (institutions with a night drill in the window, and night drills held);
 * - plans missing = findMissingPlans (plans.service.ts): lacking an approved version of a kind the
 *   institution's type requires (`preparedness.requiredPlanKinds`); plans due for revision = plans
 *   in the derived state `due_revision` (plans.repo stateExpr: the latest version is approved and
 *   either took effect before the revision cutoff or a drill asked for a revision); pending = the
 *   latest version awaits review. Computed here in one pass over the versions (grouped per plan)
 *   and one GROUP BY per institution, as the list's per-row subqueries take ~100 ms for 2 400
 *   plans on PGlite; the API test checks that both agree;
 * - training = getStudyCoverage (study.service.ts criteriaCoverage): per institution, its staff
 *   trained on the major-hazard criteria in the local calendar year, capped at its staff count;
 *   shares over the institutions that filled in their staff count;
 * - quiz = quizStats (quiz.service.ts) restricted to staff: submitted attempts of accounts in the
 *   local calendar year up to `now`, by the township / institution the attempt belongs to (township
 *   officers' attempts count for their township, not for an institution); distinct participants;
 *   mean score. Public attempts are reported apart (county scope only).
 *
 * Everything is counted over institutions in operation (运营中) — the drill coverage view's set;
 * the 预案缺项 list also lists suspended (暂停) ones, so its count can be higher by those.
 *
 * Scope: the actor's policy filter applies to every query. County roles: the county (or one
 * township); a township officer: their township; an institution officer: their own institution's
 * figures only (its township row and one institution row hold just that institution).
 *
 * Cost: five queries whatever the number of institutions (institutions; held drills grouped by
 * institution; plans with their derived state; criteria sessions grouped by institution; quiz
 * attempts grouped by township, by institution and in total), then a pass over ≤ N institutions.
 */

const n = (q: SQL) => sql<number>`${q}`.mapWith(Number);
const INST_SCOPE = { township: institution.townshipId, institution: institution.id };
const ZERO: PreparednessFigures = {
  institutions: 0,
  drillCovered: 0,
  nightDrillCovered: 0,
  drillsHeld: 0,
  nightDrillsHeld: 0,
  plansMissing: 0,
  plansDueRevision: 0,
  plansPending: 0,
  staffCount: 0,
  trained: 0,
  trainingShare: null,
  quizAttempts: 0,
  quizParticipants: 0,
  quizAverageScore: null,
};

type QuizAgg = { attempts: number; participants: number; scoreSum: number };
const round1 = (x: number) => Math.round(x * 10) / 10;
const quizFigures = (q: QuizAgg | undefined) => ({
  quizAttempts: q?.attempts ?? 0,
  quizParticipants: q?.participants ?? 0,
  quizAverageScore: q && q.attempts > 0 ? round1(q.scoreSum / q.attempts) : null,
});

/**
 * Per institution (in `instWhere`): the plan kinds having an approved version, the plans due for
 * revision and the plans whose latest version awaits review — one grouped query.
 * @param cutoff see plans.repo revisionCutoff
 */
async function planFigures(db: DbOrTx, instWhere: SQL | undefined, cutoff: string) {
  const v = emergencyPlanVersion;
  // one pass over the versions: each plan's latest status and its latest approved version's date
  const pv = db
    .select({
      planId: v.planId,
      latestStatus: sql<string>`(array_agg(${v.status} order by ${v.version} desc))[1]`.as('latest_status'),
      approvedOn: sql<string | null>`(array_agg(${v.effectiveOn} order by ${v.version} desc) filter (where ${v.status} = 'approved'))[1]`.as('approved_on'),
    })
    .from(v)
    .groupBy(v.planId)
    .as('pv');
  const rows = await db
    .select({
      institutionId: emergencyPlan.institutionId,
      approvedKinds: sql<string[] | null>`array_agg(distinct ${emergencyPlan.kind}) filter (where ${pv.approvedOn} is not null)`,
      due: n(sql`count(*) filter (where ${pv.latestStatus} = 'approved' and (${emergencyPlan.revisionRequested} or ${pv.approvedOn} < ${cutoff}::date))`),
      pending: n(sql`count(*) filter (where ${pv.latestStatus} = 'submitted')`),
    })
    .from(emergencyPlan)
    .innerJoin(institution, eq(institution.id, emergencyPlan.institutionId))
    .leftJoin(pv, eq(pv.planId, emergencyPlan.id))
    .where(instWhere)
    .groupBy(emergencyPlan.institutionId);
  // array_agg comes back as a JS array (node-postgres, PGlite) — or as '{a,b}' text from some drivers
  const arr = (x: unknown): string[] => (Array.isArray(x) ? x : typeof x === 'string' ? x.replace(/^\{|\}$/g, '').split(',').filter(Boolean) : []);
  return rows.map((r) => ({ ...r, approvedKinds: arr(r.approvedKinds) }));
}

/**
 * The preparedness block for the dashboard's view, or null when the actor may not read
 * preparedness records.
 * @param townshipId the township looked at (null = the whole county in scope)
 * @param now the current instant: the drill window ends and the year is taken here
 */
export async function preparednessStats(db: DbOrTx, actor: Actor, townshipId: string | null, now: Date): Promise<PreparednessStats | null> {
  if (!actor.permissions.has('preparedness.read')) return null;
  const tw = townshipId ?? undefined;
  const [windowDays, maxAgeDays, required] = await Promise.all([
    getSetting(db, 'preparedness.drillWindowDays'),
    getSetting(db, 'preparedness.planMaxAgeDays'),
    getSetting(db, 'preparedness.requiredPlanKinds'),
  ]);
  const since = new Date(now.getTime() - windowDays * 86_400_000);
  const year = local(now).year();
  const yearStart = startOfLocalDay(`${year}-01-01`);
  const instWhere = scoped(actor, INST_SCOPE, eq(institution.status, 'operating'), tw ? eq(institution.townshipId, tw) : undefined);
  const townshipWhere = and(
    eq(township.countyId, actor.countyId),
    tw ? eq(township.id, tw) : ROLE_SCOPE[actor.role] === 'township' ? eq(township.id, actor.townshipId ?? '00000000-0000-0000-0000-000000000000') : undefined,
  );
  const attemptWhere = (extra?: SQL) =>
    scoped(
      actor,
      { township: quizAttempt.townshipId, institution: quizAttempt.institutionId },
      eq(quizAttempt.status, 'submitted'),
      isNotNull(quizAttempt.userId),
      gte(quizAttempt.submittedAt, yearStart),
      lte(quizAttempt.submittedAt, now),
      tw ? eq(quizAttempt.townshipId, tw) : undefined,
      extra,
    );
  const quizCols = { attempts: n(sql`count(*)`), participants: n(sql`count(distinct ${quizAttempt.userId})`), scoreSum: n(sql`coalesce(sum(${quizAttempt.score}), 0)`) };
  const mayQuiz = actor.permissions.has('quiz.results');
  const county = ROLE_SCOPE[actor.role] === 'county' && !tw;

  const [townships, insts, drills, plans, study, quizByTownship, quizByInst, quizTotal, quizPublic] = await Promise.all([
    db.select({ id: township.id, name: township.name }).from(township).where(townshipWhere).orderBy(asc(township.sortOrder), asc(township.name)),
    db
      .select({ id: institution.id, name: institution.name, type: institution.type, townshipId: institution.townshipId, staffCount: institution.staffCount })
      .from(institution)
      .where(instWhere)
      .orderBy(asc(institution.name)),
    db
      .select({ institutionId: drill.institutionId, held: n(sql`count(*)`), night: n(sql`count(*) filter (where ${drill.isNight})`) })
      .from(drill)
      .innerJoin(institution, eq(institution.id, drill.institutionId))
      .where(and(instWhere, eq(drill.status, 'held'), gte(drill.heldAt, since)))
      .groupBy(drill.institutionId),
    planFigures(db, instWhere, revisionCutoff(now, maxAgeDays)),
    db
      .select({
        institutionId: institution.id,
        largest: n(sql`max(${studySession.participantCount})`),
        names: sql<string[][]>`jsonb_agg(${studySession.participantNames})`,
      })
      .from(studySession)
      .innerJoin(institution, eq(institution.id, studySession.institutionId))
      .where(
        and(
          instWhere,
          eq(studySession.level, 'institution'),
          gte(studySession.heldOn, `${year}-01-01`),
          lte(studySession.heldOn, `${year}-12-31`),
          sql`${studySession.regulations} @> ${JSON.stringify([CRITERIA_REGULATION])}::jsonb`,
        ),
      )
      .groupBy(institution.id),
    mayQuiz ? db.select({ townshipId: quizAttempt.townshipId, ...quizCols }).from(quizAttempt).where(attemptWhere()).groupBy(quizAttempt.townshipId) : [],
    mayQuiz && tw ? db.select({ institutionId: quizAttempt.institutionId, ...quizCols }).from(quizAttempt).where(attemptWhere()).groupBy(quizAttempt.institutionId) : [],
    mayQuiz ? db.select(quizCols).from(quizAttempt).where(attemptWhere()) : [],
    mayQuiz && county
      ? db
          .select({ attempts: n(sql`count(*)`), participants: n(sql`count(distinct ${quizAttempt.participantHash})`) })
          .from(quizAttempt)
          .where(and(eq(quizAttempt.status, 'submitted'), sql`${quizAttempt.userId} is null`, gte(quizAttempt.submittedAt, yearStart), lte(quizAttempt.submittedAt, now)))
      : [],
  ]);

  // ---- per institution ------------------------------------------------------------------------
  const drillBy = new Map(drills.map((d) => [d.institutionId, d]));
  const studyBy = new Map(study.map((s) => [s.institutionId, s]));
  const planBy = new Map(plans.map((p) => [p.institutionId, p]));
  const perInst = insts.map((i) => {
    const d = drillBy.get(i.id);
    const s = studyBy.get(i.id);
    const kinds = [...new Set(((required as Record<string, string[]>)[i.type] ?? []) as PlanKind[])];
    const cov = s ? criteriaCoverage([{ participantCount: s.largest, participantNames: (s.names ?? []).flat() }], i.staffCount) : { trained: 0, share: i.staffCount > 0 ? 0 : null };
    return {
      inst: i,
      drillsHeld: d?.held ?? 0,
      nightDrillsHeld: d?.night ?? 0,
      missing: kinds.some((k) => !(planBy.get(i.id)?.approvedKinds ?? []).includes(k)),
      due: planBy.get(i.id)?.due ?? 0,
      pending: planBy.get(i.id)?.pending ?? 0,
      staffCount: i.staffCount,
      // as getStudyCoverage: only institutions with a staff count enter the share
      trained: i.staffCount > 0 ? cov.trained : 0,
    };
  });
  type Inst = (typeof perInst)[number];
  const sum = (list: Inst[]): Omit<PreparednessFigures, 'quizAttempts' | 'quizParticipants' | 'quizAverageScore'> => {
    const staffCount = list.reduce((x, i) => x + i.staffCount, 0);
    const trained = list.reduce((x, i) => x + i.trained, 0);
    return {
      institutions: list.length,
      drillCovered: list.filter((i) => i.drillsHeld > 0).length,
      nightDrillCovered: list.filter((i) => i.nightDrillsHeld > 0).length,
      drillsHeld: list.reduce((x, i) => x + i.drillsHeld, 0),
      nightDrillsHeld: list.reduce((x, i) => x + i.nightDrillsHeld, 0),
      plansMissing: list.filter((i) => i.missing).length,
      plansDueRevision: list.reduce((x, i) => x + i.due, 0),
      plansPending: list.reduce((x, i) => x + i.pending, 0),
      staffCount,
      trained,
      trainingShare: staffCount > 0 ? trained / staffCount : null,
    };
  };

  const quizTw = new Map(quizByTownship.map((q) => [q.townshipId, q]));
  const quizInst = new Map(quizByInst.map((q) => [q.institutionId, q]));
  const byTownshipId = new Map<string, Inst[]>();
  for (const i of perInst) byTownshipId.set(i.inst.townshipId, [...(byTownshipId.get(i.inst.townshipId) ?? []), i]);
  return {
    windowDays,
    since: since.toISOString(),
    year,
    totals: { ...ZERO, ...sum(perInst), ...quizFigures(quizTotal[0]) },
    byTownship: townships.map((t) => ({ townshipId: t.id, townshipName: t.name, ...sum(byTownshipId.get(t.id) ?? []), ...quizFigures(quizTw.get(t.id)) })),
    byInstitution: tw
      ? perInst.map((i) => ({ institutionId: i.inst.id, institutionName: i.inst.name, townshipId: i.inst.townshipId, ...sum([i]), ...quizFigures(quizInst.get(i.inst.id)) }))
      : [],
    publicQuiz: county ? { attempts: quizPublic[0]?.attempts ?? 0, participants: quizPublic[0]?.participants ?? 0 } : null,
  };
}
