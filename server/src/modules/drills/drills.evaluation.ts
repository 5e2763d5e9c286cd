import type { DrillEvaluationTemplate } from '@lifeline/shared';

/**
 * The default 演练评估 (drill evaluation) form: scored items with their maximum scores (100 in all).
 *
 * This is Lifeline's own template, written from the 2024 notice's call to "及时总结评估演练情况，不断
 * 完善应急处置流程" and common practice in evacuation drills of 民政服务机构 — it is NOT a regulation
 * and no source in shared/reference fixes these items or weights. It is kept here as editable data:
 * change the items or scores (or replace them per county) without touching the service; a saved
 * evaluation stores its own items, so changing the template never rewrites past evaluations.
 */
export const DRILL_EVALUATION_TEMPLATE: DrillEvaluationTemplate['items'] = [
  { code: 'alarm', label: '报警响应', maxScore: 10, hint: '发现险情后及时报警、启动预案，各岗位按分工迅速就位' },
  { code: 'command', label: '组织指挥', maxScore: 15, hint: '现场指挥明确，指令清晰，通讯联络畅通' },
  { code: 'evacuation', label: '疏散引导', maxScore: 20, hint: '引导人员到位，按疏散路线有序撤离，不使用电梯' },
  { code: 'non_ambulatory', label: '失能老人转移', maxScore: 20, hint: '行动不便人员有专人负责，转移方法得当（轮椅、担架、背负、床单转移等）' },
  { code: 'life_passage', label: '生命通道畅通', maxScore: 10, hint: '疏散通道、安全出口、消防车通道畅通，应急照明和疏散指示有效' },
  { code: 'assembly', label: '集合清点', maxScore: 10, hint: '到达集合点后及时清点人数并向指挥报告' },
  { code: 'equipment', label: '器材使用', maxScore: 10, hint: '灭火器、消火栓等器材取用迅速、操作正确' },
  { code: 'debrief', label: '总结讲评', maxScore: 5, hint: '演练后及时讲评，查找问题并提出改进措施' },
];

/** The template with its total, as the API returns it (GET /api/drills/evaluation-template). */
export function evaluationTemplate(): DrillEvaluationTemplate {
  return { items: DRILL_EVALUATION_TEMPLATE.map((i) => ({ ...i })), maxScore: DRILL_EVALUATION_TEMPLATE.reduce((s, i) => s + i.maxScore, 0) };
}
