import { ERROR_STATUS, type ErrorCode, type FieldIssue, t } from '@lifeline/shared';

/**
 * The one error type services throw. The error plugin turns it into
 * `{ error: { code, message, details, requestId } }` with the status of `ERROR_STATUS[code]`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: FieldIssue[] | Record<string, unknown> | undefined;

  /**
   * @param code wire error code
   * @param message zh-CN message; defaults to the catalogue's `errors.<code>`
   * @param details per-field issues or extra data
   */
  constructor(code: ErrorCode, message?: string, details?: FieldIssue[] | Record<string, unknown>) {
    super(message ?? t(`errors.${code}`));
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
  }
}

/** 404 for a record that does not exist or is outside the actor's scope (the two look the same). */
export const notFound = (message?: string) => new AppError('NOT_FOUND', message);
/** 403 for a missing permission. */
export const forbidden = (message?: string) => new AppError('FORBIDDEN', message);
/** 400 with one field's message. */
export const invalidField = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', t('errors.VALIDATION_FAILED'), [{ path, message }]);
