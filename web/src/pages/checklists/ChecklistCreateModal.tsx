import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Form, Grid, Input, Space, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { ChecklistTemplateCreateSchema, t, type ChecklistTemplateDetail } from '@lifeline/shared';
import { api, ApiError } from '../../api/client.ts';
import { errorText } from '../../components/AdminUtils.ts';
import { ChecklistImportModal } from './ChecklistImportModal.tsx';
import { ChecklistItemsEditor, blankRow, mapItemIssues, rowsToItems, type EditorRow, type RowErrors } from './ChecklistItemsEditor.tsx';
import { META_FIELDS, MetaFields, type MetaValues } from './ChecklistMetaForm.tsx';

/**
 * 新建检查表: the template's metadata and the items of its version 1, entered by hand — or 从 Excel
 * 新建, which reads both from a workbook (dry run first). Problems land on their field or item row.
 */
export function ChecklistCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const nav = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<MetaValues>();
  const [rows, setRows] = useState<EditorRow[]>(() => [blankRow()]);
  const [errors, setErrors] = useState<RowErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [excel, setExcel] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setRows([blankRow()]);
    setErrors({});
    setGeneral([]);
    setNote('');
  }, [open, form]);

  const apply = (issues: { path: string; message: string }[]) => {
    const meta = issues.filter((i) => (META_FIELDS as readonly string[]).includes(i.path.split('.')[0]!));
    form.setFields(meta.map((i) => ({ name: i.path.split('.')[0] as (typeof META_FIELDS)[number], errors: [i.message] })));
    const rest = issues.filter((i) => !meta.includes(i));
    const m = mapItemIssues(rows, rest);
    setErrors(m.rowErrors);
    setGeneral(m.general);
    return m.general.length + Object.keys(m.rowErrors).length + meta.length;
  };

  const submit = async () => {
    // check the metadata and the items together, so every problem shows at once
    const v: MetaValues | null = await form.validateFields().catch(() => null);
    const m = v ?? form.getFieldsValue();
    const body = {
      code: (m.code ?? '').trim(),
      name: (m.name ?? '').trim(),
      description: (m.description ?? '').trim(),
      institutionTypes: m.institutionTypes ?? [],
      sourceNote: (m.sourceNote ?? '').trim(),
      changeNote: note.trim(),
      items: rowsToItems(rows),
    };
    const parsed = ChecklistTemplateCreateSchema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      // fields antd already flagged keep antd's message
      apply(v ? issues : issues.filter((i) => !(META_FIELDS as readonly string[]).includes(i.path.split('.')[0]!)));
      return;
    }
    if (!v) return;
    setErrors({});
    setGeneral([]);
    setBusy(true);
    try {
      const created = await api<ChecklistTemplateDetail>('/api/checklists', { method: 'POST', json: body });
      message.success(t('checklists.create.done', { name: created.name }));
      void qc.invalidateQueries({ queryKey: ['checklists'] });
      onClose();
      nav(`/checklists/${created.id}`);
    } catch (e) {
      const placed = e instanceof ApiError && Array.isArray(e.details) ? apply(e.details) : 0;
      if (!placed) setGeneral([errorText(e)]);
      else message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const rowErrorCount = Object.keys(errors).length;

  return (
    <>
      <Drawer
        open={open}
        onClose={onClose}
        size={mobile ? '100%' : 1100}
        title={t('checklists.create.title')}
        mask={{ closable: false }}
        destroyOnHidden
        styles={{ body: { padding: mobile ? 12 : 20, background: '#f7f8fa' } }}
        extra={
          <Button icon={<FileExcelOutlined />} onClick={() => setExcel(true)} data-testid="checklist-import-new">
            {mobile ? t('checklists.create.fromExcelShort') : t('checklists.create.fromExcel')}
          </Button>
        }
        footer={
          <div className="cl-editor-footer">
            <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} placeholder={t('checklists.editor.changeNote')} aria-label={t('checklists.editor.changeNote')} />
            <Space>
              <Button onClick={onClose}>{t('common.cancel')}</Button>
              <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="checklist-create-submit">
                {t('checklists.create.submit')}
              </Button>
            </Space>
          </div>
        }
      >
        {(general.length > 0 || rowErrorCount > 0) && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={rowErrorCount > 0 ? t('checklists.editor.rowErrors', { n: rowErrorCount }) : general[0]}
            description={rowErrorCount > 0 && general.length ? general.join('；') : undefined}
          />
        )}
        <Card size="small" title={t('checklists.create.metaTitle')} style={{ marginBottom: 12 }}>
          <Form form={form} layout="vertical">
            <MetaFields withCode />
          </Form>
        </Card>
        <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
          {t('checklists.create.itemsTitle')}
        </Typography.Title>
        <ChecklistItemsEditor rows={rows} onChange={setRows} errors={errors} />
      </Drawer>
      <ChecklistImportModal
        open={excel}
        target={{ mode: 'new' }}
        onClose={() => setExcel(false)}
        onPublished={(r) => {
          void qc.invalidateQueries({ queryKey: ['checklists'] });
          if (r.published) {
            message.success(t('checklists.create.done', { name: r.template?.name ?? '' }));
            setExcel(false);
            onClose();
            nav(`/checklists/${r.published.templateId}`);
          }
        }}
      />
    </>
  );
}
