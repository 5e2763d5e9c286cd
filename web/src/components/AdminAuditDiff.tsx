import { useState } from 'react';
import { Switch, Typography } from 'antd';
import { formatLocalDateTime, t } from '@lifeline/shared';
import { tOr } from './AdminUtils.ts';

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

/** One value, readable: text as is, null/absent as a dash, objects and lists pretty-printed. */
function Value({ v, kind }: { v: Json; kind: 'before' | 'after' }) {
  if (v === undefined || v === null || v === '') return <span className="adm-diff-empty">{t('admin.audit.diff.empty')}</span>;
  if (typeof v === 'boolean') return <span className={`adm-diff-val adm-diff-${kind}`}>{v ? t('common.yes') : t('common.no')}</span>;
  if (typeof v === 'object') return <pre className={`adm-diff-pre adm-diff-${kind}`}>{JSON.stringify(v, null, 2)}</pre>;
  // instants (ISO 8601 with a zone) are shown in Asia/Shanghai local time
  const text = typeof v === 'string' && ISO_INSTANT.test(v) ? formatLocalDateTime(v) : String(v);
  return (
    <span className={`adm-diff-val adm-diff-${kind}`} title={text !== v ? String(v) : undefined}>
      {text}
    </span>
  );
}

/**
 * An audit entry's record before → after as a readable diff: one line per key, only the keys
 * whose value changed (toggle to see all), old value struck through in red, new value in green;
 * nested values pretty-printed as JSON. Handles a create (no before), a delete (no after) and
 * entries whose before/after are not objects.
 */
export function AdminAuditDiff({ before, after }: { before: Json; after: Json }) {
  const [all, setAll] = useState(false);
  if ((before === null || before === undefined) && (after === null || after === undefined)) {
    return <Typography.Text type="secondary">{t('admin.audit.diff.none')}</Typography.Text>;
  }
  if (!isObject(before ?? {}) || !isObject(after ?? {})) {
    return (
      <div className="adm-diff-grid">
        <div className="adm-diff-key">{t('admin.audit.diff.value')}</div>
        <div>
          <Value v={before} kind="before" />
        </div>
        <div className="adm-diff-arrow">→</div>
        <div>
          <Value v={after} kind="after" />
        </div>
      </div>
    );
  }
  const b = (before ?? {}) as Record<string, Json>;
  const a = (after ?? {}) as Record<string, Json>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  // an update stores only the changed fields in `after`: compare those; a create has no `before`
  const creating = before === null || before === undefined;
  // a key the `after` record does not carry was not part of the change (unless the record went away)
  const gone = after === null || after === undefined;
  const changed = keys.filter((k) => (gone || k in a) && !same(b[k], a[k]));
  const shown = all ? keys : changed;
  return (
    <div className="adm-diff">
      <div className="adm-diff-head">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {creating ? t('admin.audit.diff.created', { n: keys.length }) : t('admin.audit.diff.changed', { n: changed.length })}
        </Typography.Text>
        {keys.length > changed.length && (
          <label className="adm-diff-toggle">
            <Switch size="small" checked={all} onChange={setAll} />
            {t('admin.audit.diff.showAll', { n: keys.length })}
          </label>
        )}
      </div>
      {shown.length === 0 ? (
        <Typography.Text type="secondary">{t('admin.audit.diff.noChange')}</Typography.Text>
      ) : (
        <div className="adm-diff-grid">
          {shown.map((k) => (
            <DiffLine key={k} name={k} before={b[k]} after={gone || k in a ? a[k] : b[k]} creating={creating || !(k in b)} />
          ))}
        </div>
      )}
    </div>
  );
}

function DiffLine({ name, before, after, creating }: { name: string; before: Json; after: Json; creating: boolean }) {
  const unchanged = same(before, after);
  return (
    <>
      <div className="adm-diff-key" title={name}>
        {tOr(`admin.audit.field.${name}`, name)}
      </div>
      {creating ? (
        <div className="adm-diff-span">
          <Value v={after} kind="after" />
        </div>
      ) : unchanged ? (
        <div className="adm-diff-span">
          <Value v={after} kind="after" />
        </div>
      ) : (
        <>
          <div>
            <Value v={before} kind="before" />
          </div>
          <div className="adm-diff-arrow">→</div>
          <div>
            <Value v={after} kind="after" />
          </div>
        </>
      )}
    </>
  );
}
