import { describe, expect, it } from 'vitest';
import { CAMPAIGN_ASSIGNEE_SCOPES, CAMPAIGN_STATUSES, COUNT_OF_KINDS, DELIVERABLE_KINDS, zhCN } from '@lifeline/shared';
import { dateFromPhrase, periodText, quantityText, scopeText, sectionNumeral } from './campaignBits.tsx';

describe('campaign labels', () => {
  it('has a label for every campaign vocabulary value', () => {
    const groups: [string, readonly string[]][] = [
      ['campaignStatus', CAMPAIGN_STATUSES],
      ['campaignScope', CAMPAIGN_ASSIGNEE_SCOPES],
      ['deliverableKind', DELIVERABLE_KINDS],
      ['deliverableUnit', DELIVERABLE_KINDS],
      ['countOf', COUNT_OF_KINDS],
    ];
    for (const [prefix, values] of groups) for (const v of values) expect(zhCN, `${prefix}.${v}`).toHaveProperty(`${prefix}.${v}`);
  });

  it('words a task the way the notice does', () => {
    const offices = new Map([['o1', '办公室']]);
    expect(scopeText({ assigneeScope: 'each_township', institutionTypes: [], officeId: null }, offices)).toBe('各乡镇');
    expect(scopeText({ assigneeScope: 'each_institution_of_types', institutionTypes: ['elderly_care', 'child_welfare'], officeId: null }, offices)).toBe('养老机构、儿童福利机构');
    expect(scopeText({ assigneeScope: 'office', institutionTypes: [], officeId: 'o1' }, offices)).toBe('局机关：办公室');
    expect(quantityText({ deliverableKind: 'article', countOf: null, requiredQuantity: 1 })).toBe('1 篇');
    expect(quantityText({ deliverableKind: 'count', countOf: 'drill', requiredQuantity: 2 })).toBe('演练 2 次');
    expect(periodText({ startsOn: '2024-06-01', endsOn: '2024-06-30' })).toBe('2024-06-01 至 2024-06-30');
    expect(periodText({ startsOn: null, endsOn: null })).toBe('未定');
    expect(sectionNumeral(3)).toBe('三');
    expect(sectionNumeral(25)).toBe('25');
  });

  it('pre-fills a deadline from the notice phrase only when the day exists', () => {
    expect(dateFromPhrase('6月5日前', 2024)).toBe('2024-06-05');
    expect(dateFromPhrase('于６月２０日前', 2025)).toBe('2025-06-20');
    expect(dateFromPhrase('2月30日前', 2024)).toBeUndefined();
    expect(dateFromPhrase('2月29日前', 2024)).toBe('2024-02-29');
    expect(dateFromPhrase('年底前', 2024)).toBeUndefined();
  });
});
