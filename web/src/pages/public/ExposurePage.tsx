import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { localDate, t, type PublicExposureItem } from '@lifeline/shared';
import { api, ApiError, qs } from '../../api/client.ts';
import './ExposurePage.css';

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const PAGE_SIZE = 10;

/** The category, place and date line of a case. */
function CaseTags({ item }: { item: PublicExposureItem }) {
  return (
    <div className="exp-tags">
      <span className="exp-cat">{t(`reportCategory.${item.category}`)}</span>
      <span>{item.displayName}</span>
      <span>{t('exposure.public.publishedAt', { at: localDate(item.publishedAt) })}</span>
    </div>
  );
}

/** The published photos; `large` on the detail view (tap opens the full picture). */
function CasePhotos({ item, large }: { item: PublicExposureItem; large?: boolean }) {
  if (item.photos.length === 0) return null;
  return (
    <div className={large ? 'exp-photos large' : 'exp-photos'}>
      {item.photos.map((p, i) =>
        large ? (
          <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
            <img src={p.url} alt={t('exposure.public.photoAlt', { n: i + 1 })} loading="lazy" width={p.width ?? undefined} height={p.height ?? undefined} />
          </a>
        ) : (
          <img key={p.id} src={p.url} alt={t('exposure.public.photoAlt', { n: i + 1 })} loading="lazy" />
        ),
      )}
    </div>
  );
}

function Outcome({ text }: { text: string }) {
  if (!text) return null;
  return (
    <div className="exp-outcome">
      <b>{t('exposure.public.outcome')}</b>
      {text}
    </div>
  );
}

function Failed({ onRetry }: { onRetry: () => void }) {
  return (
    <div className="exp-state" role="alert">
      <div>{t('exposure.public.loadFailed')}</div>
      <button type="button" onClick={onRetry}>
        {t('exposure.public.retry')}
      </button>
    </div>
  );
}

/** The list: newest first, body clamped to three lines, photos as thumbnails, simple pager. */
function CaseList() {
  const [sp, setSp] = useSearchParams();
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const q = useQuery({
    queryKey: ['public', 'exposure', page],
    queryFn: () => api<Page<PublicExposureItem>>(`/api/public/exposure${qs({ page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const go = (n: number) => {
    setSp(n > 1 ? { page: String(n) } : {});
    window.scrollTo({ top: 0 });
  };
  if (q.isLoading) return <div className="exp-state" aria-busy="true" />;
  if (q.isError) return <Failed onRetry={() => void q.refetch()} />;
  const d = q.data!;
  if (d.total === 0) return <div className="exp-state">{t('exposure.public.empty')}</div>;
  const pages = Math.ceil(d.total / d.pageSize);
  return (
    <>
      <div className="exp-count">{t('exposure.public.count', { n: d.total })}</div>
      {d.items.map((item) => (
        <Link key={item.id} to={`/exposure/${item.id}`} className="exp-card" data-testid="exposure-case">
          <h2>{item.title}</h2>
          <CaseTags item={item} />
          <p className="exp-body clamp">{item.body}</p>
          <CasePhotos item={item} />
          <Outcome text={item.outcome} />
          <span className="exp-more">{t('exposure.public.more')}</span>
        </Link>
      ))}
      {pages > 1 && (
        <nav className="exp-pager">
          <button type="button" disabled={page <= 1} onClick={() => go(page - 1)}>
            {t('exposure.public.prev')}
          </button>
          <span>
            {page} / {pages}
          </span>
          <button type="button" disabled={page >= pages} onClick={() => go(page + 1)}>
            {t('exposure.public.next')}
          </button>
        </nav>
      )}
    </>
  );
}

/** One case in full. */
function CaseDetail({ id }: { id: string }) {
  const q = useQuery({
    queryKey: ['public', 'exposure', 'case', id],
    queryFn: () => api<PublicExposureItem>(`/api/public/exposure/${id}`),
    retry: (n, e) => !(e instanceof ApiError && e.status < 500 && e.status > 0) && n < 1,
    staleTime: 60_000,
  });
  useEffect(() => {
    if (q.data) document.title = `${q.data.title} - ${t('exposure.public.title')}`;
  }, [q.data]);
  return (
    <>
      <Link to="/exposure" className="exp-back">
        {t('exposure.public.back')}
      </Link>
      {q.isLoading && <div className="exp-state" aria-busy="true" />}
      {q.isError && (q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400) ? <div className="exp-state">{t('exposure.public.notFound')}</div> : <Failed onRetry={() => void q.refetch()} />)}
      {q.data && (
        <article className="exp-card" data-testid="exposure-detail">
          <h2>{q.data.title}</h2>
          <CaseTags item={q.data} />
          <p className="exp-body">{q.data.body}</p>
          <CasePhotos item={q.data} large />
          <Outcome text={q.data.outcome} />
        </article>
      )}
    </>
  );
}

/**
 * 曝光台 — the public page (no login, phone first, light: plain HTML and CSS, no UI kit widgets) of
 * the typical violation cases the county published after a leader's approval: the list at
 * /exposure, one case at /exposure/:id. Shows only what a case publishes (title, account, category,
 * display name, outcome, picked photos) and the reporting channels the notice asks to promote.
 */
export default function ExposurePage() {
  const { id } = useParams();
  useEffect(() => {
    const before = document.title;
    document.title = t('exposure.public.title');
    return () => {
      document.title = before;
    };
  }, []);
  return (
    <div className="exp-page">
      <header className="exp-header">
        <div className="exp-header-inner">
          <div>
            <h1>{t('exposure.public.title')}</h1>
            <p>{t('exposure.public.subtitle')}</p>
          </div>
          <Link to="/login" className="exp-login">
            {t('exposure.public.staffLogin')}
          </Link>
        </div>
      </header>
      <main className="exp-main">
        <div className="exp-channels">{t('exposure.public.report')}</div>
        {id ? <CaseDetail id={id} /> : <CaseList />}
      </main>
    </div>
  );
}
