import { Tag } from 'antd';
import { t, type ReportStatus, type RewardStatus } from '@lifeline/shared';

/** Colours of report handling: 待受理 orange, 已受理 blue, 核查中 processing, 已核实 cyan, 奖励中 gold, 办结 green, 不予受理 grey. */
export const REPORT_STATUS_COLOR: Record<ReportStatus, string> = {
  pending: 'orange',
  accepted: 'blue',
  verifying: 'geekblue',
  verified: 'cyan',
  rewarding: 'gold',
  closed: 'green',
  rejected: 'default',
};

/** A report's status as a coloured tag. */
export function ReportStatusTag({ status }: { status: ReportStatus }) {
  return (
    <Tag color={REPORT_STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="report-status">
      {t(`reportStatus.${status}`)}
    </Tag>
  );
}

/** 超期: the current step's time limit has passed. */
export function ReportOverdueTag() {
  return (
    <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }}>
      {t('reports.tag.overdue')}
    </Tag>
  );
}

const REWARD_COLOR: Record<RewardStatus, string> = { proposed: 'gold', approved: 'blue', paid: 'green', lapsed: 'default', rejected: 'red' };

/** A reward's status as a tag. */
export function RewardStatusTag({ status }: { status: RewardStatus }) {
  return (
    <Tag color={REWARD_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(`rewardStatus.${status}`)}
    </Tag>
  );
}

/** Yuan with thousands separators, e.g. 7,500 元. */
export const yuan = (n: number) => t('reports.reward.yuan', { n: n.toLocaleString('zh-CN', { maximumFractionDigits: 2 }) });
