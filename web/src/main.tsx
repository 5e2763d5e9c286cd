/**
 * The entry point: a tiny router between two bundles. The public pages a member of the public
 * opens on a slow phone — 举报 (/report, /report/status) and 曝光台 (/exposure…) — are written in
 * plain HTML/CSS and load `public-entry.tsx` without antd; everything else loads the staff
 * application (`app-entry.tsx`).
 */
import { isLightPublicPath } from './public-paths.ts';

if (isLightPublicPath(window.location.pathname)) void import('./public-entry.tsx');
else void import('./app-entry.tsx');
