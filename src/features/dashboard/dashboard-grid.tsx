import { lazy, Suspense, useMemo } from 'react';
import ReactGridLayout, { useContainerWidth, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import { GRID_COLS, type Dashboard, type Widget } from '../../core/dashboard-schema';
import { setLayout, updateWidget } from '../../stores/dashboard-store';
import type { WidgetChrome } from './widget-card';
import { SwitchWidget } from './switch-widget';
import { ButtonWidget } from './button-widget';
import { SliderWidget } from './slider-widget';
import { GaugeWidget, ValueWidget } from './gauge-widget';

// recharts is large: chart widgets (and recharts) load on first use, as the Charts view does.
const ChartWidget = lazy(() => import('./chart-widget').then((m) => ({ default: m.ChartWidget })));
import styles from './dashboard.module.css';

export const ROW_HEIGHT = 64;
const MARGIN: [number, number] = [14, 14];
/** Below this width the grid becomes one column in reading order (no dragging). */
const NARROW_PX = 640;

interface Props {
  dashboard: Dashboard;
  editing: boolean;
  onEdit: (w: Widget) => void;
  onDelete: (w: Widget) => void;
}

function WidgetView({ widget, dashboardId, chrome }: { widget: Widget; dashboardId: string; chrome: WidgetChrome }) {
  switch (widget.type) {
    case 'switch':
      return <SwitchWidget widget={widget} {...chrome} />;
    case 'button':
      return <ButtonWidget widget={widget} {...chrome} />;
    case 'slider':
      return <SliderWidget widget={widget} {...chrome} />;
    case 'gauge':
      return <GaugeWidget widget={widget} {...chrome} />;
    case 'value':
      return <ValueWidget widget={widget} {...chrome} />;
    case 'chart': {
      const { id: _id, pos: _pos, ...draft } = widget;
      return (
        <Suspense fallback={<div className={styles.loading}>Loading chart…</div>}>
          <ChartWidget widget={widget} onWindowChange={(window) => updateWidget(dashboardId, widget.id, { ...draft, window })} {...chrome} />
        </Suspense>
      );
    }
  }
}

/** The dashboard's widgets on a 12-column grid; drag and resize while editing (react-grid-layout). */
export function DashboardGrid({ dashboard, editing, onEdit, onDelete }: Props) {
  const { width, containerRef, mounted } = useContainerWidth();
  const layout = useMemo<Layout>(
    () => dashboard.widgets.map((w) => ({ i: w.id, ...w.pos, minW: 2, minH: w.type === 'chart' ? 4 : 2 })),
    [dashboard.widgets],
  );
  const narrow = mounted && width < NARROW_PX;
  const views = dashboard.widgets.map((w) => (
    <div key={w.id} data-widget-id={w.id} className={styles.cell} style={narrow ? { height: w.pos.h * ROW_HEIGHT + (w.pos.h - 1) * MARGIN[1] } : undefined}>
      <WidgetView widget={w} dashboardId={dashboard.id} chrome={{ editing: editing && !narrow, onEdit: () => onEdit(w), onDelete: () => onDelete(w) }} />
    </div>
  ));
  return (
    <div ref={containerRef} className={styles.gridHost} data-editing={editing || undefined}>
      {narrow ? (
        <div className={styles.stack}>{views}</div>
      ) : (
        mounted && (
          <ReactGridLayout
            width={width}
            layout={layout}
            gridConfig={{ cols: GRID_COLS, rowHeight: ROW_HEIGHT, margin: MARGIN, containerPadding: [0, 0] }}
            dragConfig={{ enabled: editing, handle: '.dashboard-drag-handle', cancel: 'button, input, select, a' }}
            resizeConfig={{ enabled: editing, handles: ['se'] }}
            onLayoutChange={(next) => {
              if (editing) setLayout(dashboard.id, next);
            }}
          >
            {views}
          </ReactGridLayout>
        )
      )}
    </div>
  );
}
