import { useEffect, useState } from 'react';
import type { Dashboard } from '../../core/dashboard-schema';
import type { WidgetDraft } from '../../core/ha-discovery';
import { addWidget, type SaveResult } from '../../stores/dashboard-store';

/**
 * Adds a widget to the shown dashboard (from Add widget or a discovered device) and then
 * scrolls the new widget into view once the grid has rendered it.
 */
export function useAddWidget(dashboard: Dashboard | undefined): (draft: WidgetDraft) => SaveResult {
  const [reveal, setReveal] = useState<string | null>(null);

  useEffect(() => {
    if (!reveal) return;
    const el = document.querySelector(`[data-widget-id="${CSS.escape(reveal)}"]`);
    el?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    setReveal(null);
  }, [reveal, dashboard]);

  return (draft) => {
    if (!dashboard) return { ok: false, error: 'Create a dashboard first' };
    const r = addWidget(dashboard.id, draft);
    if (r.ok) setReveal(r.id);
    return r;
  };
}
