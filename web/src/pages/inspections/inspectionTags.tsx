import { Tag } from 'antd';
import { t, type InspectionKind, type InspectionSummary } from '@lifeline/shared';

const KIND_COLOR: Record<InspectionKind, string> = { county: 'red', township: 'blue', self: 'cyan' };

/** An inspection kind as a tag: 县局检查 / 乡镇检查 / 机构自查. */
export function KindTag({ kind }: { kind: InspectionKind }) {
  return (
    <Tag color={KIND_COLOR[kind]} style={{ marginInlineEnd: 0 }}>
      {t(`inspectionKind.${kind}`)}
    </Tag>
  );
}

/** 合格 n · 不合格 n · 不适用 n, the failures in red. */
export function ResultCounts({ s }: { s: Pick<InspectionSummary, 'passCount' | 'failCount' | 'naCount'> }) {
  return (
    <span style={{ fontSize: 13 }}>
      <span style={{ color: '#389e0d' }}>{t('inspections.count.pass', { n: s.passCount })}</span>
      {' · '}
      <span style={{ color: s.failCount ? '#cf1322' : undefined, fontWeight: s.failCount ? 600 : undefined }}>{t('inspections.count.fail', { n: s.failCount })}</span>
      {' · '}
      <span className="muted">{t('inspections.count.na', { n: s.naCount })}</span>
    </span>
  );
}

