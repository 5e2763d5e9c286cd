import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, checklistItem, checklistVersion } from '@lifeline/db';
import { REFERENCE_CHECKLISTS } from '../../../../db/src/reference/checklists.ts';
import type { ChecklistImportReport, ChecklistItem, ChecklistTemplateDetail, ChecklistTemplateSummary, ChecklistVersion, Role } from '@lifeline/shared';
import { anon, clientFor, createTestContext, makeInstitution, type Client, type TestContext } from '../../testing/harness.ts';
import { ITEM_COLUMNS, XLSX_MIME } from './checklists.xlsx.ts';

let ctx: TestContext;
let admin: Client;
let adminName: string;
let staff: Client;
let officer: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  const a = await clientFor(ctx, 'county_admin');
  admin = a.client;
  adminName = a.user.displayName;
  staff = (await clientFor(ctx, 'county_staff')).client;
  const inst = await makeInstitution(ctx, { townshipId: Object.values(ctx.townships)[0]! });
  officer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;
});
afterAll(async () => ctx?.close());

const MISSING = '00000000-0000-4000-8000-000000000000';

/** The content fields of an item (what a version holds besides ids and order). */
const content = (i: Pick<ChecklistItem, 'code' | 'category' | 'hazardCategory' | 'checkText' | 'checkPoints' | 'legalBasis' | 'hazardLevel' | 'isPlaceholder'>) => ({
  code: i.code,
  category: i.category,
  hazardCategory: i.hazardCategory,
  checkText: i.checkText,
  checkPoints: i.checkPoints,
  legalBasis: i.legalBasis,
  hazardLevel: i.hazardLevel,
  isPlaceholder: i.isPlaceholder,
});

async function list(c: Client, query = ''): Promise<ChecklistTemplateSummary[]> {
  const res = await c.get(`/api/checklists${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function templateByCode(code: string): Promise<ChecklistTemplateSummary> {
  const t = (await list(admin)).find((x) => x.code === code);
  if (!t) throw new Error(`no template ${code}`);
  return t;
}

async function currentVersion(c: Client, templateId: string, query = ''): Promise<ChecklistVersion> {
  const res = await c.get(`/api/checklists/${templateId}/versions/current${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Posts a workbook as multipart field `file`. */
function upload(c: Client, url: string, bytes: Buffer | Uint8Array, filename = '检查表.xlsx', type = XLSX_MIME) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
  return c.request({ method: 'POST', url, payload: form as never });
}

async function exportBytes(c: Client, templateId: string, query = ''): Promise<Buffer> {
  const res = await c.get(`/api/checklists/${templateId}/export.xlsx${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.rawPayload;
}

async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}

const writeWorkbook = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

async function versionCount(templateId: string): Promise<number> {
  return (await ctx.db.select().from(checklistVersion).where(eq(checklistVersion.templateId, templateId))).length;
}

async function auditRows(templateId: string) {
  return ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'checklist_template'), eq(auditLog.entityId, templateId)));
}

/** A small valid item list for templates made in tests. */
const sampleItems = (n = 3) =>
  Array.from({ length: n }, (_, i) => ({
    code: `T-${i + 1}`,
    category: '测试类别',
    hazardCategory: 'life_passage' as const,
    checkText: `检查内容 ${i + 1}`,
    checkPoints: `要点一\n要点二 ${i + 1}`,
    legalBasis: '《中华人民共和国消防法》第二十八条',
    hazardLevel: 'general' as const,
  }));

let codeSeq = 0;
async function createTemplate(items = sampleItems()): Promise<ChecklistTemplateDetail> {
  const res = await admin.post('/api/checklists', { code: `test-tpl-${++codeSeq}`, name: `测试检查表${codeSeq}`, institutionTypes: ['relief_station'], items });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('GET /api/checklists', () => {
  it('lists the shipped templates with their current version and counts', async () => {
    const items = await list(officer);
    expect(items.map((t) => t.code).sort()).toEqual(REFERENCE_CHECKLISTS.map((r) => r.code).sort());
    const major = items.find((t) => t.code === 'elderly-major-hazard-2023')!;
    expect(major).toMatchObject({ currentVersion: 1, itemCount: 7, placeholderCount: 4, isActive: true, institutionTypes: ['elderly_care'] });
    expect(major.currentVersionId).toMatch(/^[0-9a-f-]{36}$/);
    const life = items.find((t) => t.code === 'life-passage')!;
    expect(life).toMatchObject({ institutionTypes: [], itemCount: 16, placeholderCount: 0 });
    const mh = items.find((t) => t.code === 'mental-health-welfare')!;
    expect(mh).toMatchObject({ itemCount: 6, placeholderCount: 1 });
    // the UI shows buttons from abilities, never from the role
    expect(major.abilities).toEqual({ update: false, publish: false });
    expect((await list(admin)).find((t) => t.code === 'life-passage')!.abilities).toEqual({ update: true, publish: true });
  });

  it('is readable by every role', async () => {
    for (const role of ['county_admin', 'county_staff', 'county_leader', 'township_officer'] satisfies Role[]) {
      const { client } = await clientFor(ctx, role, role === 'township_officer' ? { townshipId: Object.values(ctx.townships)[1]! } : {});
      expect((await client.get('/api/checklists')).statusCode, role).toBe(200);
    }
  });

  it('filters by institution type: templates for all types plus those naming the type', async () => {
    const child = await list(staff, '?institutionType=child_welfare');
    expect(child.map((t) => t.code).sort()).toEqual(['child-welfare', 'life-passage']);
    const elderly = (await list(staff, '?institutionType=elderly_care')).map((t) => t.code).sort();
    expect(elderly).toEqual(['elderly-fire-safety-2023', 'elderly-major-hazard-2023', 'life-passage']);
  });

  it('answers 401 without a session and 400 for bad filters', async () => {
    expect((await anon(ctx).get('/api/checklists')).statusCode).toBe(401);
    const bad = await staff.get('/api/checklists?institutionType=zoo');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(bad.json().error.details[0].path).toBe('querystring.institutionType');
    expect((await staff.get('/api/checklists?active=maybe')).statusCode).toBe(400);
  });
});

describe('GET template, versions and version', () => {
  it('returns the template summary with its version history', async () => {
    const major = await templateByCode('elderly-major-hazard-2023');
    const res = await officer.get(`/api/checklists/${major.id}`);
    expect(res.statusCode).toBe(200);
    const d: ChecklistTemplateDetail = res.json();
    expect(d).toMatchObject({ id: major.id, code: 'elderly-major-hazard-2023', currentVersion: 1, itemCount: 7, placeholderCount: 4 });
    expect(d.sourceNote).toContain('15种情形');
    expect(d.versions).toEqual([
      { id: major.currentVersionId, version: 1, isCurrent: true, changeNote: '系统内置参考版本', createdAt: expect.any(String), createdByName: null, itemCount: 7, placeholderCount: 4 },
    ]);
  });

  it('returns the current version with items in display order and placeholders flagged', async () => {
    const major = await templateByCode('elderly-major-hazard-2023');
    const v = await currentVersion(officer, major.id);
    expect(v).toMatchObject({ id: major.currentVersionId, templateId: major.id, templateCode: major.code, templateName: major.name, version: 1, isCurrent: true, templateIsActive: true });
    expect(v.items.map((i) => i.code)).toEqual(['4.1', '4.2', '4.3', '4.4', '5.1', '5.2', '5.3', '5.x', '6.x', '7.x', '8.x']);
    expect(v.items.map((i) => i.sortOrder)).toEqual([...v.items.keys()]);
    expect(v.items.filter((i) => i.isPlaceholder).map((i) => i.code)).toEqual(['5.x', '6.x', '7.x', '8.x']);
    const ref = REFERENCE_CHECKLISTS.find((r) => r.code === major.code)!;
    expect(v.items.map(content)).toEqual(ref.items.map((i) => content({ ...i, isPlaceholder: i.isPlaceholder ?? false })));

    // an inspection form never offers placeholders
    const forInspection = await currentVersion(officer, major.id, '?forInspection=true');
    expect(forInspection.items.map((i) => i.code)).toEqual(['4.1', '4.2', '4.3', '4.4', '5.1', '5.2', '5.3']);

    const byId = await officer.get(`/api/checklist-versions/${major.currentVersionId}`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toEqual(v);
  });

  it('answers 404 for unknown ids, 400 for malformed ones and 401 without a session', async () => {
    for (const url of [`/api/checklists/${MISSING}`, `/api/checklists/${MISSING}/versions/current`, `/api/checklist-versions/${MISSING}`, `/api/checklists/${MISSING}/export.xlsx`]) {
      const res = await officer.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    const bad = await officer.get('/api/checklists/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('params.id');
    expect((await officer.get('/api/checklist-versions/123')).statusCode).toBe(400);
    expect((await anon(ctx).get(`/api/checklist-versions/${MISSING}`)).statusCode).toBe(401);
  });
});

describe('POST /api/checklists (create)', () => {
  it('lets the county admin create a template with version 1, audited', async () => {
    const d = await createTemplate();
    expect(d).toMatchObject({ currentVersion: 1, itemCount: 3, placeholderCount: 0, institutionTypes: ['relief_station'], isActive: true });
    expect(d.versions).toHaveLength(1);
    expect(d.versions[0]!.createdByName).toBe(adminName);
    const v = await currentVersion(admin, d.id);
    expect(v.items.map(content)).toEqual(sampleItems().map((i) => ({ ...i, isPlaceholder: false })));
    const audit = await auditRows(d.id);
    expect(audit.map((a) => a.action)).toEqual(['checklist.create']);
    expect(audit[0]!.summary).toContain(d.name);
  });

  it('refuses other roles with 403 and anonymous callers with 401', async () => {
    const body = { code: 'nope-1', name: '不应创建', items: sampleItems() };
    expect((await staff.post('/api/checklists', body)).statusCode).toBe(403);
    expect((await officer.post('/api/checklists', body)).statusCode).toBe(403);
    expect((await anon(ctx).post('/api/checklists', body)).statusCode).toBe(401);
  });

  it('answers 400 with field paths for duplicate item codes and an empty list, 409 for a taken code', async () => {
    const dup = await admin.post('/api/checklists', { code: 'dup-test', name: '重复', items: [...sampleItems(2), { ...sampleItems(1)[0]! }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details).toEqual([{ path: 'items.2.code', message: expect.stringContaining('T-1') }]);
    const empty = await admin.post('/api/checklists', { code: 'empty-test', name: '空', items: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.map((d: { path: string }) => d.path)).toEqual(['items']);
    const badItem = await admin.post('/api/checklists', { code: 'Bad Code', name: '', items: [{ ...sampleItems(1)[0]!, hazardLevel: 'huge', checkText: '' }] });
    expect(badItem.statusCode).toBe(400);
    expect(badItem.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['code', 'items.0.checkText', 'items.0.hazardLevel', 'name']);
    const taken = await admin.post('/api/checklists', { code: 'life-passage', name: '重名', items: sampleItems() });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'DUPLICATE', message: expect.stringContaining('life-passage') });
  });
});

describe('POST /api/checklists/:id/versions (publish)', () => {
  it('publishes version 2 while version 1 stays unchanged and readable', async () => {
    const child = await templateByCode('child-welfare');
    const v1 = await currentVersion(staff, child.id);
    const v1Rows = await ctx.db.select().from(checklistItem).where(eq(checklistItem.versionId, v1.id));
    const items = v1.items.filter((i) => i.code !== 'CW-08').map(content);
    items[0] = { ...items[0]!, checkText: '建立安全管理和应急管理制度（修订）' };
    items.push({ code: 'CW-09', category: '消防安全', hazardCategory: 'life_passage', checkText: '疏散通道畅通', checkPoints: '', legalBasis: '', hazardLevel: 'general', isPlaceholder: false });

    const res = await admin.post(`/api/checklists/${child.id}/versions`, { changeNote: '按新办法修订', baseVersion: 1, items });
    expect(res.statusCode, res.body).toBe(201);
    const v2: ChecklistVersion = res.json();
    expect(v2).toMatchObject({ version: 2, isCurrent: true, changeNote: '按新办法修订', createdByName: adminName, templateId: child.id });
    expect(v2.items.map(content)).toEqual(items);
    expect(v2.items.map((i) => i.id).some((id) => v1.items.some((o) => o.id === id))).toBe(false);

    // version 1: same ids, same text, no longer current
    const again = await staff.get(`/api/checklist-versions/${v1.id}`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...v1, isCurrent: false });
    const rowsAfter = await ctx.db.select().from(checklistItem).where(inArray(checklistItem.id, v1.items.map((i) => i.id)));
    expect(rowsAfter.sort((a, b) => a.sortOrder - b.sortOrder)).toEqual(v1Rows.sort((a, b) => a.sortOrder - b.sortOrder));
    expect(rowsAfter.find((r) => r.code === 'CW-01')!.checkText).toBe(v1.items[0]!.checkText);

    const summary = (await list(staff)).find((t) => t.id === child.id)!;
    expect(summary).toMatchObject({ currentVersion: 2, currentVersionId: v2.id, itemCount: 8 });
    const detail: ChecklistTemplateDetail = (await staff.get(`/api/checklists/${child.id}`)).json();
    expect(detail.versions.map((v) => [v.version, v.isCurrent, v.itemCount])).toEqual([[2, true, 8], [1, false, 8]]);

    const audit = (await auditRows(child.id)).filter((a) => a.action === 'checklist.publish');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain('第2版');
    expect(audit[0]!.summary).toContain('新增 1 项（CW-09）');
    expect(audit[0]!.summary).toContain('删除 1 项（CW-08）');
    expect(audit[0]!.summary).toContain('修改 1 项（CW-01）');
    expect(audit[0]!.actorId).toBe(admin.userId);
  });

  it('refuses county staff (403), unknown templates (404), bad bodies (400) and identical items (400)', async () => {
    const t = await createTemplate();
    const items = sampleItems();
    expect((await staff.post(`/api/checklists/${t.id}/versions`, { items })).statusCode).toBe(403);
    expect((await officer.post(`/api/checklists/${t.id}/versions`, { items })).statusCode).toBe(403);
    expect((await anon(ctx).post(`/api/checklists/${t.id}/versions`, { items })).statusCode).toBe(401);
    expect((await admin.post(`/api/checklists/${MISSING}/versions`, { items: [...items, { ...items[0]!, code: 'X' }] })).statusCode).toBe(404);

    const dup = await admin.post(`/api/checklists/${t.id}/versions`, { items: [...items, { ...items[1]! }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details).toEqual([{ path: 'items.3.code', message: '编号 T-2 与第 2 项重复' }]);
    const empty = await admin.post(`/api/checklists/${t.id}/versions`, { items: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0]).toEqual({ path: 'items', message: '检查表至少需要一项' });
    const same = await admin.post(`/api/checklists/${t.id}/versions`, { items });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details[0].message).toContain('完全相同');
    expect(await versionCount(t.id)).toBe(1);
  });

  it('refuses a publish based on an outdated version with 409', async () => {
    const t = await createTemplate();
    const ok = await admin.post(`/api/checklists/${t.id}/versions`, { baseVersion: 1, items: sampleItems(4) });
    expect(ok.statusCode).toBe(201);
    const stale = await admin.post(`/api/checklists/${t.id}/versions`, { baseVersion: 1, items: sampleItems(5) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('第2版') });
    expect(await versionCount(t.id)).toBe(2);
  });

  it('never gives simultaneous publishes the same version number', async () => {
    const t = await createTemplate();
    const admins = [admin, ...(await Promise.all(Array.from({ length: 5 }, async () => (await clientFor(ctx, 'county_admin')).client)))];
    // without baseVersion they all land, one after the other (the template row is locked)
    const all = await Promise.all(admins.map((c, i) => c.post(`/api/checklists/${t.id}/versions`, { items: sampleItems(i + 4) })));
    expect(all.map((r) => r.statusCode)).toEqual(admins.map(() => 201));
    expect(all.map((r) => r.json().version).sort()).toEqual([2, 3, 4, 5, 6, 7]);
    // with baseVersion (what the editor sends) exactly one wins, the others get a clear 409
    const race = await Promise.all(admins.slice(0, 3).map((c, i) => c.post(`/api/checklists/${t.id}/versions`, { baseVersion: 7, items: sampleItems(i + 11) })));
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(race.find((r) => r.statusCode === 409)!.json().error.message).toContain('第8版');
    const versions = await ctx.db.select().from(checklistVersion).where(eq(checklistVersion.templateId, t.id));
    expect(versions.map((v) => v.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('PATCH /api/checklists/:id', () => {
  it('changes metadata only, audited; an inactive template leaves the pickers but stays readable', async () => {
    const t = await createTemplate();
    const res = await admin.patch(`/api/checklists/${t.id}`, { name: '改名后的检查表', isActive: false, institutionTypes: ['relief_station', 'funeral_service'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '改名后的检查表', isActive: false, institutionTypes: ['relief_station', 'funeral_service'], currentVersion: 1 });
    const audit = (await auditRows(t.id)).find((a) => a.action === 'checklist.update')!;
    expect(audit.summary).toContain('停用');
    expect(audit.before).toMatchObject({ name: t.name, isActive: true });
    expect(audit.after).toMatchObject({ name: '改名后的检查表', isActive: false });

    expect((await list(staff)).some((x) => x.id === t.id)).toBe(false);
    expect((await list(staff, '?active=false'))).toEqual([]);
    expect((await list(admin)).some((x) => x.id === t.id)).toBe(true);
    expect((await list(admin, '?active=false')).map((x) => x.id)).toEqual([t.id]);
    expect((await list(admin, '?active=true')).some((x) => x.id === t.id)).toBe(false);
    // past inspections reference its versions: still readable by everyone
    expect((await officer.get(`/api/checklist-versions/${t.currentVersionId}`)).json()).toMatchObject({ templateIsActive: false, version: 1 });
    expect((await officer.get(`/api/checklists/${t.id}`)).statusCode).toBe(200);
  });

  it('answers 403 / 404 / 400', async () => {
    const t = await createTemplate();
    expect((await staff.patch(`/api/checklists/${t.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await admin.patch(`/api/checklists/${MISSING}`, { name: 'x' })).statusCode).toBe(404);
    const empty = await admin.patch(`/api/checklists/${t.id}`, { name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].path).toBe('name');
    expect((await admin.patch(`/api/checklists/${t.id}`, { name: t.name })).statusCode).toBe(400);
    // items are not metadata
    const items = await admin.patch(`/api/checklists/${t.id}`, { items: [] });
    expect(items.statusCode).toBe(400);
  });
});

describe('Excel export and import', () => {
  it('exports Chinese headers, labels and a 说明 sheet', async () => {
    const major = await templateByCode('elderly-major-hazard-2023');
    const res = await officer.get(`/api/checklists/${major.id}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const wb = await loadWorkbook(res.rawPayload);
    const ws = wb.getWorksheet('检查项')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['编号', '类别', '隐患类别', '检查内容', '检查要点', '依据', '隐患等级', '待补充']);
    expect(ws.rowCount).toBe(12);
    expect((ws.getRow(2).values as unknown[]).slice(1, 4)).toEqual(['4.1', '第四条 重要设施设备存在严重缺陷', '建筑结构']);
    expect(ws.getRow(2).getCell(7).value).toBe('重大');
    expect(ws.getRow(2).getCell(8).value).toBe('否');
    expect(ws.getRow(9).getCell(1).value).toBe('5.x');
    expect(ws.getRow(9).getCell(8).value).toBe('是');
    const notes = wb.getWorksheet('说明')!;
    const kv = new Map<string, unknown>();
    notes.eachRow((row) => kv.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(kv.get('检查表名称')).toBe(major.name);
    expect(kv.get('代码')).toBe(major.code);
    expect(kv.get('版本')).toBe(1);
    expect(kv.get('来源说明')).toBe(major.sourceNote);
    expect(kv.get('适用机构类型')).toBe('养老机构');
    expect(String(kv.get('隐患类别'))).toBe('必填');
    const allowed = notes.getRows(1, notes.rowCount)!.find((r) => r.getCell(1).value === '隐患等级')!;
    expect(allowed.getCell(4).value).toBe('一般、重大');
  });

  it('exports a past version by number and answers 404 / 400 for bad ones', async () => {
    const t = await createTemplate();
    await admin.post(`/api/checklists/${t.id}/versions`, { items: sampleItems(5) });
    const v1 = await loadWorkbook(await exportBytes(officer, t.id, '?version=1'));
    const v2 = await loadWorkbook(await exportBytes(officer, t.id));
    expect(v1.getWorksheet('检查项')!.rowCount).toBe(4);
    expect(v2.getWorksheet('检查项')!.rowCount).toBe(6);
    expect((await officer.get(`/api/checklists/${t.id}/export.xlsx?version=9`)).statusCode).toBe(404);
    expect((await officer.get(`/api/checklists/${t.id}/export.xlsx?version=abc`)).statusCode).toBe(400);
  });

  it('round-trips every shipped template losslessly (export → import)', async () => {
    for (const ref of REFERENCE_CHECKLISTS) {
      const tpl = await templateByCode(ref.code);
      const v = await currentVersion(admin, tpl.id);
      const bytes = await exportBytes(admin, tpl.id);

      // into the same template: no error, nothing differs
      const dry = await upload(admin, `/api/checklists/${tpl.id}/import?dryRun=true`, bytes);
      expect(dry.statusCode, dry.body).toBe(200);
      const report: ChecklistImportReport = dry.json();
      expect(report, ref.code).toMatchObject({ valid: true, errorCount: 0, errors: [], sheetName: '检查项', published: null });
      expect(report.diff).toMatchObject({ added: [], removed: [], changed: [], reordered: false, identical: true });
      expect(report.rows.map((r) => r.code)).toEqual(v.items.map((i) => i.code));
      expect(report.rows.map((r) => r.row)).toEqual(v.items.map((_, i) => i + 2));
      expect(report.itemCount + report.placeholderCount).toBe(v.items.length);

      // as a new template: every item field and the template fields come back unchanged
      const created = await upload(admin, `/api/checklists/import-new?dryRun=false&code=${ref.code}-copy`, bytes, `${ref.name}.xlsx`);
      expect(created.statusCode, created.body).toBe(201);
      const cr: ChecklistImportReport = created.json();
      expect(cr.published).toMatchObject({ version: 1 });
      const copy = await currentVersion(admin, cr.published!.templateId);
      expect(copy.items.map(content)).toEqual(v.items.map(content));
      const copyDetail: ChecklistTemplateDetail = (await admin.get(`/api/checklists/${cr.published!.templateId}`)).json();
      expect(copyDetail).toMatchObject({
        code: `${ref.code}-copy`,
        name: tpl.name,
        description: tpl.description,
        institutionTypes: tpl.institutionTypes,
        sourceNote: tpl.sourceNote,
        itemCount: tpl.itemCount,
        placeholderCount: tpl.placeholderCount,
      });
    }
  });

  it('imports an edited workbook (columns in another order) as a new version after a dry run', async () => {
    const t = await createTemplate(sampleItems(4));
    const wb = await loadWorkbook(await exportBytes(admin, t.id));
    const src = wb.getWorksheet('检查项')!;
    // rebuild the sheet with the columns reversed, T-2 removed, T-3 changed, T-9 added
    const rows = src.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    wb.removeWorksheet(src.id);
    const ws = wb.addWorksheet('检查项');
    for (const r of rows) {
      if (r[0] === 'T-2') continue;
      const row = [...r];
      if (row[0] === 'T-3') row[3] = '修改后的检查内容';
      ws.addRow(row.reverse());
    }
    ws.addRow(['否', '一般隐患', '', '', '新增的检查内容', '用电安全', '新类别', 'T-9']);
    const bytes = await writeWorkbook(wb);

    const dry = await upload(admin, `/api/checklists/${t.id}/import`, bytes);
    expect(dry.statusCode, dry.body).toBe(200);
    const report: ChecklistImportReport = dry.json();
    expect(report).toMatchObject({ dryRun: true, valid: true, itemCount: 4 });
    expect(report.diff).toEqual({ baseVersion: 1, added: ['T-9'], removed: ['T-2'], changed: ['T-3'], reordered: false, identical: false });
    expect(await versionCount(t.id)).toBe(1);

    const pub = await upload(admin, `/api/checklists/${t.id}/import?dryRun=false&baseVersion=1&changeNote=${encodeURIComponent('年度修订')}`, bytes, '修订稿.xlsx');
    expect(pub.statusCode, pub.body).toBe(201);
    expect(pub.json().published).toMatchObject({ templateId: t.id, version: 2 });
    const v2 = await currentVersion(admin, t.id);
    expect(v2).toMatchObject({ version: 2, changeNote: '年度修订' });
    expect(v2.items.map((i) => i.code)).toEqual(['T-1', 'T-3', 'T-4', 'T-9']);
    expect(v2.items[3]).toMatchObject({ category: '新类别', hazardCategory: 'electrical', checkText: '新增的检查内容', hazardLevel: 'general', checkPoints: '', isPlaceholder: false });
    const v1 = (await admin.get(`/api/checklist-versions/${t.currentVersionId}`)).json();
    expect(v1.items.map((i: ChecklistItem) => i.code)).toEqual(['T-1', 'T-2', 'T-3', 'T-4']);
    const audit = (await auditRows(t.id)).find((a) => a.action === 'checklist.publish')!;
    expect(audit.summary).toContain('修订稿.xlsx');
    expect(audit.summary).toContain('新增 1 项（T-9）');
  });

  it('reports every bad row of a bad workbook and writes nothing', async () => {
    const t = await createTemplate();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('检查项');
    ws.addRow(['编号', '类别', '隐患类别', '检查内容', '检查要点', '依据', '隐患等级', '待补充', '备注']);
    ws.addRow(['A-1', '类别', '生命通道', '好的一行', '', '', '一般', '否']); // row 2 ok
    ws.addRow(['A-2', '类别', '消防', '类别无效', '', '', '一般', '否']); // row 3
    ws.addRow(['A-3', '类别', '生命通道', '', '', '', '特大', '']); // row 4: empty text, bad level
    ws.addRow([]); // row 5 blank: skipped
    ws.addRow(['A-1', '类别', '生命通道', '重复编号', '', '', '重大', '可能']); // row 6: dup + bad flag
    ws.addRow(['', '', '其他', 'x'.repeat(501), '', '', '一般', '']); // row 7: no code, no category, too long
    const bytes = await writeWorkbook(wb);
    const auditBefore = (await auditRows(t.id)).length;

    const dry = await upload(admin, `/api/checklists/${t.id}/import?dryRun=true`, bytes);
    expect(dry.statusCode).toBe(200);
    const r: ChecklistImportReport = dry.json();
    expect(r.valid).toBe(false);
    expect(r.errorCount).toBe(4);
    expect(r.warnings.join()).toContain('备注');
    expect(r.rows.map((x) => [x.row, x.code, x.errors.length])).toEqual([
      [2, 'A-1', 0],
      [3, 'A-2', 1],
      [4, 'A-3', 2],
      [6, 'A-1', 2],
      [7, '', 3],
    ]);
    expect(r.rows[1]!.errors[0]).toContain('隐患类别「消防」无效');
    expect(r.rows[2]!.errors).toEqual(expect.arrayContaining(['检查内容不能为空', expect.stringContaining('隐患等级「特大」无效')]));
    expect(r.rows[3]!.errors).toEqual(expect.arrayContaining(['编号「A-1」与第 2 行重复', expect.stringContaining('待补充「可能」无效')]));
    expect(r.rows[4]!.errors).toEqual(expect.arrayContaining(['编号不能为空', '类别不能为空', '检查内容不能超过 500 个字']));

    const wet = await upload(admin, `/api/checklists/${t.id}/import?dryRun=false`, bytes);
    expect(wet.statusCode).toBe(400);
    expect(wet.json().error.code).toBe('VALIDATION_FAILED');
    expect(wet.json().error.details).toMatchObject({ valid: false, errorCount: 4, dryRun: false, published: null });
    expect(wet.json().error.details.rows).toHaveLength(5);
    expect(await versionCount(t.id)).toBe(1);
    expect((await auditRows(t.id)).length).toBe(auditBefore);
  });

  it('reports missing columns and an empty sheet as workbook errors', async () => {
    const t = await createTemplate();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('检查项').addRow(['编号', '类别', '检查内容']);
    const r = (await upload(admin, `/api/checklists/${t.id}/import`, await writeWorkbook(wb))).json();
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual(['缺少必填列：隐患类别、隐患等级']);
    const wb2 = new ExcelJS.Workbook();
    wb2.addWorksheet('检查项').addRow(ITEM_COLUMNS.map((c) => c.header));
    const r2 = (await upload(admin, `/api/checklists/${t.id}/import`, await writeWorkbook(wb2))).json();
    expect(r2.errors).toEqual([expect.stringContaining('没有检查项')]);
  });

  it('answers 415 for anything but an .xlsx workbook, whatever its name, and 413 when too large', async () => {
    const t = await createTemplate();
    const csv = Buffer.from('编号,类别\nA-1,x\n', 'utf8');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    for (const bytes of [csv, png]) {
      const res = await upload(admin, `/api/checklists/${t.id}/import`, bytes, '检查表.xlsx');
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect((await upload(admin, '/api/checklists/import-new', csv, 'a.xlsx')).statusCode).toBe(415);
    expect((await admin.post(`/api/checklists/${t.id}/import`, { items: [] })).statusCode).toBe(415);
    // past UPLOAD_MAX_MB (2 MB in tests): 413, nothing written
    const big = await upload(admin, `/api/checklists/${t.id}/import?dryRun=false`, Buffer.alloc(3 * 1024 * 1024, 1));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await versionCount(t.id)).toBe(1);
  });

  it('refuses imports by non-admins (403), for unknown templates (404) and without a file (400)', async () => {
    const t = await createTemplate();
    const bytes = await exportBytes(admin, t.id);
    expect((await upload(staff, `/api/checklists/${t.id}/import`, bytes)).statusCode).toBe(403);
    expect((await upload(staff, '/api/checklists/import-new', bytes)).statusCode).toBe(403);
    expect((await upload(admin, `/api/checklists/${MISSING}/import`, bytes)).statusCode).toBe(404);
    const form = new FormData();
    form.append('note', 'no file');
    const none = await admin.request({ method: 'POST', url: `/api/checklists/${t.id}/import`, payload: form as never });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details[0].path).toBe('file');
  });

  it('import-new reads code and name from the 说明 sheet and reports a taken code', async () => {
    const t = await createTemplate();
    const bytes = await exportBytes(admin, t.id);
    const dry = await upload(admin, '/api/checklists/import-new', bytes);
    expect(dry.statusCode).toBe(200);
    const r: ChecklistImportReport = dry.json();
    expect(r.template).toMatchObject({ code: t.code, name: t.name, institutionTypes: ['relief_station'] });
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([expect.stringContaining(`代码「${t.code}」已被检查表`)]);
    expect(r.diff).toMatchObject({ baseVersion: null, added: ['T-1', 'T-2', 'T-3'] });
    const wet = await upload(admin, '/api/checklists/import-new?dryRun=false', bytes);
    expect(wet.statusCode).toBe(400);
    const bad = await upload(admin, `/api/checklists/import-new?code=${encodeURIComponent('大写 Code')}`, bytes);
    expect(bad.json().errors).toEqual([expect.stringContaining('代码为 2–60 位')]);
    const ok = await upload(admin, `/api/checklists/import-new?dryRun=false&code=imported-${t.code}&name=${encodeURIComponent('导入的检查表')}`, bytes);
    expect(ok.statusCode, ok.body).toBe(201);
    const detail = (await admin.get(`/api/checklists/${ok.json().published.templateId}`)).json();
    expect(detail).toMatchObject({ code: `imported-${t.code}`, name: '导入的检查表', currentVersion: 1, itemCount: 3 });
    expect((await auditRows(detail.id)).map((a) => a.action)).toEqual(['checklist.create']);
  });
});
