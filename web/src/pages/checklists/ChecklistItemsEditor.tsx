import { memo, useCallback, useMemo } from 'react';
import { AutoComplete, Button, Checkbox, Input, Select, Space, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CHECKLIST_MAX_ITEMS, HAZARD_CATEGORIES, HAZARD_LEVELS, t, type ChecklistItem, type HazardCategory, type HazardLevel } from '@lifeline/shared';

/** One item being edited; `key` is stable across reorders (errors and focus follow it). */
export interface EditorRow {
  key: string;
  code: string;
  category: string;
  hazardCategory: HazardCategory;
  checkText: string;
  checkPoints: string;
  legalBasis: string;
  hazardLevel: HazardLevel;
  isPlaceholder: boolean;
}

/** Field → message, per row key. */
export type RowErrors = Record<string, Partial<Record<keyof Omit<EditorRow, 'key'>, string>>>;

let seq = 0;
const newKey = () => `r${++seq}-${Date.now().toString(36)}`;

/** Editor rows from a version's items (display order). */
export const rowsFromItems = (items: readonly ChecklistItem[]): EditorRow[] =>
  items.map((i) => ({
    key: newKey(),
    code: i.code,
    category: i.category,
    hazardCategory: i.hazardCategory,
    checkText: i.checkText,
    checkPoints: i.checkPoints,
    legalBasis: i.legalBasis,
    hazardLevel: i.hazardLevel,
    isPlaceholder: i.isPlaceholder,
  }));

/** A blank row, inheriting the category of the row it follows. */
export const blankRow = (after?: EditorRow): EditorRow => ({
  key: newKey(),
  code: '',
  category: after?.category ?? '',
  hazardCategory: after?.hazardCategory ?? 'management',
  checkText: '',
  checkPoints: '',
  legalBasis: after?.legalBasis ?? '',
  hazardLevel: after?.hazardLevel ?? 'general',
  isPlaceholder: false,
});

/** The rows as the API's item list (ChecklistItemInput). */
export const rowsToItems = (rows: readonly EditorRow[]) =>
  rows.map(({ key: _key, ...r }) => ({ ...r, code: r.code.trim(), category: r.category.trim(), checkText: r.checkText.trim(), checkPoints: r.checkPoints.trim(), legalBasis: r.legalBasis.trim() }));

/**
 * Issues with paths like `items.3.code` (zod or server) → errors per row key; other issues are
 * returned as plain messages.
 */
export function mapItemIssues(rows: readonly EditorRow[], issues: readonly { path: string; message: string }[]): { rowErrors: RowErrors; general: string[] } {
  const rowErrors: RowErrors = {};
  const general: string[] = [];
  for (const is of issues) {
    const m = /^items\.(\d+)\.(\w+)/.exec(is.path);
    const row = m ? rows[Number(m[1])] : undefined;
    if (m && row) {
      const field = m[2] as keyof RowErrors[string];
      rowErrors[row.key] = { ...rowErrors[row.key], [field]: rowErrors[row.key]?.[field] ?? is.message };
    } else general.push(is.message);
  }
  return { rowErrors, general };
}

export interface ChecklistItemsEditorProps {
  rows: EditorRow[];
  onChange: (updater: (rows: EditorRow[]) => EditorRow[]) => void;
  errors: RowErrors;
}

/**
 * The editable item list of a checklist version: every field of every item, add / insert / remove
 * / move up and down. Rows are memoised so typing in one of 200 items stays quick.
 */
export function ChecklistItemsEditor({ rows, onChange, errors }: ChecklistItemsEditorProps) {
  const categories = useMemo(() => [...new Set(rows.map((r) => r.category.trim()).filter(Boolean))].map((c) => ({ value: c })), [rows]);
  const patch = useCallback((key: string, p: Partial<EditorRow>) => onChange((rs) => rs.map((r) => (r.key === key ? { ...r, ...p } : r))), [onChange]);
  const move = useCallback(
    (key: string, dir: -1 | 1) =>
      onChange((rs) => {
        const i = rs.findIndex((r) => r.key === key);
        const j = i + dir;
        if (i < 0 || j < 0 || j >= rs.length) return rs;
        const next = [...rs];
        [next[i], next[j]] = [next[j]!, next[i]!];
        return next;
      }),
    [onChange],
  );
  const remove = useCallback((key: string) => onChange((rs) => rs.filter((r) => r.key !== key)), [onChange]);
  const insertAfter = useCallback(
    (key: string) =>
      onChange((rs) => {
        const i = rs.findIndex((r) => r.key === key);
        const next = [...rs];
        next.splice(i + 1, 0, blankRow(rs[i]));
        return next;
      }),
    [onChange],
  );
  const full = rows.length >= CHECKLIST_MAX_ITEMS;

  return (
    <div className="cl-editor" data-testid="checklist-editor">
      {rows.map((r, i) => (
        <EditorRowView
          key={r.key}
          row={r}
          index={i}
          last={i === rows.length - 1}
          errors={errors[r.key]}
          categories={categories}
          full={full}
          onPatch={patch}
          onMove={move}
          onRemove={remove}
          onInsertAfter={insertAfter}
        />
      ))}
      <Button type="dashed" block icon={<PlusOutlined />} disabled={full} onClick={() => onChange((rs) => [...rs, blankRow(rs[rs.length - 1])])} data-testid="editor-add">
        {t('checklists.editor.add')}
      </Button>
    </div>
  );
}

interface RowViewProps {
  row: EditorRow;
  index: number;
  last: boolean;
  errors?: RowErrors[string];
  categories: { value: string }[];
  full: boolean;
  onPatch: (key: string, p: Partial<EditorRow>) => void;
  onMove: (key: string, dir: -1 | 1) => void;
  onRemove: (key: string) => void;
  onInsertAfter: (key: string) => void;
}

const Err = ({ msg }: { msg?: string }) => (msg ? <div className="cl-field-error">{msg}</div> : null);

const EditorRowView = memo(function EditorRowView({ row, index, last, errors, categories, full, onPatch, onMove, onRemove, onInsertAfter }: RowViewProps) {
  const k = row.key;
  const bad = !!errors && Object.keys(errors).length > 0;
  return (
    <div className={`cl-edit-row${bad ? ' cl-edit-row-error' : ''}${row.isPlaceholder ? ' cl-edit-row-ph' : ''}`} id={`edit-row-${k}`} data-testid="editor-row">
      <div className="cl-edit-line">
        <span className="cl-edit-index">{index + 1}</span>
        <div className="cl-edit-code">
          <Input value={row.code} onChange={(e) => onPatch(k, { code: e.target.value })} placeholder={t('checklists.field.code')} maxLength={20} status={errors?.code ? 'error' : undefined} aria-label={t('checklists.field.code')} />
          <Err msg={errors?.code} />
        </div>
        <div className="cl-edit-category">
          <AutoComplete
            value={row.category}
            options={categories}
            onChange={(v: string) => onPatch(k, { category: v })}
            placeholder={t('checklists.field.category')}
            status={errors?.category ? 'error' : undefined}
            showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input) }}
            aria-label={t('checklists.field.category')}
            style={{ width: '100%' }}
          />
          <Err msg={errors?.category} />
        </div>
        <div className="cl-edit-hc">
          <Select
            value={row.hazardCategory}
            onChange={(v: HazardCategory) => onPatch(k, { hazardCategory: v })}
            options={HAZARD_CATEGORIES.map((v) => ({ value: v, label: t(`hazardCategory.${v}`) }))}
            status={errors?.hazardCategory ? 'error' : undefined}
            aria-label={t('checklists.field.hazardCategory')}
            style={{ width: '100%' }}
            popupMatchSelectWidth={false}
          />
          <Err msg={errors?.hazardCategory} />
        </div>
        <div className="cl-edit-level">
          <Select
            value={row.hazardLevel}
            onChange={(v: HazardLevel) => onPatch(k, { hazardLevel: v })}
            options={HAZARD_LEVELS.map((v) => ({ value: v, label: t(`checklists.level.${v}`) }))}
            status={errors?.hazardLevel ? 'error' : undefined}
            aria-label={t('checklists.field.level')}
            style={{ width: '100%' }}
            className={row.hazardLevel === 'major' ? 'cl-level-major' : undefined}
          />
        </div>
        <Checkbox checked={row.isPlaceholder} onChange={(e) => onPatch(k, { isPlaceholder: e.target.checked })} className="cl-edit-ph">
          {t('checklists.field.placeholderShort')}
        </Checkbox>
        <Space size={0} className="cl-edit-actions">
          <Tooltip title={t('checklists.editor.up')}>
            <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(k, -1)} aria-label={t('checklists.editor.up')} />
          </Tooltip>
          <Tooltip title={t('checklists.editor.down')}>
            <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={last} onClick={() => onMove(k, 1)} aria-label={t('checklists.editor.down')} />
          </Tooltip>
          <Tooltip title={t('checklists.editor.insert')}>
            <Button type="text" size="small" icon={<PlusOutlined />} disabled={full} onClick={() => onInsertAfter(k)} aria-label={t('checklists.editor.insert')} />
          </Tooltip>
          <Tooltip title={t('checklists.editor.remove')}>
            <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => onRemove(k)} aria-label={t('checklists.editor.remove')} />
          </Tooltip>
        </Space>
      </div>
      <div className="cl-edit-text">
        <Input.TextArea
          value={row.checkText}
          onChange={(e) => onPatch(k, { checkText: e.target.value })}
          autoSize={{ minRows: 1, maxRows: 6 }}
          maxLength={500}
          placeholder={row.isPlaceholder ? t('checklists.editor.placeholderText') : t('checklists.field.checkText')}
          status={errors?.checkText ? 'error' : undefined}
          aria-label={t('checklists.field.checkText')}
        />
        <Err msg={errors?.checkText} />
      </div>
      <div className="cl-edit-pair">
        <div>
          <Typography.Text type="secondary" className="cl-edit-label">
            {t('checklists.field.checkPoints')}
          </Typography.Text>
          <Input.TextArea
            value={row.checkPoints}
            onChange={(e) => onPatch(k, { checkPoints: e.target.value })}
            autoSize={{ minRows: 1, maxRows: 8 }}
            maxLength={2000}
            placeholder={t('checklists.editor.checkPointsHint')}
            status={errors?.checkPoints ? 'error' : undefined}
            aria-label={t('checklists.field.checkPoints')}
          />
          <Err msg={errors?.checkPoints} />
        </div>
        <div>
          <Typography.Text type="secondary" className="cl-edit-label">
            {t('checklists.field.legalBasis')}
          </Typography.Text>
          <Input.TextArea
            value={row.legalBasis}
            onChange={(e) => onPatch(k, { legalBasis: e.target.value })}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
            status={errors?.legalBasis ? 'error' : undefined}
            aria-label={t('checklists.field.legalBasis')}
          />
          <Err msg={errors?.legalBasis} />
        </div>
      </div>
      {errors?.isPlaceholder && <Err msg={errors.isPlaceholder} />}
    </div>
  );
});
