import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Empty, Segmented, Skeleton, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { formatLocalDateTime, t, type Notification, type NotificationPage, type ReadAllResult } from '@lifeline/shared';
import { api, ApiError, qs } from '../../api/client.ts';
import { CardPager } from '../../components/CardPager.tsx';
import { NOTIFICATION_KEYS } from './notificationQueries.ts';
import './notifications.css';

const PAGE_SIZE = 20;

const KIND_COLOR: Record<string, string> = {
  reminder_before: 'gold',
  reminder_due: 'red',
  submission_received: 'blue',
  submission_returned: 'orange',
  submission_accepted: 'green',
};

const kindLabel = (kind: string) => {
  const key = `notifications.kind.${kind}`;
  const label = t(key);
  return label === key ? t('notifications.kind.other') : label;
};

/** One notification: bold while unread; a click marks it read and opens its link. */
function NotificationRow({ n, onOpen, busy }: { n: Notification; onOpen: (n: Notification) => void; busy: boolean }) {
  const unread = n.readAt === null;
  return (
    <li
      className={`ntf-item${unread ? ' ntf-unread' : ''}`}
      role="button"
      tabIndex={0}
      aria-busy={busy}
      data-testid="notification-item"
      onClick={() => onOpen(n)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(n);
        }
      }}
    >
      <div className="ntf-head">
        {unread && <Badge status="error" aria-label={t('notifications.unreadTag')} />}
        <span className="ntf-title">{n.title}</span>
      </div>
      {n.body && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} className="ntf-body">
          {n.body}
        </Typography.Paragraph>
      )}
      <div className="ntf-meta">
        <Tag color={KIND_COLOR[n.kind]} style={{ marginInlineEnd: 0 }}>
          {kindLabel(n.kind)}
        </Tag>
        <span className="muted">{formatLocalDateTime(n.createdAt)}</span>
      </div>
    </li>
  );
}

/**
 * 消息 — the signed-in user's notifications (deadline reminders, returned / accepted / received
 * submissions), newest first, all or unread only. Unread ones are bold; clicking one marks it read
 * and opens the record it is about; 全部标为已读 marks every unread one read. A list on every
 * screen width (no table), so it works at 375 px.
 */
export default function NotificationsPage() {
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [opening, setOpening] = useState<number | null>(null);
  const [readingAll, setReadingAll] = useState(false);

  const q = useQuery({
    queryKey: NOTIFICATION_KEYS.list({ page, unreadOnly }),
    queryFn: async () => {
      const data = await api<NotificationPage>(`/api/notifications${qs({ page, pageSize: PAGE_SIZE, unreadOnly: unreadOnly ? 'true' : undefined })}`);
      // the list carries the unread count: keep the header bell in step without another request
      qc.setQueryData(NOTIFICATION_KEYS.unread, { unread: data.unread });
      return data;
    },
    placeholderData: keepPreviousData,
  });
  const unread = q.data?.unread ?? 0;

  const open = async (n: Notification) => {
    if (n.readAt === null) {
      setOpening(n.id);
      try {
        await api(`/api/notifications/${n.id}/read`, { method: 'POST' });
      } catch (e) {
        // a failed "mark read" must not keep the user from the record
        if (!(e instanceof ApiError) || e.status !== 404) message.error(e instanceof ApiError ? e.message : t('errors.INTERNAL'));
      } finally {
        setOpening(null);
        void qc.invalidateQueries({ queryKey: NOTIFICATION_KEYS.all });
      }
    }
    if (n.link) nav(n.link);
  };

  const readAll = async () => {
    setReadingAll(true);
    try {
      const r = await api<ReadAllResult>('/api/notifications/read-all', { method: 'POST' });
      message.success(r.updated > 0 ? t('notifications.readAllDone') : t('notifications.readAllNone'));
      await qc.invalidateQueries({ queryKey: NOTIFICATION_KEYS.all });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.INTERNAL'));
    } finally {
      setReadingAll(false);
    }
  };

  return (
    <div className="ntf-page">
      <div className="page-header">
        <h2>
          {t('nav.notifications')}
          {unread > 0 && <span className="ntf-count">{t('notifications.unreadCount', { n: unread })}</span>}
        </h2>
        <Button icon={<CheckOutlined />} onClick={() => void readAll()} loading={readingAll} disabled={unread === 0} data-testid="notifications-read-all">
          {t('notifications.readAll')}
        </Button>
      </div>
      <Segmented
        block
        style={{ marginBottom: 12, maxWidth: 320 }}
        value={unreadOnly ? 'unread' : 'all'}
        options={[
          { value: 'all', label: t('notifications.filter.all') },
          { value: 'unread', label: t('notifications.filter.unread') },
        ]}
        onChange={(v) => {
          setUnreadOnly(v === 'unread');
          setPage(1);
        }}
      />
      {q.isError && (
        <Alert
          type="error"
          showIcon
          title={q.error instanceof ApiError ? q.error.message : t('notifications.loadFailed')}
          action={
            <Button size="small" onClick={() => void q.refetch()}>
              {t('common.retry')}
            </Button>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Card styles={{ body: { padding: 0 } }}>
        {q.isLoading ? (
          <div style={{ padding: 16 }}>
            <Skeleton active />
          </div>
        ) : !q.data || q.data.items.length === 0 ? (
          <Empty style={{ padding: 32 }} description={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')} />
        ) : (
          <ul className="ntf-list" data-testid="notification-list">
            {q.data.items.map((n) => (
              <NotificationRow key={n.id} n={n} onOpen={(x) => void open(x)} busy={opening === n.id} />
            ))}
          </ul>
        )}
      </Card>
      {q.data && q.data.total > PAGE_SIZE && <CardPager page={page} pageSize={PAGE_SIZE} total={q.data.total} onChange={setPage} />}
    </div>
  );
}
