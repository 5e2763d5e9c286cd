import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Grid, Input, Space, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, AuditOutlined, CheckOutlined, CloseCircleOutlined, EditOutlined, LineChartOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { formatLocalDateTime, localDate, t, type DrillDetail } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { detailState, retryUnlessClientError } from '../../components/DetailState.tsx';
import { PhotoGallery } from '../../components/PhotoGallery.tsx';
import { OverdueTag, StatusTag } from '../../components/StatusTag.tsx';
import { LevelTag } from '../../components/LevelTag.tsx';
import { DrillStatusTag, NightTag, formatSeconds } from './drillUi.tsx';
import { EvaluationModal } from './EvaluationModal.tsx';
import { FindingModal, type FindingPreset } from './FindingModal.tsx';
import './drills.css';

/**
 * One drill: what and when, how it went (participants, evacuation time, exits and routes, the
 * 生命通道), photos and videos, the evaluation (演练评估) and what it found — each hazard with its
 * live closed-loop status (待整改 … 已销号) and a link to it, each improvement with 标记完成. The
 * buttons follow the drill's `abilities`. When the record says the 生命通道 was blocked and no
 * 生命通道 hazard is registered yet, it proposes one.
 */
export default function DrillDetailPage() {
  const { id = '' } = useParams();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [evaluating, setEvaluating] = useState(false);
  const [finding, setFinding] = useState<FindingPreset | null>(null);
  const q = useQuery({ queryKey: ['drill', id], queryFn: () => api<DrillDetail>(`/api/drills/${id}`), retry: retryUnlessClientError });

  const fallback = detailState(q);
  if (fallback) return fallback;
  const d = q.data!;
  const refresh = (next: DrillDetail) => {
    qc.setQueryData(['drill', id], next);
    void qc.invalidateQueries({ queryKey: ['drills'] });
  };

  const cancel = () => {
    let reason = '';
    modal.confirm({
      title: t('drills.action.cancelConfirm'),
      content: <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} placeholder={t('drills.action.cancelReason')} onChange={(e) => (reason = e.target.value)} />,
      onOk: async () => {
        const next = await api<DrillDetail>(`/api/drills/${id}/cancel`, { method: 'POST', json: { reason } });
        refresh(next);
        message.success(t('drills.action.cancelled'));
      },
    });
  };

  const markDone = async (findingId: string) => {
    const next = await api<DrillDetail>(`/api/drills/${id}/findings/${findingId}/done`, { method: 'POST', json: {} }).catch((e: Error) => {
      message.error(e.message);
      return null;
    });
    if (next) refresh(next);
  };

  const held = d.status === 'held';
  const hasLifePassageHazard = d.findings.some((f) => f.kind === 'hazard' && f.hazard);
  const proposeBlocked = held && d.lifePassageBlocked && !hasLifePassageHazard && d.abilities.addFinding;

  const info: DescriptionsProps['items'] = [
    { key: 'inst', label: t('drills.field.institution'), children: d.institutionName },
    { key: 'tw', label: t('drills.field.township'), children: d.townshipName },
    { key: 'scenario', label: t('drills.field.scenario'), children: t(`drillScenario.${d.scenario}`) },
    { key: 'night', label: t('drills.field.isNight'), children: d.isNight ? t('drills.value.yes') : t('drills.value.no') },
    { key: 'planned', label: t('drills.field.plannedAt'), children: formatLocalDateTime(d.plannedAt) },
    ...(d.heldAt ? [{ key: 'held', label: t('drills.field.heldAtShort'), children: formatLocalDateTime(d.heldAt) }] : []),
    { key: 'plan', label: t('drills.field.plan'), children: d.planTitle ?? t('drills.value.none') },
    { key: 'by', label: t('drills.field.createdBy'), children: d.createdByName },
  ];
  const record: DescriptionsProps['items'] = held
    ? [
        { key: 'evac', label: t('drills.field.evacuation'), children: <strong data-testid="drill-evac">{formatSeconds(d.evacuationSeconds)}</strong> },
        { key: 'staff', label: t('drills.field.staffCount'), children: t('drills.value.people', { n: d.staffCount ?? 0 }) },
        { key: 'res', label: t('drills.field.residentCount'), children: t('drills.value.people', { n: d.residentCount ?? 0 }) },
        { key: 'na', label: t('drills.field.nonAmbulatoryCount'), children: t('drills.value.people', { n: d.nonAmbulatoryCount ?? 0 }) },
        { key: 'method', label: t('drills.field.nonAmbulatoryMethod'), children: d.nonAmbulatoryMethod || t('drills.value.none') },
        { key: 'blocked', label: t('drills.field.lifePassageBlocked'), children: d.lifePassageBlocked ? <Typography.Text type="danger">{t('drills.value.blocked')}</Typography.Text> : t('drills.value.no') },
        { key: 'exits', label: t('drills.field.exitsUsed'), span: 'filled' as const, children: d.exitsUsed || t('drills.value.none') },
        { key: 'routes', label: t('drills.field.routesUsed'), span: 'filled' as const, children: d.routesUsed || t('drills.value.none') },
        { key: 'notes', label: t('drills.field.notes'), span: 'filled' as const, children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{d.notes || t('drills.value.none')}</Typography.Text> },
        ...(d.recordedByName ? [{ key: 'rec', label: t('drills.field.recordedBy'), children: d.recordedByName }] : []),
      ]
    : [];

  const buttons = [
    d.abilities.record && (
      <Button key="record" type="primary" icon={<EditOutlined />} size={mobile ? 'large' : 'middle'} onClick={() => nav(`/drills/${id}/record`)} data-testid="drill-action-record">
        {t('drills.action.record')}
      </Button>
    ),
    d.abilities.evaluate && (
      <Button key="eval" type={d.evaluation ? 'default' : 'primary'} icon={<AuditOutlined />} size={mobile ? 'large' : 'middle'} onClick={() => setEvaluating(true)} data-testid="drill-action-evaluate">
        {d.evaluation ? t('drills.action.reevaluate') : t('drills.action.evaluate')}
      </Button>
    ),
    d.abilities.addFinding && (
      <Button key="finding" icon={<PlusOutlined />} size={mobile ? 'large' : 'middle'} onClick={() => setFinding({ kind: 'improvement' })} data-testid="drill-action-finding">
        {t('drills.action.addFinding')}
      </Button>
    ),
    d.abilities.cancel && (
      <Button key="cancel" danger icon={<CloseCircleOutlined />} size={mobile ? 'large' : 'middle'} onClick={cancel} data-testid="drill-action-cancel">
        {t('drills.action.cancel')}
      </Button>
    ),
  ].filter(Boolean);

  return (
    <div style={{ maxWidth: 1080, margin: '0 auto' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? nav(-1) : nav('/drills'))} style={{ paddingInline: 0, marginBottom: 8 }}>
        {t('drills.detail.back')}
      </Button>
      <Card size={mobile ? 'small' : undefined} style={{ marginBottom: 16 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start' }}>
          <div style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Typography.Text type="secondary">{d.institutionName}</Typography.Text>
            <Typography.Title level={4} style={{ margin: '4px 0 8px', wordBreak: 'break-all' }} data-testid="drill-title">
              {d.title || t(`drillScenario.${d.scenario}`)}
            </Typography.Title>
            <Space size={6} wrap>
              <DrillStatusTag status={d.status} />
              {d.isNight && <NightTag />}
              {d.lifePassageBlocked && held && <Typography.Text type="danger"><WarningOutlined /> {t('drills.value.blocked')}</Typography.Text>}
              {d.evaluation && <Typography.Text strong>{t('drills.value.score', { score: d.evaluation.totalScore, max: d.evaluation.maxScore })}</Typography.Text>}
            </Space>
          </div>
          {!mobile && buttons.length > 0 && <Space wrap>{buttons}</Space>}
        </div>
        {d.status === 'cancelled' && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('drills.detail.cancelled')} />}
      </Card>

      {proposeBlocked && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('drills.blocked.title')}
          description={
            <>
              <div>{t('drills.blocked.text')}</div>
              <Button
              danger
              onClick={() =>
                setFinding({
                  kind: 'hazard',
                  category: 'life_passage',
                  title: t('drills.blocked.defaultTitle'),
                  description: [d.exitsUsed, d.notes].filter(Boolean).join('；'),
                })
              }
              data-testid="drill-propose-hazard"
              style={{ marginTop: 8 }}
            >
              {t('drills.blocked.action')}
            </Button>
            </>
          }
          data-testid="drill-blocked-alert"
        />
      )}

      <Card size={mobile ? 'small' : undefined} title={t('drills.detail.info')} style={{ marginBottom: 16 }} extra={<Link to={`/drills/history?institutionId=${d.institutionId}`}><LineChartOutlined /> {t('drills.detail.history')}</Link>}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} size={mobile ? 'small' : 'middle'} items={info} />
      </Card>

      <Card size={mobile ? 'small' : undefined} title={t('drills.detail.record')} style={{ marginBottom: 16 }}>
        {held ? <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }} size={mobile ? 'small' : 'middle'} items={record} /> : <Typography.Text type="secondary">{d.status === 'planned' ? t('drills.detail.notHeld') : t('drills.detail.cancelled')}</Typography.Text>}
      </Card>

      {held && (
        <Card size={mobile ? 'small' : undefined} title={t('drills.detail.photos', { n: d.photoIds.length + d.videos.length })} style={{ marginBottom: 16 }}>
          {d.photoIds.length ? <PhotoGallery ids={d.photoIds} size={mobile ? 96 : 120} /> : d.videos.length === 0 && <Typography.Text type="secondary">{t('drills.detail.noPhotos')}</Typography.Text>}
          {d.videos.map((v) => (
            <video key={v.id} src={`/api/attachments/${v.id}`} controls preload="metadata" style={{ display: 'block', width: '100%', maxWidth: 480, marginTop: 8, borderRadius: 6 }} />
          ))}
        </Card>
      )}

      {held && (
        <Card size={mobile ? 'small' : undefined} title={t('drills.evaluation.title')} style={{ marginBottom: 16 }} data-testid="drill-evaluation">
          {d.evaluation ? (
            <>
              <Space size={8} wrap style={{ marginBottom: 8 }}>
                <Typography.Text strong style={{ fontSize: 18 }}>
                  {t('drills.evaluation.total')} {t('drills.value.score', { score: d.evaluation.totalScore, max: d.evaluation.maxScore })}
                </Typography.Text>
                {d.evaluation.planNeedsRevision && <Typography.Text type="warning">{t('drills.evaluation.revisionFlagged')}</Typography.Text>}
              </Space>
              {d.evaluation.items.map((i) => (
                <div key={i.code} className="dr-eval-row" style={{ gridTemplateColumns: 'minmax(0,1fr) auto' }}>
                  <div>
                    {i.label}
                    {i.comment && <div className="dr-eval-hint">{i.comment}</div>}
                  </div>
                  <strong>{t('drills.value.score', { score: i.score, max: i.maxScore })}</strong>
                </div>
              ))}
              {d.evaluation.comments && <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{d.evaluation.comments}</Typography.Paragraph>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('drills.evaluation.by', { name: d.evaluation.evaluatorName || d.evaluation.evaluatedByName, time: formatLocalDateTime(d.evaluation.evaluatedAt) })}
              </Typography.Text>
            </>
          ) : (
            <Typography.Text type="secondary">{t('drills.evaluation.none')}</Typography.Text>
          )}
        </Card>
      )}

      {held && (
        <Card size={mobile ? 'small' : undefined} title={t('drills.finding.title')} data-testid="drill-findings">
          {d.findings.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('drills.finding.none')} />}
          {d.findings.map((f) => (
            <div key={f.id} className="dr-finding" data-testid="drill-finding">
              <Space size={6} wrap style={{ marginBottom: 4 }}>
                <Typography.Text strong>{t(`drillFindingKind.${f.kind}`)}</Typography.Text>
                {f.hazard && <StatusTag status={f.hazard.status} />}
                {f.hazard && f.hazard.level === 'major' && <LevelTag level="major" short />}
                {f.hazard?.overdue && <OverdueTag />}
                {f.kind === 'improvement' && (f.doneAt ? <Typography.Text type="success"><CheckOutlined /> {t('drills.finding.doneAt', { time: localDate(f.doneAt) })}</Typography.Text> : <Typography.Text type="secondary">{t('drills.finding.open')}</Typography.Text>)}
              </Space>
              <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{f.description}</div>
              {f.action && <div className="muted" style={{ fontSize: 13 }}>{t('drills.finding.actionLine', { action: f.action })}</div>}
              {f.hazard && (
                <div style={{ marginTop: 4 }}>
                  <Link to={`/hazards/${f.hazard.id}`} data-testid="drill-finding-hazard">
                    {f.hazard.code} {f.hazard.title}
                  </Link>
                  <span className="muted" style={{ fontSize: 13, marginInlineStart: 8 }}>
                    {t('hazards.card.deadline', { date: f.hazard.deadlineDate })}
                  </span>
                </div>
              )}
              {f.abilities.markDone && (
                <Button size="small" icon={<CheckOutlined />} style={{ marginTop: 6 }} onClick={() => void markDone(f.id)}>
                  {t('drills.finding.markDone')}
                </Button>
              )}
            </div>
          ))}
        </Card>
      )}

      {mobile && buttons.length > 0 && <div className="dr-sticky-actions">{buttons}</div>}

      {evaluating && <EvaluationModal drill={d} onClose={() => setEvaluating(false)} onSaved={(next) => { refresh(next); setEvaluating(false); }} />}
      {finding && <FindingModal drill={d} preset={finding} onClose={() => setFinding(null)} onSaved={(next) => { refresh(next); setFinding(null); }} />}
    </div>
  );
}
