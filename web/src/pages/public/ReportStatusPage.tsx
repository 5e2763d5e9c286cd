import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { PUBLIC_REPORT_MESSAGE_MAX, formatLocalDateTime, localDate, t, type PublicReportStatus } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { ReportFrame, errorText } from './ReportCommon.tsx';

/** The report's status page once a code was accepted: summary, steps, messages, reward. */
function StatusView({ code, status, onChange, onLeave }: { code: string; status: PublicReportStatus; onChange: (s: PublicReportStatus) => void; onLeave: () => void }) {
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState<null | 'message' | 'claim'>(null);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const sendMessage = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim() || busy) return;
    setBusy('message');
    setNote(null);
    try {
      onChange(await api<PublicReportStatus>('/api/public/receipts/messages', { method: 'POST', json: { code, body: body.trim() } }));
      setBody('');
      setNote({ kind: 'ok', text: t('publicReports.status.sent') });
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(null);
    }
  };

  const claim = async () => {
    if (busy) return;
    setBusy('claim');
    setNote(null);
    try {
      onChange(await api<PublicReportStatus>('/api/public/receipts/claim', { method: 'POST', json: { code } }));
      setNote({ kind: 'ok', text: t('publicReports.status.claimed') });
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(null);
    }
  };

  const reward = status.reward;
  return (
    <>
      <section className="rp-card" data-testid="report-status">
        <div className="rp-status-head">
          <span className={`rp-badge rp-badge-${status.status}`}>{status.statusLabel}</span>
          <button type="button" className="rp-link-btn" onClick={onLeave}>
            {t('publicReports.status.leave')}
          </button>
        </div>
        <dl className="rp-facts">
          <dt>{t('publicReports.status.serial')}</dt>
          <dd>{status.serialNo}</dd>
          <dt>{t('publicReports.status.category')}</dt>
          <dd>{status.categoryLabel}</dd>
          <dt>{t('publicReports.status.place')}</dt>
          <dd>{status.place}</dd>
          <dt>{t('publicReports.status.receivedAt')}</dt>
          <dd>{formatLocalDateTime(status.receivedAt)}</dd>
          {status.verdictLabel && (
            <>
              <dt>{t('publicReports.status.verdict')}</dt>
              <dd>{status.verdictLabel}</dd>
            </>
          )}
          {status.rejection && (
            <>
              <dt>{t('publicReports.status.rejection')}</dt>
              <dd>{status.rejection}</dd>
            </>
          )}
        </dl>
      </section>

      <section className="rp-card">
        <h2>{t('publicReports.status.history')}</h2>
        <ol className="rp-timeline">
          {status.history.map((h, i) => (
            <li key={`${h.status}-${i}`} className={i === status.history.length - 1 ? 'is-current' : ''}>
              <strong>{h.label}</strong>
              <span className="rp-muted">{formatLocalDateTime(h.at)}</span>
            </li>
          ))}
        </ol>
      </section>

      {reward && (
        <section className="rp-card rp-reward">
          <h2>{t('publicReports.status.reward')}</h2>
          <p>
            <strong>{reward.label}</strong>
          </p>
          {reward.amountYuan !== null && <p>{t('publicReports.status.rewardAmount', { amount: reward.amountYuan.toLocaleString('zh-CN') })}</p>}
          {reward.claimDeadline && <p className="rp-muted">{t('publicReports.status.claimDeadline', { at: localDate(reward.claimDeadline) })}</p>}
          {reward.claimedAt && <p className="rp-muted">{t('publicReports.status.claimedAt', { at: formatLocalDateTime(reward.claimedAt) })}</p>}
          {reward.canClaim && (
            <>
              <p className="rp-muted rp-small">{reward.claimInfo}</p>
              <button type="button" className="rp-btn rp-btn-primary rp-btn-block" disabled={!!busy} onClick={claim}>
                {t('publicReports.status.claim')}
              </button>
            </>
          )}
        </section>
      )}

      <section className="rp-card">
        <h2>{t('publicReports.status.messages')}</h2>
        {status.messages.length === 0 ? (
          <p className="rp-muted">{t('publicReports.status.noMessages')}</p>
        ) : (
          <ul className="rp-messages">
            {status.messages.map((m, i) => (
              <li key={i} className={m.direction === 'from_reporter' ? 'is-mine' : ''}>
                <span className="rp-muted rp-small">
                  {m.direction === 'from_reporter' ? t('publicReports.status.fromMe') : t('publicReports.status.fromHandler')} · {formatLocalDateTime(m.at)}
                </span>
                <p>{m.body}</p>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={sendMessage} className="rp-message-form">
          <textarea
            className="rp-input rp-textarea"
            rows={3}
            maxLength={PUBLIC_REPORT_MESSAGE_MAX}
            value={body}
            placeholder={t('publicReports.status.messagePlaceholder')}
            aria-label={t('publicReports.status.messagePlaceholder')}
            onChange={(e) => setBody(e.target.value)}
          />
          <button type="submit" className="rp-btn rp-btn-block" disabled={!body.trim() || !!busy}>
            {t('publicReports.status.send')}
          </button>
        </form>
        {note && <p className={note.kind === 'ok' ? 'rp-ok' : 'rp-alert'}>{note.text}</p>}
      </section>
    </>
  );
}

/**
 * 举报进度查询 (/report/status, no login): the reporter types the receipt code (it is never put in
 * the URL or kept in the browser), then sees the status, the steps, messages to and from the
 * handler, and the reward with a claim button while it can be claimed.
 */
export default function ReportStatusPage() {
  const [input, setInput] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [status, setStatus] = useState<PublicReportStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const query = async (e: FormEvent) => {
    e.preventDefault();
    const typed = input.trim();
    if (!typed || busy) return;
    setBusy(true);
    setError(null);
    try {
      const s = await api<PublicReportStatus>('/api/public/receipts/lookup', { method: 'POST', json: { code: typed } });
      setCode(typed);
      setStatus(s);
      setInput('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const leave = () => {
    setCode(null);
    setStatus(null);
  };

  return (
    <ReportFrame title={t('publicReports.status.title')} link={{ to: '/report', label: t('publicReports.status.newReport') }}>
      <div className="rp-narrow">
        {status && code ? (
          <StatusView code={code} status={status} onChange={setStatus} onLeave={leave} />
        ) : (
          <form className="rp-card" onSubmit={query}>
            <h2>
              <label htmlFor="rp-code">{t('publicReports.receipt.codeLabel')}</label>
            </h2>
            <input
              id="rp-code"
              className="rp-input rp-code-input"
              value={input}
              maxLength={64}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              placeholder={t('publicReports.status.codePlaceholder')}
              onChange={(e) => setInput(e.target.value)}
            />
            {error && <p className="rp-alert">{error}</p>}
            <button type="submit" className="rp-btn rp-btn-primary rp-btn-block" disabled={busy || !input.trim()}>
              {busy ? t('publicReports.status.querying') : t('publicReports.status.query')}
            </button>
            <p className="rp-muted rp-small rp-center">
              <Link to="/report">{t('publicReports.status.newReport')}</Link>
            </p>
          </form>
        )}
      </div>
    </ReportFrame>
  );
}
