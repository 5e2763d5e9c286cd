import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Grid, Input } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { t, type AssignmentDetail } from '@lifeline/shared';
import { api, newIdempotencyKey } from '../../../api/client.ts';
import { applyApiError, isStale } from '../../../components/apiErrors.ts';
import { PhotoUploader } from '../../../components/PhotoUploader.tsx';
import { FileListUploader } from './FileListUploader.tsx';
import { TEXT_COUNTS, UPLOAD_KIND, daysLeft, deliverableCount } from './workBits.tsx';

interface Values {
  text?: string;
  attachmentIds?: string[];
}
const FIELDS = ['text', 'attachmentIds'] as const;

/**
 * 报送 (or 重新报送 after a return): text plus the files the deliverable takes — documents for
 * articles, summaries and documents, photos for photos, a video for videos — with the required
 * quantity and the accepted types spelled out. One Idempotency-Key per attempt: a retry of the same
 * content (a phone on a weak network) reuses it, so the server never records two versions.
 * Server field errors land on the fields.
 */
export function SubmitForm({ assignment: a, onDone }: { assignment: AssignmentDetail; onDone?: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef<{ key: string; body: string } | null>(null);

  const kind = a.task.deliverableKind;
  const uploadKind = UPLOAD_KIND[kind];
  const textCounts = TEXT_COUNTS[kind];
  const unit = t(`deliverableUnit.${kind}`);
  const n = a.task.requiredQuantity;
  const textKey = kind === 'article' || kind === 'summary_report' ? kind : 'other';
  const nextVersion = (a.latestVersion ?? 0) + 1;
  const late = daysLeft(a.deadlineDate) < 0;
  // a resubmission starts from the returned version's text, to be revised by the comment
  const returnedText = a.submissions[0]?.status === 'returned' ? a.submissions[0].text : '';

  const text = Form.useWatch('text', form) ?? '';
  const ids = Form.useWatch('attachmentIds', form) ?? [];
  const items = deliverableCount(ids.length, text, textCounts);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (uploading) {
      setError(t('campaignWork.submit.waitUploads'));
      return;
    }
    const payload = { text: (v.text ?? '').trim(), attachmentIds: v.attachmentIds ?? [] };
    if (!payload.text && payload.attachmentIds.length === 0) {
      form.setFields([{ name: 'text', errors: [t('campaignWork.submit.empty')] }]);
      return;
    }
    const body = JSON.stringify(payload);
    if (!attempt.current || attempt.current.body !== body) attempt.current = { key: newIdempotencyKey(), body };
    setBusy(true);
    setError(null);
    try {
      const next = await api<AssignmentDetail>(`/api/campaign-assignments/${a.id}/submissions`, { method: 'POST', json: payload, idempotencyKey: attempt.current.key });
      attempt.current = null;
      qc.setQueryData(['assignment', a.id], next);
      void qc.invalidateQueries({ queryKey: ['assignments'] });
      void qc.invalidateQueries({ queryKey: ['board', a.campaignId] });
      message.success(next.submissions[0]?.status === 'accepted' ? t('campaignWork.submit.doneAccepted') : t('campaignWork.submit.done'));
      form.resetFields();
      onDone?.();
    } catch (e) {
      if (isStale(e)) {
        message.error((e as Error).message);
        void qc.invalidateQueries({ queryKey: ['assignment', a.id] });
      } else {
        setError(applyApiError(e, form, FIELDS));
      }
    } finally {
      setBusy(false);
    }
  };

  const required = textCounts ? t('campaignWork.submit.required.text', { n, unit }) : t('campaignWork.submit.required.files', { n, unit });
  const types = uploadKind ? t(`campaignWork.submit.types.${uploadKind}`) : '';
  const short = n - items;

  return (
    <Card
      size={mobile ? 'small' : undefined}
      className="cw-section"
      title={a.latestVersion ? t('campaignWork.submit.titleAgain', { n: nextVersion }) : t('campaignWork.submit.title')}
      data-testid="submit-card"
    >
      {late && <Alert type="warning" showIcon title={t('campaignWork.submit.lateHint')} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="submit-error" />}
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ text: returnedText, attachmentIds: [] }}>
        <Form.Item name="text" label={t(`campaignWork.submit.text.${textKey}`)} rules={[{ max: 20_000, message: t('hazards.rule.max', { n: 20_000 }) }]}>
          <Input.TextArea
            autoSize={{ minRows: textCounts ? (mobile ? 6 : 8) : 2, maxRows: 20 }}
            maxLength={20_000}
            showCount={textCounts}
            placeholder={t(`campaignWork.submit.textPlaceholder.${textKey}`)}
            data-testid="submit-text"
          />
        </Form.Item>
        {uploadKind && (
          <Form.Item
            name="attachmentIds"
            label={uploadKind === 'photo' ? t('campaignWork.submit.photos') : uploadKind === 'video' ? t('campaignWork.submit.video') : t('campaignWork.submit.files')}
            extra={
              <span data-testid="submit-requirement">{t('campaignWork.submit.requirement', { required, types })}</span>
            }
          >
            {uploadKind === 'photo' ? (
              <PhotoUploader max={30} onBusyChange={setUploading} />
            ) : (
              <FileListUploader kind={uploadKind} onBusyChange={setUploading} />
            )}
          </Form.Item>
        )}
      </Form>
      <div className="cw-submit-row">
        <span className="muted" data-testid="submit-count">
          {t('campaignWork.submit.count', { n: items, unit })}
          {short > 0 && ` · ${t('campaignWork.submit.notEnough', { n: short, unit })}`}
        </span>
        <Button type="primary" icon={<SendOutlined />} size={mobile ? 'large' : 'middle'} loading={busy} disabled={uploading} onClick={() => void submit()} block={mobile} data-testid="submit-button">
          {t('campaignWork.submit.button')}
        </Button>
      </div>
    </Card>
  );
}
