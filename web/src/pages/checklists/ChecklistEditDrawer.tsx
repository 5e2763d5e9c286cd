import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Grid, Input, Popconfirm, Space, Typography } from 'antd';
import { ChecklistVersionInputSchema, t, type ChecklistItem, type ChecklistTemplateDetail, type ChecklistVersion } from '@lifeline/shared';
import { api, ApiError } from '../../api/client.ts';
import { errorText } from '../../components/AdminUtils.ts';
import { ChecklistItemsEditor, mapItemIssues, rowsFromItems, rowsToItems, type EditorRow, type RowErrors } from './ChecklistItemsEditor.tsx';
import { DiffView, diffItems } from './checklistBits.tsx';

export interface ChecklistEditDrawerProps {
  open: boolean;
  template: ChecklistTemplateDetail;
  /** the version the editor starts from (normally the current one) */
  base: ChecklistVersion | undefined;
  onClose: () => void;
  onPublished: (v: ChecklistVersion) => void;
}

/** zod issues as `{ path: 'items.3.code', message }`. */
const flatIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) => issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

/**
 * 编辑检查项: the whole item list of a template in an editor; saving PUBLISHES a new version
 * (current + 1) — the UI says so — and never changes past versions. Problems are shown on the row
 * they belong to, whether found here (shared schema) or by the server (`items.3.code`).
 */
export function ChecklistEditDrawer({ open, template, base, onClose, onPublished }: ChecklistEditDrawerProps) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = !Grid.useBreakpoint().md;
  const [rows, setRows] = useState<EditorRow[]>([]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<RowErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const next = template.currentVersion + 1;

  useEffect(() => {
    if (!open || !base) return;
    setRows(rowsFromItems(base.items));
    setNote('');
    setErrors({});
    setGeneral([]);
  }, [open, base]);

  // a row that is edited loses its (now possibly stale) error messages
  const prevRows = useRef<Map<string, EditorRow>>(new Map());
  useEffect(() => {
    const prev = prevRows.current;
    const touched = rows.filter((r) => prev.has(r.key) && prev.get(r.key) !== r).map((r) => r.key);
    if (touched.length) setErrors((es) => (touched.some((k) => es[k]) ? Object.fromEntries(Object.entries(es).filter(([k]) => !touched.includes(k))) : es));
    prevRows.current = new Map(rows.map((r) => [r.key, r]));
  }, [rows]);

  const diff = useMemo(() => diffItems((base?.items ?? []) as ChecklistItem[], rowsToItems(rows)), [base, rows]);
  const placeholders = rows.filter((r) => r.isPlaceholder).length;
  const errorCount = Object.keys(errors).length;

  const showProblems = (rowErrors: RowErrors, msgs: string[]) => {
    setErrors(rowErrors);
    setGeneral(msgs);
    const first = rows.find((r) => rowErrors[r.key]);
    if (first) document.getElementById(`edit-row-${first.key}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };

  const publish = async () => {
    const body = { changeNote: note.trim(), baseVersion: template.currentVersion, items: rowsToItems(rows) };
    const parsed = ChecklistVersionInputSchema.safeParse(body);
    if (!parsed.success) {
      const m = mapItemIssues(rows, flatIssues(parsed.error.issues));
      showProblems(m.rowErrors, m.general);
      return;
    }
    setBusy(true);
    try {
      const v = await api<ChecklistVersion>(`/api/checklists/${template.id}/versions`, { method: 'POST', json: body });
      message.success(t('checklists.editor.published', { v: v.version }));
      void qc.invalidateQueries({ queryKey: ['checklists'] });
      void qc.invalidateQueries({ queryKey: ['checklist', template.id] });
      onPublished(v);
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details)) {
        const m = mapItemIssues(rows, e.details);
        showProblems(m.rowErrors, m.general.length || Object.keys(m.rowErrors).length ? m.general : [e.message]);
      } else showProblems({}, [errorText(e)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 1100}
      placement="right"
      title={t('checklists.editor.title', { name: template.name })}
      mask={{ closable: false }}
      destroyOnHidden
      styles={{ body: { padding: mobile ? 12 : 20, background: '#f7f8fa' } }}
      extra={
        !mobile && (
          <Typography.Text type="secondary">
            {t('checklists.editor.counts', { n: rows.length - placeholders, p: placeholders })}
          </Typography.Text>
        )
      }
      footer={
        <div className="cl-editor-footer">
          <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} placeholder={t('checklists.editor.changeNote')} aria-label={t('checklists.editor.changeNote')} data-testid="editor-note" />
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Popconfirm
              title={t('checklists.editor.confirmTitle', { v: next })}
              description={
                <div style={{ maxWidth: 360 }}>
                  <DiffView diff={diff} />
                </div>
              }
              okText={t('checklists.editor.publish', { v: next })}
              cancelText={t('common.cancel')}
              onConfirm={() => void publish()}
              disabled={diff.identical}
            >
              <Button type="primary" loading={busy} disabled={diff.identical} data-testid="editor-publish">
                {t('checklists.editor.publish', { v: next })}
              </Button>
            </Popconfirm>
          </Space>
        </div>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('checklists.editor.publishNote', { v: next, cur: template.currentVersion })}
        description={base && base.version !== template.currentVersion ? t('checklists.editor.fromOld', { v: base.version }) : undefined}
      />
      {(general.length > 0 || errorCount > 0) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorCount > 0 ? t('checklists.editor.rowErrors', { n: errorCount }) : general[0]}
          description={general.length > (errorCount > 0 ? 0 : 1) ? (errorCount > 0 ? general : general.slice(1)).join('；') : undefined}
          data-testid="editor-errors"
        />
      )}
      {!diff.identical && (
        <div className="cl-editor-diff">
          <DiffView diff={diff} />
        </div>
      )}
      <ChecklistItemsEditor rows={rows} onChange={setRows} errors={errors} />
    </Drawer>
  );
}
