import { useNavigate } from 'react-router-dom';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { t } from '@lifeline/shared';
import { useUnreadCount } from '../pages/notifications/notificationQueries.ts';

/** The header bell: unread count as a badge (polled every 60 s and on focus); opens /notifications. */
export function NotificationBell() {
  const unread = useUnreadCount();
  const nav = useNavigate();
  return (
    <Badge count={unread} size="small" overflowCount={99} offset={[-6, 6]}>
      <Button
        type="text"
        icon={<BellOutlined style={{ fontSize: 18 }} />}
        aria-label={unread > 0 ? t('notifications.bellUnread', { n: unread }) : t('notifications.bell')}
        title={t('notifications.bell')}
        data-testid="notification-bell"
        onClick={() => nav('/notifications')}
      />
    </Badge>
  );
}
