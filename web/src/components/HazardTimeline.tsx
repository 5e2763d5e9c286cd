import { Space, Timeline, Typography } from 'antd';
import { formatLocalDateTime, t, type HazardDetail } from '@lifeline/shared';
import { PhotoGallery } from './PhotoGallery.tsx';
import { StatusTag } from './StatusTag.tsx';

type HazardEvent = HazardDetail['events'][number];

const ACTION_COLOR: Record<HazardEvent['action'], string> = {
  register: '#fa8c16',
  start_rectification: '#1677ff',
  submit_rectification: '#722ed1',
  verify: '#52c41a',
  return: '#cf1322',
  update: '#8c8c8c',
};

/** The label of a role code, or the code itself if it is not a known role. */
const roleLabel = (role: string) => t(`role.${role}`);

/**
 * The hazard's history, oldest first: what was done (登记、开始整改、提交验收…), by whom (name and
 * role), when (Asia/Shanghai), the note and the evidence photos.
 */
export function HazardTimeline({ events }: { events: HazardDetail['events'] }) {
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.id,
        color: ACTION_COLOR[e.action],
        content: (
          <div data-testid="hazard-event">
            <Space size={8} wrap style={{ marginBottom: 2 }}>
              <Typography.Text strong>{t(`hazardAction.${e.action}`)}</Typography.Text>
              {e.fromStatus !== e.toStatus && <StatusTag status={e.toStatus} />}
            </Space>
            <div className="muted" style={{ fontSize: 13, display: 'flex', flexWrap: 'wrap', columnGap: 8 }}>
              <span>{t('hazards.timeline.by', { name: e.actorName, role: roleLabel(e.actorRole) })}</span>
              <span style={{ whiteSpace: 'nowrap' }}>{formatLocalDateTime(e.at)}</span>
            </div>
            {e.note && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Paragraph>}
            {e.photoIds.length > 0 && (
              <div style={{ marginTop: 8 }}>
                <PhotoGallery ids={e.photoIds} size={64} />
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
