import { describe, expect, it } from 'vitest';
import { nextDrillStatus } from './drills.workflow.ts';

describe('drill workflow', () => {
  it('a planned drill can be edited, cancelled or recorded as held', () => {
    expect(nextDrillStatus('planned', 'update')).toBe('planned');
    expect(nextDrillStatus('planned', 'cancel')).toBe('cancelled');
    expect(nextDrillStatus('planned', 'record')).toBe('held');
    expect(nextDrillStatus('planned', 'evaluate')).toBeNull();
    expect(nextDrillStatus('planned', 'add_finding')).toBeNull();
  });

  it('a held drill is evaluated and gains findings, but is not recorded or cancelled again', () => {
    expect(nextDrillStatus('held', 'evaluate')).toBe('held');
    expect(nextDrillStatus('held', 'add_finding')).toBe('held');
    expect(nextDrillStatus('held', 'record')).toBeNull();
    expect(nextDrillStatus('held', 'cancel')).toBeNull();
    expect(nextDrillStatus('held', 'update')).toBeNull();
  });

  it('a cancelled drill is frozen', () => {
    for (const s of ['update', 'cancel', 'record', 'evaluate', 'add_finding'] as const) expect(nextDrillStatus('cancelled', s)).toBeNull();
  });
});
