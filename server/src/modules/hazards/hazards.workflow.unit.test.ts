import { describe, expect, it } from 'vitest';
import { HAZARD_STATUSES, endOfLocalDay } from '@lifeline/shared';
import { isOverdue, legalSteps, nextStatus } from './hazards.workflow.ts';

describe('hazard workflow', () => {
  it('walks the closed loop 待整改 → 整改中 → 待验收 → 已销号', () => {
    expect(nextStatus('pending', 'start_rectification')).toBe('rectifying');
    expect(nextStatus('rectifying', 'submit_rectification')).toBe('awaiting_verification');
    expect(nextStatus('awaiting_verification', 'verify')).toBe('closed');
  });
  it('returns a rectification from 待验收 to 整改中', () => {
    expect(nextStatus('awaiting_verification', 'return')).toBe('rectifying');
  });
  it('refuses every step that skips or reverses the loop', () => {
    expect(nextStatus('pending', 'verify')).toBeNull();
    expect(nextStatus('pending', 'submit_rectification')).toBeNull();
    expect(nextStatus('rectifying', 'verify')).toBeNull();
    expect(nextStatus('rectifying', 'return')).toBeNull();
    expect(nextStatus('closed', 'return')).toBeNull();
    expect(nextStatus('closed', 'start_rectification')).toBeNull();
  });
  it('offers no step from 已销号 and exactly the expected ones elsewhere', () => {
    expect(legalSteps('closed')).toEqual([]);
    expect(legalSteps('pending')).toEqual(['start_rectification']);
    expect(legalSteps('awaiting_verification').sort()).toEqual(['return', 'verify']);
    for (const s of HAZARD_STATUSES) expect(Array.isArray(legalSteps(s))).toBe(true);
  });
  it('derives overdue from the end of the deadline day in Asia/Shanghai', () => {
    const deadline = endOfLocalDay('2026-06-05'); // 2026-06-05T15:59:59.999Z
    expect(isOverdue({ status: 'pending', deadline }, new Date('2026-06-05T15:59:59.000Z'))).toBe(false);
    expect(isOverdue({ status: 'pending', deadline }, new Date('2026-06-05T16:00:00.000Z'))).toBe(true);
    expect(isOverdue({ status: 'closed', deadline }, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });
});
