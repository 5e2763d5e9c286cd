import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Segmented } from 'antd';
import type { Dayjs } from 'dayjs';
import { dayjs, localDate, t, type HazardDetail, type HazardLevel } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { applyApiError, isStale } from '../../components/apiErrors.ts';

/** The buttons of the detail page; each maps to one ability of the hazard DTO. */
export type HazardUiAction = 'start_rectification' | 'submit_rectification' | 'verify' | 'return' | 'update';

const STEP_PATH: Record<Exclude<HazardUiAction, 'update'>, string> = {
  start_rectification: 'start',
  submit_rectification: 'submit',
  verify: 'verify',
  return: 'return',
};

interface Values {
  note?: string;
  photoIds?: string[];
  rectificationMeasures?: string;
  responsiblePerson?: string;
  deadline?: Dayjs;
  level?: HazardLevel;
}

const FIELDS = ['note', 'photoIds', 'rectificationMeasures', 'responsiblePerson', 'deadline', 'level'] as const;

/**
 * The dialog of one closed-loop step (or the 修改 edit): asks what the step needs, sends it with the
 * revision the user saw, and puts the answer in the cache. A 409 (someone else acted first) shows
 * the server's message and reloads the hazard.
 */
export function HazardStepModal({ hazard, action, onClose }: { hazard: HazardDetail; action: HazardUiAction | null; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const today = localDate(new Date());

  useEffect(() => {
    if (!action) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      action === 'update'
        ? { deadline: dayjs(hazard.deadlineDate), responsiblePerson: hazard.responsiblePerson, rectificationMeasures: hazard.rectificationMeasures, level: hazard.level, note: '' }
        : action === 'submit_rectification'
          ? { note: '', photoIds: [], rectificationMeasures: hazard.rectificationMeasures }
          : { note: '' },
    );
  }, [action, hazard, form]);

  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      let next: HazardDetail;
      if (action === 'update') {
        const patch: Record<string, string> = { note: v.note?.trim() ?? '' };
        const deadline = v.deadline?.format('YYYY-MM-DD');
        if (deadline && deadline !== hazard.deadlineDate) patch.deadline = deadline;
        if (v.level && v.level !== hazard.level) patch.level = v.level;
        if ((v.responsiblePerson ?? '').trim() !== hazard.responsiblePerson) patch.responsiblePerson = (v.responsiblePerson ?? '').trim();
        if ((v.rectificationMeasures ?? '').trim() !== hazard.rectificationMeasures) patch.rectificationMeasures = (v.rectificationMeasures ?? '').trim();
        next = await api<HazardDetail>(`/api/hazards/${hazard.id}`, { method: 'PATCH', json: patch });
      } else {
        const body: Record<string, unknown> = { note: v.note?.trim() ?? '', photoIds: v.photoIds ?? [], revision: hazard.revision };
        if (action === 'submit_rectification' && (v.rectificationMeasures ?? '').trim() !== hazard.rectificationMeasures) {
          body.rectificationMeasures = (v.rectificationMeasures ?? '').trim();
        }
        next = await api<HazardDetail>(`/api/hazards/${hazard.id}/${STEP_PATH[action]}`, { method: 'POST', json: body });
      }
      qc.setQueryData(['hazard', hazard.id], next);
      void qc.invalidateQueries({ queryKey: ['hazards'] });
      message.success(t(`hazards.action.done.${action}`));
      onClose();
    } catch (e) {
      if (isStale(e)) {
        message.error((e as Error).message);
        void qc.invalidateQueries({ queryKey: ['hazard', hazard.id] });
        onClose();
      } else {
        setError(applyApiError(e, form, FIELDS));
      }
    } finally {
      setBusy(false);
    }
  };

  const noteRequired = action === 'submit_rectification' || action === 'return';
  const noteLabel = action ? t(`hazards.action.noteLabel.${action}`) : '';

  return (
    <Modal
      open={!!action}
      title={action ? t(`hazards.action.title.${action}`) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={action === 'update' ? t('common.save') : t('hazards.action.confirm')}
      okButtonProps={{ loading: busy, disabled: uploading, danger: action === 'return', ...({ 'data-testid': 'hazard-step-ok' } as object) }}
      cancelText={t('common.cancel')}
      forceRender
      centered
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {action === 'verify' && hazard.level === 'major' && <Alert type="info" showIcon title={t('hazards.action.verifyMajorHint')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={noteRequired ? undefined : false}>
        {action === 'update' && (
          <>
            <Form.Item name="deadline" label={t('hazards.field.deadline')} rules={[{ required: true, message: t('hazards.rule.deadline') }]}>
              <DatePicker format="YYYY-MM-DD" inputReadOnly allowClear={false} style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
            </Form.Item>
            <Form.Item name="level" label={t('hazards.field.level')}>
              <Segmented block options={[{ value: 'general', label: t('hazardLevel.general') }, { value: 'major', label: t('hazardLevel.major') }]} />
            </Form.Item>
            <Form.Item name="responsiblePerson" label={t('hazards.field.responsiblePerson')} rules={[{ max: 40, message: t('hazards.rule.max', { n: 40 }) }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="rectificationMeasures" label={t('hazards.field.measures')} rules={[{ max: 2000, message: t('hazards.rule.max', { n: 2000 }) }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="note"
          label={noteLabel}
          rules={[
            ...(noteRequired ? [{ required: true, whitespace: true, message: t(`hazards.action.noteRequired.${action}`) }] : []),
            { max: action === 'update' ? 500 : 1000, message: t('hazards.rule.max', { n: action === 'update' ? 500 : 1000 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={action === 'update' ? 500 : 1000} placeholder={action ? t(`hazards.action.notePlaceholder.${action}`) : ''} data-testid="hazard-step-note" />
        </Form.Item>
        {action === 'submit_rectification' && (
          <>
            <Form.Item name="photoIds" label={t('hazards.action.evidence')} extra={t('hazards.action.evidenceHelp')}>
              <PhotoUploader onBusyChange={setUploading} />
            </Form.Item>
            <Form.Item name="rectificationMeasures" label={t('hazards.field.measures')} rules={[{ max: 2000, message: t('hazards.rule.max', { n: 2000 }) }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
