import { describe, expect, it } from 'vitest';
import { criteriaCoverage } from './study.service.ts';

describe('criteriaCoverage', () => {
  it('counts distinct names once, ignoring white space', () => {
    expect(criteriaCoverage([{ participantCount: 2, participantNames: ['张三', '李四'] }, { participantCount: 2, participantNames: ['张 三', '王五'] }], 10)).toEqual({ trained: 3, share: 0.3 });
  });
  it('uses the largest single count for count-only sessions (never the sum)', () => {
    expect(criteriaCoverage([{ participantCount: 6, participantNames: [] }, { participantCount: 4, participantNames: [] }], 20)).toEqual({ trained: 6, share: 0.3 });
  });
  it('takes the larger of names and counts, capped at the staff count', () => {
    expect(criteriaCoverage([{ participantCount: 9, participantNames: ['a', 'b'] }], 5)).toEqual({ trained: 5, share: 1 });
  });
  it('no staff count: not capped, no share', () => {
    expect(criteriaCoverage([{ participantCount: 9, participantNames: [] }], 0)).toEqual({ trained: 9, share: null });
    expect(criteriaCoverage([], 12)).toEqual({ trained: 0, share: 0 });
  });
});
