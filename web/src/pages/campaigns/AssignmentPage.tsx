import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Grid, Progress, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, BarChartOutlined, CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { formatLocalDateTime, t, type AssignmentDetail } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { detailState, retryUnlessClientError } from '../../components/DetailState.tsx';
import { quantityText } from './campaignBits.tsx';
import { ReviewModal, type ReviewDecision } from './work/ReviewModal.tsx';
import { SubmitForm } from './work/SubmitForm.tsx';
import { VersionTimeline } from './work/VersionTimeline.tsx';
import { AssignmentStateTag, DeadlineText, FeaturedTag, LateTag, ReturnedMarker, countText, returnedButOverdue } from './work/workBits.tsx';
import './campaigns.css';
import './work/work.css';

/**
 * 单位任务: one unit's part of a campaign task — instructions, deadline (剩余 N 天 / 已逾期 N 天),
 * state; the 报送 form while `abilities.submit` (a returned version shows its comment on top); every
 * version with its files and review; for the county: 通过 / 退回 on the latest submitted version,
 * 优选推送 on an accepted one and 展播 for accepted videos. On phones the review buttons sit in a
 * sticky bottom bar.
 */
export default function AssignmentPage() {
  const { id = '', assignmentId = '' } = useParams();
  const nav = useNavigate();
  const { can } = useSession();
  const mobile = !Grid.useBreakpoint().md;
  const [decision, setDecision] = useState<ReviewDecision | null>(null);
  const q = useQuery({
    queryKey: ['assignment', assignmentId],
    queryFn: () => api<AssignmentDetail>(`/api/campaign-assignments/${assignmentId}`),
    retry: retryUnlessClientError,
  });

  const fallback = detailState(q);
  if (fallback) return fallback;
  const a = q.data!;
  const latest = a.submissions[0];
  const returned = latest?.status === 'returned' ? latest : undefined;
  const isCount = a.task.deliverableKind === 'count';
  const campaignId = a.campaignId || id;

  const back = () => (window.history.length > 1 ? nav(-1) : nav(can('campaign.submit') && !can('campaign.review') ? '/my-tasks' : `/campaigns/${campaignId}/board`));

  // 退回 only while a new version could follow (not once the campaign has ended); 通过 may still be given
  const reviewButtons = [
    a.abilities.review && (
      <Button key="accept" type="primary" icon={<CheckOutlined />} size={mobile ? 'large' : 'middle'} onClick={() => setDecision('accept')} data-testid="review-accept">
        {t('campaignWork.review.accept')}
      </Button>
    ),
    a.abilities.return && (
      <Button key="return" danger icon={<RollbackOutlined />} size={mobile ? 'large' : 'middle'} onClick={() => setDecision('return')} data-testid="review-return">
        {t('campaignWork.review.return')}
      </Button>
    ),
  ].filter(Boolean);

  const info: DescriptionsProps['items'] = [
    {
      key: 'campaign',
      label: t('campaignWork.assignment.campaign'),
      span: 'filled',
      children: <Link to={`/campaigns/${campaignId}`}>{a.campaignName}</Link>,
    },
    {
      key: 'unit',
      label: t('campaignWork.assignment.unit'),
      children: (
        <span>
          {a.unitName}
          <span className="muted">{` · ${t(`unitKind.${a.unitKind}`)}`}</span>
        </span>
      ),
    },
    { key: 'deadline', label: t('campaignWork.assignment.deadline'), children: <DeadlineText deadlineDate={a.deadlineDate} state={a.state} /> },
    {
      key: 'deliverable',
      label: t('campaignWork.assignment.deliverable'),
      children: `${t(`deliverableKind.${a.task.deliverableKind}`)} · ${quantityText(a.task)}`,
    },
    ...(!isCount ? [{ key: 'review', label: t('campaignWork.assignment.review'), children: a.task.reviewRequired ? t('campaigns.tasks.reviewYes') : t('campaigns.tasks.reviewNo') }] : []),
    ...(a.task.recipient ? [{ key: 'recipient', label: t('campaignWork.assignment.recipient'), children: a.task.recipient }] : []),
    {
      key: 'instructions',
      label: t('campaignWork.assignment.instructions'),
      span: 'filled',
      children: a.task.instructions ? <div className="cw-instructions">{a.task.instructions}</div> : <span className="muted">{t('campaignWork.assignment.noInstructions')}</span>,
    },
  ];

  return (
    <div className="cw-page">
      <div className="cw-topbar">
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={back} style={{ paddingInline: 0 }}>
          {t('campaignWork.assignment.back')}
        </Button>
        {can('campaign.read') && (
          <Link to={`/campaigns/${campaignId}/board`}>
            <Button type="link" icon={<BarChartOutlined />} style={{ paddingInline: 0 }} data-testid="assignment-board-link">
              {t('campaignWork.assignment.viewBoard')}
            </Button>
          </Link>
        )}
      </div>

      <Card size={mobile ? 'small' : undefined} className="cw-section">
        <Typography.Text type="secondary" className="cw-unit-line">
          {a.unitName}
        </Typography.Text>
        <Typography.Title level={4} style={{ margin: '2px 0 8px', wordBreak: 'break-all' }} data-testid="assignment-title">
          {a.taskTitle}
        </Typography.Title>
        <Space size={6} wrap>
          <AssignmentStateTag state={a.state} />
          {returnedButOverdue(a) && <ReturnedMarker />}
          {a.isLate && <LateTag />}
          {a.featured && <FeaturedTag long />}
          {a.campaignStatus === 'ended' && <Tag style={{ marginInlineEnd: 0 }}>{t('campaignWork.campaignEnded')}</Tag>}
          <DeadlineText deadlineDate={a.deadlineDate} state={a.state} strong />
        </Space>
        {returned && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={a.abilities.submit ? t('campaignWork.assignment.returnedAlert', { n: returned.version }) : t('campaignWork.assignment.returnedAlertReviewer', { n: returned.version })}
            description={
              <div data-testid="returned-alert">
                <div className="cw-returned-comment">{t('campaignWork.assignment.returnedComment', { comment: returned.reviewComment })}</div>
                <div className="muted" style={{ fontSize: 12 }}>
                  {t('campaignWork.assignment.returnedBy', { name: returned.reviewedByName ?? '', time: returned.reviewedAt ? formatLocalDateTime(returned.reviewedAt) : '' })}
                </div>
              </div>
            }
          />
        )}
        {latest?.status === 'submitted' && !a.abilities.review && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('campaignWork.assignment.pending', { n: latest.version })} />
        )}
        {a.campaignStatus === 'ended' && a.state !== 'accepted' && !isCount && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={a.abilities.review && !a.abilities.return ? t('campaignWork.review.noReturn') : t('campaignWork.assignment.campaignEnded')}
            data-testid="campaign-ended-alert"
          />
        )}
      </Card>

      <Card size={mobile ? 'small' : undefined} className="cw-section">
        <Descriptions className="cw-desc" size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2 }} items={info} />
      </Card>

      {isCount && a.count && (
        <Card size={mobile ? 'small' : undefined} className="cw-section" title={t('campaignWork.assignment.countTitle')} data-testid="count-card">
          <Typography.Paragraph type="secondary">{t('campaignWork.assignment.countHint', { what: a.task.countOf ? t(`countOf.${a.task.countOf}`) : '' })}</Typography.Paragraph>
          {a.count.tracked ? (
            <>
              <Progress percent={Math.min(100, Math.round((a.count.done / Math.max(1, a.count.required)) * 100))} status={a.state === 'accepted' ? 'success' : a.state === 'overdue' ? 'exception' : 'active'} />
              <div>{t('campaignWork.assignment.countProgress', { done: a.count.done, required: a.count.required })}</div>
            </>
          ) : (
            <Typography.Text type="secondary">{t('campaignWork.assignment.countUntracked', { what: a.task.countOf ? t(`countOf.${a.task.countOf}`) : '' })}</Typography.Text>
          )}
          <div style={{ marginTop: 4 }}>
            <Tag style={{ marginInlineEnd: 0 }}>{countText(a.count)}</Tag>
          </div>
        </Card>
      )}

      {a.abilities.submit && <SubmitForm assignment={a} />}

      {!isCount && (
        <Card size={mobile ? 'small' : undefined} className="cw-section" title={t('campaignWork.versions.title')} data-testid="versions-card">
          <VersionTimeline assignment={a} reviewButtons={!mobile && reviewButtons.length > 0 ? <Space className="cw-review-actions">{reviewButtons}</Space> : undefined} />
        </Card>
      )}

      {mobile && reviewButtons.length > 0 && <div className="cp-sticky-actions">{reviewButtons}</div>}

      <ReviewModal assignment={a} submission={latest} decision={decision} onClose={() => setDecision(null)} />
    </div>
  );
}
