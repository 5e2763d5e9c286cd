/**
 * 德化县 reference data: county code (GB/T 2260) and its 18 towns and townships with their NBS
 * 9-digit 统计用区划代码 (snapshot valid to 2022-10-31). Source: shared/reference/dehua-county.md
 * [confirmed]. Changes after October 2022 are not covered; the county admin can edit names.
 */
export const DEHUA_COUNTY = {
  code: '350526',
  name: '德化县',
  bureauName: '德化县民政局',
} as const;

/** Sections (股室) of the bureau. The notice names 办公室 as the recipient of township deliverables. */
export const DEHUA_OFFICES = ['办公室', '养老服务股', '社会事务股', '社会救助股'] as const;

export const DEHUA_TOWNSHIPS: ReadonlyArray<{ code: string; name: string; kind: 'town' | 'township' }> = [
  { code: '350526100', name: '浔中镇', kind: 'town' },
  { code: '350526101', name: '龙浔镇', kind: 'town' },
  { code: '350526102', name: '三班镇', kind: 'town' },
  { code: '350526103', name: '龙门滩镇', kind: 'town' },
  { code: '350526104', name: '雷峰镇', kind: 'town' },
  { code: '350526105', name: '南埕镇', kind: 'town' },
  { code: '350526106', name: '水口镇', kind: 'town' },
  { code: '350526107', name: '赤水镇', kind: 'town' },
  { code: '350526108', name: '上涌镇', kind: 'town' },
  { code: '350526109', name: '葛坑镇', kind: 'town' },
  { code: '350526110', name: '盖德镇', kind: 'town' },
  { code: '350526111', name: '美湖镇', kind: 'town' },
  { code: '350526200', name: '杨梅乡', kind: 'township' },
  { code: '350526202', name: '汤头乡', kind: 'township' },
  { code: '350526204', name: '桂阳乡', kind: 'township' },
  { code: '350526206', name: '国宝乡', kind: 'township' },
  { code: '350526208', name: '大铭乡', kind: 'township' },
  { code: '350526209', name: '春美乡', kind: 'township' },
];
