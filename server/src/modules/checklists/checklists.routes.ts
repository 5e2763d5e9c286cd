import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { create as contentDisposition } from 'content-disposition';
import {
  ChecklistExportQuerySchema,
  ChecklistImportNewQuerySchema,
  ChecklistImportQuerySchema,
  ChecklistImportReportSchema,
  ChecklistListQuerySchema,
  ChecklistTemplateCreateSchema,
  ChecklistTemplateDetailSchema,
  ChecklistTemplateListSchema,
  ChecklistTemplatePatchSchema,
  ChecklistVersionInputSchema,
  ChecklistVersionParamSchema,
  ChecklistVersionQuerySchema,
  ChecklistVersionSchema,
  IdParamSchema,
} from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { AppError } from '../../lib/app-error.ts';
import { actorOf } from '../../plugins/auth.ts';
import {
  createChecklistTemplate,
  exportChecklistXlsx,
  getChecklistTemplateDetail,
  getChecklistVersion,
  getCurrentChecklistVersion,
  importChecklistVersion,
  importNewChecklistTemplate,
  listChecklistTemplates,
  publishChecklistVersion,
  updateChecklistTemplate,
  type UploadedWorkbook,
} from './checklists.service.ts';
import { XLSX_MIME } from './checklists.xlsx.ts';

/**
 * The one file of a multipart request (field `file`), fully read. Size is capped by the multipart
 * plugin (UPLOAD_MAX_MB → 413, nothing stored).
 * @throws AppError UNSUPPORTED_MEDIA_TYPE when the request is not multipart; VALIDATION_FAILED
 *   (path `file`) when no file or an empty one was sent
 */
async function readUploadedWorkbook(req: FastifyRequest): Promise<UploadedWorkbook> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传 .xlsx 文件（字段 file）');
  const file = await req.file();
  if (!file) throw new AppError('VALIDATION_FAILED', '没有收到文件', [{ path: 'file', message: '请选择 .xlsx 文件' }]);
  const bytes = await file.toBuffer();
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '文件为空', [{ path: 'file', message: '文件为空' }]);
  return { bytes, filename: file.filename || '检查表.xlsx' };
}

/**
 * /api/checklists and /api/checklist-versions: templates, versions, publishing, Excel export and
 * import. Reading: `checklist.read` (every role). Writing: `checklist.manage` (county admin).
 */
export async function checklistRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['checklists'];

  r.get('/api/checklists', {
    config: { permission: 'checklist.read' },
    schema: {
      tags,
      summary: '检查表列表（当前版本、检查项数、待补充数；可按机构类型、启用状态筛选，非管理员只看到启用的）',
      querystring: ChecklistListQuerySchema,
      response: { 200: ChecklistTemplateListSchema },
    },
  }, async (req) => listChecklistTemplates(db, actorOf(req), req.query));

  r.post('/api/checklists', {
    config: { permission: 'checklist.manage' },
    schema: { tags, summary: '新建检查表（同时发布第1版检查项）', body: ChecklistTemplateCreateSchema, response: { 201: ChecklistTemplateDetailSchema } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const { changeNote, items, ...tpl } = req.body;
    const created = await createChecklistTemplate(db, actor, { ...tpl, changeNote, items }, deps.now(), req.id);
    return reply.status(201).send(await getChecklistTemplateDetail(db, actor, created.templateId));
  });

  r.post('/api/checklists/import-new', {
    config: { permission: 'checklist.manage' },
    schema: {
      tags,
      summary: '从 Excel 新建检查表（multipart，字段 file；dryRun 默认 true 只校验不写入）',
      consumes: ['multipart/form-data'],
      querystring: ChecklistImportNewQuerySchema,
      response: { 200: ChecklistImportReportSchema, 201: ChecklistImportReportSchema },
    },
  }, async (req, reply) => {
    const file = await readUploadedWorkbook(req);
    const res = await importNewChecklistTemplate(db, actorOf(req), file, req.query, deps.now(), req.id);
    return reply.status(res.status).send(res.report);
  });

  r.get('/api/checklists/:id', {
    config: { permission: 'checklist.read' },
    schema: { tags, summary: '检查表详情与版本历史（停用的检查表仍可查看）', params: IdParamSchema, response: { 200: ChecklistTemplateDetailSchema } },
  }, async (req) => getChecklistTemplateDetail(db, actorOf(req), req.params.id));

  r.patch('/api/checklists/:id', {
    config: { permission: 'checklist.manage' },
    schema: {
      tags,
      summary: '修改检查表名称、说明、适用机构类型、来源说明或启用状态（不改检查项）',
      params: IdParamSchema,
      body: ChecklistTemplatePatchSchema,
      response: { 200: ChecklistTemplateDetailSchema },
    },
  }, async (req) => {
    const actor = actorOf(req);
    await updateChecklistTemplate(db, actor, req.params.id, req.body, req.id);
    return getChecklistTemplateDetail(db, actor, req.params.id);
  });

  r.get('/api/checklists/:id/versions/current', {
    config: { permission: 'checklist.read' },
    schema: {
      tags,
      summary: '检查表当前版本及检查项（forInspection=true 时不含待补充项）',
      params: IdParamSchema,
      querystring: ChecklistVersionQuerySchema,
      response: { 200: ChecklistVersionSchema },
    },
  }, async (req) => getCurrentChecklistVersion(db, actorOf(req), req.params.id, req.query));

  r.post('/api/checklists/:id/versions', {
    config: { permission: 'checklist.manage' },
    schema: {
      tags,
      summary: '发布新版本：提交完整检查项列表，生成第 N+1 版，以往版本不变（baseVersion 防止覆盖他人修改）',
      params: IdParamSchema,
      body: ChecklistVersionInputSchema,
      response: { 201: ChecklistVersionSchema },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const pub = await publishChecklistVersion(db, actor, req.params.id, req.body, deps.now(), req.id);
    return reply.status(201).send(await getChecklistVersion(db, actor, pub.versionId));
  });

  r.get('/api/checklists/:id/export.xlsx', {
    config: { permission: 'checklist.read' },
    schema: { tags, summary: '导出检查表 .xlsx（默认当前版本；含“说明”工作表）', params: IdParamSchema, querystring: ChecklistExportQuerySchema },
  }, async (req, reply) => {
    const { bytes, fileName } = await exportChecklistXlsx(db, actorOf(req), req.params.id, req.query.version, deps.now());
    return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(fileName)).send(bytes);
  });

  r.post('/api/checklists/:id/import', {
    config: { permission: 'checklist.manage' },
    schema: {
      tags,
      summary: '从 Excel 导入为新版本（multipart，字段 file；dryRun 默认 true 只出报告，false 且无错误时发布）',
      consumes: ['multipart/form-data'],
      params: IdParamSchema,
      querystring: ChecklistImportQuerySchema,
      response: { 200: ChecklistImportReportSchema, 201: ChecklistImportReportSchema },
    },
  }, async (req, reply) => {
    const file = await readUploadedWorkbook(req);
    const res = await importChecklistVersion(db, actorOf(req), req.params.id, file, req.query, deps.now(), req.id);
    return reply.status(res.status).send(res.report);
  });

  r.get('/api/checklist-versions/:versionId', {
    config: { permission: 'checklist.read' },
    schema: {
      tags,
      summary: '检查表某一版本及其检查项（历史版本永久可查；forInspection=true 时不含待补充项）',
      params: ChecklistVersionParamSchema,
      querystring: ChecklistVersionQuerySchema,
      response: { 200: ChecklistVersionSchema },
    },
  }, async (req) => getChecklistVersion(db, actorOf(req), req.params.versionId, req.query));
}
