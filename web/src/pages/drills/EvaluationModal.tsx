import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Grid, Input, InputNumber, Modal, Skeleton, Typography } from 'antd';
import { t, type DrillDetail, type DrillEvaluationInput, type DrillEvaluationTemplate } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { applyApiError } from '../../components/apiErrors.ts';

interface Row {
  code: string;
  label: string;
  maxScore: number;
  hint?: string;
  score: number | null;
  comment: string;
}
interface Values {
  items: Row[];
  comments: string;
  evaluatorName: string;
  planNeedsRevision: boolean;
  revisionReason: string;
}

/**
 * 演练评估 form: one score per item of the form (the drill's saved items, else the default
 * template from GET /api/drills/evaluation-template), comments, the evaluator, and 「应急预案需要修订」
 * which flags the exercised plan. Full-screen on phones.
 */
export function EvaluationModal({ drill, onClose, onSaved }: { drill: DrillDetail; onClose: () => void; onSaved: (d: DrillDetail) => void }) {
  const mobile = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tpl = useQuery({ queryKey: ['drills', 'evaluation-template'], queryFn: () => api<DrillEvaluationTemplate>('/api/drills/evaluation-template'), enabled: !drill.evaluation, staleTime: Infinity });
  const items = Form.useWatch('items', form);
  const needsRevision = Form.useWatch('planNeedsRevision', form);
  const total = (items ?? []).reduce((s, i) => s + (i?.score ?? 0), 0);

  const rows: Row[] | undefined = drill.evaluation
    ? drill.evaluation.items.map((i) => ({ ...i }))
    : tpl.data?.items.map((i) => ({ code: i.code, label: i.label, maxScore: i.maxScore, hint: i.hint, score: null, comment: '' }));
  const max = (rows ?? []).reduce((s, i) => s + i.maxScore, 0);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const body: DrillEvaluationInput = {
        items: v.items.map((i, idx) => ({ code: rows![idx]!.code, label: rows![idx]!.label, maxScore: rows![idx]!.maxScore, score: i.score ?? 0, comment: i.comment?.trim() ?? '' })),
        comments: v.comments?.trim() ?? '',
        evaluatorName: v.evaluatorName?.trim() ?? '',
        planNeedsRevision: !!v.planNeedsRevision,
        revisionReason: v.revisionReason?.trim() ?? '',
      };
      onSaved(await api<DrillDetail>(`/api/drills/${drill.id}/evaluation`, { method: 'PUT', json: body }));
    } catch (e) {
      setError(applyApiError(e, form, ['items', 'comments', 'evaluatorName', 'planNeedsRevision', 'revisionReason']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${t('drills.evaluation.title')} · ${t('drills.evaluation.total')} ${t('drills.value.score', { score: total, max })}`}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('drills.evaluation.save')}
      confirmLoading={busy}
      width={mobile ? '100%' : 680}
      style={mobile ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined}
      okButtonProps={{ size: mobile ? 'large' : 'middle', 'data-testid': 'drill-eval-save' }}
      cancelButtonProps={{ size: mobile ? 'large' : 'middle' }}
      destroyOnHidden
    >
      {!rows ? (
        <Skeleton active />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            items: rows.map((r) => ({ score: r.score, comment: r.comment })),
            comments: drill.evaluation?.comments ?? '',
            evaluatorName: drill.evaluation?.evaluatorName ?? '',
            planNeedsRevision: drill.evaluation?.planNeedsRevision ?? false,
            revisionReason: '',
          }}
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('drills.evaluation.templateNote')}
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {rows.map((r, idx) => (
            <div key={r.code} className="dr-eval-row">
              <div style={{ minWidth: 0 }}>
                <div>
                  {r.label} <span className="muted">（{t('drills.evaluation.max')} {r.maxScore}）</span>
                </div>
                {r.hint && <div className="dr-eval-hint">{r.hint}</div>}
                <Form.Item name={['items', idx, 'comment']} noStyle>
                  <Input size="small" placeholder={t('drills.evaluation.comment')} maxLength={500} style={{ marginTop: 4 }} />
                </Form.Item>
              </div>
              <Form.Item name={['items', idx, 'score']} rules={[{ required: true, message: t('drills.evaluation.score') }]} style={{ margin: 0 }}>
                <InputNumber size="large" min={0} max={r.maxScore} precision={0} inputMode="numeric" placeholder={`0–${r.maxScore}`} aria-label={r.label} data-testid={`drill-eval-score-${r.code}`} />
              </Form.Item>
            </div>
          ))}
          <Form.Item name="comments" label={t('drills.evaluation.comments')} style={{ marginTop: 12 }}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="evaluatorName" label={t('drills.evaluation.evaluator')}>
            <Input maxLength={40} />
          </Form.Item>
          {drill.planId ? (
            <>
              <Form.Item name="planNeedsRevision" valuePropName="checked" extra={t('drills.evaluation.planNeedsRevisionHelp')}>
                <Checkbox>{t('drills.evaluation.planNeedsRevision')}</Checkbox>
              </Form.Item>
              {needsRevision && (
                <Form.Item name="revisionReason" label={t('drills.evaluation.revisionReason')}>
                  <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
                </Form.Item>
              )}
            </>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('drills.evaluation.noPlan')}
            </Typography.Text>
          )}
        </Form>
      )}
    </Modal>
  );
}
