import { lazy, Suspense } from 'react';
import { useAlertsUi } from '../stores/alerts-ui';

// Only people with alert rules see it: its code loads once a rule exists (not on the first load).
const ActiveAlertsBadge = lazy(() => import('./active-alerts-badge').then((m) => ({ default: m.ActiveAlertsBadge })));

/**
 * The header's "Active alerts": how many (rule, topic) pairs fire now. Shown once any alert rule
 * exists; the count comes from the alert engine through stores/alerts-ui.ts (wired in live.ts).
 */
export function ActiveAlerts() {
  const show = useAlertsUi((s) => s.rules > 0 || s.active > 0);
  if (!show) return null;
  return (
    <Suspense fallback={null}>
      <ActiveAlertsBadge />
    </Suspense>
  );
}
