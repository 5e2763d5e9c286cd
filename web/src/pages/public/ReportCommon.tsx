import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { t } from '@lifeline/shared';
import { ApiError } from '../../api/client.ts';
import './report.css';

/**
 * Shared bits of the public report pages (/report, /report/status): the page frame, the title,
 * and helpers that work on a plain-HTTP install too (no crypto.randomUUID, no clipboard API needed).
 * Plain HTML and CSS, no antd components: these pages must load fast on a slow phone.
 */

/** Sets the document title while the page is shown. */
export function useTitle(title: string) {
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
}

/** The frame of a public report page: a red header with the title and a link to the other page. */
export function ReportFrame({ title, subtitle, link, children }: { title: string; subtitle?: string; link?: { to: string; label: string }; children: ReactNode }) {
  useTitle(title);
  return (
    <div className="rp-page">
      <header className="rp-header">
        <div className="rp-header-inner">
          <div>
            <h1 className="rp-title">{title}</h1>
            {subtitle && <p className="rp-subtitle">{subtitle}</p>}
          </div>
          {link && (
            <Link to={link.to} className="rp-header-link">
              {link.label}
            </Link>
          )}
        </div>
      </header>
      <main className="rp-main">{children}</main>
    </div>
  );
}

/**
 * A random Idempotency-Key (64 hex characters from crypto.getRandomValues, which also works
 * outside a secure context, unlike crypto.randomUUID).
 */
export function randomKey(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Copies text: the clipboard API when available, else a hidden textarea and execCommand. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

/** The message to show for a failed call. */
export const errorText = (e: unknown) => (e instanceof ApiError ? e.message : t('publicReports.error.generic'));
