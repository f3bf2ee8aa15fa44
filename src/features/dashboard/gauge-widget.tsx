import type { GaugeWidget as GaugeConfig, ValueWidget as ValueConfig } from '../../core/dashboard-schema';
import { messageReading, messageText } from '../../core/message-reading';
import { formatAgo, useNow, useShownTopicMessage } from './live-hooks';
import { useFieldValue } from './use-field-value';
import { WidgetCard, type WidgetChrome } from './widget-card';
import { Icon } from '../../components/icons';
import styles from './widgets.module.css';

const formatNumber = (v: number) =>
  Math.abs(v) >= 1000 || Number.isInteger(v) ? v.toLocaleString(undefined, { maximumFractionDigits: 1 }) : v.toFixed(1);
const withUnit = (text: string, unit: string) => (unit ? `${text} ${unit}` : text);

/** A half-circle gauge: the reading as text (and as a meter), the arc for a glance. */
export function GaugeWidget({ widget, ...chrome }: { widget: GaugeConfig } & WidgetChrome) {
  const msg = useShownTopicMessage(widget.topic);
  const now = useNow();
  // The decoding the Explorer shows (a Sparkplug B metric by name, MessagePack, CBOR, Protobuf), else the bytes.
  const { value: reading, from } = useFieldValue(msg, widget.jsonPath, messageReading);
  const value = reading?.value;
  const ratio = value === undefined ? 0 : Math.min(1, Math.max(0, (value - widget.min) / (widget.max - widget.min)));
  const text = value === undefined ? 'No data yet' : withUnit(formatNumber(value), widget.unit);
  const outOfRange = value !== undefined && (value < widget.min || value > widget.max);
  const arc = 'M 14 62 A 46 46 0 0 1 106 62';
  const length = Math.PI * 46;
  const shown = value === undefined ? '—' : formatNumber(value);
  // Long readings get a smaller face so they stay inside the arc.
  const size = Math.min(22, 120 / Math.max(4, shown.length + (widget.unit ? 1 : 0)));
  return (
    <WidgetCard label={widget.label} caption={widget.jsonPath ? `${widget.topic} › ${widget.jsonPath}` : widget.topic} {...chrome}>
      {(titleId) => (
        <div
          className={styles.gaugeBody}
          role="meter"
          aria-labelledby={titleId}
          aria-valuemin={widget.min}
          aria-valuemax={widget.max}
          aria-valuenow={value === undefined ? widget.min : Math.min(widget.max, Math.max(widget.min, value))}
          aria-valuetext={text}
        >
          <svg viewBox="0 0 120 76" className={styles.gaugeSvg} aria-hidden="true">
            <path d={arc} className={styles.gaugeTrack} pathLength={length} />
            {value !== undefined && (
              <path d={arc} className={styles.gaugeFill} pathLength={length} strokeDasharray={`${Math.max(0.001, ratio * length)} ${length}`} />
            )}
            <text x="60" y="58" textAnchor="middle" className={styles.gaugeValue} fontSize={size} data-empty={value === undefined || undefined}>
              {shown}
            </text>
            {value !== undefined && widget.unit && (
              <text x="60" y="70" textAnchor="middle" className={styles.gaugeUnit}>
                {widget.unit}
              </text>
            )}
            <text x="14" y="74" textAnchor="middle" className={styles.gaugeScale}>
              {formatNumber(widget.min)}
            </text>
            <text x="106" y="74" textAnchor="middle" className={styles.gaugeScale}>
              {formatNumber(widget.max)}
            </text>
          </svg>
          <p className={styles.status} data-tone={outOfRange ? 'warn' : 'muted'}>
            {value === undefined ? (
              <>
                <Icon name="clock" size={14} /> {msg ? 'No number at this path yet' : `Waiting for ${widget.topic}`}
              </>
            ) : (
              <>
                {outOfRange && <Icon name="alert" size={14} />}
                {outOfRange ? 'Outside the scale · ' : 'Updated '}
                {formatAgo((from ?? msg)!.time, now)}
              </>
            )}
          </p>
        </div>
      )}
    </WidgetCard>
  );
}

/** The last value on a topic (or JSON field), with its unit and how long ago it came. */
export function ValueWidget({ widget, ...chrome }: { widget: ValueConfig } & WidgetChrome) {
  const msg = useShownTopicMessage(widget.topic);
  const now = useNow();
  const { value: raw, from } = useFieldValue(msg, widget.jsonPath, messageText);
  const trimmed = raw?.trim();
  const numeric = trimmed !== undefined && trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : undefined;
  const shown = numeric !== undefined ? formatNumber(numeric) : trimmed;
  return (
    <WidgetCard label={widget.label} caption={widget.jsonPath ? `${widget.topic} › ${widget.jsonPath}` : widget.topic} {...chrome}>
      {() => (
        <div className={styles.valueBody}>
          <p className={styles.valueLine}>
            <span className={`${styles.value} tabular`} data-empty={shown === undefined || undefined} title={raw}>
              {shown === undefined ? '—' : shown === '' ? '(empty)' : shown}
            </span>
            {shown !== undefined && widget.unit && <span className={styles.unit}>{widget.unit}</span>}
          </p>
          <p className={styles.status} data-tone="muted">
            {msg ? (
              shown === undefined ? (
                <>
                  <Icon name="question" size={14} /> No field {widget.jsonPath} in the last message
                </>
              ) : (
                <>Updated {formatAgo((from ?? msg).time, now)}</>
              )
            ) : (
              <>
                <Icon name="clock" size={14} /> Waiting for {widget.topic}
              </>
            )}
          </p>
        </div>
      )}
    </WidgetCard>
  );
}
