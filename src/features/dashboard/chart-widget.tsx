import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { session } from '../../mqtt/session';
import { LiveChart, type LiveChartSeries } from '../../components/live-chart/live-chart';
import type { ChartWidget as ChartConfig } from '../../core/dashboard-schema';
import { isTimeWindow, type TimeWindow } from '../../core/series-store';
import { useEnsureSubscribed } from '../../hooks/use-ensure-subscribed';
import { WidgetActions, type WidgetChrome } from './widget-card';
import { Icon } from '../../components/icons';
import styles from './widgets.module.css';

interface Props extends WidgetChrome {
  widget: ChartConfig;
  onWindowChange: (window: TimeWindow) => void;
}

/** The Charts view's live chart, sized to its grid cell (the plot takes what the chrome leaves). */
export function ChartWidget({ widget, onWindowChange, editing, onEdit, onDelete }: Props) {
  const series = useMemo<LiveChartSeries[]>(
    () => widget.series.map((s, i) => ({ id: `${widget.id}-${i}`, topic: s.topic, field: s.field, color: i })),
    [widget.id, widget.series],
  );
  useEnsureSubscribed(widget.series.map((s) => s.topic));
  const wrapRef = useRef<HTMLDivElement>(null);
  const [plotHeight, setPlotHeight] = useState(160);
  const plotRef = useRef(plotHeight);
  plotRef.current = plotHeight;

  useLayoutEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const measure = () => {
      const figure = wrap.firstElementChild as HTMLElement | null;
      if (!figure) return;
      const chrome = figure.offsetHeight - plotRef.current;
      const next = Math.max(60, Math.floor(wrap.clientHeight - chrome));
      if (Math.abs(next - plotRef.current) > 1) setPlotHeight(next);
    };
    const ro = new ResizeObserver(measure);
    ro.observe(wrap);
    measure();
    return () => ro.disconnect();
  }, [series.length]);

  return (
    <div ref={wrapRef} className={styles.chartCell} data-editing={editing || undefined}>
      <LiveChart
        store={session.series}
        title={widget.label}
        series={series}
        window={isTimeWindow(widget.window) ? widget.window : '5m'}
        onWindowChange={onWindowChange}
        height={plotHeight}
        className={styles.chartFigure}
        actions={
          <>
            {editing && (
              <span className={`${styles.chartGrip} dashboard-drag-handle`} title="Drag to move">
                <Icon name="grip" size={14} />
              </span>
            )}
            <WidgetActions label={widget.label} onEdit={onEdit} onDelete={onDelete} />
          </>
        }
      />
    </div>
  );
}
