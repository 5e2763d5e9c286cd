import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, campaign, campaignTask } from '@lifeline/db';
import { anon, clientFor, createTestContext, makeInstitution, type Client, type TestContext } from '../../testing/harness.ts';

const NOTICE = readFileSync(new URL('../../../../db/src/reference/notice-2024-safety-month.txt', import.meta.url), 'utf8');
const MISSING = '00000000-0000-4000-8000-000000000000';

let ctx: TestContext;
let admin: Client;
let staff: Client;
let township: Client;
let instOfficer: Client;

const newTask = (over: Record<string, unknown> = {}) => ({
  title: '报送安全应急短视频',
  assigneeScope: 'each_institution',
  deadline: '2024-06-20',
  deliverableKind: 'video',
  requiredQuantity: 1,
  ...over,
});

const auditCount = async (action: string, entityId: string) =>
  Number((await ctx.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId))))[0]!.n);

beforeAll(async () => {
  ctx = await createTestContext();
  const inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']! });
  admin = (await clientFor(ctx, 'county_admin')).client;
  staff = (await clientFor(ctx, 'county_staff')).client;
  township = (await clientFor(ctx, 'township_officer', { townshipId: inst.townshipId })).client;
  instOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;
});
afterAll(async () => ctx?.close());

describe('access', () => {
  it('401 without a session', async () => {
    expect((await anon(ctx).get('/api/campaigns')).statusCode).toBe(401);
    expect((await anon(ctx).post('/api/campaigns/from-notice', { text: NOTICE })).statusCode).toBe(401);
  });

  it('403 for every role but the county admin on managing routes; reading is open to all roles', async () => {
    for (const c of [staff, township, instOfficer]) {
      expect((await c.post('/api/campaigns/from-notice', { text: NOTICE })).statusCode).toBe(403);
      expect((await c.get('/api/campaigns')).statusCode).toBe(200);
    }
    expect((await staff.post(`/api/campaigns/${MISSING}/publish`)).statusCode).toBe(403);
    expect((await staff.post(`/api/campaigns/${MISSING}/tasks`, newTask())).statusCode).toBe(403);
  });

  it('404 for a campaign or task that does not exist', async () => {
    expect((await admin.get(`/api/campaigns/${MISSING}`)).statusCode).toBe(404);
    expect((await township.get(`/api/campaigns/${MISSING}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/campaigns/${MISSING}`, { name: '新名称' })).statusCode).toBe(404);
    expect((await admin.post(`/api/campaigns/${MISSING}/publish`)).statusCode).toBe(404);
    const created = (await admin.post('/api/campaigns/from-notice', { text: NOTICE })).json();
    expect((await admin.patch(`/api/campaigns/${created.campaign.id}/tasks/${MISSING}`, { title: '改' })).statusCode).toBe(404);
    expect((await admin.delete(`/api/campaigns/${created.campaign.id}/tasks/${MISSING}`)).statusCode).toBe(404);
  });

  it('400 for bad input, with the field named', async () => {
    expect((await admin.post('/api/campaigns/from-notice', { text: '   ' })).statusCode).toBe(400);
    expect((await admin.get('/api/campaigns/not-a-uuid')).statusCode).toBe(400);
    const created = (await admin.post('/api/campaigns/from-notice', { text: NOTICE })).json();
    const id = created.campaign.id;
    const bad = await admin.post(`/api/campaigns/${id}/tasks`, newTask({ deadline: '2024-02-30', requiredQuantity: 0, assigneeScope: 'everyone' }));
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['deadline', 'requiredQuantity', 'assigneeScope']));
    const noTypes = await admin.post(`/api/campaigns/${id}/tasks`, newTask({ assigneeScope: 'each_institution_of_types', institutionTypes: [] }));
    expect(noTypes.statusCode).toBe(400);
    expect(noTypes.json().error.details.map((d: { path: string }) => d.path)).toContain('institutionTypes');
    const badType = await admin.post(`/api/campaigns/${id}/tasks`, newTask({ assigneeScope: 'each_institution_of_types', institutionTypes: ['school'] }));
    expect(badType.statusCode).toBe(400);
    expect((await admin.patch(`/api/campaigns/${id}`, { startsOn: '2024-07-01', endsOn: '2024-06-01' })).statusCode).toBe(400);
    // switching an existing task to "of types" without types is refused after merging
    const taskId = created.campaign.tasks[0].id;
    const sw = await admin.patch(`/api/campaigns/${id}/tasks/${taskId}`, { assigneeScope: 'each_institution_of_types' });
    expect(sw.statusCode).toBe(400);
  });
});

describe('a campaign from the real 2024 安全生产月 notice', () => {
  let id: string;

  it('creates a draft with the two township tasks, the 安全宣传咨询日 and the sections', async () => {
    const res = await admin.post('/api/campaigns/from-notice', { text: NOTICE });
    expect(res.statusCode).toBe(201);
    const { campaign: c, unplacedTasks, issues } = res.json();
    id = c.id;
    expect(c).toMatchObject({
      status: 'draft',
      year: 2024,
      name: '2024年全县民政服务机构“安全生产月”活动',
      theme: '人人讲安全、个个会应急——畅通生命通道',
      startsOn: '2024-06-01',
      endsOn: '2024-06-30',
      issuer: '德化县民政局',
      abilities: { edit: true, publish: true, end: false },
    });
    expect(c.sections).toHaveLength(5);
    expect(c.sourceText).toBe(NOTICE.trim());
    expect(c.tasks).toHaveLength(2);
    expect(c.tasks[0]).toMatchObject({ title: '报送安全管理工作经验做法', deliverableKind: 'article', deadline: '2024-06-05T15:59:59.999Z', deadlineDate: '2024-06-05', requiredQuantity: 1, assigneeScope: 'each_township', recipient: '县局办公室' });
    expect(c.tasks[1]).toMatchObject({ title: '报送活动情况总结', deliverableKind: 'summary_report', deadline: '2024-06-24T15:59:59.999Z', requiredQuantity: 1, assigneeScope: 'each_township' });
    expect(c.events).toEqual([expect.objectContaining({ name: '安全宣传咨询日', date: '2024-06-16' })]);
    expect(unplacedTasks).toEqual([]);
    expect(issues.map((i: { kind: string }) => i.kind)).toContain('undated_submission');
    expect(await auditCount('campaign.create', id)).toBe(1);
  });

  it('is a draft only the county admin (campaign.manage) sees: other roles get 404 and do not find it in the list', async () => {
    const list = (await admin.get('/api/campaigns')).json();
    expect(list.items.find((c: { id: string }) => c.id === id)).toMatchObject({ status: 'draft', taskCount: 2 });
    expect((await staff.get(`/api/campaigns/${id}`)).statusCode).toBe(404);
    expect((await township.get('/api/campaigns')).json().items.find((c: { id: string }) => c.id === id)).toBeUndefined();
    expect((await instOfficer.get(`/api/campaigns/${id}`)).statusCode).toBe(404);
  });

  it('edits the draft header and a task, adds and deletes a task, each audited', async () => {
    const head = await admin.patch(`/api/campaigns/${id}`, { name: '2024年民政服务机构安全生产月' });
    expect(head.statusCode).toBe(200);
    expect(head.json().name).toBe('2024年民政服务机构安全生产月');
    expect(await auditCount('campaign.update', id)).toBe(1);

    const detail = (await admin.get(`/api/campaigns/${id}`)).json();
    const taskId = detail.tasks[0].id;
    const edited = await admin.patch(`/api/campaigns/${id}/tasks/${taskId}`, { deadline: '2024-06-07', requiredQuantity: 2, instructions: '至少2篇' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().tasks.find((t: { id: string }) => t.id === taskId)).toMatchObject({ deadline: '2024-06-07T15:59:59.999Z', requiredQuantity: 2, instructions: '至少2篇' });
    expect(await auditCount('campaign.task_update', taskId)).toBe(1);

    const added = await admin.post(`/api/campaigns/${id}/tasks`, newTask({ assigneeScope: 'each_institution_of_types', institutionTypes: ['elderly_care'] }));
    expect(added.statusCode).toBe(201);
    expect(added.json().tasks).toHaveLength(3);
    const newId = added.json().tasks.find((t: { title: string }) => t.title === '报送安全应急短视频').id;
    expect(added.json().tasks.find((t: { id: string }) => t.id === newId)).toMatchObject({ institutionTypes: ['elderly_care'], deadline: '2024-06-20T15:59:59.999Z' });
    expect(await auditCount('campaign.task_add', newId)).toBe(1);

    expect((await admin.delete(`/api/campaigns/${id}/tasks/${newId}`)).statusCode).toBe(200);
    expect(await auditCount('campaign.task_delete', newId)).toBe(1);
    expect((await admin.get(`/api/campaigns/${id}`)).json().tasks).toHaveLength(2);
  });

  it('asks to confirm publishing tasks whose deadline has passed (the 2024 notice, published today)', async () => {
    const res = await admin.post(`/api/campaigns/${id}/publish`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/^有 2 项任务的截止日期已过（「.+」2024-06-07、「.+」2024-06-24）/);
    expect(res.json().error.details.pastDeadlines).toHaveLength(2);
    expect((await admin.get(`/api/campaigns/${id}`)).json().status).toBe('draft');
  });

  it('publishes (confirmed), tells the townships, then refuses every edit with 409 and ends', async () => {
    const pub = await admin.post(`/api/campaigns/${id}/publish`, { confirmPastDeadlines: true });
    expect(pub.statusCode).toBe(200);
    const inbox = (await township.get('/api/notifications')).json();
    expect(inbox.items.filter((n: { kind: string }) => n.kind === 'campaign_published')).toHaveLength(1);
    expect(inbox.items.find((n: { kind: string }) => n.kind === 'campaign_published')).toMatchObject({ title: `新任务：${pub.json().name}`, link: '/my-tasks' });
    expect((await instOfficer.get('/api/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'campaign_published')).toHaveLength(0); // no institution task
    expect(pub.json()).toMatchObject({ status: 'published', abilities: { edit: false, publish: false, end: true } });
    expect(pub.json().publishedAt).toBeTruthy();
    // published: every role reads it, without managing abilities
    for (const c of [staff, township, instOfficer]) expect((await c.get(`/api/campaigns/${id}`)).json().abilities).toEqual({ edit: false, publish: false, end: false });
    expect(await auditCount('campaign.publish', id)).toBe(1);
    const taskId = pub.json().tasks[0].id;

    const before = await ctx.db.select().from(campaignTask).where(eq(campaignTask.id, taskId));
    expect((await admin.patch(`/api/campaigns/${id}`, { name: '改名' })).statusCode).toBe(409);
    const editTask = await admin.patch(`/api/campaigns/${id}/tasks/${taskId}`, { requiredQuantity: 5 });
    expect(editTask.statusCode).toBe(409);
    expect(editTask.json().error.message).toMatch(/草稿/);
    expect((await admin.post(`/api/campaigns/${id}/tasks`, newTask())).statusCode).toBe(409);
    expect((await admin.delete(`/api/campaigns/${id}/tasks/${taskId}`)).statusCode).toBe(409);
    expect((await admin.post(`/api/campaigns/${id}/publish`, { confirmPastDeadlines: true })).statusCode).toBe(409);
    expect(await ctx.db.select().from(campaignTask).where(eq(campaignTask.id, taskId))).toEqual(before);

    const end = await admin.post(`/api/campaigns/${id}/end`);
    expect(end.statusCode).toBe(200);
    expect(end.json()).toMatchObject({ status: 'ended', abilities: { edit: false, publish: false, end: false } });
    expect((await admin.post(`/api/campaigns/${id}/end`)).statusCode).toBe(409);
  });
});

describe('notices the parser cannot fully read', () => {
  it('creates the campaign from a text without dates and reports no_tasks; publishing without tasks is 409', async () => {
    const text = '关于开展民政服务机构安全检查的通知\n\n各乡镇民政办：\n请各乡镇认真组织开展安全检查，切实消除隐患。\n';
    const res = await admin.post('/api/campaigns/from-notice', { text, year: 2025, name: '2025年安全检查' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.campaign).toMatchObject({ status: 'draft', name: '2025年安全检查', year: 2025, tasks: [], events: [], abilities: { publish: false } });
    expect(body.issues.map((i: { kind: string }) => i.kind)).toContain('no_tasks');
    const [row] = await ctx.db.select().from(campaign).where(eq(campaign.id, body.campaign.id));
    expect(row!.status).toBe('draft');

    const pub = await admin.post(`/api/campaigns/${body.campaign.id}/publish`);
    expect(pub.statusCode).toBe(409);
    expect(pub.json().error.message).toMatch(/至少添加一项任务/);
    expect((await admin.post(`/api/campaigns/${body.campaign.id}/end`)).statusCode).toBe(409);
  });

  it('returns a task with an impossible date as unplaced, with the parser issue', async () => {
    const text = '关于报送材料的通知\n\n各乡镇民政办：\n各乡镇于2月30日前报送工作总结1份至县局办公室。\n';
    const res = await admin.post('/api/campaigns/from-notice', { text, year: 2024 });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.campaign.tasks).toEqual([]);
    expect(body.unplacedTasks).toHaveLength(1);
    expect(body.unplacedTasks[0]).toMatchObject({ deliverableKind: 'summary_report', assigneeScope: 'each_township' });
    expect(body.issues.map((i: { kind: string }) => i.kind)).toContain('impossible_date');
  });
});
