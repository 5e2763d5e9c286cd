import type { AccidentGrade, RewardBasis, RewardBasisInput } from '@lifeline/shared';

/**
 * Reward amounts of public reports (举报奖励), 《安全生产领域举报奖励办法》 (安监总财〔2018〕19号),
 * as summarised in shared/reference/whistleblower-reward-rules.md §2 (confirmed amounts):
 * - major hazards and violations: 15 % of the administrative fine, at least 3,000 and at most
 *   300,000 yuan;
 * - concealed or falsely reported accidents (瞒报/谎报): per verified concealed death by the final
 *   accident grade — 一般 30,000, 较大 40,000, 重大 50,000, 特别重大 60,000 yuan — capped at 300,000;
 * - an optional local tier for ordinary hazards (e.g. 500 yuan in 云霄/泉州), off when 0.
 * The figures are the county's editable setting `report.rewardRules` (defaults = the national ones).
 * Amounts are computed in fen (1/100 yuan) as integers.
 */

/** The setting `report.rewardRules`. */
export interface RewardRules {
  fineRatePct: number;
  minYuan: number;
  maxYuan: number;
  concealedPerDeathYuan: Record<AccidentGrade, number>;
  concealedCapYuan: number;
  /** 0 = the general-hazard tier is off */
  generalHazardYuan: number;
}

/** Why a rule cannot give an amount (the caller turns it into a 400 on `field`). */
export class RewardRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const fen = (yuan: number) => Math.round(yuan * 100);
const yuanText = (f: number) => (f / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/**
 * The suggested reward of a rule, in fen, with a Chinese explanation of how it was reached.
 * @param rules the county's `report.rewardRules`
 * @param basis major_hazard_fine (needs `fineYuan`), concealed_accident (needs `deaths` and `grade`)
 *   or general_hazard_tier
 * @returns `{ fen, explanation }`; e.g. a fine of 50,000 yuan → 750,000 fen (7,500 yuan)
 * @throws RewardRuleError when an input is missing or the general tier is off (0)
 */
export function suggestRewardFen(rules: RewardRules, basis: RewardBasis, input: RewardBasisInput): { fen: number; explanation: string } {
  switch (basis) {
    case 'major_hazard_fine': {
      if (input.fineYuan === undefined || input.fineYuan < 0) throw new RewardRuleError('basisInput.fineYuan', '请填写罚款金额');
      const raw = Math.round((fen(input.fineYuan) * rules.fineRatePct) / 100);
      const value = Math.min(fen(rules.maxYuan), Math.max(fen(rules.minYuan), raw));
      const bound = value !== raw ? (raw < fen(rules.minYuan) ? `，不足 ${yuanText(fen(rules.minYuan))} 元按最低额` : `，超过 ${yuanText(fen(rules.maxYuan))} 元按最高额`) : '';
      return { fen: value, explanation: `罚款 ${yuanText(fen(input.fineYuan))} 元 × ${rules.fineRatePct}% = ${yuanText(raw)} 元${bound}` };
    }
    case 'concealed_accident': {
      if (!input.deaths || input.deaths < 1) throw new RewardRuleError('basisInput.deaths', '请填写核实的瞒报死亡人数');
      if (!input.grade) throw new RewardRuleError('basisInput.grade', '请选择事故等级');
      const per = fen(rules.concealedPerDeathYuan[input.grade]);
      const raw = per * input.deaths;
      const value = Math.min(fen(rules.concealedCapYuan), raw);
      return { fen: value, explanation: `每核实瞒报 1 人 ${yuanText(per)} 元 × ${input.deaths} 人 = ${yuanText(raw)} 元${value < raw ? `，超过 ${yuanText(fen(rules.concealedCapYuan))} 元按最高额` : ''}` };
    }
    case 'general_hazard_tier': {
      if (!(rules.generalHazardYuan > 0)) throw new RewardRuleError('basis', '本县未设置一般隐患奖励档次');
      return { fen: fen(rules.generalHazardYuan), explanation: `一般隐患举报奖励 ${yuanText(fen(rules.generalHazardYuan))} 元/件` };
    }
  }
}

/** The largest amount any rule can give, in fen (an override may not exceed it). */
export function rewardCeilingFen(rules: RewardRules): number {
  return fen(Math.max(rules.maxYuan, rules.concealedCapYuan, rules.generalHazardYuan));
}

/** Fen → yuan (a number with at most 2 decimals). */
export const fenToYuan = (f: number) => f / 100;
/** Yuan (at most 2 decimals) → fen. */
export const yuanToFen = (y: number) => fen(y);
