import { useLocation } from 'react-router-dom';
import { Tag } from 'antd';
import { t, type ExposureStatus } from '@lifeline/shared';

/** Colours of the exposure workflow: 草稿 grey, 待审批 orange, 已发布 green, 已撤回 red. */
const STATUS_COLOR: Record<ExposureStatus, string> = { draft: 'default', pending_approval: 'orange', published: 'green', withdrawn: 'red' };

/** A case's status as a coloured tag. */
export function ExposureStatusTag({ status }: { status: ExposureStatus }) {
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(`exposure.status.${status}`)}
    </Tag>
  );
}

/**
 * The staff pages live under two bases with the same components: /exposure-board for the staff
 * who prepare cases (exposure.manage) and /exposure-review for the leader who approves them
 * (exposure.approve) — a route declares one permission, and no role holds both.
 */
export function useExposureBase(): { base: string; review: boolean } {
  const review = useLocation().pathname.startsWith('/exposure-review');
  return { base: review ? '/exposure-review' : '/exposure-board', review };
}
