import { describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { ROSTER_COLUMNS, ROSTER_HEADERS, columnForHeader, convertCell, normalizeHeader, readCell, statusFromLabel, typeFromLabel } from './institutions.roster.ts';

/** A stand-in for an exceljs cell: readCell only reads `value` and `numFmt`. */
const cell = (value: unknown, numFmt?: string) => ({ value, numFmt }) as unknown as ExcelJS.Cell;
const col = (header: string) => columnForHeader(header)!;

describe('roster headers', () => {
  it('has one definition per field, headers unique, required ones first', () => {
    expect(new Set(ROSTER_HEADERS).size).toBe(ROSTER_HEADERS.length);
    expect(new Set(ROSTER_COLUMNS.map((c) => c.field)).size).toBe(ROSTER_COLUMNS.length);
    expect(ROSTER_COLUMNS.filter((c) => c.required).map((c) => c.header)).toEqual(['乡镇', '机构名称', '机构类型']);
  });
  it('matches headers ignoring spaces, full-width brackets and required stars, and aliases', () => {
    expect(normalizeHeader(' 失能半失能占比（％） ')).toBe('失能半失能占比(%)');
    expect(col('*机构名称').field).toBe('name');
    expect(col('机构 名称＊').field).toBe('name');
    expect(col('所属乡镇').field).toBe('townshipId');
    expect(col('失能半失能占比').field).toBe('nonAmbulatoryPct');
    expect(columnForHeader('备注')).toBeUndefined();
  });
  it('maps Chinese labels and code names to the vocabularies', () => {
    expect(typeFromLabel('养老机构')).toBe('elderly_care');
    expect(typeFromLabel(' 精神卫生社会福利机构 ')).toBe('mental_health_welfare');
    expect(typeFromLabel('child_welfare')).toBe('child_welfare');
    expect(typeFromLabel('敬老院')).toBeUndefined();
    expect(statusFromLabel('已关停')).toBe('closed');
    expect(statusFromLabel('关停')).toBeUndefined();
  });
});

describe('readCell', () => {
  it('reads plain values, trims strings and treats blanks as empty', () => {
    expect(readCell(cell('  浔中镇 '))).toEqual({ ok: true, value: '浔中镇', percentFormat: false });
    expect(readCell(cell('   '))).toMatchObject({ ok: true, value: null });
    expect(readCell(cell(null))).toMatchObject({ ok: true, value: null });
    expect(readCell(cell(12))).toMatchObject({ ok: true, value: 12 });
  });
  it('reads rich text, hyperlinks, formulas and shared formulas', () => {
    expect(readCell(cell({ richText: [{ text: '幸福' }, { text: '院 ' }] }))).toMatchObject({ value: '幸福院' });
    expect(readCell(cell({ text: '13800138000', hyperlink: 'tel:13800138000' }))).toMatchObject({ value: '13800138000' });
    expect(readCell(cell({ text: { richText: [{ text: '链接' }] }, hyperlink: 'https://x' }))).toMatchObject({ value: '链接' });
    expect(readCell(cell({ formula: 'A1+1', result: 5 }))).toMatchObject({ value: 5 });
    expect(readCell(cell({ sharedFormula: 'B2', result: '养老机构' }))).toMatchObject({ value: '养老机构' });
  });
  it('reports error values and formulas without a result', () => {
    expect(readCell(cell({ error: '#N/A' }))).toEqual({ ok: false, message: '单元格为错误值 #N/A' });
    expect(readCell(cell({ formula: 'A1' }))).toMatchObject({ ok: false });
    expect(readCell(cell({ formula: 'A1', result: { error: '#DIV/0!' } }))).toEqual({ ok: false, message: '单元格为错误值 #DIV/0!' });
  });
  it('tells a percentage format', () => {
    expect(readCell(cell(0.35, '0%'))).toEqual({ ok: true, value: 0.35, percentFormat: true });
  });
});

describe('convertCell', () => {
  it('turns numbers in text columns into text, but refuses digits Excel has lost', () => {
    expect(convertCell(col('负责人电话'), readCell(cell(13800138000)))).toEqual({ ok: true, value: '13800138000' });
    expect(convertCell(col('统一社会信用代码'), readCell(cell(9.1350526e17)))).toMatchObject({ ok: false });
  });
  it('turns dates in text columns into local dates', () => {
    expect(convertCell(col('备案号'), readCell(cell(new Date('2024-05-31T16:30:00Z'))))).toEqual({ ok: true, value: '2024-06-01' });
  });
  it('reads integers with separators and refuses words', () => {
    expect(convertCell(col('床位数'), readCell(cell('1,200')))).toEqual({ ok: true, value: 1200 });
    expect(convertCell(col('床位数'), readCell(cell('很多')))).toEqual({ ok: false, message: '床位数应为数字，「很多」无法识别' });
  });
  it('reads percentages as 0–100 from numbers, % formats and "35%" text', () => {
    const pct = col('失能半失能占比(%)');
    expect(convertCell(pct, readCell(cell(35)))).toEqual({ ok: true, value: 35 });
    expect(convertCell(pct, readCell(cell(0.355, '0.0%')))).toEqual({ ok: true, value: 35.5 });
    expect(convertCell(pct, readCell(cell('35%')))).toEqual({ ok: true, value: 35 });
  });
  it('maps type and status labels and says what is allowed', () => {
    expect(convertCell(col('机构类型'), readCell(cell('殡葬服务机构')))).toEqual({ ok: true, value: 'funeral_service' });
    const bad = convertCell(col('状态'), readCell(cell('停业')));
    expect(bad).toEqual({ ok: false, message: '「停业」不是有效的状态，只能填：运营中、暂停运营、已关停' });
  });
  it('gives undefined for an empty cell', () => {
    expect(convertCell(col('地址'), readCell(cell(null)))).toEqual({ ok: true, value: undefined });
  });
});
