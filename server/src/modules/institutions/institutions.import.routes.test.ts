import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { auditLog, institution } from '@lifeline/db';
import { ROSTER_HEADERS } from './institutions.roster.ts';
import { clientFor, createTestContext, makeInstitution, type Client, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let admin: Client;
let staff: Client;
let leader: Client;
let township: Client;
let officer: Client;
let A: string;
let B: string;

type Cell = ExcelJS.CellValue;

/** Builds an .xlsx in memory: a header row and data rows (cells may be any exceljs value). */
async function workbook(headers: string[], rows: Cell[][], opts: { sheet?: string; before?: (ws: ExcelJS.Worksheet) => void; after?: (ws: ExcelJS.Worksheet) => void } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? '机构名册');
  opts.before?.(ws);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  opts.after?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file part. */
function multipart(bytes: Buffer, filename = '名册.xlsx', field = 'file') {
  const boundary = `----lifeline${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(client: Client | null, bytes: Buffer, query = 'dryRun=true', filename?: string) {
  const { payload, headers } = multipart(bytes, filename);
  const url = `/api/institutions/import?${query}`;
  if (!client) return ctx.app.inject({ method: 'POST', url, payload, headers });
  return client.request({ method: 'POST', url, payload, headers });
}

async function institutionCount(): Promise<number> {
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(institution);
  return Number(n);
}

/** Reads an .xlsx into header-keyed objects (cell values as exceljs gives them). */
async function readBack(bytes: Buffer, sheet = '机构名册') {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet)!;
  const headers = (ws.getRow(1).values as Cell[]).slice(1).map(String);
  const rows: Record<string, Cell>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const vals = ws.getRow(r).values as Cell[];
    rows.push(Object.fromEntries(headers.map((h, i) => [h, vals[i + 1] ?? null])));
  }
  return { wb, headers, rows };
}

const TYPES = ['养老机构', '儿童福利机构', '救助管理机构', '殡葬服务机构', '精神卫生社会福利机构'];

/** A valid roster row in ROSTER_HEADERS order. */
function validRow(i: number, townshipName = '龙浔镇'): Cell[] {
  return [
    townshipName,
    `批量导入机构${String(i).padStart(3, '0')}`,
    TYPES[i % TYPES.length]!,
    i % 7 === 0 ? '暂停运营' : '运营中',
    `德化县${townshipName}测试路 ${i} 号`,
    null,
    i % 3 === 0 ? `备案-${i}` : null,
    null,
    `负责人${i}`,
    `138${String(10000000 + i).slice(-8)}`,
    `安全员${i}`,
    i % 2 === 0 ? '0595-23500000' : null,
    20 + i,
    10 + (i % 20),
    (i % 100) / 2,
  ];
}

beforeAll(async () => {
  ctx = await createTestContext();
  A = ctx.townships['浔中镇']!;
  B = ctx.townships['三班镇']!;
  admin = (await clientFor(ctx, 'county_admin')).client;
  staff = (await clientFor(ctx, 'county_staff')).client;
  leader = (await clientFor(ctx, 'county_leader')).client;
  township = (await clientFor(ctx, 'township_officer', { townshipId: A })).client;
  const inst = await makeInstitution(ctx, { townshipId: A, name: '浔中镇已有养老院' });
  officer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;
  await makeInstitution(ctx, { townshipId: B, name: '三班镇已有养老院' });
});
afterAll(async () => ctx?.close());

describe('POST /api/institutions/import — access and file checks', () => {
  it('answers 401 without a session and 403 for roles without institution.manage', async () => {
    const bytes = await workbook([...ROSTER_HEADERS], [validRow(1)]);
    expect((await upload(null, bytes)).statusCode).toBe(401);
    expect((await upload(leader, bytes)).statusCode).toBe(403);
    expect((await upload(officer, bytes)).statusCode).toBe(403);
  });

  it('answers 415 for bytes that are not an .xlsx, whatever the name says', async () => {
    const csv = Buffer.from('乡镇,机构名称,机构类型\n浔中镇,测试院,养老机构\n', 'utf8');
    const res = await upload(staff, csv, 'dryRun=true', 'roster.xlsx');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const zip = Buffer.from('504b0304140000000000', 'hex');
    expect((await upload(staff, Buffer.concat([zip, Buffer.alloc(200)]))).statusCode).toBe(415);
  });

  it('answers 415 for a request that is not multipart and 400 for a missing file', async () => {
    const json = await staff.post('/api/institutions/import?dryRun=true', { file: 'x' });
    expect(json.statusCode).toBe(415);
    const { payload, headers } = multipart(Buffer.from('x'), 'a.xlsx', 'other');
    const wrongField = await staff.request({ method: 'POST', url: '/api/institutions/import', payload, headers });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().error.details).toEqual([{ path: 'file', message: '请选择要导入的 .xlsx 文件' }]);
  });

  it('answers 413 past the upload size limit, storing nothing', async () => {
    const before = await institutionCount();
    const big = Buffer.concat([await workbook([...ROSTER_HEADERS], [validRow(1)]), Buffer.alloc(3 * 1024 * 1024)]);
    const res = await upload(staff, big, 'dryRun=false');
    expect(res.statusCode).toBe(413);
    expect(await institutionCount()).toBe(before);
  });

  it('answers 400 listing the missing required headers', async () => {
    const bytes = await workbook(['乡镇', '地址', '床位数'], [['浔中镇', '某地', 3]]);
    const res = await upload(staff, bytes);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('机构名称、机构类型');
    expect(res.json().error.details.missingHeaders).toEqual(['机构名称', '机构类型']);
  });

  it('answers 400 for bad query flags', async () => {
    const bytes = await workbook([...ROSTER_HEADERS], [validRow(1)]);
    const res = await upload(staff, bytes, 'dryRun=maybe');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(['querystring.dryRun']);
  });
});

describe('roster import', () => {
  it('checks 55 valid rows on a dry run without writing, then imports them in one go', async () => {
    const rows = Array.from({ length: 55 }, (_, i) => validRow(i + 1));
    const bytes = await workbook([...ROSTER_HEADERS], rows);
    const before = await institutionCount();
    const dry = await upload(staff, bytes, 'dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, committed: false, total: 55, valid: 55, invalid: 0, created: 55, updated: 0, ignoredColumns: [] });
    expect(dry.json().rows[0]).toEqual({ row: 2, name: '批量导入机构001', action: 'create', institutionId: null, changes: [], errors: [] });
    expect(await institutionCount()).toBe(before);

    const auditsBefore = (await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'institution.import'))).length;
    const res = await upload(staff, bytes, 'dryRun=false', '龙浔镇名册.xlsx');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ dryRun: false, committed: true, created: 55, invalid: 0 });
    expect(report.rows.every((r: { institutionId: string | null }) => typeof r.institutionId === 'string')).toBe(true);
    expect(await institutionCount()).toBe(before + 55);
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'institution.import'));
    expect(audits.length).toBe(auditsBefore + 1);
    expect(audits.at(-1)!.summary).toContain('龙浔镇名册.xlsx');
    expect(audits.at(-1)!.summary).toContain('新增 55 家');

    const listed = (await staff.get(`/api/institutions?q=${encodeURIComponent('批量导入机构')}&pageSize=100`)).json();
    expect(listed.total).toBe(55);
    const seven = listed.items.find((i: { name: string }) => i.name === '批量导入机构007');
    expect(seven).toMatchObject({ townshipName: '龙浔镇', type: 'relief_station', status: 'suspended', beds: 27, residents: 17, nonAmbulatoryPct: 3.5, personInChargePhone: '13810000007', filingNo: null });
  });

  it('reports every bad row and why, and writes nothing', async () => {
    const before = await institutionCount();
    const rows: Cell[][] = [
      validRow(200, '浔中镇'),
      ['不存在镇', '错误行一', '养老机构'], // unknown township
      ['浔中镇', '错误行二', '酒店', '营业中'], // unknown type + status
      ['浔中镇', '', '养老机构'], // empty name
      ['浔中镇', '错误行四', '养老机构', null, null, 'ABC123', null, null, null, '12345', null, null, 'abc', -3, 150], // code, phone, numbers
      ['浔中镇', '同名机构', '养老机构'],
      ['浔中镇', '同名机构', '殡葬服务机构'], // repeats the row above
      ['三班镇', '代码一', '养老机构', null, null, '52350526MJ0000001X'],
      ['三班镇', '代码二', '养老机构', null, null, '52350526MJ0000001X'], // repeated credit code
    ];
    const bytes = await workbook([...ROSTER_HEADERS], rows);
    const res = await upload(staff, bytes, 'dryRun=false');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const report = res.json().error.details;
    expect(report).toMatchObject({ committed: false, total: 9, valid: 1, invalid: 8 });
    const byRow = new Map<number, { action: string; errors: { column: string; message: string }[] }>(report.rows.map((r: { row: number }) => [r.row, r]));
    const cols = (row: number) => byRow.get(row)!.errors.map((e) => e.column).sort();
    expect(byRow.get(2)!.action).toBe('create');
    expect(byRow.get(3)!.errors).toEqual([{ column: '乡镇', message: '乡镇「不存在镇」不存在，请填写本县乡镇全称（如 浔中镇）' }]);
    expect(cols(4)).toEqual(['机构类型', '状态']);
    expect(byRow.get(4)!.errors[0]!.message).toContain('「酒店」不是有效的机构类型');
    expect(byRow.get(5)!.errors).toEqual([{ column: '机构名称', message: '机构名称不能为空' }]);
    expect(cols(6)).toEqual(['在住人数', '失能半失能占比(%)', '床位数', '统一社会信用代码', '负责人电话'].sort());
    expect(byRow.get(6)!.errors.find((e) => e.column === '负责人电话')!.message).toBe('电话号码格式无效');
    expect(byRow.get(7)!.errors[0]!.message).toBe('同一乡镇的机构「同名机构」在第 8 行重复出现');
    expect(byRow.get(8)!.errors[0]!.message).toBe('同一乡镇的机构「同名机构」在第 7 行重复出现');
    expect(byRow.get(9)!.errors[0]!.message).toBe('统一社会信用代码 52350526MJ0000001X 与第 10 行重复');
    expect(byRow.get(10)!.action).toBe('error');
    expect(await institutionCount()).toBe(before);
  });

  it('writes only the valid rows with skipInvalid=true', async () => {
    const before = await institutionCount();
    const bytes = await workbook([...ROSTER_HEADERS], [validRow(300, '浔中镇'), ['浔中镇', '跳过的错误行', '不知道'], validRow(301, '浔中镇')]);
    const res = await upload(staff, bytes, 'dryRun=false&skipInvalid=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ committed: true, created: 2, invalid: 1 });
    expect(await institutionCount()).toBe(before + 2);
    const names = (await staff.get(`/api/institutions?townshipId=${A}&all=true`)).json().items.map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining(['批量导入机构300', '批量导入机构301']));
    expect(names).not.toContain('跳过的错误行');
  });

  it('lets a township officer import only for their own township', async () => {
    const bytes = await workbook([...ROSTER_HEADERS], [validRow(400, '浔中镇'), validRow(401, '三班镇')]);
    const res = await upload(township, bytes, 'dryRun=true');
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows;
    expect(rows[0].action).toBe('create');
    expect(rows[1].errors).toEqual([{ column: '乡镇', message: '乡镇「三班镇」不在您的管辖范围内' }]);
  });

  it('reads headers in any order and odd cells: rich text, formulas, hyperlinks, numbers, % formats', async () => {
    const headers = ['机构类型', '  机构名称 ', '负责人电话', '床位数', '在住人数', '失能半失能占比（%）', '乡镇', '备注'];
    const bytes = await workbook(headers, [
      [
        '养老机构',
        { richText: [{ text: '富文本' }, { font: { bold: true }, text: '养老院' }] },
        13800138000,
        { formula: '20*3', result: 60 },
        { sharedFormula: 'D2', result: 30 } as unknown as Cell,
        0.355,
        { text: '赤水镇', hyperlink: 'https://example.org/' },
        '这一列不导入',
      ],
      [null, null, null, null, null, null, null, null], // empty row: skipped
      ['养老机构', '公式未计算院', null, { formula: '1+1' } as Cell, null, null, '赤水镇', null],
    ], {
      after: (ws) => {
        ws.getCell('F2').numFmt = '0.0%';
      },
    });
    const res = await upload(staff, bytes, 'dryRun=false&skipInvalid=true');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.ignoredColumns).toEqual(['备注']);
    expect(report.total).toBe(2);
    expect(report.rows[0]).toMatchObject({ row: 2, name: '富文本养老院', action: 'create' });
    expect(report.rows[1]).toMatchObject({ row: 4, action: 'error', errors: [{ column: '床位数', message: '公式没有计算结果，请在 Excel 或 WPS 中打开、保存后再导入' }] });
    const [created] = (await staff.get(`/api/institutions?q=${encodeURIComponent('富文本养老院')}`)).json().items;
    expect(created).toMatchObject({ townshipName: '赤水镇', personInChargePhone: '13800138000', beds: 60, residents: 30, nonAmbulatoryPct: 35.5, status: 'operating' });
  });

  it('updates an existing institution matched by 乡镇 + 机构名称, keeping columns the sheet lacks', async () => {
    await ctx.db.update(institution).set({ address: '原地址', safetyOfficer: '原安全员', status: 'suspended' }).where(eq(institution.name, '浔中镇已有养老院'));
    const bytes = await workbook(['乡镇', '机构名称', '机构类型', '状态', '床位数', '安全员'], [['浔中镇', '浔中镇已有养老院', '养老机构', null, 99, null]]);
    const dry = (await upload(staff, bytes)).json();
    expect(dry.rows[0]).toMatchObject({ action: 'update', changes: ['安全员', '床位数'] });
    expect((await upload(staff, bytes, 'dryRun=false')).statusCode).toBe(200);
    const [row] = await ctx.db.select().from(institution).where(eq(institution.name, '浔中镇已有养老院'));
    expect(row).toMatchObject({ beds: 99, safetyOfficer: '', address: '原地址', status: 'suspended', residents: 40 });
  });

  it('refuses a credit code that another institution holds', async () => {
    await ctx.db.update(institution).set({ creditCode: '52350526MJ9999999X' }).where(eq(institution.name, '三班镇已有养老院'));
    const bytes = await workbook(['乡镇', '机构名称', '机构类型', '统一社会信用代码'], [['浔中镇', '抢代码院', '养老机构', '52350526mj9999999x']]);
    const staffReport = (await upload(staff, bytes)).json();
    expect(staffReport.rows[0].errors).toEqual([{ column: '统一社会信用代码', message: '统一社会信用代码 52350526MJ9999999X 已被「三班镇三班镇已有养老院」使用' }]);
    const twReport = (await upload(township, bytes)).json();
    expect(twReport.rows[0].errors).toEqual([{ column: '统一社会信用代码', message: '统一社会信用代码 52350526MJ9999999X 已被其他机构使用' }]);
  });

  it('flags a credit code Excel turned into a number', async () => {
    const bytes = await workbook(['乡镇', '机构名称', '机构类型', '统一社会信用代码'], [['浔中镇', '数字代码院', '养老机构', 123456789012345680]]);
    const report = (await upload(staff, bytes)).json();
    expect(report.rows[0].errors[0].message).toContain('超过 15 位的部分已丢失');
  });

  it('imports 520 rows efficiently', async () => {
    const rows = Array.from({ length: 520 }, (_, i) => validRow(1000 + i, '上涌镇'));
    const bytes = await workbook([...ROSTER_HEADERS], rows);
    const before = await institutionCount();
    const t0 = Date.now();
    const res = await upload(admin, bytes, 'dryRun=false');
    const ms = Date.now() - t0;
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 520, invalid: 0 });
    expect(await institutionCount()).toBe(before + 520);
    expect(ms).toBeLessThan(15_000);
    // re-importing the same file changes nothing
    const again = (await upload(admin, bytes, 'dryRun=true')).json();
    expect(again).toMatchObject({ created: 0, updated: 520, invalid: 0 });
    expect(again.rows.every((r: { changes: string[] }) => r.changes.length === 0)).toBe(true);
  });
});

describe('GET /api/institutions/export.xlsx', () => {
  it('answers 401 without a session and 400 for a bad filter', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/institutions/export.xlsx' })).statusCode).toBe(401);
    expect((await staff.get('/api/institutions/export.xlsx?status=open')).statusCode).toBe(400);
  });

  it('exports the scoped list with the import headers and values that match the API', async () => {
    const res = await staff.get(`/api/institutions/export.xlsx?townshipId=${ctx.townships['龙浔镇']}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(res.headers['content-disposition'])).toMatch(/filename\*=UTF-8''/);
    const { headers, rows } = await readBack(res.rawPayload);
    expect(headers).toEqual([...ROSTER_HEADERS]);
    const api = (await staff.get(`/api/institutions?townshipId=${ctx.townships['龙浔镇']}&all=true`)).json().items;
    expect(rows).toHaveLength(api.length);
    expect(rows.length).toBe(55);
    const seven = rows.find((r) => r['机构名称'] === '批量导入机构007')!;
    expect(seven).toEqual({
      乡镇: '龙浔镇',
      机构名称: '批量导入机构007',
      机构类型: '救助管理机构',
      状态: '暂停运营',
      地址: '德化县龙浔镇测试路 7 号',
      统一社会信用代码: null,
      备案号: null,
      许可证号: null,
      负责人: '负责人7',
      负责人电话: '13810000007',
      安全员: '安全员7',
      安全员电话: null,
      床位数: 27,
      在住人数: 17,
      '失能半失能占比(%)': 3.5,
      在岗员工人数: 0,
    });
  });

  it('round-trips 在岗员工人数 (the training-coverage denominator) through import and export', async () => {
    const bytes = await workbook(['乡镇', '机构名称', '机构类型', '员工人数'], [['浔中镇', '浔中镇已有养老院', '养老机构', 23]]);
    const dry = (await upload(staff, bytes)).json();
    expect(dry.rows[0]).toMatchObject({ action: 'update', changes: ['在岗员工人数'] });
    expect((await upload(staff, bytes, 'dryRun=false')).statusCode).toBe(200);
    const [row] = await ctx.db.select().from(institution).where(eq(institution.name, '浔中镇已有养老院'));
    expect(row!.staffCount).toBe(23);
    const own = await readBack((await officer.get('/api/institutions/export.xlsx')).rawPayload);
    expect(own.rows[0]!['在岗员工人数']).toBe(23);
    const bad = await workbook(['乡镇', '机构名称', '机构类型', '在岗员工人数'], [['浔中镇', '浔中镇已有养老院', '养老机构', -2]]);
    expect((await upload(staff, bad)).json().rows[0].errors[0].column).toBe('在岗员工人数');
  });

  it('exports only the township officer\'s and the institution officer\'s own records', async () => {
    const tw = await readBack((await township.get('/api/institutions/export.xlsx')).rawPayload);
    expect(tw.rows.length).toBeGreaterThan(0);
    expect(tw.rows.every((r) => r['乡镇'] === '浔中镇')).toBe(true);
    const own = await readBack((await officer.get('/api/institutions/export.xlsx')).rawPayload);
    expect(own.rows.map((r) => r['机构名称'])).toEqual(['浔中镇已有养老院']);
  });

  it('re-imports an export as updates only, with nothing changed', async () => {
    const exported = (await staff.get('/api/institutions/export.xlsx')).rawPayload;
    const total = (await staff.get('/api/institutions?pageSize=1')).json().total;
    const res = await upload(staff, exported, 'dryRun=true');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ total, created: 0, updated: total, invalid: 0 });
    expect(report.rows.every((r: { action: string; changes: string[] }) => r.action === 'update' && r.changes.length === 0)).toBe(true);
  });
});

describe('GET /api/institutions/import-template.xlsx', () => {
  it('answers 401 without a session and 403 without institution.manage', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/institutions/import-template.xlsx' })).statusCode).toBe(401);
    expect((await leader.get('/api/institutions/import-template.xlsx')).statusCode).toBe(403);
  });

  it('has the import headers, a marked example row and a 填写说明 sheet with the allowed values', async () => {
    const res = await township.get('/api/institutions/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    const { wb, headers, rows } = await readBack(res.rawPayload);
    expect(headers).toEqual([...ROSTER_HEADERS]);
    expect(rows).toHaveLength(1);
    expect(String(rows[0]!['机构名称'])).toMatch(/^【示例】/);
    expect(rows[0]!['乡镇']).toBe('浔中镇');
    const help = wb.getWorksheet('填写说明')!;
    const text: string[] = [];
    help.eachRow((row) => row.eachCell((c) => text.push(String(c.value))));
    const all = text.join('\n');
    for (const v of [...TYPES, '运营中', '暂停运营', '已关停', ...ROSTER_HEADERS]) expect(all).toContain(v);
    // a township officer's template lists only their township
    expect(all).not.toContain('三班镇');
    // the template as downloaded has no data to import
    const imp = await upload(township, res.rawPayload);
    expect(imp.statusCode).toBe(400);
    expect(imp.json().error.message).toContain('没有机构数据');
  });

  it('imports a filled-in template', async () => {
    const tpl = await staff.get('/api/institutions/import-template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    wb.getWorksheet('机构名册')!.addRow(['葛坑镇', '模板填写院', '精神卫生社会福利机构', '已关停']);
    const res = await upload(staff, Buffer.from(await wb.xlsx.writeBuffer()), 'dryRun=false');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, created: 1 });
    const [i] = (await staff.get(`/api/institutions?q=${encodeURIComponent('模板填写院')}`)).json().items;
    expect(i).toMatchObject({ townshipName: '葛坑镇', type: 'mental_health_welfare', status: 'closed' });
  });
});
