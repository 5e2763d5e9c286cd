import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHALLENGE_TTL_MS, issueChallenge, leadingZeroBits, solveChallenge, verifyChallenge } from './challenge.ts';
import { publicHistory, publicReward } from './public-reports.presenter.ts';
import { withTimeFloor } from './timing.ts';

const secret = randomBytes(32);
const now = new Date('2026-06-16T02:00:00Z');

describe('proof-of-work challenge', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Buffer.from([0x00, 0x0f, 0xff]))).toBe(12);
    expect(leadingZeroBits(Buffer.from([0x80]))).toBe(0);
    expect(leadingZeroBits(Buffer.from([0x00, 0x00]))).toBe(16);
  });

  it('accepts a solved, signed, fresh challenge and refuses tampering, expiry and unsolved work', () => {
    const c = issueChallenge(secret, now, 10);
    const s = { ...c, nonce: solveChallenge(c) };
    expect(() => verifyChallenge(secret, s, now, 10)).not.toThrow();
    expect(() => verifyChallenge(secret, undefined, now, 10)).toThrow(/安全校验/);
    expect(() => verifyChallenge(randomBytes(32), s, now, 10)).toThrow(/未通过/);
    expect(() => verifyChallenge(secret, { ...s, salt: 'other' }, now, 10)).toThrow(/未通过/);
    expect(() => verifyChallenge(secret, { ...s, expiresAt: new Date(now.getTime() + 10 * CHALLENGE_TTL_MS).toISOString() }, now, 10)).toThrow(/未通过/);
    expect(() => verifyChallenge(secret, s, now, 11)).toThrow(/未通过/); // issued easier than the server asks
    expect(() => verifyChallenge(secret, s, new Date(now.getTime() + CHALLENGE_TTL_MS), 10)).toThrow(/过期/);
    let bad = 0;
    while (leadingZeroBits(createHash('sha256').update(c.salt + bad).digest()) >= 10) bad++;
    expect(() => verifyChallenge(secret, { ...s, nonce: String(bad) }, now, 10)).toThrow(/未通过/);
  });
});

describe('equal-time answers', () => {
  it('never answers before the floor, success or error', async () => {
    let t0 = performance.now();
    await withTimeFloor(async () => 1, 50, 5);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(49);
    t0 = performance.now();
    await expect(withTimeFloor(async () => { throw new Error('x'); }, 50, 5)).rejects.toThrow('x');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(49);
  });
});

describe('public presenter', () => {
  it('shows status changes only, merged, in public words', () => {
    const at = (m: number) => new Date(now.getTime() + m * 60_000);
    expect(publicHistory([
      { toStatus: 'pending', at: at(0) },
      { toStatus: null, at: at(1) },
      { toStatus: 'accepted', at: at(2) },
      { toStatus: 'accepted', at: at(3) },
      { toStatus: 'verifying', at: at(4) },
    ]).map((h) => h.label)).toEqual(['待受理', '已受理', '核查中']);
  });

  it('hides a proposed reward and shows an unclaimed one past its deadline as lapsed', () => {
    const base = { id: 'r', reportId: 'p', basis: 'major_hazard_fine', basisInput: {}, suggestedFen: 300000, amountFen: 300000, overrideReason: '', proposedById: 'u', proposedAt: now, approvedById: null, approvedAt: null, claimDeadline: null, claimedAt: null, paidAt: null, paymentRef: '', paidById: null };
    expect(publicReward({ ...base, status: 'proposed' }, now)).toBeNull();
    expect(publicReward({ ...base, status: 'approved' }, now)).toMatchObject({ status: 'approved', canClaim: true, amountYuan: 3000 });
    expect(publicReward({ ...base, status: 'approved', claimDeadline: new Date(now.getTime() - 1) }, now)).toMatchObject({ status: 'lapsed', canClaim: false });
    expect(publicReward({ ...base, status: 'rejected' }, now)).toMatchObject({ amountYuan: null, canClaim: false });
  });
});
