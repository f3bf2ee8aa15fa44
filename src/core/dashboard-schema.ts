/**
 * Dashboards and their widgets: the zod schemas that every dashboard passes
 * through when it is saved, persisted, exported and imported. localStorage and
 * imported files are untrusted; nothing reaches the store without this check.
 * Versions and migrations: dashboard-migrations.ts.
 */
// First: zod runs jitless before any schema is used (the CSP allows no eval; scripts/csp.js).
import './zod-config';
import { z } from 'zod';
import { validatePublishTopic } from './topic-filter';
import { parsePath } from './value-extract';
import { TIME_WINDOWS } from './series-store';
import { DEFAULT_SWITCH_TIMEOUT_MS } from './switch-machine';

export const GRID_COLS = 12;
export const MAX_WIDGETS = 200;
export const MAX_CHART_SERIES = 8;

function topicCheck(v: string, ctx: z.RefinementCtx): void {
  const err = validatePublishTopic(v);
  if (err) ctx.addIssue({ code: 'custom', message: err });
}

const topic = z.string().superRefine(topicCheck);
/** A topic, or '' for "none". */
const optionalTopic = z.string().superRefine((v, ctx) => {
  if (v !== '') topicCheck(v, ctx);
});
const jsonPath = z
  .string()
  .max(300)
  .refine((v) => v.trim() === '' || parsePath(v.trim()) !== undefined, {
    message: 'Use a JSON path such as state, temperature or a.b[0].c',
  });
const payload = z.string().max(65_536, 'Payloads are limited to 64 KiB here');
const qos = z.union([z.literal(0), z.literal(1), z.literal(2)]);
const finite = z.number().refine(Number.isFinite, { message: 'Enter a number' });
const unit = z.string().max(16, 'Keep the unit under 16 characters').default('');

export const positionSchema = z.object({
  x: z.number().int().min(0).max(GRID_COLS - 1),
  y: z.number().int().min(0).max(10_000),
  w: z.number().int().min(1).max(GRID_COLS),
  h: z.number().int().min(1).max(40),
});

const base = {
  id: z.string().min(1).max(64),
  label: z.string().trim().min(1, 'Enter a label').max(120, 'Keep the label under 120 characters'),
  pos: positionSchema,
  /**
   * Came from an imported file and commands a broker topic ($…): the first command asks the user,
   * naming topic and payload (core/widget-trust.ts). Absent on widgets the user wrote.
   */
  unconfirmed: z.boolean().optional(),
};

export const switchWidgetSchema = z.object({
  ...base,
  type: z.literal('switch'),
  commandTopic: topic,
  stateTopic: optionalTopic.default(''),
  onPayload: payload.default('ON'),
  offPayload: payload.default('OFF'),
  /** '' = same as the on payload (Home Assistant's default). */
  stateOn: payload.default(''),
  stateOff: payload.default(''),
  stateJsonPath: jsonPath.default(''),
  qos: qos.default(0),
  retain: z.boolean().default(false),
  availabilityTopic: optionalTopic.default(''),
  availabilityOnline: payload.default('online'),
  availabilityOffline: payload.default('offline'),
  timeoutMs: z
    .number()
    .int('Whole milliseconds')
    .min(200, 'At least 200 ms')
    .max(600_000, 'At most 10 minutes')
    .default(DEFAULT_SWITCH_TIMEOUT_MS),
});

export const buttonWidgetSchema = z.object({
  ...base,
  type: z.literal('button'),
  topic,
  payload: payload.default(''),
  qos: qos.default(0),
  retain: z.boolean().default(false),
});

export const sliderWidgetSchema = z
  .object({
    ...base,
    type: z.literal('slider'),
    topic,
    /** The payload sent; `{value}` is replaced by the number. */
    payloadTemplate: payload
      .default('{value}')
      .refine((v) => v.includes('{value}'), { message: 'Put {value} where the number goes' }),
    min: finite.default(0),
    max: finite.default(100),
    step: finite.refine((v) => v > 0, { message: 'Step must be more than 0' }).default(1),
    unit,
    /** Where the device reports the value in effect ('' = none). */
    stateTopic: optionalTopic.default(''),
    stateJsonPath: jsonPath.default(''),
    qos: qos.default(0),
    retain: z.boolean().default(false),
  })
  .refine((w) => w.min < w.max, { message: 'Minimum must be less than maximum', path: ['max'] })
  .refine((w) => (w.max - w.min) / w.step <= 100_000, { message: 'Too many steps: use a larger step', path: ['step'] });

export const gaugeWidgetSchema = z
  .object({
    ...base,
    type: z.literal('gauge'),
    topic,
    jsonPath: jsonPath.default(''),
    min: finite.default(0),
    max: finite.default(100),
    unit,
  })
  .refine((w) => w.min < w.max, { message: 'Minimum must be less than maximum', path: ['max'] });

export const valueWidgetSchema = z.object({
  ...base,
  type: z.literal('value'),
  topic,
  jsonPath: jsonPath.default(''),
  unit,
});

const windowIds = TIME_WINDOWS.map((w) => w.id) as [string, ...string[]];

export const chartWidgetSchema = z.object({
  ...base,
  type: z.literal('chart'),
  series: z
    .array(z.object({ topic, field: jsonPath.default('') }))
    .min(1, 'A chart needs a topic')
    .max(MAX_CHART_SERIES, `At most ${MAX_CHART_SERIES} series`),
  window: z.enum(windowIds).default('5m'),
});

export const widgetSchema = z.discriminatedUnion('type', [
  switchWidgetSchema,
  buttonWidgetSchema,
  sliderWidgetSchema,
  gaugeWidgetSchema,
  valueWidgetSchema,
  chartWidgetSchema,
]);

export type SwitchWidget = z.infer<typeof switchWidgetSchema>;
export type ButtonWidget = z.infer<typeof buttonWidgetSchema>;
export type SliderWidget = z.infer<typeof sliderWidgetSchema>;
export type GaugeWidget = z.infer<typeof gaugeWidgetSchema>;
export type ValueWidget = z.infer<typeof valueWidgetSchema>;
export type ChartWidget = z.infer<typeof chartWidgetSchema>;
export type Widget = z.infer<typeof widgetSchema>;
export type WidgetType = Widget['type'];
export type WidgetPosition = z.infer<typeof positionSchema>;

export const WIDGET_TYPES: readonly { type: WidgetType; label: string; size: { w: number; h: number } }[] = [
  { type: 'switch', label: 'Switch', size: { w: 4, h: 2 } },
  { type: 'button', label: 'Button', size: { w: 3, h: 2 } },
  { type: 'slider', label: 'Slider', size: { w: 4, h: 2 } },
  { type: 'gauge', label: 'Gauge', size: { w: 3, h: 3 } },
  { type: 'value', label: 'Value', size: { w: 3, h: 2 } },
  { type: 'chart', label: 'Chart', size: { w: 6, h: 6 } },
];

/** A dashboard's content: what an export file carries. */
export const dashboardContentSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter a name').max(80, 'Keep the name under 80 characters'),
    widgets: z.array(widgetSchema).max(MAX_WIDGETS, `At most ${MAX_WIDGETS} widgets`),
  })
  .refine((d) => new Set(d.widgets.map((w) => w.id)).size === d.widgets.length, {
    message: 'Two widgets share an id',
    path: ['widgets'],
  });

export const dashboardSchema = z.object({ id: z.string().min(1).max(64) }).and(dashboardContentSchema);

export type DashboardContent = z.infer<typeof dashboardContentSchema>;
export type Dashboard = DashboardContent & { id: string };

/** The first zod issues as short lines: `widgets[2].commandTopic: Topic must not be empty`. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const lines = error.issues.slice(0, max).map((i) => {
    const path = i.path
      .map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n === 0 ? '' : '.'}${String(p)}`))
      .join('');
    return path ? `${path}: ${i.message}` : i.message;
  });
  const more = error.issues.length - max;
  return more > 0 ? `${lines.join('; ')}; and ${more} more` : lines.join('; ');
}
