import { Tag } from 'antd';
import { t, type HazardLevel } from '@lifeline/shared';

/**
 * A hazard level: 重大 in red, 一般 in a quiet grey.
 * @param short `重大` / `一般` instead of `重大隐患` / `一般隐患` (tables, cards)
 */
export function LevelTag({ level, short = false }: { level: HazardLevel; short?: boolean }) {
  return (
    <Tag color={level === 'major' ? 'red' : 'default'} style={{ marginInlineEnd: 0 }}>
      {short ? t(`hazards.level.short.${level}`) : t(`hazardLevel.${level}`)}
    </Tag>
  );
}
