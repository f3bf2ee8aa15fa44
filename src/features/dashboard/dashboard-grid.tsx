import { lazy, Suspense, useMemo, useState } from 'react';
import { describePosition, keyToPosition } from '../../core/layout-keys';
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
  const [announce, setAnnounce] = useState('');
  // Keyboard layout editing: a focused widget moves with the arrow keys, Shift+arrows resize it.
  const onCellKey = (e: React.KeyboardEvent, w: Widget) => {
    if (e.target !== e.currentTarget) return;
    const next = keyToPosition(e.key, e.shiftKey, w.pos, GRID_COLS, 2, w.type === 'chart' ? 4 : 2);
    if (!next) return;
    e.preventDefault();
    setLayout(dashboard.id, [{ i: w.id, ...next }]);
    setAnnounce(describePosition(w.label, next));
  };
  const keyboardEditing = editing && !narrow;
  const views = dashboard.widgets.map((w) => (
    <div
      key={w.id}
      data-widget-id={w.id}
      className={styles.cell}
      style={narrow ? { height: w.pos.h * ROW_HEIGHT + (w.pos.h - 1) * MARGIN[1] } : undefined}
      tabIndex={keyboardEditing ? 0 : undefined}
      role={keyboardEditing ? 'group' : undefined}
      aria-label={keyboardEditing ? `Move or resize ${w.label}` : undefined}
      aria-description={keyboardEditing ? 'Arrow keys move it, Shift with arrow keys resizes it' : undefined}
      onKeyDown={keyboardEditing ? (e) => onCellKey(e, w) : undefined}
    >
      <WidgetView widget={w} dashboardId={dashboard.id} chrome={{ editing: editing && !narrow, onEdit: () => onEdit(w), onDelete: () => onDelete(w) }} />
    </div>
  ));
  return (
    <div ref={containerRef} className={styles.gridHost} data-editing={editing || undefined}>
      {/* The outline: Switchyard (h1) › this dashboard (h2) › its widgets (h3); Discovered devices is an h2. */}
      <h2 className="sr-only">{dashboard.name}</h2>
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>
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
            // Saved when a drag or resize ends (with whatever it pushed aside). Not from
            // onLayoutChange: the grid also reports its own state there while it catches up
            // with a new layout, which would undo a keyboard move made a moment before.
            onDragStop={(next) => setLayout(dashboard.id, next)}
            onResizeStop={(next) => setLayout(dashboard.id, next)}
          >
            {views}
          </ReactGridLayout>
        )
      )}
    </div>
  );
}
