import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '@lifeline/shared';
import type { Actor } from '../../policies/index.ts';
import { canSeeExposure, exposureAbilities } from './exposure.policy.ts';
import { isEditable, nextExposureStatus } from './exposure.workflow.ts';

describe('exposure workflow', () => {
  it('moves draft → pending → published → withdrawn, and pending back to draft', () => {
    expect(nextExposureStatus('draft', 'submit')).toBe('pending_approval');
    expect(nextExposureStatus('pending_approval', 'approve')).toBe('published');
    expect(nextExposureStatus('pending_approval', 'return')).toBe('draft');
    expect(nextExposureStatus('published', 'withdraw')).toBe('withdrawn');
  });
  it('refuses illegal steps', () => {
    expect(nextExposureStatus('draft', 'approve')).toBeNull();
    expect(nextExposureStatus('draft', 'withdraw')).toBeNull();
    expect(nextExposureStatus('published', 'submit')).toBeNull();
    expect(nextExposureStatus('withdrawn', 'approve')).toBeNull();
    expect(nextExposureStatus('withdrawn', 'withdraw')).toBeNull();
  });
  it('edits drafts only', () => {
    expect(isEditable('draft')).toBe(true);
    expect(isEditable('pending_approval')).toBe(false);
    expect(isEditable('published')).toBe(false);
  });
});

describe('exposure abilities', () => {
  const actor = (role: 'county_staff' | 'county_leader' | 'township_officer', id = 'u1') =>
    ({ id, role, permissions: new Set(ROLE_PERMISSIONS[role]) }) as unknown as Actor;
  it('the leader approves and returns pending cases, never one they created', () => {
    expect(exposureAbilities(actor('county_leader'), { status: 'pending_approval', createdById: 'u2' })).toMatchObject({ approve: true, return: true, update: false, withdraw: false });
    expect(exposureAbilities(actor('county_leader'), { status: 'pending_approval', createdById: 'u1' }).approve).toBe(false);
  });
  it('staff edit drafts, submit and withdraw, never approve', () => {
    expect(exposureAbilities(actor('county_staff'), { status: 'draft', createdById: 'u1' })).toEqual({ update: true, submit: true, approve: false, return: false, withdraw: false });
    expect(exposureAbilities(actor('county_staff'), { status: 'published', createdById: 'u1' })).toEqual({ update: false, submit: false, approve: false, return: false, withdraw: true });
  });
  it('only county roles holding an exposure permission see the board', () => {
    expect(canSeeExposure(actor('county_staff'))).toBe(true);
    expect(canSeeExposure(actor('county_leader'))).toBe(true);
    expect(canSeeExposure(actor('township_officer'))).toBe(false);
  });
});
