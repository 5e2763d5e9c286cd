import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { create as contentDisposition } from 'content-disposition';
import {
  IdParamSchema,
  InstitutionFilterSchema,
  InstitutionInputSchema,
  InstitutionListQuerySchema,
  InstitutionPatchSchema,
  InstitutionSchema,
  RosterImportQuerySchema,
  RosterImportReportSchema,
  localDate,
  pageOf,
} from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { AppError } from '../../lib/app-error.ts';
import { actorOf } from '../../plugins/auth.ts';
import { buildRosterTemplate, exportRosterXlsx } from './institutions.export.ts';
import { importRoster, XLSX_MIME } from './institutions.import.ts';
import { createInstitution, getInstitution, listInstitutions, updateInstitution } from './institutions.service.ts';

/**
 * /api/institutions: the institution register (民政服务机构), scoped by the policies (county roles:
 * the county; township officer: own township; institution officer: own institution), and the roster
 * (机构名册) .xlsx import, export and template.
 */
export async function institutionRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/institutions', {
    config: { permission: 'institution.read' },
    schema: {
      tags: ['institutions'],
      summary: '机构列表（筛选、分页；all=true 返回全部供选择器使用）',
      querystring: InstitutionListQuerySchema,
      response: { 200: pageOf(InstitutionSchema) },
    },
  }, async (req) => listInstitutions(db, actorOf(req), req.query));

  r.get('/api/institutions/export.xlsx', {
    config: { permission: 'institution.read' },
    schema: { tags: ['institutions'], summary: '导出机构名册 .xlsx（与列表相同的筛选；表头与导入模板一致）', querystring: InstitutionFilterSchema },
  }, async (req, reply) => {
    const now = deps.now();
    const buf = await exportRosterXlsx(db, actorOf(req), req.query, now);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(`机构名册-${localDate(now)}.xlsx`)).send(buf);
  });

  r.get('/api/institutions/import-template.xlsx', {
    config: { permission: 'institution.manage' },
    schema: { tags: ['institutions'], summary: '下载机构名册导入模板 .xlsx（含示例行与填写说明）' },
  }, async (req, reply) => {
    const buf = await buildRosterTemplate(db, actorOf(req), deps.now());
    return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition('机构名册导入模板.xlsx')).send(buf);
  });

  r.post('/api/institutions/import', {
    config: { permission: 'institution.manage' },
    schema: {
      tags: ['institutions'],
      summary: '导入机构名册 .xlsx（multipart 字段 file）：dryRun=true 只检查（默认）；dryRun=false 全部正确才写入，skipInvalid=true 只写入正确的行',
      consumes: ['multipart/form-data'],
      querystring: RosterImportQuerySchema,
      response: { 200: RosterImportReportSchema },
    },
  }, async (req) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传 .xlsx 文件（字段 file）');
    const file = await req.file();
    if (!file || file.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', '没有收到文件', [{ path: 'file', message: '请选择要导入的 .xlsx 文件' }]);
    const bytes = await file.toBuffer(); // past UPLOAD_MAX_MB this throws → 413
    if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '文件为空', [{ path: 'file', message: '文件为空' }]);
    return importRoster(db, actorOf(req), bytes, {
      dryRun: req.query.dryRun ?? true,
      skipInvalid: req.query.skipInvalid ?? false,
      filename: file.filename.replace(/[\u0000-\u001f\u007f]/g, '').slice(-120),
      now: deps.now(),
      requestId: req.id,
    });
  });

  r.get('/api/institutions/:id', {
    config: { permission: 'institution.read' },
    schema: { tags: ['institutions'], summary: '机构详情', params: IdParamSchema, response: { 200: InstitutionSchema } },
  }, async (req) => getInstitution(db, actorOf(req), req.params.id));

  r.post('/api/institutions', {
    config: { permission: 'institution.manage' },
    schema: { tags: ['institutions'], summary: '新增机构（乡镇民政办只能在本乡镇新增）', body: InstitutionInputSchema, response: { 201: InstitutionSchema } },
  }, async (req, reply) => {
    const dto = await createInstitution(db, actorOf(req), req.body, deps.now(), req.id);
    return reply.status(201).send(dto);
  });

  r.patch('/api/institutions/:id', {
    config: { permission: 'institution.manage' },
    schema: { tags: ['institutions'], summary: '修改机构信息（只改提交的字段）', params: IdParamSchema, body: InstitutionPatchSchema, response: { 200: InstitutionSchema } },
  }, async (req) => updateInstitution(db, actorOf(req), req.params.id, req.body, deps.now(), req.id));
}
