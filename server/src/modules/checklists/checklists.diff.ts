import type { ChecklistDiff, ChecklistItemValues } from '@lifeline/shared';

/** The item fields that make up a version's content (ids and sortOrder are not content). */
export const ITEM_CONTENT_FIELDS = [
  'code',
  'category',
  'hazardCategory',
  'checkText',
  'checkPoints',
  'legalBasis',
  'hazardLevel',
  'isPlaceholder',
] as const satisfies readonly (keyof ChecklistItemValues)[];

/** An item as far as comparing versions goes. */
export type ItemContent = Pick<ChecklistItemValues, (typeof ITEM_CONTENT_FIELDS)[number]>;

/**
 * Compares two item lists of one template by item code (pure).
 * @param base the previous version's items in display order (empty for a new template)
 * @param next the new items in display order; codes are expected to be unique
 * @param baseVersion the previous version's number, reported back as `diff.baseVersion`
 * @returns codes added (in `next` only), removed (in `base` only, in base order), changed (same
 *   code, some content field differs, in `next` order); `reordered` when the kept codes changed
 *   order; `identical` when nothing at all differs (a publish would add nothing)
 */
export function diffItems(base: readonly ItemContent[], next: readonly ItemContent[], baseVersion: number | null): ChecklistDiff {
  const before = new Map(base.map((it) => [it.code, it]));
  const afterCodes = new Set(next.map((it) => it.code));
  const added: string[] = [];
  const changed: string[] = [];
  for (const it of next) {
    const old = before.get(it.code);
    if (!old) added.push(it.code);
    else if (ITEM_CONTENT_FIELDS.some((f) => old[f] !== it[f])) changed.push(it.code);
  }
  const removed = base.filter((it) => !afterCodes.has(it.code)).map((it) => it.code);
  const keptBefore = base.filter((it) => afterCodes.has(it.code)).map((it) => it.code);
  const keptAfter = next.filter((it) => before.has(it.code)).map((it) => it.code);
  const reordered = keptBefore.some((c, i) => keptAfter[i] !== c);
  return {
    baseVersion,
    added,
    removed,
    changed,
    reordered,
    identical: added.length === 0 && removed.length === 0 && changed.length === 0 && !reordered,
  };
}

/** `4.1、4.2、4.3` — at most `max` codes, then `等 N 项`. */
function listCodes(codes: readonly string[], max = 10): string {
  const shown = codes.slice(0, max).join('、');
  return codes.length > max ? `${shown} 等 ${codes.length} 项` : shown;
}

/**
 * The zh-CN one-line description of a diff, used in audit summaries and messages, e.g.
 * `新增 2 项（6.1、6.2）；删除 1 项（6.x）；修改 1 项（4.1）；调整了顺序`.
 * @returns `无变化` for an identical diff
 */
export function describeDiff(d: ChecklistDiff): string {
  const parts: string[] = [];
  if (d.added.length) parts.push(`新增 ${d.added.length} 项（${listCodes(d.added)}）`);
  if (d.removed.length) parts.push(`删除 ${d.removed.length} 项（${listCodes(d.removed)}）`);
  if (d.changed.length) parts.push(`修改 ${d.changed.length} 项（${listCodes(d.changed)}）`);
  if (d.reordered) parts.push('调整了顺序');
  return parts.length ? parts.join('；') : '无变化';
}
