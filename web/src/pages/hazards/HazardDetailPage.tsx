import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Grid, Space, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, EditOutlined, PlayCircleOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { formatLocalDateTime, t, type HazardDetail } from '@lifeline/shared';
import { detailState, retryUnlessClientError } from '../../components/DetailState.tsx';
import { api } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { HazardTimeline } from '../../components/HazardTimeline.tsx';
import { LevelTag } from '../../components/LevelTag.tsx';
import { PhotoGallery } from '../../components/PhotoGallery.tsx';
import { OverdueTag, StatusTag, SupervisionTag } from '../../components/StatusTag.tsx';
import { HazardStepModal, type HazardUiAction } from './HazardStepModal.tsx';
import './hazards.css';

const ACTIONS: { key: HazardUiAction; icon: React.ReactNode; type?: 'primary'; danger?: boolean }[] = [
  { key: 'start_rectification', icon: <PlayCircleOutlined />, type: 'primary' },
  { key: 'submit_rectification', icon: <SendOutlined />, type: 'primary' },
  { key: 'verify', icon: <CheckCircleOutlined />, type: 'primary' },
  { key: 'return', icon: <RollbackOutlined />, danger: true },
  { key: 'update', icon: <EditOutlined /> },
];

/**
 * One hazard: what, where, whose, by when; its photos; the closed-loop timeline; and exactly the
 * buttons its `abilities` allow (开始整改 / 提交验收 / 验收销号 / 退回整改 / 修改). On phones the
 * buttons sit in a sticky bottom bar.
 */
export default function HazardDetailPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const nav = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [action, setAction] = useState<HazardUiAction | null>(null);
  const q = useQuery({
    queryKey: ['hazard', id],
    queryFn: () => api<HazardDetail>(`/api/hazards/${id}`),
    retry: retryUnlessClientError,
  });

  const fallback = detailState(q);
  if (fallback) return fallback;
  const h = q.data!;
  const available = ACTIONS.filter((a) => h.abilities[a.key]);

  const items: DescriptionsProps['items'] = [
    {
      key: 'institution',
      label: t('hazards.field.institution'),
      children: can('institution.read') ? <Link to={`/institutions/${h.institutionId}`}>{h.institutionName}</Link> : h.institutionName,
    },
    { key: 'township', label: t('hazards.field.township'), children: h.townshipName },
    { key: 'institutionType', label: t('hazards.field.institutionType'), children: t(`institutionType.${h.institutionType}`) },
    { key: 'location', label: t('hazards.field.location'), children: h.location || '—' },
    { key: 'category', label: t('hazards.field.category'), children: t(`hazardCategory.${h.category}`) },
    { key: 'source', label: t('hazards.field.source'), children: t(`hazardSource.${h.source}`) },
    {
      key: 'deadline',
      label: t('hazards.field.deadline'),
      children: (
        <Space size={6} wrap>
          <span>{h.deadlineDate}</span>
          {h.overdue && <OverdueTag />}
        </Space>
      ),
    },
    { key: 'responsible', label: t('hazards.field.responsiblePerson'), children: h.responsiblePerson || '—' },
    { key: 'foundAt', label: t('hazards.field.foundAt'), children: formatLocalDateTime(h.foundAt) },
    { key: 'reportedBy', label: t('hazards.field.reportedBy'), children: h.reportedByName || '—' },
    ...(h.closedAt ? [{ key: 'closedAt', label: t('hazards.field.closedAt'), children: formatLocalDateTime(h.closedAt) }] : []),
    { key: 'description', label: t('hazards.field.description'), span: 'filled' as const, children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{h.description || '—'}</Typography.Text> },
    { key: 'measures', label: t('hazards.field.measures'), span: 'filled' as const, children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{h.rectificationMeasures || '—'}</Typography.Text> },
    ...(h.checklistItem
      ? [
          { key: 'item', label: t('hazards.field.checklistItem'), span: 'filled' as const, children: `${h.checklistItem.code} ${h.checklistItem.checkText}` },
          ...(h.checklistItem.legalBasis ? [{ key: 'basis', label: t('hazards.field.legalBasis'), span: 'filled' as const, children: h.checklistItem.legalBasis }] : []),
        ]
      : []),
    ...(h.drill
      ? [{ key: 'drill', label: t('drills.hazardLink.label'), span: 'filled' as const, children: <Link to={`/drills/${h.drill.id}`} data-testid="hazard-drill-link">{t('drills.hazardLink.text', { title: h.drill.title || t('drills.hazardLink.untitled'), date: h.drill.heldAt ? formatLocalDateTime(h.drill.heldAt) : '' })}</Link> }]
      : []),
    ...(h.inspectionId
      ? [{ key: 'inspection', label: t('hazards.field.inspection'), span: 'filled' as const, children: <Link to={`/inspections/${h.inspectionId}`}>{t('hazards.detail.viewInspection')}</Link> }]
      : []),
  ];

  const buttons = available.map((a) => (
    <Button
      key={a.key}
      type={a.type}
      danger={a.danger}
      icon={a.icon}
      size={mobile ? 'large' : 'middle'}
      onClick={() => setAction(a.key)}
      data-testid={`hazard-action-${a.key}`}
    >
      {t(`hazards.action.${a.key}`)}
    </Button>
  ));

  return (
    <div style={{ maxWidth: 1080, margin: '0 auto' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? nav(-1) : nav('/hazards'))} style={{ paddingInline: 0, marginBottom: 8 }}>
        {t('hazards.detail.back')}
      </Button>
      <Card size={mobile ? 'small' : undefined} style={{ marginBottom: 16 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start' }}>
          <div style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Typography.Text type="secondary" copyable={{ text: h.code }} data-testid="hazard-code">
              {h.code}
            </Typography.Text>
            <Typography.Title level={4} style={{ margin: '4px 0 8px', wordBreak: 'break-all' }}>
              {h.title}
            </Typography.Title>
            <Space size={6} wrap>
              <StatusTag status={h.status} />
              <LevelTag level={h.level} />
              {h.listedSupervision && <SupervisionTag />}
              {h.overdue && <OverdueTag />}
            </Space>
          </div>
          {!mobile && buttons.length > 0 && <Space wrap>{buttons}</Space>}
        </div>
        {h.overdue && (
          <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('hazards.detail.overdueAlert', { date: h.deadlineDate })} />
        )}
      </Card>

      <Card size={mobile ? 'small' : undefined} title={t('hazards.detail.info')} style={{ marginBottom: 16 }}>
        <Descriptions className="hz-desc" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} size={mobile ? 'small' : 'middle'} items={items} />
      </Card>

      <Card size={mobile ? 'small' : undefined} title={t('hazards.detail.photos', { n: h.photoIds.length })} style={{ marginBottom: 16 }}>
        {h.photoIds.length ? <PhotoGallery ids={h.photoIds} size={mobile ? 96 : 120} /> : <Typography.Text type="secondary">{t('hazards.detail.noPhotos')}</Typography.Text>}
      </Card>

      <Card size={mobile ? 'small' : undefined} title={t('hazards.detail.timeline')}>
        <HazardTimeline events={h.events} />
      </Card>

      {mobile && buttons.length > 0 && <div className="hz-sticky-actions">{buttons}</div>}

      <HazardStepModal hazard={h} action={action} onClose={() => setAction(null)} />
    </div>
  );
}
