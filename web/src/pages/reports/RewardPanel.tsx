import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { ACCIDENT_GRADES, REWARD_BASES, dayjs, formatLocalDateTime, localDate, t, type ReportDetail, type RewardBasis, type RewardSuggestion } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { applyApiError, isStale } from '../../components/apiErrors.ts';
import { RewardStatusTag, yuan } from './reportBits.tsx';

/**
 * 举报奖励: the reward of a report — the suggested amount from the county's rules with an override
 * (reason required), approval by a leader/admin other than the proposer, and the payment record
 * once the reporter claimed it by receipt code. Buttons follow the DTO's abilities.
 */
export function RewardPanel({ report }: { report: ReportDetail }) {
  const w = report.reward;
  const [proposing, setProposing] = useState(false);
  const [decision, setDecision] = useState<'approve' | 'reject' | 'pay' | null>(null);
  if (!w && !report.abilities.propose_reward) return null;
  return (
    <Card title={t('reports.reward.title')} size="small" data-testid="reward-panel" extra={w && <RewardStatusTag status={w.status} />}>
      {w && (
        <Descriptions column={1} size="small" items={[
          { key: 'basis', label: t('reports.reward.basis'), children: t(`rewardBasis.${w.basis}`) },
          { key: 'suggested', label: t('reports.reward.suggested'), children: yuan(w.suggestedYuan) },
          { key: 'amount', label: t('reports.reward.amount'), children: <Typography.Text strong data-testid="reward-amount">{yuan(w.amountYuan)}</Typography.Text> },
          ...(w.overrideReason ? [{ key: 'why', label: t('reports.reward.overrideReason'), children: w.overrideReason }] : []),
          { key: 'proposed', label: t('reports.reward.proposedBy'), children: `${w.proposedByName} · ${formatLocalDateTime(w.proposedAt)}` },
          ...(w.approvedByName ? [{ key: 'approved', label: t('reports.reward.approvedBy'), children: `${w.approvedByName} · ${formatLocalDateTime(w.approvedAt!)}` }] : []),
          ...(w.claimDeadline ? [{ key: 'deadline', label: t('reports.reward.claimDeadline'), children: formatLocalDateTime(w.claimDeadline) }] : []),
          { key: 'claimed', label: t('reports.reward.claimed'), children: w.claimedAt ? formatLocalDateTime(w.claimedAt) : t('reports.reward.notClaimed') },
          ...(w.paidAt ? [{ key: 'paid', label: t('reports.reward.paid'), children: `${formatLocalDateTime(w.paidAt)} · ${w.paymentRef}` }] : []),
        ]} />
      )}
      <Space wrap style={{ marginTop: w ? 8 : 0 }}>
        {report.abilities.propose_reward && (
          <Button type="primary" onClick={() => setProposing(true)} data-testid="reward-propose">
            {w ? t('reports.reward.proposeAgain') : t('reports.reward.propose')}
          </Button>
        )}
        {w?.abilities.approve && <Button type="primary" onClick={() => setDecision('approve')} data-testid="reward-approve">{t('reports.reward.approve')}</Button>}
        {w?.abilities.reject && <Button danger onClick={() => setDecision('reject')}>{t('reports.reward.reject')}</Button>}
        {w?.abilities.pay && <Button type="primary" onClick={() => setDecision('pay')} data-testid="reward-pay">{t('reports.reward.pay')}</Button>}
      </Space>
      {w?.status === 'approved' && !w.claimedAt && <Alert type="info" showIcon title={t('reports.reward.waitClaim')} style={{ marginTop: 8 }} />}
      <ProposeModal open={proposing} report={report} onClose={() => setProposing(false)} />
      {w && <DecisionModal kind={decision} reportId={report.id} rewardId={w.id} onClose={() => setDecision(null)} />}
    </Card>
  );
}

/** The propose form: basis, the rule's inputs, the live suggestion, an optional override with reason. */
function ProposeModal({ open, report, onClose }: { open: boolean; report: ReportDetail; onClose: () => void }) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const basis = (Form.useWatch('basis', form) as RewardBasis | undefined) ?? 'major_hazard_fine';
  const fineYuan = Form.useWatch('fineYuan', form) as number | undefined;
  const deaths = Form.useWatch('deaths', form) as number | undefined;
  const grade = Form.useWatch('grade', form) as string | undefined;
  const amountYuan = Form.useWatch('amountYuan', form) as number | undefined;
  const ready = basis === 'general_hazard_tier' || (basis === 'major_hazard_fine' ? fineYuan != null : deaths != null && !!grade);
  const suggestion = useQuery({
    queryKey: ['reward-suggestion', report.id, basis, fineYuan, deaths, grade],
    queryFn: () => api<RewardSuggestion>(`/api/reports/${report.id}/reward-suggestion${qs({ basis, fineYuan, deaths, grade })}`),
    enabled: open && ready,
    retry: false,
  });
  const overridden = amountYuan != null && suggestion.data && amountYuan !== suggestion.data.suggestedYuan;

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const basisInput = basis === 'major_hazard_fine' ? { fineYuan: v.fineYuan } : basis === 'concealed_accident' ? { deaths: v.deaths, grade: v.grade } : {};
      const d = await api<ReportDetail>(`/api/reports/${report.id}/reward`, {
        method: 'POST',
        json: { basis, basisInput, ...(v.amountYuan != null ? { amountYuan: v.amountYuan } : {}), overrideReason: v.overrideReason ?? '', revision: report.revision },
      });
      qc.setQueryData(['report', report.id], d);
      message.success(t('reports.step.done'));
      onClose();
    } catch (e) {
      setError(applyApiError(e, form, ['amountYuan', 'overrideReason', 'basis']));
      if (isStale(e)) void qc.invalidateQueries({ queryKey: ['report', report.id] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('reports.reward.propose')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('common.submit')} destroyOnHidden data-testid="reward-modal">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ basis: 'major_hazard_fine' }}>
        <Form.Item name="basis" label={t('reports.reward.basis')}>
          <Select options={REWARD_BASES.map((b) => ({ value: b, label: t(`rewardBasis.${b}`) }))} />
        </Form.Item>
        {basis === 'major_hazard_fine' && (
          <Form.Item name="fineYuan" label={t('reports.reward.fineYuan')} rules={[{ required: true, message: t('reports.reward.fineRequired') }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="reward-fine" />
          </Form.Item>
        )}
        {basis === 'concealed_accident' && (
          <Space wrap>
            <Form.Item name="deaths" label={t('reports.reward.deaths')} rules={[{ required: true, message: t('reports.reward.deathsRequired') }]}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
            <Form.Item name="grade" label={t('reports.reward.grade')} rules={[{ required: true, message: t('reports.reward.gradeRequired') }]}>
              <Select style={{ width: 160 }} options={ACCIDENT_GRADES.map((g) => ({ value: g, label: t(`accidentGrade.${g}`) }))} />
            </Form.Item>
          </Space>
        )}
        {suggestion.data && (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('reports.reward.suggestion', { amount: yuan(suggestion.data.suggestedYuan) })} description={suggestion.data.explanation} data-testid="reward-suggestion" />
        )}
        {suggestion.isError && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={(suggestion.error as Error).message} />}
        <Form.Item name="amountYuan" label={t('reports.reward.amountOverride')} extra={t('reports.reward.amountOverrideHint')}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        {overridden && (
          <Form.Item name="overrideReason" label={t('reports.reward.overrideReason')} rules={[{ required: true, whitespace: true, message: t('reports.reward.overrideReasonRequired') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** Approve / refuse (with a reason) / record the payment of a reward. */
function DecisionModal({ kind, reportId, rewardId, onClose }: { kind: 'approve' | 'reject' | 'pay' | null; reportId: string; rewardId: string; onClose: () => void }) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const json = kind === 'pay' ? { paymentRef: v.paymentRef, paidAt: localDate((v.paidAt as dayjs.Dayjs).toDate()) } : { note: v.note ?? '' };
      const d = await api<ReportDetail>(`/api/rewards/${rewardId}/${kind}`, { method: 'POST', json });
      qc.setQueryData(['report', reportId], d);
      void qc.invalidateQueries({ queryKey: ['reports', 'list'] });
      message.success(t('reports.step.done'));
      onClose();
    } catch (e) {
      setError(applyApiError(e, form, ['paymentRef', 'paidAt', 'note']));
      if (isStale(e)) void qc.invalidateQueries({ queryKey: ['report', reportId] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={kind !== null} title={kind ? t(`reports.reward.${kind}`) : ''} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('common.submit')} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ paidAt: dayjs() }}>
        {kind === 'pay' ? (
          <>
            <Form.Item name="paymentRef" label={t('reports.reward.paymentRef')} rules={[{ required: true, whitespace: true, message: t('reports.reward.paymentRefRequired') }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="paidAt" label={t('reports.reward.paidAt')} rules={[{ required: true, message: t('reports.reward.paidAtRequired') }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="note" label={t('reports.step.note')} rules={kind === 'reject' ? [{ required: true, whitespace: true, message: t('reports.step.noteRequired') }] : []}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
