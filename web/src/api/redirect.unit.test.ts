import { describe, expect, it } from 'vitest';
import { loginPath, safeNext, withNext } from './redirect.ts';

describe('safeNext', () => {
  it('keeps same-origin paths with their query and hash', () => {
    expect(safeNext('/hazards?status=pending&level=major')).toBe('/hazards?status=pending&level=major');
    expect(safeNext('/checklists/abc#item-3')).toBe('/checklists/abc#item-3');
    expect(safeNext('/')).toBe('/');
  });
  it('refuses anything that could leave the site', () => {
    for (const bad of [
      'https://evil.example/x',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      'hazards',
      '/%0d%0a',
      '/\t/evil.example',
      '/\n/evil.example',
      '',
      null,
      undefined,
    ]) {
      const r = safeNext(bad);
      expect(r.startsWith('/') && !r.startsWith('//'), String(bad)).toBe(true);
      expect(r, String(bad)).not.toContain('evil');
    }
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('https://evil.example/x')).toBe('/');
  });
  it('never sends the user back to the login page', () => {
    expect(safeNext('/login')).toBe('/');
    expect(safeNext('/login?next=/hazards')).toBe('/');
  });
});

describe('loginPath', () => {
  it('remembers the page to return to', () => {
    expect(loginPath('/hazards?status=pending&level=major')).toBe('/login?next=%2Fhazards%3Fstatus%3Dpending%26level%3Dmajor');
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('//evil.example')).toBe('/login');
  });
});

describe('withNext', () => {
  it('passes the page on to the forced password change', () => {
    expect(withNext('/change-password', '/hazards/new')).toBe('/change-password?next=%2Fhazards%2Fnew');
    expect(withNext('/change-password', '/')).toBe('/change-password');
  });
});
