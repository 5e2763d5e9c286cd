import { useState } from 'react';
import { Alert, App, DatePicker, Form, Grid, Input, Modal, Segmented, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { HAZARD_CATEGORIES, localDate, t, type DrillDetail, type DrillFindingCreate, type HazardCategory, type HazardLevel } from '@lifeline/shared';
import { api, ApiError, newIdempotencyKey } from '../../api/client.ts';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { applyApiError } from '../../components/apiErrors.ts';

/** What the finding form opens with (e.g. the proposed 生命通道 hazard of a blocked drill). */
export interface FindingPreset {
  kind: 'hazard' | 'improvement';
  category?: HazardCategory;
  title?: string;
  description?: string;
}

interface Values {
  kind: 'hazard' | 'improvement';
  description: string;
  action?: string;
  title?: string;
  level: HazardLevel;
  category?: HazardCategory;
  location?: string;
  responsiblePerson?: string;
  deadline?: Dayjs;
  photoIds: string[];
}

const FIELDS = ['kind', 'description', 'action', 'hazard'] as const;

/**
 * 登记问题: what a held drill found — a hazard (it enters the closed loop as a hazard with source
 * 演练发现, linked to the drill) or an improvement action. One Idempotency-Key per submission.
 */
export function FindingModal({ drill, preset, onClose, onSaved }: { drill: DrillDetail; preset: FindingPreset; onClose: () => void; onSaved: (d: DrillDetail) => void }) {
  const mobile = !Grid.useBreakpoint().md;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [idemKey] = useState(newIdempotencyKey);
  const kind = Form.useWatch('kind', form) ?? preset.kind;
  const today = localDate(new Date());

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    const body: DrillFindingCreate = {
      kind: v.kind,
      description: v.description.trim(),
      action: v.action?.trim() ?? '',
      ...(v.kind === 'hazard'
        ? {
            hazard: {
              level: v.level,
              category: v.category!,
              title: v.title!.trim(),
              location: v.location?.trim() ?? '',
              responsiblePerson: v.responsiblePerson?.trim() ?? '',
              rectificationMeasures: v.action?.trim() ?? '',
              ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
              photoIds: v.photoIds ?? [],
            },
          }
        : {}),
    };
    try {
      const next = await api<DrillDetail>(`/api/drills/${drill.id}/findings`, { method: 'POST', json: body, idempotencyKey: idemKey });
      const added = next.findings.at(-1);
      message.success(added?.hazard ? t('drills.finding.hazardCreated', { code: added.hazard.code }) : t('drills.finding.saved'));
      onSaved(next);
    } catch (e) {
      // the hazard part's errors come back as hazard.<field>; the form's fields are flat
      const flat = e instanceof ApiError && Array.isArray(e.details) ? new ApiError(e.status, e.code, e.message, e.details.map((d) => ({ ...d, path: d.path.replace(/^hazard\./, '') }))) : e;
      setError(applyApiError(flat, form, [...FIELDS, 'title', 'level', 'category', 'location', 'responsiblePerson', 'deadline', 'photoIds']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('drills.action.addFinding')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('drills.finding.save')}
      confirmLoading={busy}
      okButtonProps={{ disabled: uploading, size: mobile ? 'large' : 'middle', 'data-testid': 'drill-finding-save' }}
      cancelButtonProps={{ size: mobile ? 'large' : 'middle' }}
      width={mobile ? '100%' : 620}
      style={mobile ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        size={mobile ? 'large' : 'middle'}
        initialValues={{ kind: preset.kind, description: preset.description ?? '', title: preset.title, category: preset.category, level: 'general', photoIds: [] }}
      >
        <Form.Item name="kind" label={t('drills.finding.kind')}>
          <Segmented block options={[{ value: 'hazard', label: t('drillFindingKind.hazard') }, { value: 'improvement', label: t('drillFindingKind.improvement') }]} data-testid="drill-finding-kind" />
        </Form.Item>
        <Form.Item name="description" label={t('drills.finding.description')} rules={[{ required: true, whitespace: true, message: t('drills.finding.rule.description') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="drill-finding-description" />
        </Form.Item>
        {kind === 'hazard' && (
          <>
            <Form.Item name="title" label={t('drills.finding.hazardTitle')} rules={[{ required: true, whitespace: true, message: t('drills.finding.rule.hazardTitle') }]}>
              <Input maxLength={100} data-testid="drill-finding-title" />
            </Form.Item>
            <Form.Item name="level" label={t('drills.finding.level')}>
              <Segmented block options={[{ value: 'general', label: t('hazardLevel.general') }, { value: 'major', label: t('hazardLevel.major') }]} />
            </Form.Item>
            <Form.Item name="category" label={t('drills.finding.category')} rules={[{ required: true, message: t('drills.finding.rule.category') }]}>
              <Select options={HAZARD_CATEGORIES.map((c) => ({ value: c, label: t(`hazardCategory.${c}`) }))} />
            </Form.Item>
            <Form.Item name="location" label={t('drills.finding.location')}>
              <Input maxLength={200} data-testid="drill-finding-location" />
            </Form.Item>
          </>
        )}
        <Form.Item name="action" label={t('drills.finding.action')} rules={kind === 'improvement' ? [{ required: true, whitespace: true, message: t('drills.finding.rule.action') }] : []}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
        {kind === 'hazard' && (
          <>
            <Form.Item name="responsiblePerson" label={t('drills.finding.responsible')}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="deadline" label={t('drills.finding.deadline')} extra={t('drills.finding.deadlineHelp')}>
              <DatePicker format="YYYY-MM-DD" inputReadOnly style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
            </Form.Item>
            <Form.Item name="photoIds" label={t('drills.finding.photos')}>
              <PhotoUploader onBusyChange={setUploading} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
