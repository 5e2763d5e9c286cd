import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import { HAZARD_CATEGORIES, HAZARD_LEVELS, REPORT_REJECTION_REASONS, REPORT_VERDICTS, dayjs, localDate, t, type HazardSummary, type ReportDetail, type ReportSummary } from '@lifeline/shared';
import { api, newIdempotencyKey, qs } from '../../api/client.ts';
import { applyApiError, isStale } from '../../components/apiErrors.ts';
import { InstitutionPicker } from '../../components/InstitutionPicker.tsx';
import { useOrgTree } from '../../components/orgQueries.ts';
import { TownshipSelect } from '../../components/TownshipSelect.tsx';

/** The workflow steps with a form. */
export type ReportUiStep = 'accept' | 'reject' | 'start_verification' | 'verdict' | 'close';

const PATH: Record<ReportUiStep, string> = { accept: 'accept', reject: 'reject', start_verification: 'start-verification', verdict: 'verdict', close: 'close' };

/**
 * One step of report handling as a modal form: 受理并分派 (township or office), 不予受理 (reason,
 * duplicate / transfer), 开始核查, 核查结论 (verdict + the hazard to open or link), 办结. Field errors
 * from the server land on their fields; a 409 reloads the report.
 */
export function ReportStepModal({ step, report, onClose }: { step: ReportUiStep | null; report: ReportDetail; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useMemo(() => (step ? newIdempotencyKey() : ''), [step]);
  const org = useOrgTree(step === 'accept');
  const target = Form.useWatch('target', form) as 'township' | 'office' | undefined;
  const reason = Form.useWatch('reason', form) as string | undefined;
  const verdict = Form.useWatch('verdict', form) as string | undefined;
  const hazardMode = Form.useWatch('hazardMode', form) as 'create' | 'link' | undefined;

  useEffect(() => {
    if (!step) return;
    form.resetFields();
    setError(null);
    form.setFieldsValue({ target: 'township', hazardMode: 'create', level: 'general', institutionId: report.institutionId ?? undefined, deadline: dayjs().add(15, 'day') });
  }, [step, form, report.institutionId]);

  const body = (v: Record<string, unknown>) => {
    const base = { revision: report.revision };
    switch (step) {
      case 'accept':
        return { ...base, note: v.note ?? '', ...(v.target === 'office' ? { officeId: v.officeId } : { townshipId: v.townshipId }) };
      case 'reject':
        return { ...base, reason: v.reason, note: v.note ?? '', ...(v.reason === 'duplicate' ? { duplicateOfId: v.duplicateOfId } : {}), ...(v.reason === 'out_of_remit' ? { transferredTo: v.transferredTo ?? '' } : {}) };
      case 'verdict': {
        const hazard =
          v.verdict === 'false'
            ? undefined
            : v.hazardMode === 'link'
              ? { mode: 'link', hazardId: v.hazardId }
              : {
                  mode: 'create',
                  institutionId: v.institutionId,
                  level: v.level,
                  category: v.category,
                  title: v.title,
                  location: v.location ?? '',
                  description: v.hazardDescription ?? '',
                  deadline: v.deadline ? localDate((v.deadline as dayjs.Dayjs).toDate()) : undefined,
                };
        return { ...base, verdict: v.verdict, note: v.note ?? '', ...(hazard ? { hazard } : {}) };
      }
      default:
        return { ...base, note: v.note ?? '' };
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const d = await api<ReportDetail>(`/api/reports/${report.id}/${PATH[step!]}`, { method: 'POST', json: body(v), idempotencyKey: key });
      qc.setQueryData(['report', report.id], d);
      void qc.invalidateQueries({ queryKey: ['reports', 'list'] });
      message.success(t('reports.step.done'));
      onClose();
    } catch (e) {
      const msg = applyApiError(e, form, ['townshipId', 'officeId', 'reason', 'note', 'duplicateOfId', 'transferredTo', 'verdict']);
      // hazard.* paths map onto the flat hazard fields of this form
      const fe = (e as { fieldErrors?: Record<string, string> }).fieldErrors ?? {};
      const flat = Object.entries(fe).filter(([p]) => p.startsWith('hazard.')).map(([p, m]) => ({ name: p === 'hazard.description' ? 'hazardDescription' : p.slice(7), errors: [m] }));
      if (flat.length) form.setFields(flat);
      setError(msg);
      if (isStale(e)) void qc.invalidateQueries({ queryKey: ['report', report.id] });
    } finally {
      setBusy(false);
    }
  };

  const needNote = step === 'reject' || step === 'verdict';
  return (
    <Modal open={step !== null} title={step ? t(`reports.step.${step}`) : ''} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('common.submit')} destroyOnHidden width={560} data-testid="report-step-modal">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        {step === 'accept' && (
          <>
            <Form.Item name="target" label={t('reports.accept.target')}>
              <Radio.Group options={[{ value: 'township', label: t('reports.accept.township') }, { value: 'office', label: t('reports.accept.office') }]} optionType="button" />
            </Form.Item>
            {target === 'office' ? (
              <Form.Item name="officeId" label={t('reports.accept.office')} rules={[{ required: true, message: t('reports.accept.officeRequired') }]}>
                <Select options={(org.data?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))} loading={org.isLoading} />
              </Form.Item>
            ) : (
              <Form.Item name="townshipId" label={t('reports.accept.township')} rules={[{ required: true, message: t('reports.accept.townshipRequired') }]}>
                <TownshipSelect placeholder={t('reports.accept.township')} onChange={() => undefined} />
              </Form.Item>
            )}
          </>
        )}
        {step === 'reject' && (
          <>
            <Form.Item name="reason" label={t('reports.reject.reason')} rules={[{ required: true, message: t('reports.reject.reasonRequired') }]}>
              <Select options={REPORT_REJECTION_REASONS.map((r) => ({ value: r, label: t(`reportRejection.${r}`) }))} />
            </Form.Item>
            {reason === 'duplicate' && (
              <Form.Item name="duplicateOfId" label={t('reports.reject.duplicateOf')} extra={t('reports.reject.duplicateOfHint')} rules={[{ required: true, message: t('reports.reject.duplicateOfRequired') }]}>
                <ReportPicker excludeId={report.id} />
              </Form.Item>
            )}
            {reason === 'out_of_remit' && (
              <Form.Item name="transferredTo" label={t('reports.reject.transferredTo')} rules={[{ required: true, message: t('reports.reject.transferredToRequired') }]}>
                <Input maxLength={100} />
              </Form.Item>
            )}
          </>
        )}
        {step === 'verdict' && (
          <>
            <Form.Item name="verdict" label={t('reports.verdict.label')} rules={[{ required: true, message: t('reports.verdict.required') }]}>
              <Radio.Group options={REPORT_VERDICTS.map((v) => ({ value: v, label: t(`reportVerdict.${v}`) }))} optionType="button" />
            </Form.Item>
            {verdict && verdict !== 'false' && (
              <>
                <Form.Item name="hazardMode" label={t('reports.verdict.hazard')}>
                  <Radio.Group options={[{ value: 'create', label: t('reports.verdict.hazardCreate') }, { value: 'link', label: t('reports.verdict.hazardLink') }]} optionType="button" />
                </Form.Item>
                {hazardMode === 'link' ? (
                  <Form.Item name="hazardId" label={t('reports.verdict.hazardId')} extra={t('reports.verdict.hazardIdHint')} rules={[{ required: true, message: t('reports.verdict.hazardIdRequired') }]}>
                    <HazardPicker institutionId={report.institutionId} />
                  </Form.Item>
                ) : (
                  <>
                    <Form.Item name="institutionId" label={t('reports.verdict.institution')} extra={report.institutionId ? undefined : t('reports.verdict.institutionHint')} rules={[{ required: true, message: t('reports.verdict.institutionRequired') }]}>
                      <InstitutionPicker />
                    </Form.Item>
                    <Form.Item name="title" label={t('hazards.field.title')} rules={[{ required: true, message: t('reports.verdict.titleRequired') }]}>
                      <Input maxLength={100} />
                    </Form.Item>
                    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                      <Form.Item name="level" label={t('hazards.field.level')} style={{ flex: '1 1 120px' }}>
                        <Select options={HAZARD_LEVELS.map((l) => ({ value: l, label: t(`hazardLevel.${l}`) }))} />
                      </Form.Item>
                      <Form.Item name="category" label={t('hazards.field.category')} style={{ flex: '1 1 160px' }} rules={[{ required: true, message: t('reports.verdict.categoryRequired') }]}>
                        <Select options={HAZARD_CATEGORIES.map((c) => ({ value: c, label: t(`hazardCategory.${c}`) }))} />
                      </Form.Item>
                      <Form.Item name="deadline" label={t('reports.verdict.deadline')} style={{ flex: '1 1 140px' }} rules={[{ required: true, message: t('reports.verdict.deadlineRequired') }]}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </div>
                    <Form.Item name="location" label={t('hazards.field.location')}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item name="hazardDescription" label={t('hazards.field.description')} extra={t('reports.verdict.noIdentityHint')}>
                      <Input.TextArea rows={2} maxLength={2000} />
                    </Form.Item>
                  </>
                )}
              </>
            )}
          </>
        )}
        <Form.Item
          name="note"
          label={step === 'verdict' ? t('reports.verdict.note') : t('reports.step.note')}
          rules={needNote ? [{ required: true, whitespace: true, message: t('reports.step.noteRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={step === 'verdict' ? 2000 : 1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Picks another report (the earlier one of the same matter) by serial number, place or content. */
function ReportPicker({ value, onChange, excludeId }: { value?: string; onChange?: (v: string) => void; excludeId: string }) {
  const q = useQuery({ queryKey: ['reports', 'picker'], queryFn: () => api<{ items: ReportSummary[] }>(`/api/reports${qs({ pageSize: 200 })}`) });
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      loading={q.isLoading}
      optionFilterProp="label"
      placeholder={t('reports.reject.duplicateOfPlaceholder')}
      options={(q.data?.items ?? []).filter((r) => r.id !== excludeId).map((r) => ({ value: r.id, label: `${r.serialNo} ${r.institutionName ?? r.placeText} ${t(`reportCategory.${r.category}`)}` }))}
    />
  );
}

/** Picks an open hazard of the report's institution (or any in scope when it names none). */
function HazardPicker({ value, onChange, institutionId }: { value?: string; onChange?: (v: string) => void; institutionId: string | null }) {
  const q = useQuery({ queryKey: ['hazards', 'picker', institutionId], queryFn: () => api<{ items: HazardSummary[] }>(`/api/hazards${qs({ institutionId: institutionId ?? undefined, open: 'true', pageSize: 200 })}`) });
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      loading={q.isLoading}
      optionFilterProp="label"
      options={(q.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.code} ${h.title}（${h.institutionName}）` }))}
    />
  );
}
