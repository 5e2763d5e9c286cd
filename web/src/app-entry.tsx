/**
 * The staff application (antd, the authenticated layout, every page) and the antd-based public
 * pages. Loaded by main.tsx for every path except the light public pages (see public-entry.tsx).
 */
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { SessionProvider, useSession } from './api/session.tsx';
import { loginPath, withNext } from './api/redirect.ts';
import { AppLayout } from './layouts/AppLayout.tsx';
import { PUBLIC_ROUTES, ROUTES } from './routes.tsx';
import LoginPage from './pages/auth/LoginPage.tsx';
import ChangePasswordPage from './pages/auth/ChangePasswordPage.tsx';
import { Forbidden } from './components/Forbidden.tsx';
import './styles.css';

dayjs.locale('zh-cn');

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

// A page restored from the back-forward cache after a logout would show the signed-out user's
// screen from memory: load it afresh instead (AppLayout marks the logout on <html>).
window.addEventListener('pageshow', (e) => {
  if (e.persisted && document.documentElement.dataset.loggedOut) window.location.reload();
});

function Guarded() {
  const { me, loading, can } = useSession();
  const loc = useLocation();
  if (loading) return <Spin fullscreen />;
  // signed out (never signed in, or the session expired): log in, then come back to this very page
  if (!me) return <Navigate to={loginPath(loc.pathname + loc.search)} replace />;
  if (me.mustChangePassword) return <Navigate to={withNext('/change-password', loc.pathname + loc.search)} replace />;
  return (
    <AppLayout>
      <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
        <Routes>
          {ROUTES.map((r) => (
            <Route key={r.path} path={r.path} element={can(r.permission) ? <r.element /> : <Forbidden />} />
          ))}
          <Route path="*" element={<Forbidden notFound />} />
        </Routes>
      </Suspense>
    </AppLayout>
  );
}

function Root() {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{ token: { colorPrimary: '#b7282e', borderRadius: 6, fontFamily: "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif" } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <BrowserRouter>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/change-password" element={<ChangePasswordPage />} />
                {PUBLIC_ROUTES.map((r) => (
                  <Route key={r.path} path={r.path} element={<Suspense fallback={<Spin fullscreen />}><r.element /></Suspense>} />
                ))}
                <Route path="/*" element={<Guarded />} />
              </Routes>
            </BrowserRouter>
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
