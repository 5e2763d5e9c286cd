import ExcelJS from 'exceljs';
import { QUIZ_OPTION_KEYS, QuizQuestionInputSchema, formatLocalDateTime, toExcelLocal, type QuizQuestionKind, type QuizQuestionValues, type QuizResults } from '@lifeline/shared';
import { AppError } from '../../lib/app-error.ts';
import { addRegisterSheet, newWorkbook, styleRegisterHeader, type RegisterColumn } from '../../lib/xlsx-register.ts';
import type { QuestionRow, ResultRow } from './quiz.repo.ts';

/**
 * The quiz workbooks, in one place: the question bank (题库) written and read back — an export
 * imported unchanged is a no-op, rows are matched by 编号 — and the results workbook of a quiz.
 *
 * Reading is forgiving where people edit by hand: columns are found by header text in any order
 * (spaces and `*` ignored), 题型 accepts 单选/单选题/single …, a true/false answer accepts
 * 正确/对/√/T/是 and 错误/错/×/F/否, a choice answer accepts `AC`, `A,C`, `A、C`. Everything else is
 * reported per row in Chinese, never guessed.
 */

export const BANK_SHEET = '题库';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const KIND_LABEL: Record<QuizQuestionKind, string> = { single: '单选', multiple: '多选', true_false: '判断' };
const KIND_BY_TEXT: Record<string, QuizQuestionKind> = {
  单选: 'single', 单选题: 'single', single: 'single',
  多选: 'multiple', 多选题: 'multiple', multiple: 'multiple',
  判断: 'true_false', 判断题: 'true_false', true_false: 'true_false',
};
const TRUE_TEXTS = new Set(['正确', '对', '√', 'T', '是', 'TRUE']);
const FALSE_TEXTS = new Set(['错误', '错', '×', 'F', '否', 'FALSE']);
const YES = '是';
const NO = '否';

const OPTION_HEADERS = QUIZ_OPTION_KEYS.map((k) => `选项${k}`);

/** Columns of the 题库 sheet in export order: header, width. */
const COLUMNS = [
  { key: 'code', header: '编号', width: 9 },
  { key: 'kind', header: '题型', width: 7 },
  { key: 'stem', header: '题干', width: 48 },
  ...OPTION_HEADERS.map((h, i) => ({ key: `opt${i}`, header: h, width: 22 })),
  { key: 'answer', header: '答案', width: 8 },
  { key: 'explanation', header: '解析', width: 48 },
  { key: 'tags', header: '标签', width: 18 },
  { key: 'source', header: '出处', width: 36 },
  { key: 'active', header: '启用', width: 6 },
] as const;
const REQUIRED = ['题型', '题干', '答案'];

/** The answer as written in the sheet: `AC` for choices, 正确/错误 for true/false. */
const answerText = (kind: QuizQuestionKind, answer: readonly string[]) => (kind === 'true_false' ? (answer[0] === 'T' ? '正确' : '错误') : answer.join(''));

/**
 * The bank as .xlsx: sheet 题库 (one row per question by code: 编号, 题型, 题干, 选项A–F — empty
 * for 判断题, 答案, 解析, 标签 separated by 、, 出处, 启用 是/否) and a 说明 sheet with the rules.
 * @returns the workbook bytes
 */
export async function buildBankWorkbook(rows: readonly QuestionRow[], now: Date): Promise<Buffer> {
  const wb = newWorkbook(now);
  const ws = wb.addWorksheet(BANK_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { alignment: { vertical: 'top', wrapText: true }, ...(c.key === 'code' ? { numFmt: '@' } : {}) } }));
  for (const q of rows) {
    const opts = q.kind === 'true_false' ? [] : q.options;
    ws.addRow({
      code: q.code,
      kind: KIND_LABEL[q.kind],
      stem: q.stem,
      ...Object.fromEntries(QUIZ_OPTION_KEYS.map((k, i) => [`opt${i}`, opts.find((o) => o.key === k)?.text ?? ''])),
      answer: answerText(q.kind, q.answer),
      explanation: q.explanation,
      tags: q.tags.join('、'),
      source: q.source,
      active: q.isActive ? YES : NO,
    });
  }
  styleRegisterHeader(ws, COLUMNS.length);
  const notes = wb.addWorksheet('说明');
  notes.columns = [{ width: 110 }];
  for (const line of [
    `导出时间：${formatLocalDateTime(now)}`,
    '每行一道题。题型：单选、多选、判断。',
    '单选、多选题：选项依次填写在“选项A”“选项B”……中（2–6 个，中间不能空列）；答案写选项字母，如 B 或 ACD。多选题按全部选对才得分（少选、多选均不得分）。',
    '判断题：选项列留空；答案写“正确”或“错误”。',
    '标签用顿号分隔，至少一个，如：生命通道、消防法。解析和出处必填；出处写明文件及条款。',
    '导入时按“编号”匹配：编号已存在的题目会被更新；编号为空或不存在时新增题目（编号为空时系统自动编为 B001、B002……）。',
    '“启用”填“否”的题目不会被抽到答题中。导入前系统先逐行检查并给出报告，确认无误后再写入。',
  ]) notes.addRow([line]).alignment = { wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The text of a cell whatever Excel stored. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.replace(/\r\n?/g, '\n').trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return cellText((o.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join(''));
    if ('formula' in o || 'sharedFormula' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
  }
  return '';
}

const normHeader = (s: string) => s.replace(/\s+/g, '').replace(/[*＊]/g, '');

/** One data row read from the sheet; `values` is set only when the row is valid. */
export interface ParsedBankRow {
  row: number;
  code: string;
  errors: string[];
  values: QuizQuestionValues | null;
}

export interface ParsedBank {
  errors: string[];
  warnings: string[];
  rows: ParsedBankRow[];
}

const MAX_ROWS = 5000;

/**
 * Reads a bank workbook (pure: no database): sheet 题库 or the first sheet with a header row
 * naming 题干; every data row is validated like the API (QuizQuestionInputSchema). Problems are
 * collected per row, never thrown.
 * @param bytes an .xlsx file already checked with assertSafeXlsx
 * @throws AppError VALIDATION_FAILED (path `file`) when the workbook cannot be opened at all
 */
export async function parseBankWorkbook(bytes: Buffer): Promise<ParsedBank> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'], maxRows: MAX_ROWS, maxCols: 100 } as ExcelJS.XlsxReadOptions);
  } catch {
    throw new AppError('VALIDATION_FAILED', '无法读取该 Excel 文件：文件已损坏，或超过 5000 行', [{ path: 'file', message: '无法读取该 Excel 文件' }]);
  }
  const out: ParsedBank = { errors: [], warnings: [], rows: [] };
  const sheets = [wb.getWorksheet(BANK_SHEET), ...wb.worksheets.filter((w) => w.name !== BANK_SHEET)].filter((w): w is ExcelJS.Worksheet => !!w);
  let ws: ExcelJS.Worksheet | undefined;
  let headerRow = 0;
  const col = new Map<string, number>();
  for (const w of sheets) {
    for (let r = 1; r <= Math.min(5, w.rowCount) && !ws; r++) {
      const found = new Map<string, number>();
      w.getRow(r).eachCell({ includeEmpty: false }, (cell, c) => {
        const h = normHeader(cellText(cell.value));
        if (h && !found.has(h)) found.set(h, c);
      });
      if (found.has('题干')) {
        ws = w;
        headerRow = r;
        for (const [h, c] of found) col.set(h, c);
      }
    }
    if (ws) break;
  }
  if (!ws) {
    out.errors.push(`未找到题库表头：工作表“${BANK_SHEET}”的第一行应包含 ${COLUMNS.map((c) => c.header).join('、')}`);
    return out;
  }
  const missing = REQUIRED.filter((h) => !col.has(h));
  if (missing.length) {
    out.errors.push(`缺少必填列：${missing.join('、')}`);
    return out;
  }
  const known = new Set<string>(COLUMNS.map((c) => c.header));
  const unknown = [...col.keys()].filter((h) => !known.has(h));
  if (unknown.length) out.warnings.push(`以下列无法识别，已忽略：${unknown.join('、')}`);

  const firstRowOf = new Map<string, number>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (h: string) => {
      const c = col.get(h);
      return c ? cellText(row.getCell(c).value) : '';
    };
    const texts = COLUMNS.map((c) => get(c.header));
    if (texts.every((t) => t === '')) continue;
    const errors: string[] = [];
    const code = get('编号');
    const kindText = get('题型');
    const kind = KIND_BY_TEXT[kindText] ?? KIND_BY_TEXT[kindText.toLowerCase()];
    if (!kind) errors.push(kindText ? `题型「${kindText}」无效，应为单选、多选或判断` : '题型不能为空');
    const optTexts = OPTION_HEADERS.map((h) => get(h));
    let options: { key: string; text: string }[] = [];
    let answer: string[] = [];
    const answerRaw = get('答案');
    if (kind === 'true_false') {
      options = [{ key: 'T', text: '正确' }, { key: 'F', text: '错误' }];
      if (optTexts.some((t) => t)) out.warnings.push(`第 ${r} 行是判断题，选项列的内容已忽略`);
      const a = answerRaw.toUpperCase();
      if (TRUE_TEXTS.has(a)) answer = ['T'];
      else if (FALSE_TEXTS.has(a)) answer = ['F'];
      else errors.push(answerRaw ? `判断题答案「${answerRaw}」无效，应为“正确”或“错误”` : '答案不能为空');
    } else if (kind) {
      const last = optTexts.reduce((m, t, i) => (t ? i : m), -1);
      const gaps = optTexts.slice(0, last + 1).map((t, i) => (t ? null : OPTION_HEADERS[i])).filter(Boolean);
      if (gaps.length) errors.push(`${gaps.join('、')} 为空：选项应从选项A起连续填写`);
      options = optTexts.slice(0, last + 1).map((t, i) => ({ key: QUIZ_OPTION_KEYS[i]!, text: t }));
      const cleaned = answerRaw.toUpperCase().replace(/[\s,，、;；]/g, '');
      if (!cleaned) errors.push('答案不能为空');
      else if (!/^[A-F]+$/.test(cleaned)) errors.push(`答案「${answerRaw}」无效，应为选项字母，如 B 或 ACD`);
      else answer = [...new Set(cleaned.split(''))].sort();
    }
    const activeText = get('启用');
    let isActive = true;
    if (activeText) {
      if (['是', 'Y', 'YES', 'TRUE', '1', '启用'].includes(activeText.toUpperCase())) isActive = true;
      else if (['否', 'N', 'NO', 'FALSE', '0', '停用'].includes(activeText.toUpperCase())) isActive = false;
      else errors.push(`启用「${activeText}」无效，应为“是”或“否”`);
    }
    const tags = get('标签').split(/[、,，;；\s]+/).filter(Boolean);
    let values: QuizQuestionValues | null = null;
    if (errors.length === 0) {
      const parsed = QuizQuestionInputSchema.safeParse({ ...(code ? { code } : {}), kind, stem: get('题干'), options, answer, explanation: get('解析'), tags, source: get('出处'), isActive });
      if (parsed.success) values = parsed.data;
      else for (const issue of parsed.error.issues) errors.push(issue.message);
    }
    if (code) {
      const first = firstRowOf.get(code);
      if (first !== undefined) errors.push(`编号「${code}」与第 ${first} 行重复`);
      else firstRowOf.set(code, r);
    }
    out.rows.push({ row: r, code, errors, values: errors.length ? null : values });
  }
  if (out.rows.length === 0) out.errors.push('表中没有题目：表头下方至少需要一行');
  return out;
}

/**
 * The results workbook of a quiz: sheets 乡镇统计, 机构统计, 排行榜, 易错题 and 答题明细 (one row per
 * submitted attempt in the actor's scope, local date cells). Chinese headers, frozen header rows.
 * @returns the workbook bytes
 */
export async function buildResultsWorkbook(results: QuizResults, attempts: readonly ResultRow[], now: Date): Promise<Buffer> {
  const wb = newWorkbook(now);
  const sheet = (sheetName: string, columns: RegisterColumn[], rows: Record<string, unknown>[]) => addRegisterSheet(wb, { sheetName, columns, rows });
  const statCols = [
    { header: '参与人数', key: 'participants', width: 10 },
    { header: '答题次数', key: 'attempts', width: 10 },
    { header: '平均分', key: 'averageScore', width: 10 },
  ];
  if (results.scope !== 'institution') {
    sheet('乡镇统计', [{ header: '乡镇', key: 'name', width: 14 }, ...statCols], [
      ...results.byTownship.map((r) => ({ name: r.townshipName, ...r })),
      ...(results.countyStaff ? [{ name: '县局', ...results.countyStaff }] : []),
      ...(results.publicAttempts !== null ? [{ name: '社会公众', participants: results.publicParticipants, attempts: results.publicAttempts, averageScore: null }] : []),
    ]);
  }
  sheet('机构统计', [{ header: '乡镇', key: 'townshipName', width: 12 }, { header: '机构', key: 'institutionName', width: 28 }, ...statCols], results.byInstitution);
  sheet('排行榜', [
    { header: '名次', key: 'rank', width: 6 },
    { header: '姓名/昵称', key: 'name', width: 16 },
    { header: '单位', key: 'unit', width: 26 },
    { header: '得分', key: 'score', width: 8 },
    { header: '用时（秒）', key: 'secondsUsed', width: 10 },
    { header: '交卷时间', key: 'submittedAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
    { header: '超时', key: 'late', width: 6 },
  ], results.leaderboard.map((r) => ({ ...r, name: r.kind === 'public' ? r.name || '匿名网友' : r.name, unit: r.kind === 'public' ? '社会公众' : r.unitName ?? '县民政局', submittedAt: toExcelLocal(new Date(r.submittedAt)), late: r.late ? '是' : '否' })));
  sheet('易错题', [
    { header: '编号', key: 'code', width: 9 },
    { header: '题干', key: 'stem', width: 60 },
    { header: '作答次数', key: 'answered', width: 10 },
    { header: '答错次数', key: 'wrong', width: 10 },
    { header: '错误率', key: 'wrongRate', width: 8, numFmt: '0.0%' },
  ], results.mostMissed);
  sheet('答题明细', [
    { header: '姓名/昵称', key: 'name', width: 16 },
    { header: '乡镇', key: 'township', width: 12 },
    { header: '机构', key: 'institution', width: 26 },
    { header: '开始时间', key: 'startedAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm:ss' },
    { header: '交卷时间', key: 'submittedAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm:ss' },
    { header: '超时交卷', key: 'late', width: 8 },
    { header: '答对题数', key: 'correct', width: 8 },
    { header: '题数', key: 'total', width: 6 },
    { header: '得分', key: 'score', width: 6 },
  ], attempts.map((r) => ({
    name: r.a.userId ? r.userName ?? '' : r.a.nickname || '匿名网友',
    township: r.townshipName ?? (r.a.userId ? '县局' : '社会公众'),
    institution: r.institutionName ?? '',
    startedAt: toExcelLocal(r.a.startedAt),
    submittedAt: r.a.submittedAt ? toExcelLocal(r.a.submittedAt) : null,
    late: r.a.late ? '是' : '否',
    correct: r.a.correctCount,
    total: r.a.questionIds.length,
    score: r.a.score,
  })));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
