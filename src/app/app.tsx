import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Shell } from './shell';
import { ExplorerView } from '../features/explorer/explorer-view';
import { PublishView } from '../features/publish/publish-view';
import { lazy, Suspense } from 'react';

// recharts is large: the views that draw charts load on first use.
const BrokerView = lazy(() => import('../features/broker/broker-view').then((m) => ({ default: m.BrokerView })));
const AccessView = lazy(() => loadAccess().then((m) => ({ default: m.AccessView })));
// The dashboard (zod, react-grid-layout, and recharts for chart widgets) loads on first visit,
// so the Explorer opens without it; live.ts wires its models when it arrives.
const DashboardScreen = lazy(() => loadDashboard().then((m) => ({ default: m.DashboardScreen })));
const ChartsView = lazy(() => import('../features/charts/charts-view').then((m) => ({ default: m.ChartsView })));
import { RetainedView } from '../features/retained/retained-view';
import { loadAccess, loadDashboard } from './live';

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Shell />}>
          <Route index element={<Navigate to={{ pathname: '/explorer', search: location.search }} replace />} />
          <Route path="explorer" element={<ExplorerView />} />
          <Route
            path="dashboard"
            element={
              <Suspense fallback={<p className="empty-state">Loading dashboards…</p>}>
                <DashboardScreen />
              </Suspense>
            }
          />
          <Route
            path="charts"
            element={
              <Suspense fallback={<p className="empty-state">Loading charts…</p>}>
                <ChartsView />
              </Suspense>
            }
          />
          <Route path="publish" element={<PublishView />} />
          <Route path="retained" element={<RetainedView />} />
          <Route
            path="broker"
            element={
              <Suspense fallback={<p className="empty-state">Loading…</p>}>
                <BrokerView />
              </Suspense>
            }
          />
          <Route path="access" element={<Suspense fallback={<p className="empty-state">Loading…</p>}><AccessView /></Suspense>} />
          <Route path="*" element={<Navigate to="/explorer" replace />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
