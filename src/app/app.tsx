import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Shell } from './shell';
import { ExplorerView } from '../features/explorer/explorer-view';
import { ComingSoon } from '../components/coming-soon';

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Shell />}>
          <Route index element={<Navigate to={{ pathname: '/explorer', search: location.search }} replace />} />
          <Route path="explorer" element={<ExplorerView />} />
          <Route path="dashboard" element={<ComingSoon title="Dashboard" what="Dashboards of switches, gauges, values and charts wired to your devices." />} />
          <Route path="charts" element={<ComingSoon title="Charts" what="Live charts of numeric readings and JSON fields." />} />
          <Route path="publish" element={<ComingSoon title="Publish" what="Send messages with QoS 0/1/2, retain, payload formats and MQTT 5 properties." />} />
          <Route path="retained" element={<ComingSoon title="Retained" what="Review, export, import and safely delete retained messages." />} />
          <Route path="broker" element={<ComingSoon title="Broker" what="Broker statistics from $SYS topics." />} />
          <Route path="access" element={<ComingSoon title="Access control" what="Mosquitto dynamic-security clients, groups and roles." />} />
          <Route path="*" element={<Navigate to="/explorer" replace />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
