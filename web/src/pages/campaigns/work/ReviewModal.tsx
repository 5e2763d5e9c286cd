import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { t, type AssignmentDetail, type Submission } from '@lifeline/shared';
import { api } from '../../../api/client.ts';
import { applyApiError, isStale } from '../../../components/apiErrors.ts';

export type ReviewDecision = 'accept' | 'return';

/**
 * 通过 / 退回 of the latest submitted version: a comment (required to return — the unit revises by
 * it), then POST /api/submissions/:id/review. A 409 (someone reviewed first, or a newer version)
 * shows the server's message and reloads the assignment. 退回 needs `abilities.return` (not once the
 * campaign has ended: no new version could follow).
 */
export function ReviewModal({ assignment, submission, decision, onClose }: { assignment: AssignmentDetail; submission: Submission | undefined; decision: ReviewDecision | null; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ comment?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!decision) return;
    setError(null);
    form.resetFields();
  }, [decision, form]);

  // the assignment may have been reloaded meanwhile (the campaign ended): 退回 is no longer possible
  const returnBlocked = decision === 'return' && !assignment.abilities.return;

  const submit = async () => {
    if (!decision || !submission || returnBlocked) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api<AssignmentDetail>(`/api/submissions/${submission.id}/review`, { method: 'POST', json: { decision, comment: (v.comment ?? '').trim() } });
      qc.setQueryData(['assignment', assignment.id], next);
      void qc.invalidateQueries({ queryKey: ['board', assignment.campaignId] });
      void qc.invalidateQueries({ queryKey: ['assignments'] });
      message.success(decision === 'accept' ? t('campaignWork.review.accepted') : t('campaignWork.review.returned'));
      onClose();
    } catch (e) {
      if (isStale(e)) {
        message.error((e as Error).message);
        void qc.invalidateQueries({ queryKey: ['assignment', assignment.id] });
        onClose();
      } else {
        setError(applyApiError(e, form, ['comment']));
      }
    } finally {
      setBusy(false);
    }
  };

  const isReturn = decision === 'return';
  const n = submission?.version ?? 0;
  return (
    <Modal
      open={!!decision}
      title={isReturn ? t('campaignWork.review.returnTitle', { n }) : t('campaignWork.review.acceptTitle', { n })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={isReturn ? t('campaignWork.review.return') : t('campaignWork.review.accept')}
      okButtonProps={{ loading: busy, danger: isReturn, disabled: returnBlocked, 'data-testid': 'review-confirm' } as ButtonProps}
      cancelText={t('common.cancel')}
      forceRender
      centered
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {returnBlocked && <Alert type="warning" showIcon title={t('campaignWork.review.noReturn')} style={{ marginBottom: 12 }} data-testid="review-no-return" />}
      <Form form={form} layout="vertical" requiredMark={isReturn ? undefined : false}>
        <Form.Item
          name="comment"
          label={isReturn ? t('campaignWork.review.returnComment') : t('campaignWork.review.comment')}
          rules={[...(isReturn ? [{ required: true, whitespace: true, message: t('campaignWork.review.returnRequired') }] : []), { max: 2000, message: t('hazards.rule.max', { n: 2000 }) }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            placeholder={isReturn ? t('campaignWork.review.returnPlaceholder') : t('campaignWork.review.commentPlaceholder')}
            data-testid="review-comment-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
