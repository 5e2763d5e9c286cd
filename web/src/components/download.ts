import { t } from '@lifeline/shared';
import { ApiError } from '../api/client.ts';

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first). */
function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads a file from the API with the session cookie and saves it under the server's file
 * name (e.g. 隐患台账-2026-06-05.xlsx). Errors come back as {@link ApiError} so the page can show them.
 * @param path e.g. `/api/hazards/export.xlsx?level=major`
 * @param fallbackName used when the server sends no file name
 */
export async function downloadFromApi(path: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', t('errors.NETWORK'));
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    const code = body?.error?.code ?? 'INTERNAL';
    throw new ApiError(res.status, code, body?.error?.message ?? t(`errors.${code}`));
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
