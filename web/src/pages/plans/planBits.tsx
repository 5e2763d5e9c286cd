import { Tag } from 'antd';
import { t, type PlanState, type PlanVersionStatus } from '@lifeline/shared';

/** Tag colour of each derived plan state. */
export const PLAN_STATE_COLOR: Record<PlanState, string> = {
  draft: 'default',
  pending: 'processing',
  returned: 'warning',
  due_revision: 'error',
  current: 'success',
};

/** 现行有效 / 待审核 / 已退回 / 需修订 / 未上传. */
export function PlanStateTag({ state }: { state: PlanState }) {
  return (
    <Tag color={PLAN_STATE_COLOR[state]} style={{ marginInlineEnd: 0 }} data-testid={`plan-state-${state}`}>
      {t(`plans.state.${state}`)}
    </Tag>
  );
}

const VERSION_COLOR: Record<PlanVersionStatus, string> = { submitted: 'processing', approved: 'success', returned: 'warning' };

/** 待审核 / 已通过 / 已退回 of one version. */
export function VersionStatusTag({ status }: { status: PlanVersionStatus }) {
  return (
    <Tag color={VERSION_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(`plans.versionStatus.${status}`)}
    </Tag>
  );
}
