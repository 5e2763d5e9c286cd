import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Grid, Input, Modal, Select } from 'antd';
import { ChecklistTemplateInputSchema, ChecklistTemplatePatchSchema, INSTITUTION_TYPES, t, type ChecklistTemplateDetail, type InstitutionType } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { applyApiError } from '../../components/apiErrors.ts';
import { applyZodIssues, zodRule } from '../../components/AdminUtils.ts';

export interface MetaValues {
  code?: string;
  name?: string;
  description?: string;
  institutionTypes?: InstitutionType[];
  sourceNote?: string;
}

export const META_FIELDS = ['code', 'name', 'description', 'institutionTypes', 'sourceNote'] as const;

/** The template metadata fields; `code` only when creating (it is fixed afterwards). */
export function MetaFields({ withCode }: { withCode: boolean }) {
  return (
    <>
      {withCode && (
        <Form.Item name="code" label={t('checklists.meta.code')} extra={t('checklists.meta.codeHint')} validateFirst rules={[{ required: true, message: t('checklists.meta.codeRequired') }, zodRule(ChecklistTemplateInputSchema.shape.code)]} normalize={(v: string) => v?.toLowerCase()}>
          <Input maxLength={60} style={{ fontFamily: 'monospace' }} autoComplete="off" placeholder="elderly-fire-2026" />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('checklists.meta.name')} rules={[{ required: true, whitespace: true, message: t('checklists.meta.nameRequired') }]}>
        <Input maxLength={100} showCount />
      </Form.Item>
      <Form.Item name="institutionTypes" label={t('checklists.appliesTo')} extra={t('checklists.meta.typesHint')}>
        <Select mode="multiple" allowClear placeholder={t('checklists.allTypes')} options={INSTITUTION_TYPES.map((v) => ({ value: v, label: t(`institutionType.${v}`) }))} />
      </Form.Item>
      <Form.Item name="description" label={t('checklists.meta.description')}>
        <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Form.Item name="sourceNote" label={t('checklists.meta.sourceNote')} extra={t('checklists.meta.sourceNoteHint')}>
        <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
    </>
  );
}

/** 编辑信息: name, description, applicable types and source note of a template (PATCH). */
export function ChecklistMetaModal({ open, template, onClose }: { open: boolean; template: ChecklistTemplateDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<MetaValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue({ name: template.name, description: template.description, institutionTypes: template.institutionTypes, sourceNote: template.sourceNote });
  }, [open, template, form]);

  const submit = async () => {
    setError(null);
    let v: MetaValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body: Record<string, unknown> = {};
    if ((v.name ?? '').trim() !== template.name) body.name = (v.name ?? '').trim();
    if ((v.description ?? '').trim() !== template.description) body.description = (v.description ?? '').trim();
    if ((v.sourceNote ?? '').trim() !== template.sourceNote) body.sourceNote = (v.sourceNote ?? '').trim();
    const types = v.institutionTypes ?? [];
    if (types.length !== template.institutionTypes.length || types.some((x) => !template.institutionTypes.includes(x))) body.institutionTypes = types;
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    if (!applyZodIssues(form, ChecklistTemplatePatchSchema.safeParse(body), META_FIELDS)) return;
    setBusy(true);
    try {
      await api(`/api/checklists/${template.id}`, { method: 'PATCH', json: body });
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['checklists'] });
      void qc.invalidateQueries({ queryKey: ['checklist', template.id] });
      onClose();
    } catch (e) {
      setError(applyApiError(e, form, META_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('checklists.meta.editTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={busy}
      width={mobile ? '100%' : 720}
      style={mobile ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <MetaFields withCode={false} />
      </Form>
    </Modal>
  );
}
