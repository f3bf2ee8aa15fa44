import { ComingSoon } from '../../components/coming-soon';

export function DashboardView() {
  return <ComingSoon title="Dashboard" what="Dashboards of switches, gauges, values and charts wired to your devices." />;
}
