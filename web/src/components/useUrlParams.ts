import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isCalendarDate } from '@lifeline/shared';

export type UrlPatch = Record<string, string | number | boolean | null | undefined>;

/**
 * List filters kept in the query string, so a filtered view can be bookmarked and shared.
 * `update` merges a patch (empty values remove the key) and, unless the patch sets `page`,
 * goes back to page 1. History entries are replaced, not stacked.
 */
export function useUrlParams(): [Record<string, string>, (patch: UrlPatch) => void, () => void] {
  const [sp, setSp] = useSearchParams();
  const params = useMemo(() => Object.fromEntries(sp.entries()), [sp]);
  const update = useCallback(
    (patch: UrlPatch) => {
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '' || v === false) next.delete(k);
            else next.set(k, String(v));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSp],
  );
  const clear = useCallback(() => setSp(new URLSearchParams(), { replace: true }), [setSp]);
  return [params, update, clear];
}

/** `v` if it is one of `allowed`, else undefined (ignores hand-edited garbage in the URL). */
export function oneOf<T extends string>(allowed: readonly T[], v: string | undefined): T | undefined {
  return v !== undefined && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

/**
 * `v` if it is a real calendar date `YYYY-MM-DD`, else undefined: a hand-edited `2026-02-30` would
 * show as 03-02 in a date picker while the server refuses it, so it is dropped instead.
 */
export function dateParam(v: string | undefined): string | undefined {
  return v !== undefined && isCalendarDate(v) ? v : undefined;
}
