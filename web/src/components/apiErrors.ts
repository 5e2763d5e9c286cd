import type { FormInstance } from 'antd';
import { t } from '@lifeline/shared';
import { ApiError } from '../api/client.ts';

/**
 * Puts an API error's per-field details onto the form fields they name (dotted paths become
 * name paths) and returns the message to show for the whole error.
 * @param e what the request threw
 * @param form the form whose fields the details refer to
 * @param fields the field names this form has; details for other paths are left to the message
 */
export function applyApiError(e: unknown, form?: FormInstance, fields?: readonly string[]): string {
  if (!(e instanceof ApiError)) return t('errors.INTERNAL');
  if (form) {
    const entries = Object.entries(e.fieldErrors).filter(([path]) => !fields || fields.includes(path.split('.')[0]!));
    if (entries.length) form.setFields(entries.map(([path, msg]) => ({ name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [msg] })));
  }
  return e.message;
}

/** Whether the error means "the record changed under you": show the message and reload it. */
export const isStale = (e: unknown) => e instanceof ApiError && (e.status === 409 || e.code === 'CONFLICT' || e.code === 'ILLEGAL_TRANSITION');
