import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Grid, Input, Modal, Space, Timeline, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, PaperClipOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { dayjs, formatLocalDateTime, localDate, t, type PlanDetail, type PlanVersion } from '@lifeline/shared';
import { api, newIdempotencyKey } from '../../api/client.ts';
import { applyApiError, isStale } from '../../components/apiErrors.ts';
import { detailState, retryUnlessClientError } from '../../components/DetailState.tsx';
import { FileListUploader } from '../campaigns/work/FileListUploader.tsx';
import { PlanStateTag, VersionStatusTag } from './planBits.tsx';
import './plans.css';

type Decision = 'approve' | 'return';

/**
 * 预案详情: the plan's state (with why it is due for revision), the version timeline (newest
 * first: files, notes, who submitted, review result and comment), 上传新版本 for the institution's
 * safety officer, and 通过 / 退回 for the reviewer (a sticky bar on phones).
 */
export default function PlanDetailPage() {
  const { id = '' } = useParams();
  const nav = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [decision, setDecision] = useState<Decision | null>(null);
  const q = useQuery({ queryKey: ['plan', id], queryFn: () => api<PlanDetail>(`/api/plans/${id}`), retry: retryUnlessClientError });
  const fallback = detailState(q);
  if (fallback) return fallback;
  const p = q.data!;
  const latest = p.versions[0];

  const reviewButtons = p.abilities.review
    ? [
        <Button key="approve" type="primary" icon={<CheckOutlined />} size={mobile ? 'large' : 'middle'} onClick={() => setDecision('approve')} data-testid="plan-approve">
          {t('plans.review.approve')}
        </Button>,
        <Button key="return" danger icon={<RollbackOutlined />} size={mobile ? 'large' : 'middle'} onClick={() => setDecision('return')} data-testid="plan-return">
          {t('plans.review.return')}
        </Button>,
      ]
    : [];

  return (
    <div className="pl-page" style={{ maxWidth: 960 }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? nav(-1) : nav('/plans'))} style={{ paddingInline: 0, marginBottom: 8 }}>
        {t('plans.back')}
      </Button>
      <Card size={mobile ? 'small' : undefined} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{`${p.townshipName} · ${p.institutionName}`}</Typography.Text>
        <Typography.Title level={4} style={{ margin: '2px 0 8px', wordBreak: 'break-all' }} data-testid="plan-title-heading">
          {p.title}
        </Typography.Title>
        <Space size={6} wrap>
          <PlanStateTag state={p.state} />
          <span className="muted">{t(`planKind.${p.kind}`)}</span>
        </Space>
        {p.revisionRequested && <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('plans.revisionRequested')} description={p.revisionReason || undefined} />}
        {p.dueForRevision && !p.revisionRequested && <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('plans.dueByAge', { date: p.validUntil ?? '' })} />}
        {p.state === 'returned' && latest && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('plans.returnedAlert', { n: latest.version })} description={<div className="pl-comment">{latest.reviewComment}</div>} />
        )}
        {p.state === 'pending' && !p.abilities.review && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('plans.pendingAlert', { n: latest?.version ?? 0 })} />}
        <Descriptions
          size="small"
          style={{ marginTop: 12 }}
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            { key: 'approved', label: t('plans.approvedVersion'), children: p.approvedVersion ? `v${p.approvedVersion}` : t('plans.none') },
            { key: 'effective', label: t('plans.col.effectiveOn'), children: p.approvedEffectiveOn ?? '—' },
            { key: 'valid', label: t('plans.col.validUntil'), children: p.validUntil ?? '—' },
          ]}
        />
      </Card>

      {p.abilities.submitVersion && <VersionForm plan={p} />}

      <Card size={mobile ? 'small' : undefined} title={t('plans.versions.title')} extra={!mobile && reviewButtons.length > 0 ? <Space>{reviewButtons}</Space> : undefined} data-testid="plan-versions">
        {p.versions.length === 0 ? (
          <Empty description={t('plans.versions.empty')} />
        ) : (
          <Timeline items={p.versions.map((v) => ({ key: v.id, color: v.status === 'approved' ? 'green' : v.status === 'returned' ? 'orange' : 'blue', content: <VersionItem v={v} /> }))} />
        )}
      </Card>
      {mobile && reviewButtons.length > 0 && <div className="pl-sticky-actions">{reviewButtons}</div>}
      <ReviewModal plan={p} version={latest} decision={decision} onClose={() => setDecision(null)} />
    </div>
  );
}

/** One version in the timeline. */
function VersionItem({ v }: { v: PlanVersion }) {
  return (
    <div data-testid="plan-version">
      <Space size={6} wrap>
        <Typography.Text strong>{t('plans.versions.n', { n: v.version })}</Typography.Text>
        <VersionStatusTag status={v.status} />
        <span className="muted">{t('plans.versions.effective', { date: v.effectiveOn })}</span>
      </Space>
      <div className="muted">{t('plans.versions.submitted', { name: v.submittedByName, time: formatLocalDateTime(v.submittedAt) })}</div>
      {v.notes && <div style={{ whiteSpace: 'pre-wrap' }}>{v.notes}</div>}
      <div className="pl-version-files">
        {v.attachments.map((a) => (
          <a key={a.id} href={`${a.url}?download=1`} target="_blank" rel="noreferrer">
            <PaperClipOutlined /> {a.originalName}
          </a>
        ))}
      </div>
      {v.reviewedAt && (
        <div className={`pl-comment${v.status === 'approved' ? ' ok' : ''}`}>
          <div className="muted">{t('plans.versions.reviewed', { name: v.reviewedByName ?? '', time: formatLocalDateTime(v.reviewedAt), result: t(`plans.versionStatus.${v.status}`) })}</div>
          {v.reviewComment}
        </div>
      )}
    </div>
  );
}

interface VersionValues {
  effectiveOn?: dayjs.Dayjs;
  notes?: string;
  attachmentIds?: string[];
}

/** 上传新版本: effective date, what changed, the Word/PDF files. One Idempotency-Key per attempt. */
function VersionForm({ plan }: { plan: PlanDetail }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<VersionValues>();
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (uploading) return setError(t('plans.form.waitUploads'));
    const payload = { effectiveOn: v.effectiveOn!.format('YYYY-MM-DD'), notes: (v.notes ?? '').trim(), attachmentIds: v.attachmentIds ?? [] };
    const body = JSON.stringify(payload);
    if (!attempt.current || attempt.current.body !== body) attempt.current = { key: newIdempotencyKey(), body };
    setBusy(true);
    setError(null);
    try {
      const next = await api<PlanDetail>(`/api/plans/${plan.id}/versions`, { method: 'POST', json: payload, idempotencyKey: attempt.current.key });
      attempt.current = null;
      qc.setQueryData(['plan', plan.id], next);
      void qc.invalidateQueries({ queryKey: ['plans'] });
      message.success(t('plans.form.done'));
      form.resetFields();
    } catch (e) {
      if (isStale(e)) {
        message.error((e as Error).message);
        void qc.invalidateQueries({ queryKey: ['plan', plan.id] });
      } else setError(applyApiError(e, form, ['effectiveOn', 'notes', 'attachmentIds']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size={mobile ? 'small' : undefined} title={t('plans.form.title', { n: plan.currentVersion + 1 })} style={{ marginBottom: 12 }} data-testid="plan-version-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ effectiveOn: dayjs(localDate(new Date())), attachmentIds: [] }}>
        <Form.Item name="effectiveOn" label={t('plans.form.effectiveOn')} rules={[{ required: true, message: t('plans.rule.effectiveOn') }]}>
          <DatePicker style={{ width: mobile ? '100%' : 200 }} inputReadOnly={mobile} />
        </Form.Item>
        <Form.Item name="attachmentIds" label={t('plans.form.files')} extra={t('plans.form.filesHint')} rules={[{ required: true, type: 'array', min: 1, message: t('plans.rule.files') }]}>
          <FileListUploader kind="document" max={10} onBusyChange={setUploading} />
        </Form.Item>
        <Form.Item name="notes" label={t('plans.form.notes')} rules={[{ max: 2000, message: t('hazards.rule.max', { n: 2000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} placeholder={t('plans.form.notesPlaceholder')} />
        </Form.Item>
      </Form>
      <Button type="primary" icon={<UploadOutlined />} loading={busy} disabled={uploading} block={mobile} size={mobile ? 'large' : 'middle'} onClick={() => void submit()} data-testid="plan-version-submit">
        {t('plans.form.submit')}
      </Button>
    </Card>
  );
}

/** 通过 / 退回 of the pending version (a comment is required to return). */
function ReviewModal({ plan, version, decision, onClose }: { plan: PlanDetail; version: PlanVersion | undefined; decision: Decision | null; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ comment?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isReturn = decision === 'return';
  const submit = async () => {
    if (!decision || !version) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api<PlanDetail>(`/api/plan-versions/${version.id}/review`, { method: 'POST', json: { decision, comment: (v.comment ?? '').trim() } });
      qc.setQueryData(['plan', plan.id], next);
      void qc.invalidateQueries({ queryKey: ['plans'] });
      message.success(isReturn ? t('plans.review.returned') : t('plans.review.approved'));
      form.resetFields();
      onClose();
    } catch (e) {
      if (isStale(e)) {
        message.error((e as Error).message);
        void qc.invalidateQueries({ queryKey: ['plan', plan.id] });
        onClose();
      } else setError(applyApiError(e, form, ['comment']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!decision}
      title={isReturn ? t('plans.review.returnTitle', { n: version?.version ?? 0 }) : t('plans.review.approveTitle', { n: version?.version ?? 0 })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={isReturn ? t('plans.review.return') : t('plans.review.approve')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, danger: isReturn, 'data-testid': 'plan-review-confirm' } as ButtonProps}
      forceRender
      centered
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="comment"
          label={isReturn ? t('plans.review.returnComment') : t('plans.review.comment')}
          rules={[...(isReturn ? [{ required: true, whitespace: true, message: t('plans.review.returnRequired') }] : []), { max: 1000, message: t('hazards.rule.max', { n: 1000 }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} data-testid="plan-review-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
