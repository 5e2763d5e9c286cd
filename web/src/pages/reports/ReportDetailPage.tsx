import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Grid, Image, Input, Space, Timeline, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, CloseCircleOutlined, EyeOutlined, FileDoneOutlined, SearchOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { formatLocalDateTime, t, type ReportDetail } from '@lifeline/shared';
import { api, newIdempotencyKey } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { applyApiError } from '../../components/apiErrors.ts';
import { detailState, retryUnlessClientError } from '../../components/DetailState.tsx';
import { OverdueTag, StatusTag } from '../../components/StatusTag.tsx';
import { ReportOverdueTag, ReportStatusTag } from './reportBits.tsx';
import { ReportStepModal, type ReportUiStep } from './ReportStepModal.tsx';
import { RevealIdentityModal } from './RevealIdentityModal.tsx';
import { RewardPanel } from './RewardPanel.tsx';
import './reports.css';

const STEPS: { key: ReportUiStep; icon: React.ReactNode; type?: 'primary'; danger?: boolean }[] = [
  { key: 'accept', icon: <CheckCircleOutlined />, type: 'primary' },
  { key: 'start_verification', icon: <SearchOutlined />, type: 'primary' },
  { key: 'verdict', icon: <FileDoneOutlined />, type: 'primary' },
  { key: 'close', icon: <CloseCircleOutlined />, type: 'primary' },
  { key: 'reject', icon: <StopOutlined />, danger: true },
];

/**
 * One public report for staff: what and where, the reporter's photos, the handling history, the
 * message thread with the reporter, the hazard it opened (live status), the reward, and exactly the
 * step buttons its abilities allow. The reporter's identity is not part of it: holders of
 * 查看举报人身份 reveal it through an audited modal that asks why.
 */
export default function ReportDetailPage() {
  const { id = '' } = useParams();
  const nav = useNavigate();
  const { can } = useSession();
  const mobile = !Grid.useBreakpoint().md;
  const [step, setStep] = useState<ReportUiStep | null>(null);
  const [reveal, setReveal] = useState(false);
  const q = useQuery({ queryKey: ['report', id], queryFn: () => api<ReportDetail>(`/api/reports/${id}`), retry: retryUnlessClientError });
  const fallback = detailState(q);
  if (fallback) return fallback;
  const r = q.data!;
  const steps = STEPS.filter((s) => r.abilities[s.key]);

  const items: DescriptionsProps['items'] = [
    { key: 'category', label: t('reports.field.category'), children: t(`reportCategory.${r.category}`) },
    { key: 'place', label: t('reports.field.place'), children: r.institutionName ? (can('institution.read') ? <Link to={`/institutions/${r.institutionId}`}>{r.institutionName}</Link> : r.institutionName) : r.placeText },
    ...(r.institutionName && r.placeText ? [{ key: 'placeText', label: t('reports.field.placeText'), children: r.placeText }] : []),
    { key: 'receivedAt', label: t('reports.field.receivedAt'), children: formatLocalDateTime(r.receivedAt) },
    { key: 'assignee', label: t('reports.field.assignee'), children: r.townshipName ?? r.officeName ?? '—' },
    ...(r.stepDueAt && ['pending', 'accepted', 'verifying', 'verified'].includes(r.status) ? [{ key: 'due', label: t('reports.field.stepDueAt'), children: formatLocalDateTime(r.stepDueAt) }] : []),
    { key: 'reporter', label: t('reports.field.reporter'), children: r.hasContact ? t('reports.field.reporterRealName') : t('reports.field.reporterAnonymous') },
    ...(r.verdict ? [{ key: 'verdict', label: t('reports.field.verdict'), children: `${t(`reportVerdict.${r.verdict}`)}${r.verdictNote ? `：${r.verdictNote}` : ''}` }] : []),
    ...(r.rejectionReason
      ? [{ key: 'rejection', label: t('reports.field.rejection'), children: `${t(`reportRejection.${r.rejectionReason}`)}${r.transferredTo ? ` → ${r.transferredTo}` : ''}：${r.rejectionNote}` }]
      : []),
    ...(r.duplicateOf ? [{ key: 'dup', label: t('reports.field.duplicateOf'), children: <Link to={`/reports/${r.duplicateOf.id}`}>{r.duplicateOf.serialNo}</Link> }] : []),
  ];

  const buttons = (
    <div className="rp-actions">
      {steps.map((s) => (
        <Button key={s.key} type={s.type} danger={s.danger} icon={s.icon} onClick={() => setStep(s.key)} block={mobile} data-testid={`report-step-${s.key}`}>
          {t(`reports.step.${s.key}`)}
        </Button>
      ))}
      {r.abilities.reveal_identity && (
        <Button icon={<EyeOutlined />} onClick={() => setReveal(true)} block={mobile} data-testid="report-reveal">
          {t('reports.identity.button')}
        </Button>
      )}
    </div>
  );

  return (
    <div>
      <div className="page-header">
        <Space size={8} align="center" wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => nav(-1)} aria-label={t('common.back')} />
          <h2 style={{ margin: 0 }}>{r.serialNo}</h2>
          <ReportStatusTag status={r.status} />
          {r.overdue && <ReportOverdueTag />}
        </Space>
      </div>
      {!mobile && (steps.length > 0 || r.abilities.reveal_identity) && <div style={{ marginBottom: 16 }}>{buttons}</div>}

      <div className="rp-detail-grid">
        <div>
          <Card size="small" title={t('reports.detail.report')}>
            <Descriptions column={mobile ? 1 : 2} size="small" items={items} />
            <Typography.Paragraph className="rp-desc" style={{ marginTop: 12 }} data-testid="report-description">
              {r.description}
            </Typography.Paragraph>
            {r.photos.length > 0 && (
              <Image.PreviewGroup>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                  {r.photos.map((p, i) => (
                    <Image key={p.id} src={p.url} width={88} height={88} alt={t('reports.detail.photo', { n: i + 1 })} style={{ objectFit: 'cover', borderRadius: 6 }} />
                  ))}
                </div>
              </Image.PreviewGroup>
            )}
          </Card>
          {r.hazard && (
            <Card size="small" title={t('reports.detail.hazard')} data-testid="report-hazard">
              <Space direction="vertical" size={4}>
                <Space wrap>
                  <Link to={`/hazards/${r.hazard.id}`}>{r.hazard.code}</Link>
                  <StatusTag status={r.hazard.status} />
                  {r.hazard.overdue && <OverdueTag />}
                </Space>
                <span>{r.hazard.title}</span>
                <Typography.Text type="secondary">
                  {r.hazard.institutionName} · {t('reports.detail.hazardDeadline', { date: formatLocalDateTime(r.hazard.deadline).slice(0, 10) })}
                </Typography.Text>
              </Space>
            </Card>
          )}
          <RewardPanel report={r} />
          <Messages report={r} />
        </div>
        <div>
          <Card size="small" title={t('reports.detail.history')}>
            <Timeline
              items={r.events.map((e) => ({
                key: e.id,
                color: e.action === 'reject' || e.action === 'reward_lapsed' ? 'gray' : e.action === 'reveal_identity' ? 'red' : 'blue',
                children: (
                  <div>
                    <div>
                      <Typography.Text strong>{t(`reportEvent.${e.action}`)}</Typography.Text>
                      {e.toStatus && e.fromStatus !== e.toStatus && <> → {t(`reportStatus.${e.toStatus}`)}</>}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatLocalDateTime(e.at)} · {e.actorName ?? (e.action === 'receive' ? t('reports.detail.public') : t('reports.detail.system'))}
                    </Typography.Text>
                    {e.note && <div className="rp-desc">{e.note}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </div>
      </div>
      {mobile && (steps.length > 0 || r.abilities.reveal_identity) && <div className="rp-sticky">{buttons}</div>}
      <ReportStepModal step={step} report={r} onClose={() => setStep(null)} />
      <RevealIdentityModal reportId={r.id} open={reveal} onClose={() => setReveal(false)} />
    </div>
  );
}

/** The two-way thread with the reporter (through the receipt code) and the reply box. */
function Messages({ report }: { report: ReportDetail }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const d = await api<ReportDetail>(`/api/reports/${report.id}/messages`, { method: 'POST', json: { body }, idempotencyKey: newIdempotencyKey() });
      qc.setQueryData(['report', report.id], d);
      setBody('');
      message.success(t('reports.messages.sent'));
    } catch (e) {
      setError(applyApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('reports.messages.title')} data-testid="report-messages">
      {report.messages.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.messages.empty')} />
      ) : (
        report.messages.map((m) => (
          <div key={m.id} className={`rp-msg ${m.direction === 'to_reporter' ? 'to' : 'from'}`}>
            <div>{m.body}</div>
            <div className="rp-msg-meta">
              {m.direction === 'to_reporter' ? m.authorName ?? t('reports.detail.system') : t('reports.messages.reporter')} · {formatLocalDateTime(m.createdAt)}
            </div>
          </div>
        ))
      )}
      {report.abilities.message && (
        <>
          {error && <Alert type="error" showIcon title={error} style={{ margin: '8px 0' }} />}
          <Alert type="warning" showIcon title={t('reports.messages.noIdentity')} style={{ margin: '8px 0' }} />
          <Space.Compact style={{ width: '100%' }}>
            <Input.TextArea value={body} onChange={(e) => setBody(e.target.value)} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder={t('reports.messages.placeholder')} data-testid="report-message-input" />
            <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void send()} disabled={!body.trim()} data-testid="report-message-send">
              {t('reports.messages.send')}
            </Button>
          </Space.Compact>
        </>
      )}
    </Card>
  );
}
