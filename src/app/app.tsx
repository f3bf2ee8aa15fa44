import { Navigate, Routes } from './router';
import { LocationProvider } from '../hooks/use-navigation';
import { Shell } from './shell';
import { ExplorerRoute } from './time-travel';
import { lazy, Suspense } from 'react';

// recharts is large: the views that draw charts load on first use.
const BrokerView = lazy(() => import('../features/broker/broker-view').then((m) => ({ default: m.BrokerView })));
const AccessView = lazy(() => loadAccess().then((m) => ({ default: m.AccessView })));
// The dashboard (zod, react-grid-layout, and recharts for chart widgets) loads on first visit,
// so the Explorer opens without it; live.ts wires its models when it arrives.
const DashboardScreen = lazy(() => loadDashboard().then((m) => ({ default: m.DashboardScreen })));
const ChartsView = lazy(() => import('../features/charts/charts-view').then((m) => ({ default: m.ChartsView })));
// Publish and Retained are not needed to show the Explorer: they load on first visit too
// (prefetched once the first messages are on screen, see live.ts).
const PublishView = lazy(() => loadPublish().then((m) => ({ default: m.PublishView })));
const RetainedView = lazy(() => loadRetained().then((m) => ({ default: m.RetainedView })));
// Traffic (Top talkers, Silent topics) loads on first visit; its model runs from the start (live.ts).
const TrafficView = lazy(() => import('../features/traffic/traffic-view').then((m) => ({ default: m.TrafficView })));
// Recordings: the list of what the recorder stored (IndexedDB), on first visit.
const RecordingsView = lazy(() => import('../features/recordings/recordings-view').then((m) => ({ default: m.RecordingsView })));
// Alerts: the view and the alert engine load on first visit (or once a rule exists, see live.ts).
const AlertsView = lazy(() => loadAlertsView().then((m) => ({ default: m.AlertsView })));
// Decoders (.proto files and protobuf mappings, with the .proto compiler) load on first visit,
// after the protobuf store is wired to the worker (loadProtobuf, live.ts).
const DecodersView = lazy(() => loadProtobuf().then(() => import('../features/decoders/decoders-view')).then((m) => ({ default: m.DecodersView })));
// Sparkplug (groups → edge nodes → devices): the view and its model, also loaded by the first Sparkplug message.
const SparkplugView = lazy(() => loadSparkplug().then((m) => ({ default: m.SparkplugView })));
import { loadSparkplug } from './sparkplug-feed';
import { loadAccess, loadAlertsView, loadDashboard, loadProtobuf, loadPublish, loadRetained } from './live';

export function App() {
  const loading = (text = 'Loading…') => <p className="empty-state">{text}</p>;
  return (
    <LocationProvider>
      <Shell>
        <Routes
          routes={{
            '': <Navigate to={`/explorer${location.search}`} />,
            explorer: <ExplorerRoute />, // the live broker, or an open recording (time travel)
            sparkplug: (
              <Suspense fallback={loading()}>
                <SparkplugView />
              </Suspense>
            ),
            dashboard: (
              <Suspense fallback={loading('Loading dashboards…')}>
                <DashboardScreen />
              </Suspense>
            ),
            charts: (
              <Suspense fallback={loading('Loading charts…')}>
                <ChartsView />
              </Suspense>
            ),
            publish: (
              <Suspense fallback={loading()}>
                <PublishView />
              </Suspense>
            ),
            retained: (
              <Suspense fallback={loading()}>
                <RetainedView />
              </Suspense>
            ),
            traffic: (
              <Suspense fallback={loading()}>
                <TrafficView />
              </Suspense>
            ),
            broker: (
              <Suspense fallback={loading()}>
                <BrokerView />
              </Suspense>
            ),
            access: (
              <Suspense fallback={loading()}>
                <AccessView />
              </Suspense>
            ),
            recordings: (
              <Suspense fallback={loading()}>
                <RecordingsView />
              </Suspense>
            ),
            alerts: (
              <Suspense fallback={loading('Loading alerts…')}>
                <AlertsView />
              </Suspense>
            ),
            decoders: (
              <Suspense fallback={loading()}>
                <DecodersView />
              </Suspense>
            ),
            '*': <Navigate to="/explorer" />,
          }}
        />
      </Shell>
    </LocationProvider>
  );
}
