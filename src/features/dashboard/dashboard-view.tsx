import { lazy, Suspense } from 'react';

// The dashboard (zod, react-grid-layout, and recharts for chart widgets) loads on first visit,
// so the Explorer opens without it.
const DashboardScreen = lazy(() => import('./dashboard-screen').then((m) => ({ default: m.DashboardScreen })));

/** The Dashboard view (routed at /dashboard). */
export function DashboardView() {
  return (
    <Suspense fallback={<p className="empty-state">Loading dashboards…</p>}>
      <DashboardScreen />
    </Suspense>
  );
}
