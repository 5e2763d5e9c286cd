import { Space, Tag, Tooltip } from 'antd';
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { t, type ChecklistDiff, type ChecklistItemInput, type ChecklistTemplateSummary } from '@lifeline/shared';
import { InstitutionTypeTag } from '../../components/AdminTags.tsx';

/** The institution types a template applies to (none = every type). */
export function AppliesTo({ types }: { types: ChecklistTemplateSummary['institutionTypes'] }) {
  if (types.length === 0) return <Tag style={{ marginInlineEnd: 0 }}>{t('checklists.allTypes')}</Tag>;
  return (
    <Space size={4} wrap>
      {types.map((ty) => (
        <InstitutionTypeTag key={ty} type={ty} />
      ))}
    </Space>
  );
}

/**
 * 含待补充内容: the checklist has placeholder slots whose official text the bureau has not entered
 * yet. Deliberately no count: one placeholder item may stand for many situations of the standard
 * (4 placeholders for 15 situations), and the real numbers are in the template's source note.
 * @param n number of placeholder items; nothing is shown for 0
 */
export function PlaceholderTag({ n }: { n: number }) {
  if (n === 0) return null;
  return (
    <Tooltip title={t('checklists.placeholderTip')}>
      <Tag color="warning" icon={<ExclamationCircleOutlined />} style={{ marginInlineEnd: 0 }} data-testid="placeholder-tag">
        {t('checklists.incomplete')}
      </Tag>
    </Tooltip>
  );
}

type Comparable = Pick<ChecklistItemInput, 'code' | 'category' | 'hazardCategory' | 'checkText' | 'checkPoints' | 'legalBasis' | 'hazardLevel' | 'isPlaceholder'>;

const norm = (i: Comparable) =>
  JSON.stringify([i.category.trim(), i.hazardCategory, i.checkText.trim(), (i.checkPoints ?? '').trim(), (i.legalBasis ?? '').trim(), i.hazardLevel, !!i.isPlaceholder]);

/**
 * What differs between two item lists, matched by code (same rules as the server's
 * checklists.diff.ts): added, removed and changed codes, and whether the kept codes moved.
 */
export function diffItems(base: readonly Comparable[], next: readonly Comparable[]): Omit<ChecklistDiff, 'baseVersion'> {
  const before = new Map(base.map((i) => [i.code.trim(), i]));
  const after = new Map(next.map((i) => [i.code.trim(), i]));
  const added = [...after.keys()].filter((c) => !before.has(c));
  const removed = [...before.keys()].filter((c) => !after.has(c));
  const changed = [...after.keys()].filter((c) => before.has(c) && norm(before.get(c)!) !== norm(after.get(c)!));
  const keptBefore = [...before.keys()].filter((c) => after.has(c));
  const keptAfter = [...after.keys()].filter((c) => before.has(c));
  const reordered = keptBefore.some((c, i) => keptAfter[i] !== c);
  return { added, removed, changed, reordered, identical: !added.length && !removed.length && !changed.length && !reordered };
}

/** Codes as small tags, e.g. the added items of a new version. */
export function CodeTags({ codes, color }: { codes: readonly string[]; color: string }) {
  return (
    <Space size={4} wrap>
      {codes.map((c) => (
        <Tag key={c} color={color} style={{ marginInlineEnd: 0, fontFamily: 'monospace' }}>
          {c}
        </Tag>
      ))}
    </Space>
  );
}

/** A diff as labelled rows of code tags (新增 / 删除 / 修改, and 顺序调整). */
export function DiffView({ diff }: { diff: Omit<ChecklistDiff, 'baseVersion'> }) {
  if (diff.identical) return <span className="muted">{t('checklists.diff.identical')}</span>;
  return (
    <div className="cl-diff">
      {diff.added.length > 0 && (
        <div>
          <span className="cl-diff-label">{t('checklists.diff.added', { n: diff.added.length })}</span>
          <CodeTags codes={diff.added} color="green" />
        </div>
      )}
      {diff.removed.length > 0 && (
        <div>
          <span className="cl-diff-label">{t('checklists.diff.removed', { n: diff.removed.length })}</span>
          <CodeTags codes={diff.removed} color="red" />
        </div>
      )}
      {diff.changed.length > 0 && (
        <div>
          <span className="cl-diff-label">{t('checklists.diff.changed', { n: diff.changed.length })}</span>
          <CodeTags codes={diff.changed} color="blue" />
        </div>
      )}
      {diff.reordered && <div className="muted">{t('checklists.diff.reordered')}</div>}
    </div>
  );
}
