import { describe, expect, it } from 'vitest';
import { SETTING_DEFAULTS } from '../settings/settings.service.ts';
import { RewardRuleError, rewardCeilingFen, suggestRewardFen, type RewardRules } from './reports.rewards.ts';

/** The national 2018 办法 figures (whistleblower-reward-rules.md §2), as the setting's defaults. */
const rules = structuredClone(SETTING_DEFAULTS['report.rewardRules']) as unknown as RewardRules;

describe('suggestRewardFen: major hazards and violations (15 % of the fine, 3,000 – 300,000 yuan)', () => {
  it('pays 15 % of the fine', () => {
    expect(suggestRewardFen(rules, 'major_hazard_fine', { fineYuan: 50_000 }).fen).toBe(7_500_00);
    expect(suggestRewardFen(rules, 'major_hazard_fine', { fineYuan: 123_456.78 }).fen).toBe(Math.round(12_345_678 * 0.15));
  });
  it('pays at least 3,000 yuan, also for a small or no fine', () => {
    expect(suggestRewardFen(rules, 'major_hazard_fine', { fineYuan: 10_000 }).fen).toBe(3_000_00);
    expect(suggestRewardFen(rules, 'major_hazard_fine', { fineYuan: 0 }).fen).toBe(3_000_00);
    expect(suggestRewardFen(rules, 'major_hazard_fine', { fineYuan: 20_000 }).fen).toBe(3_000_00);
    expect(suggestRewardFen(rules, 'major_hazard_fine', { fineYuan: 20_001 }).fen).toBe(3_000_15);
  });
  it('pays at most 300,000 yuan', () => {
    expect(suggestRewardFen(rules, 'major_hazard_fine', { fineYuan: 2_000_000 }).fen).toBe(300_000_00);
    expect(suggestRewardFen(rules, 'major_hazard_fine', { fineYuan: 3_000_000 }).explanation).toContain('按最高额');
  });
  it('needs the fine', () => {
    expect(() => suggestRewardFen(rules, 'major_hazard_fine', {})).toThrow(RewardRuleError);
  });
});

describe('suggestRewardFen: concealed accidents (per verified death by grade, capped at 300,000)', () => {
  it('pays per death by the final grade', () => {
    expect(suggestRewardFen(rules, 'concealed_accident', { deaths: 1, grade: 'general' }).fen).toBe(30_000_00);
    expect(suggestRewardFen(rules, 'concealed_accident', { deaths: 2, grade: 'larger' }).fen).toBe(80_000_00);
    expect(suggestRewardFen(rules, 'concealed_accident', { deaths: 3, grade: 'major' }).fen).toBe(150_000_00);
    expect(suggestRewardFen(rules, 'concealed_accident', { deaths: 4, grade: 'especially_major' }).fen).toBe(240_000_00);
  });
  it('caps at 300,000 yuan', () => {
    expect(suggestRewardFen(rules, 'concealed_accident', { deaths: 6, grade: 'especially_major' }).fen).toBe(300_000_00);
    expect(suggestRewardFen(rules, 'concealed_accident', { deaths: 11, grade: 'general' }).fen).toBe(300_000_00);
  });
  it('needs deaths and grade', () => {
    expect(() => suggestRewardFen(rules, 'concealed_accident', { grade: 'major' })).toThrow(/死亡人数/);
    expect(() => suggestRewardFen(rules, 'concealed_accident', { deaths: 1 })).toThrow(/事故等级/);
  });
});

describe('suggestRewardFen: the optional general-hazard tier', () => {
  it('is off at 0 (the default: 德化县 has not set one)', () => {
    expect(() => suggestRewardFen(rules, 'general_hazard_tier', {})).toThrow(/未设置/);
  });
  it('pays the county amount when set', () => {
    expect(suggestRewardFen({ ...rules, generalHazardYuan: 500 }, 'general_hazard_tier', {}).fen).toBe(500_00);
  });
  it('follows edited county rules (e.g. 云霄: max 50,000)', () => {
    const local = { ...rules, maxYuan: 50_000 };
    expect(suggestRewardFen(local, 'major_hazard_fine', { fineYuan: 1_000_000 }).fen).toBe(50_000_00);
    expect(rewardCeilingFen(local)).toBe(300_000_00);
  });
});
