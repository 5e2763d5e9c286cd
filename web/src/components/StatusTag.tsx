import { Tag } from 'antd';
import { t, type HazardStatus, type ItemResult } from '@lifeline/shared';

/** Colours of the closed loop: 待整改 orange, 整改中 blue, 待验收 purple, 已销号 green. */
export const HAZARD_STATUS_COLOR: Record<HazardStatus, string> = {
  pending: 'orange',
  rectifying: 'blue',
  awaiting_verification: 'purple',
  closed: 'green',
};

/** A hazard's status as a coloured tag. */
export function StatusTag({ status }: { status: HazardStatus }) {
  return (
    <Tag color={HAZARD_STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(`hazardStatus.${status}`)}
    </Tag>
  );
}

/** 逾期: past the deadline and not closed. */
export function OverdueTag() {
  return (
    <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }}>
      {t('hazards.tag.overdue')}
    </Tag>
  );
}

/** 挂牌督办: a major hazard under county supervision. */
export function SupervisionTag() {
  return (
    <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
      {t('hazards.tag.listedSupervision')}
    </Tag>
  );
}

const RESULT_COLOR: Record<ItemResult, string> = { pass: 'green', fail: 'red', na: 'default' };

/** An inspection item's result: 合格 green, 不合格 red, 不适用 grey. */
export function ResultTag({ result }: { result: ItemResult }) {
  return (
    <Tag color={RESULT_COLOR[result]} style={{ marginInlineEnd: 0 }}>
      {t(`itemResult.${result}`)}
    </Tag>
  );
}
