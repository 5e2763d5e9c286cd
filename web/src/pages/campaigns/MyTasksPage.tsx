import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { t, type Assignment, type CampaignSummary } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { AssignmentStateTag, DeadlineText, FeaturedTag, LateTag, ReturnedMarker, byUrgency, countText, returnedButOverdue } from './work/workBits.tsx';
import './work/work.css';

interface Group {
  campaignId: string;
  campaignName: string;
  ended: boolean;
  items: Assignment[];
}

/** Still to do: not handed in, returned, or overdue — in a campaign that has not ended. */
const isTodo = (a: Assignment, ended: boolean) => !ended && (a.state === 'not_started' || a.state === 'returned' || a.state === 'overdue');

/**
 * 我的任务: what the user's own unit must deliver (GET /api/campaign-assignments?mine=true), grouped
 * by campaign, most urgent first (逾期 and 已退回, then by the nearest deadline), with state tags and
 * the countdown; a tap opens the assignment to hand in. Phone-first: one card per task.
 */
export default function MyTasksPage() {
  const [params, update] = useUrlParams();
  const view = params.view === 'all' ? 'all' : 'todo';
  const q = useQuery({
    queryKey: ['assignments', 'mine'],
    queryFn: () => api<{ items: Assignment[] }>('/api/campaign-assignments?mine=true'),
  });
  // which campaigns have ended (their open items are no longer 待办)
  const campaigns = useQuery({ queryKey: ['campaigns', 'list'], queryFn: () => api<{ items: CampaignSummary[] }>('/api/campaigns'), retry: false });
  const ended = new Set((campaigns.data?.items ?? []).filter((c) => c.status === 'ended').map((c) => c.id));

  const items = q.data?.items ?? [];
  const todoCount = items.filter((a) => isTodo(a, ended.has(a.campaignId))).length;
  const shown = view === 'todo' ? items.filter((a) => isTodo(a, ended.has(a.campaignId))) : items;
  const groups = groupByCampaign(shown, ended);

  return (
    <div className="cw-page" style={{ maxWidth: 820 }}>
      <div className="page-header">
        <h2>{t('campaignWork.mine.title')}</h2>
        <Segmented
          value={view}
          onChange={(v) => update({ view: v === 'all' ? 'all' : undefined })}
          options={[
            { value: 'todo', label: t('campaignWork.mine.todo', { n: todoCount }) },
            { value: 'all', label: t('campaignWork.mine.all', { n: items.length }) },
          ]}
          data-testid="mine-view"
        />
      </div>

      {q.isError && (
        <Alert
          type="error"
          showIcon
          title={(q.error as Error).message}
          action={<Button size="small" onClick={() => void q.refetch()}>{t('common.retry')}</Button>}
          style={{ marginBottom: 12 }}
        />
      )}
      {q.isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : groups.length === 0 && !q.isError ? (
        <Empty description={view === 'todo' && items.length > 0 ? t('campaignWork.mine.emptyTodo') : t('campaignWork.mine.empty')} style={{ margin: '48px 0' }} />
      ) : (
        groups.map((g) => (
          <section key={g.campaignId} data-testid="mine-group">
            <div className="cw-group-title">
              <Link to={`/campaigns/${g.campaignId}`} style={{ color: 'inherit', minWidth: 0 }}>
                {g.campaignName}
              </Link>
              {g.ended && <Tag style={{ marginInlineEnd: 0 }}>{t('campaignWork.campaignEnded')}</Tag>}
              <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', whiteSpace: 'nowrap' }}>
                {t('campaignWork.mine.groupCount', { n: g.items.length })}
              </Typography.Text>
            </div>
            <Space orientation="vertical" size={10} style={{ width: '100%' }}>
              {g.items.map((a) => (
                <TaskCard key={a.id} a={a} />
              ))}
            </Space>
          </section>
        ))
      )}
    </div>
  );
}

/** Groups by campaign; groups ordered by their most urgent item, each group by urgency. */
function groupByCampaign(items: Assignment[], ended: Set<string>): Group[] {
  const map = new Map<string, Group>();
  for (const a of [...items].sort(byUrgency)) {
    const g = map.get(a.campaignId) ?? { campaignId: a.campaignId, campaignName: a.campaignName, ended: ended.has(a.campaignId), items: [] };
    g.items.push(a);
    map.set(a.campaignId, g);
  }
  return [...map.values()].sort((x, y) => Number(x.ended) - Number(y.ended) || byUrgency(x.items[0]!, y.items[0]!));
}

function TaskCard({ a }: { a: Assignment }) {
  const tone = a.state === 'overdue' ? ' cw-task-card-overdue' : a.state === 'returned' ? ' cw-task-card-returned' : '';
  return (
    <Link to={`/campaigns/${a.campaignId}/assignments/${a.id}`} style={{ display: 'block', color: 'inherit' }} data-testid="mine-task">
      <Card hoverable className={`cw-task-card${tone}`}>
        <div className="cw-task-card-head">
          <span className="cw-task-card-title">{a.taskTitle}</span>
          <Space size={4}>
            {returnedButOverdue(a) && <ReturnedMarker />}
            <AssignmentStateTag state={a.state} />
            <RightOutlined className="muted" style={{ fontSize: 12 }} />
          </Space>
        </div>
        <div className="cw-task-card-meta">
          <DeadlineText deadlineDate={a.deadlineDate} state={a.state} />
          <span>{t(`deliverableKind.${a.deliverableKind}`)}</span>
          {a.count && <span>{countText(a.count)}</span>}
          {a.latestVersion && <span>{t('campaignWork.tag.version', { n: a.latestVersion })}</span>}
          {a.isLate && <LateTag />}
          {a.featured && <FeaturedTag />}
        </div>
      </Card>
    </Link>
  );
}
