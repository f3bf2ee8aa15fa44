import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { timeTicks, valueAt, type ChartFrame } from './chart-frame';
import { formatValue } from './format';
import { formatClock, formatTime } from '../../lib/format';
import styles from './live-chart.module.css';

const Y_AXIS_WIDTH = 56;
const AXIS_TICK = { fill: 'var(--text-muted)', fontSize: 11 };

export function seriesColor(slot: number): string {
  return `var(--series-${(slot % 8) + 1})`;
}

/** A value as the legend and tooltip show it: on/off for switch series. */
export function formatReading(v: number | undefined, isBoolean: boolean): string {
  if (isBoolean && (v === 0 || v === 1)) return v === 1 ? 'on' : 'off';
  return formatValue(v);
}

interface PlotProps {
  title: string;
  frame: ChartFrame;
  height: number;
  /** The plot's width in px, measured by the caller through widthRef. */
  width: number;
  widthRef: (el: HTMLDivElement | null) => void;
}

function summary(frame: ChartFrame): string {
  if (frame.drawnPoints === 0) return 'no data in this time window yet';
  return `${frame.drawnPoints} points drawn from ${formatClock(frame.from)} to ${formatClock(frame.to)}`;
}

/** The drawing itself (recharts, SVG): no animation, no dots, ticks on round times. */
export function ChartPlot({ title, frame, height, width, widthRef }: PlotProps) {
  const allBoolean = frame.series.length > 0 && frame.series.every((s) => s.isBoolean);
  const plotWidth = Math.max(0, width - Y_AXIS_WIDTH - 16);
  const ticks = timeTicks(frame.from, frame.to, Math.max(2, Math.floor(plotWidth / 90)));
  return (
    <div ref={widthRef} className={styles.plot} style={{ height }} role="img" aria-label={`${title}: ${summary(frame)}`}>
      {width > 0 && (
        <LineChart
          width={width}
          height={height}
          data={frame.rows}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
          accessibilityLayer={false}
          // The wrapper is the image (with a text alternative); the SVG inside is decoration.
          role="presentation"
        >
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 4" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            domain={[frame.from, frame.to]}
            allowDataOverflow
            ticks={ticks}
            tickFormatter={formatClock}
            tick={AXIS_TICK}
            stroke="var(--border)"
            tickLine={false}
            minTickGap={24}
          />
          <YAxis
            width={Y_AXIS_WIDTH}
            domain={allBoolean ? [0, 1] : ['auto', 'auto']}
            ticks={allBoolean ? [0, 1] : undefined}
            tickFormatter={allBoolean ? (v: number) => (v ? 'on' : 'off') : (v: number) => formatValue(v)}
            tick={AXIS_TICK}
            stroke="var(--border)"
            tickLine={false}
            axisLine={false}
          />
          <Tooltip
            isAnimationActive={false}
            cursor={{ stroke: 'var(--text-muted)', strokeDasharray: '2 3' }}
            content={(props: TooltipContentProps) => <PlotTooltip {...props} frame={frame} />}
          />
          {frame.series.map((s) => (
            <Line
              key={s.id}
              dataKey={s.dataKey}
              name={s.label}
              type={s.isBoolean ? 'stepAfter' : 'linear'}
              stroke={seriesColor(s.color)}
              strokeWidth={1.75}
              dot={s.drawn.length === 1 ? { r: 2.5, fill: seriesColor(s.color), strokeWidth: 0 } : false}
              activeDot={{ r: 3, strokeWidth: 0 }}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      )}
      {frame.drawnPoints === 0 && (
        <p className={styles.plotEmpty}>
          {frame.series.length === 0 ? 'No series yet' : 'Waiting for numeric readings…'}
        </p>
      )}
    </div>
  );
}

function PlotTooltip({ active, label, frame }: TooltipContentProps & { frame: ChartFrame }) {
  if (!active || typeof label !== 'number') return null;
  return (
    <div className={styles.tooltip}>
      <div className={styles.tooltipTime}>{formatTime(label)}</div>
      {frame.series.map((s) => (
        <div key={s.id} className={styles.tooltipRow}>
          <span className={styles.swatch} style={{ background: seriesColor(s.color) }} />
          <span className={styles.tooltipName}>{s.label}</span>
          <span className={styles.tooltipValue}>{formatReading(valueAt(s.drawn, label), s.isBoolean)}</span>
        </div>
      ))}
    </div>
  );
}
