import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { t, zhCN } from '@lifeline/shared';

describe('message catalogue', () => {
  it('fills placeholders and shows unknown keys verbatim', () => {
    expect(t('common.total', { n: 3 })).toBe('共 3 条');
    expect(t('no.such.key')).toBe('no.such.key');
  });
  it('has a label for every shared vocabulary value', async () => {
    const d = await import('@lifeline/shared');
    const groups: [string, readonly string[]][] = [
      ['institutionType', d.INSTITUTION_TYPES],
      ['role', d.ROLES],
      ['hazardLevel', d.HAZARD_LEVELS],
      ['hazardCategory', d.HAZARD_CATEGORIES],
      ['hazardStatus', d.HAZARD_STATUSES],
      ['hazardSource', d.HAZARD_SOURCES],
      ['inspectionKind', d.INSPECTION_KINDS],
      ['itemResult', d.ITEM_RESULTS],
    ];
    for (const [prefix, values] of groups) for (const v of values) expect(zhCN, `${prefix}.${v}`).toHaveProperty(`${prefix}.${v}`);
    for (const code of Object.keys(d.ERROR_STATUS)) expect(zhCN).toHaveProperty(`errors.${code}`);
  });
  it('web components hold no Chinese literals and use only known keys', () => {
    // the check script exits non-zero and lists the offending lines otherwise
    expect(() => execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/check-i18n.mjs')], { stdio: 'pipe' })).not.toThrow();
  });
});
