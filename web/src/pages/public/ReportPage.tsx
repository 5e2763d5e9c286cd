import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import {
  PUBLIC_REPORT_DESCRIPTION,
  PUBLIC_REPORT_MAX_PHOTOS,
  t,
  type Challenge,
  type PublicInstitution,
  type PublicInstitutionList,
  type PublicReportForm,
  type PublicReportReceipt,
  type ReportCategory,
} from '@lifeline/shared';
import { ApiError, api } from '../../api/client.ts';
import { ReportFrame, copyText, errorText, randomKey } from './ReportCommon.tsx';
import { solveInBackground } from './ReportPow.ts';

/** A photo picked for the report: the (possibly downscaled) blob and its preview URL. */
interface Photo {
  id: string;
  blob: Blob;
  url: string;
}

/** Longest side the page sends, in pixels (the server caps at 2560 and re-encodes anyway). */
const SEND_MAX_SIDE = 2048;

/**
 * Downscales a large phone photo before sending (faster on a slow network). The browser applies
 * the EXIF orientation when decoding; the canvas re-encode drops the metadata too (the server
 * strips it again regardless). Anything that fails sends the original file.
 */
async function shrinkPhoto(file: File): Promise<Blob> {
  try {
    if (typeof createImageBitmap !== 'function') return file;
    const bmp = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, SEND_MAX_SIDE / Math.max(bmp.width, bmp.height));
    if (scale === 1 && file.size < 1.5 * 1024 * 1024) {
      bmp.close();
      return file;
    }
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bmp.width * scale);
    canvas.height = Math.round(bmp.height * scale);
    canvas.getContext('2d')!.drawImage(bmp, 0, 0, canvas.width, canvas.height);
    bmp.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

type Solved = Challenge & { nonce: string };
type Errors = Partial<Record<'place' | 'category' | 'description' | 'contact' | 'photos' | 'form', string>>;

/** Institution search by name, IME-safe: no search while a Chinese input method is composing. */
function InstitutionPicker({ value, onChange }: { value: PublicInstitution | null; onChange: (i: PublicInstitution | null) => void }) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<PublicInstitution[] | null>(null);
  const [busy, setBusy] = useState(false);
  const composing = useRef(false);
  const seq = useRef(0);

  const search = useCallback(async (text: string) => {
    const term = text.trim();
    if (!term) {
      setItems(null);
      return;
    }
    const mine = ++seq.current;
    setBusy(true);
    try {
      const res = await api<PublicInstitutionList>(`/api/public/institutions?q=${encodeURIComponent(term.slice(0, 30))}`);
      if (mine === seq.current) setItems(res.items);
    } catch {
      if (mine === seq.current) setItems([]);
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  }, []);

  // search shortly after typing stops — never during IME composition (拼音 in progress)
  useEffect(() => {
    if (composing.current) return;
    const timer = setTimeout(() => void search(q), 400);
    return () => clearTimeout(timer);
  }, [q, search]);

  if (value) {
    return (
      <div className="rp-picked">
        <div>
          <strong>{value.name}</strong>
          <span className="rp-muted">{value.townshipName}</span>
        </div>
        <button type="button" className="rp-link-btn" onClick={() => onChange(null)}>
          {t('publicReports.place.change')}
        </button>
      </div>
    );
  }
  return (
    <div>
      <div className="rp-search">
        <input
          className="rp-input"
          type="search"
          value={q}
          maxLength={30}
          placeholder={t('publicReports.place.search')}
          aria-label={t('publicReports.place.search')}
          onChange={(e) => setQ(e.target.value)}
          onCompositionStart={() => {
            composing.current = true;
          }}
          onCompositionEnd={(e) => {
            composing.current = false;
            setQ(e.currentTarget.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !composing.current) {
              e.preventDefault();
              void search(q);
            }
          }}
        />
        <button type="button" className="rp-btn" onClick={() => void search(q)}>
          {t('publicReports.place.searchButton')}
        </button>
      </div>
      {busy && <p className="rp-muted">{t('publicReports.place.searching')}</p>}
      {!busy && items && items.length === 0 && <p className="rp-muted">{t('publicReports.place.noResult')}</p>}
      {items && items.length > 0 && (
        <ul className="rp-results">
          {items.map((i) => (
            <li key={i.id}>
              <button type="button" onClick={() => onChange(i)}>
                <strong>{i.name}</strong>
                <span className="rp-muted">{i.townshipName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The receipt screen: the code, shown once, with a copy button. */
function ReceiptView({ receipt, onAnother }: { receipt: PublicReportReceipt; onAnother: () => void }) {
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  return (
    <section className="rp-card rp-receipt" aria-live="polite">
      <h2>{t('publicReports.receipt.title')}</h2>
      <p className="rp-muted">{t('publicReports.receipt.codeLabel')}</p>
      <p className="rp-code" data-testid="receipt-code" aria-label={receipt.receiptCode}>
        {receipt.receiptCode.split('-').map((g, i, all) => (
          <span key={i} className="rp-code-group">
            {g}
            {i < all.length - 1 && '-'}
            {i < all.length - 1 && <wbr />}
          </span>
        ))}
      </p>
      <button
        type="button"
        className="rp-btn rp-btn-primary rp-btn-block"
        onClick={async () => setCopied((await copyText(receipt.receiptCode)) ? 'ok' : 'failed')}
      >
        {copied === 'ok' ? t('publicReports.receipt.copied') : t('publicReports.receipt.copy')}
      </button>
      {copied === 'failed' && <p className="rp-error">{t('publicReports.receipt.copyFailed')}</p>}
      <p className="rp-keep">{t('publicReports.receipt.keep')}</p>
      <p className="rp-muted">{t('publicReports.receipt.once')}</p>
      <p className="rp-muted">{t('publicReports.receipt.serial', { serial: receipt.serialNo })}</p>
      <div className="rp-actions">
        <Link to="/report/status" className="rp-btn rp-btn-block">
          {t('publicReports.receipt.toStatus')}
        </Link>
        <button type="button" className="rp-link-btn" onClick={onAnother}>
          {t('publicReports.receipt.another')}
        </button>
      </div>
    </section>
  );
}

/**
 * 安全隐患举报 — the public report form (/report, no login, phone first). Anonymous by default;
 * a reporter who wants a reward opts in and leaves name and phone. The proof-of-work challenge is
 * solved in a Web Worker while the form is filled; one Idempotency-Key per submission makes a
 * double tap or a retry on a flaky network one report. The receipt code is shown once and kept
 * only in memory (never in the URL or storage).
 */
export default function ReportPage() {
  const [form, setForm] = useState<PublicReportForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mode, setMode] = useState<'institution' | 'text'>('institution');
  const [institution, setInstitution] = useState<PublicInstitution | null>(null);
  const [placeText, setPlaceText] = useState('');
  const [category, setCategory] = useState<ReportCategory | null>(null);
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [wantsReward, setWantsReward] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [submitting, setSubmitting] = useState<null | 'preparing' | 'sending'>(null);
  const [receipt, setReceipt] = useState<PublicReportReceipt | null>(null);
  const solution = useRef<Promise<Solved> | null>(null);
  const key = useRef(randomKey());
  const photosRef = useRef<Photo[]>([]);
  photosRef.current = photos;

  /** Fetches a fresh challenge (and the form) and starts solving it in the background. */
  const prepare = useCallback(async () => {
    const f = await api<PublicReportForm>('/api/public/report-form');
    setForm(f);
    const c = f.challenge;
    solution.current = solveInBackground(c.salt, c.bits).then((nonce) => ({ ...c, nonce }));
    solution.current.catch(() => undefined);
    return f;
  }, []);

  useEffect(() => {
    prepare().catch((e) => setLoadError(errorText(e)));
  }, [prepare]);

  useEffect(() => () => photosRef.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const addPhotos = async (files: FileList | null) => {
    if (!files) return;
    const room = PUBLIC_REPORT_MAX_PHOTOS - photos.length;
    const picked = Array.from(files).slice(0, Math.max(0, room));
    if (picked.some((f) => !f.type.startsWith('image/'))) setErrors((e) => ({ ...e, photos: t('publicReports.error.photoType') }));
    const added: Photo[] = [];
    for (const f of picked.filter((x) => x.type.startsWith('image/'))) {
      const blob = await shrinkPhoto(f);
      added.push({ id: randomKey().slice(0, 12), blob, url: URL.createObjectURL(blob) });
    }
    if (Array.from(files).length > room) setErrors((e) => ({ ...e, photos: t('publicReports.tooManyPhotos', { n: PUBLIC_REPORT_MAX_PHOTOS }) }));
    setPhotos((p) => [...p, ...added].slice(0, PUBLIC_REPORT_MAX_PHOTOS));
  };

  const removePhoto = (id: string) =>
    setPhotos((ps) => {
      const gone = ps.find((p) => p.id === id);
      if (gone) URL.revokeObjectURL(gone.url);
      return ps.filter((p) => p.id !== id);
    });

  /** Client-side checks mirroring the server's (the server decides). */
  const validate = (): Errors => {
    const e: Errors = {};
    if (mode === 'institution' ? !institution : !placeText.trim()) e.place = t('publicReports.error.place');
    if (!category) e.category = t('publicReports.error.category');
    if (description.trim().length < PUBLIC_REPORT_DESCRIPTION.min) e.description = t('publicReports.error.description', { min: PUBLIC_REPORT_DESCRIPTION.min });
    if (wantsReward && (!name.trim() || !/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(phone.trim()))) e.contact = t('publicReports.error.contact');
    return e;
  };

  const send = async (solved: Solved) => {
    const data = {
      ...(mode === 'institution' ? { institutionId: institution!.id } : { placeText: placeText.trim() }),
      category,
      description: description.trim(),
      wantsReward,
      ...(wantsReward ? { contact: { name: name.trim(), phone: phone.trim() } } : {}),
      challenge: solved,
    };
    const fd = new FormData();
    fd.append('data', JSON.stringify(data));
    photos.forEach((p, i) => fd.append('photos', p.blob, `photo-${i + 1}.jpg`));
    return api<PublicReportReceipt>('/api/public/reports', { method: 'POST', body: fd, idempotencyKey: key.current });
  };

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (submitting) return;
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.querySelector('.rp-field-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    try {
      setSubmitting('preparing');
      let solved = await (solution.current ?? prepare().then(() => solution.current!));
      if (Date.parse(solved.expiresAt) - Date.now() < 30_000) {
        await prepare();
        solved = await solution.current!;
      }
      setSubmitting('sending');
      let res: PublicReportReceipt;
      try {
        res = await send(solved);
      } catch (e) {
        // an expired or used challenge: get a new one and try once more (same Idempotency-Key)
        if (!(e instanceof ApiError && e.fieldErrors.challenge)) throw e;
        setSubmitting('preparing');
        await prepare();
        solved = await solution.current!;
        setSubmitting('sending');
        res = await send(solved);
      }
      setReceipt(res);
      window.scrollTo({ top: 0 });
    } catch (e) {
      const fe = e instanceof ApiError ? e.fieldErrors : {};
      const next: Errors = { form: errorText(e) };
      if (fe.institutionId || fe.placeText) next.place = fe.institutionId ?? fe.placeText;
      if (fe.category) next.category = fe.category;
      if (fe.description) next.description = fe.description;
      const contactError = Object.entries(fe).find(([k]) => k.startsWith('contact'));
      if (contactError) next.contact = contactError[1];
      if (fe.photos) next.photos = fe.photos;
      setErrors(next);
    } finally {
      setSubmitting(null);
    }
  };

  const reset = () => {
    photos.forEach((p) => URL.revokeObjectURL(p.url));
    setReceipt(null);
    setInstitution(null);
    setPlaceText('');
    setCategory(null);
    setDescription('');
    setPhotos([]);
    setWantsReward(false);
    setName('');
    setPhone('');
    setErrors({});
    key.current = randomKey();
    prepare().catch((e) => setLoadError(errorText(e)));
  };

  const channels = form?.channels ?? [];
  const aside = (
    <aside className="rp-card rp-channels" aria-label={t('publicReports.channels.title')}>
      <h2>{t('publicReports.channels.title')}</h2>
      <ul>
        {channels.map((c) => (
          <li key={c.key}>
            {c.phone ? (
              <a href={`tel:${c.phone}`} className="rp-channel-name">
                {c.label}
              </a>
            ) : (
              <span className="rp-channel-name">{c.label}</span>
            )}
            <span className="rp-muted">{c.description}</span>
          </li>
        ))}
      </ul>
    </aside>
  );

  return (
    <ReportFrame title={t('publicReports.title')} subtitle={t('publicReports.subtitle')} link={{ to: '/report/status', label: t('publicReports.statusLink') }}>
      {receipt ? (
        <ReceiptView receipt={receipt} onAnother={reset} />
      ) : (
        <div className="rp-layout">
          <form className="rp-form" onSubmit={onSubmit} noValidate>
            {loadError && <p className="rp-alert">{loadError}</p>}

            <section className="rp-card">
              <h2>{t('publicReports.place.title')}</h2>
              <div className="rp-segment" role="tablist">
                {(['institution', 'text'] as const).map((m) => (
                  <button key={m} type="button" role="tab" aria-selected={mode === m} className={mode === m ? 'is-on' : ''} onClick={() => setMode(m)}>
                    {t(`publicReports.place.${m}`)}
                  </button>
                ))}
              </div>
              {mode === 'institution' ? (
                <InstitutionPicker value={institution} onChange={setInstitution} />
              ) : (
                <input className="rp-input" value={placeText} maxLength={200} placeholder={t('publicReports.place.textPlaceholder')} aria-label={t('publicReports.place.text')} onChange={(e) => setPlaceText(e.target.value)} />
              )}
              {errors.place && <p className="rp-field-error">{errors.place}</p>}
            </section>

            <section className="rp-card">
              <h2>{t('publicReports.category.title')}</h2>
              <div className="rp-categories">
                {(form?.categories ?? []).map((c) => (
                  <button key={c.value} type="button" aria-pressed={category === c.value} className={category === c.value ? 'is-on' : ''} onClick={() => setCategory(c.value)}>
                    {c.label}
                  </button>
                ))}
              </div>
              {errors.category && <p className="rp-field-error">{errors.category}</p>}
            </section>

            <section className="rp-card">
              <h2>
                <label htmlFor="rp-description">{t('publicReports.description.title')}</label>
              </h2>
              <textarea
                id="rp-description"
                className="rp-input rp-textarea"
                rows={5}
                maxLength={PUBLIC_REPORT_DESCRIPTION.max}
                value={description}
                placeholder={t('publicReports.description.placeholder', { min: PUBLIC_REPORT_DESCRIPTION.min })}
                onChange={(e) => setDescription(e.target.value)}
              />
              <div className="rp-count rp-muted">{t('publicReports.description.count', { n: description.trim().length, max: PUBLIC_REPORT_DESCRIPTION.max })}</div>
              {errors.description && <p className="rp-field-error">{errors.description}</p>}
            </section>

            <section className="rp-card">
              <h2>{t('publicReports.photos.title', { n: PUBLIC_REPORT_MAX_PHOTOS })}</h2>
              <div className="rp-photos">
                {photos.map((p) => (
                  <figure key={p.id} className="rp-photo">
                    <img src={p.url} alt="" />
                    <button type="button" onClick={() => removePhoto(p.id)} aria-label={t('publicReports.photos.remove')}>
                      ×
                    </button>
                  </figure>
                ))}
                {photos.length < PUBLIC_REPORT_MAX_PHOTOS && (
                  <label className="rp-photo rp-photo-add">
                    <input
                      type="file"
                      accept="image/*"
                      multiple
                      onChange={(e) => {
                        void addPhotos(e.target.files);
                        e.target.value = '';
                      }}
                    />
                    <span aria-hidden="true">+</span>
                    <span>{t('publicReports.photos.add')}</span>
                  </label>
                )}
              </div>
              <p className="rp-muted rp-small">{t('publicReports.photos.hint')}</p>
              {errors.photos && <p className="rp-field-error">{errors.photos}</p>}
            </section>

            <section className="rp-card">
              <label className="rp-check">
                <input type="checkbox" checked={wantsReward} onChange={(e) => setWantsReward(e.target.checked)} />
                <span>{t('publicReports.reward.optIn')}</span>
              </label>
              <p className="rp-muted rp-small">{t('publicReports.reward.optInHint')}</p>
              {wantsReward && (
                <div className="rp-contact">
                  <label>
                    <span>{t('publicReports.contact.name')}</span>
                    <input className="rp-input" value={name} maxLength={50} autoComplete="name" onChange={(e) => setName(e.target.value)} />
                  </label>
                  <label>
                    <span>{t('publicReports.contact.phone')}</span>
                    <input className="rp-input" value={phone} maxLength={20} inputMode="tel" autoComplete="tel" onChange={(e) => setPhone(e.target.value)} />
                  </label>
                </div>
              )}
              {errors.contact && <p className="rp-field-error">{errors.contact}</p>}
            </section>

            {errors.form && <p className="rp-alert">{errors.form}</p>}
            <button type="submit" className="rp-btn rp-btn-primary rp-btn-block rp-submit" disabled={!!submitting || !form}>
              {submitting === 'preparing' ? t('publicReports.preparing') : submitting === 'sending' ? t('publicReports.submitting') : t('publicReports.submit')}
            </button>
            <p className="rp-muted rp-small rp-center">{t('publicReports.privacy')}</p>
          </form>
          {aside}
        </div>
      )}
    </ReportFrame>
  );
}
