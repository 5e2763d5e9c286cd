/**
 * The light public bundle: 举报 and 曝光台 pages for members of the public, without antd or the
 * staff layout, so they load fast on a slow phone. A link to any other path reloads the page so
 * main.tsx picks the staff bundle for it.
 */
import { StrictMode, Suspense, lazy, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { isLightPublicPath } from './public-paths.ts';

const ReportPage = lazy(() => import('./pages/public/ReportPage.tsx'));
const ReportStatusPage = lazy(() => import('./pages/public/ReportStatusPage.tsx'));
const ExposurePage = lazy(() => import('./pages/public/ExposurePage.tsx'));

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

/** Leaves the light bundle: a full load of the path, which main.tsx routes to the staff bundle. */
function FullLoad() {
  const loc = useLocation();
  useEffect(() => {
    if (!isLightPublicPath(loc.pathname)) window.location.assign(loc.pathname + loc.search + loc.hash);
  }, [loc]);
  return null;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Suspense fallback={null}>
          <Routes>
            <Route path="/report" element={<ReportPage />} />
            <Route path="/report/status" element={<ReportStatusPage />} />
            <Route path="/exposure" element={<ExposurePage />} />
            <Route path="/exposure/:id" element={<ExposurePage />} />
            <Route path="*" element={<FullLoad />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
