import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { describeDiff, diffItems, type ItemContent } from './checklists.diff.ts';
import { buildChecklistWorkbook, cellText, parseChecklistWorkbook, parseInstitutionTypes } from './checklists.xlsx.ts';

const item = (code: string, over: Partial<ItemContent> = {}): ItemContent => ({
  code,
  category: '类别',
  hazardCategory: 'other',
  checkText: `内容${code}`,
  checkPoints: '',
  legalBasis: '',
  hazardLevel: 'general',
  isPlaceholder: false,
  ...over,
});

describe('diffItems / describeDiff', () => {
  it('finds added, removed and changed codes', () => {
    const d = diffItems([item('1'), item('2'), item('3')], [item('1'), item('3', { hazardLevel: 'major' }), item('4')], 1);
    expect(d).toEqual({ baseVersion: 1, added: ['4'], removed: ['2'], changed: ['3'], reordered: false, identical: false });
    expect(describeDiff(d)).toBe('新增 1 项（4）；删除 1 项（2）；修改 1 项（3）');
  });
  it('sees a pure reorder and an identical list', () => {
    expect(diffItems([item('1'), item('2')], [item('2'), item('1')], 3)).toMatchObject({ reordered: true, identical: false, changed: [] });
    const same = diffItems([item('1')], [item('1')], 3);
    expect(same.identical).toBe(true);
    expect(describeDiff(same)).toBe('无变化');
  });
  it('caps long code lists in the description', () => {
    const d = diffItems([], Array.from({ length: 12 }, (_, i) => item(String(i + 1))), null);
    expect(describeDiff(d)).toBe('新增 12 项（1、2、3、4、5、6、7、8、9、10 等 12 项）');
  });
});

describe('cellText / parseInstitutionTypes', () => {
  it('reads whatever Excel stored as text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(4.1)).toBe('4.1');
    expect(cellText('  a\r\nb ')).toBe('a\nb');
    expect(cellText({ richText: [{ text: '检查' }, { text: '内容' }] })).toBe('检查内容');
    expect(cellText({ formula: 'A1', result: '重大' })).toBe('重大');
    expect(cellText({ text: '依据', hyperlink: 'https://example.org' })).toBe('依据');
    expect(cellText(true)).toBe('是');
  });
  it('reads institution types by label or code', () => {
    expect(parseInstitutionTypes('全部机构类型')).toEqual({ types: [], unknown: [] });
    expect(parseInstitutionTypes('养老机构、child_welfare，养老机构')).toEqual({ types: ['elderly_care', 'child_welfare'], unknown: [] });
    expect(parseInstitutionTypes('养老机构 学校')).toEqual({ types: ['elderly_care'], unknown: ['学校'] });
  });
});

describe('parseChecklistWorkbook', () => {
  it('reads back exactly what buildChecklistWorkbook wrote', async () => {
    const items = [item('4.10', { checkPoints: '一\n二', legalBasis: '《消防法》', hazardLevel: 'major', hazardCategory: 'life_passage' }), item('5.x', { isPlaceholder: true })];
    const bytes = await buildChecklistWorkbook({
      template: { code: 'x-1', name: '表', description: '简介', institutionTypes: ['elderly_care'], sourceNote: '来源' },
      version: 3,
      changeNote: '',
      items,
      now: new Date('2026-01-02T03:04:05Z'),
    });
    const p = await parseChecklistWorkbook(bytes);
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => r.item)).toEqual(items);
    expect(p.meta).toEqual({ name: '表', code: 'x-1', version: 3, institutionTypes: '养老机构', description: '简介', sourceNote: '来源' });
  });

  it('matches headers by text (decorations ignored), accepts label aliases and skips a title row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['某某检查表（填报用）']);
    ws.addRow(['隐患等级（一般/重大）', ' 编号* ', '检查内容', '隐患类别', '类别']);
    ws.addRow(['重大隐患', 4.1, { richText: [{ text: '检查' }, { text: '内容' }] }, 'fire_facility', '甲']);
    ws.addRow(['general', 'B', '内容', '燃气安全', '乙']);
    const p = await parseChecklistWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(p.errors).toEqual([]);
    expect(p.sheetName).toBe('Sheet1');
    expect(p.rows.map((r) => [r.row, r.errors])).toEqual([[3, []], [4, []]]);
    expect(p.rows[0]!.item).toEqual({ code: '4.1', category: '甲', hazardCategory: 'fire_facility', checkText: '检查内容', checkPoints: '', legalBasis: '', hazardLevel: 'major', isPlaceholder: false });
    expect(p.rows[1]!.item).toMatchObject({ hazardCategory: 'gas', hazardLevel: 'general' });
  });

  it('reports a repeated column and a workbook without a header row', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('检查项').addRow(['编号', '类别', '隐患类别', '检查内容', '隐患等级', '编号']);
    expect((await parseChecklistWorkbook(Buffer.from(await wb.xlsx.writeBuffer()))).errors).toEqual(['列“编号”出现了 2 次，请只保留一列']);
    const wb2 = new ExcelJS.Workbook();
    wb2.addWorksheet('数据').addRow(['a', 'b']);
    expect((await parseChecklistWorkbook(Buffer.from(await wb2.xlsx.writeBuffer()))).errors).toEqual([expect.stringContaining('未找到检查项表头')]);
  });
});
