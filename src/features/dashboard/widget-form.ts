/**
 * The Add/Edit widget dialog's model: one flat record of text fields for every
 * widget type (switching the type keeps what is shared, e.g. the topic), turned
 * into a widget draft and checked with the same schema the store uses. Errors
 * come back per field, for an alert next to that field.
 */
import { widgetSchema, type Widget, type WidgetType } from '../../core/dashboard-schema';
import type { WidgetDraft } from '../../core/ha-discovery';
import { checkJson } from '../../core/payload-encode';
import { DEFAULT_SWITCH_TIMEOUT_MS } from '../../core/switch-machine';

export interface WidgetForm {
  type: WidgetType;
  label: string;
  commandTopic: string;
  stateTopic: string;
  onPayload: string;
  offPayload: string;
  stateOn: string;
  stateOff: string;
  stateJsonPath: string;
  qos: '0' | '1' | '2';
  retain: boolean;
  availabilityTopic: string;
  availabilityOnline: string;
  availabilityOffline: string;
  timeoutMs: string;
  topic: string;
  payload: string;
  payloadTemplate: string;
  min: string;
  max: string;
  step: string;
  unit: string;
  jsonPath: string;
  window: string;
  /** Chart series beyond the first (kept as they are; the dialog edits the first). */
  moreSeries: { topic: string; field: string }[];
}

export type FormField = Exclude<keyof WidgetForm, 'moreSeries'>;
export type FormErrors = Partial<Record<FormField | 'form', string>>;

export function emptyForm(type: WidgetType = 'switch'): WidgetForm {
  return {
    type,
    label: '',
    commandTopic: '',
    stateTopic: '',
    onPayload: 'ON',
    offPayload: 'OFF',
    stateOn: '',
    stateOff: '',
    stateJsonPath: '',
    qos: '0',
    retain: false,
    availabilityTopic: '',
    availabilityOnline: 'online',
    availabilityOffline: 'offline',
    timeoutMs: String(DEFAULT_SWITCH_TIMEOUT_MS),
    topic: '',
    payload: '',
    payloadTemplate: '{value}',
    min: '0',
    max: '100',
    step: '1',
    unit: '',
    jsonPath: '',
    window: '5m',
    moreSeries: [],
  };
}

const str = (n: number) => String(n);

export function formFromWidget(w: Widget | WidgetDraft): WidgetForm {
  const f = emptyForm(w.type);
  f.label = w.label;
  switch (w.type) {
    case 'switch':
      return { ...f, ...w, qos: str(w.qos) as WidgetForm['qos'], timeoutMs: str(w.timeoutMs) };
    case 'button':
      return { ...f, topic: w.topic, payload: w.payload, qos: str(w.qos) as WidgetForm['qos'], retain: w.retain };
    case 'slider':
      return {
        ...f,
        topic: w.topic,
        payloadTemplate: w.payloadTemplate,
        min: str(w.min),
        max: str(w.max),
        step: str(w.step),
        unit: w.unit,
        stateTopic: w.stateTopic,
        stateJsonPath: w.stateJsonPath,
        qos: str(w.qos) as WidgetForm['qos'],
        retain: w.retain,
      };
    case 'gauge':
      return { ...f, topic: w.topic, jsonPath: w.jsonPath, min: str(w.min), max: str(w.max), unit: w.unit };
    case 'value':
      return { ...f, topic: w.topic, jsonPath: w.jsonPath, unit: w.unit };
    case 'chart':
      return { ...f, topic: w.series[0]?.topic ?? '', jsonPath: w.series[0]?.field ?? '', window: w.window, moreSeries: w.series.slice(1) };
  }
}

/** '' stays '' (so the schema says "Enter a number"); anything else becomes a number or NaN. */
const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s.trim()));

function draftOf(f: WidgetForm): Record<string, unknown> {
  const label = f.label.trim();
  const t = (s: string) => s.trim();
  switch (f.type) {
    case 'switch':
      return {
        type: 'switch', label, commandTopic: t(f.commandTopic), stateTopic: t(f.stateTopic), onPayload: f.onPayload, offPayload: f.offPayload,
        stateOn: f.stateOn, stateOff: f.stateOff, stateJsonPath: t(f.stateJsonPath), qos: Number(f.qos), retain: f.retain,
        availabilityTopic: t(f.availabilityTopic), availabilityOnline: f.availabilityOnline, availabilityOffline: f.availabilityOffline,
        timeoutMs: num(f.timeoutMs),
      };
    case 'button':
      return { type: 'button', label, topic: t(f.topic), payload: f.payload, qos: Number(f.qos), retain: f.retain };
    case 'slider':
      return {
        type: 'slider', label, topic: t(f.topic), payloadTemplate: f.payloadTemplate, min: num(f.min), max: num(f.max), step: num(f.step),
        unit: t(f.unit), stateTopic: t(f.stateTopic), stateJsonPath: t(f.stateJsonPath), qos: Number(f.qos), retain: f.retain,
      };
    case 'gauge':
      return { type: 'gauge', label, topic: t(f.topic), jsonPath: t(f.jsonPath), min: num(f.min), max: num(f.max), unit: t(f.unit) };
    case 'value':
      return { type: 'value', label, topic: t(f.topic), jsonPath: t(f.jsonPath), unit: t(f.unit) };
    case 'chart':
      return { type: 'chart', label, series: [{ topic: t(f.topic), field: t(f.jsonPath) }, ...f.moreSeries], window: f.window };
  }
}

/** Payload fields that look like JSON must be JSON (a typo there would reach the device). */
const JSON_CHECKED: FormField[] = ['onPayload', 'offPayload', 'payload'];

export type FormResult = { ok: true; draft: WidgetDraft } | { ok: false; errors: FormErrors };

export function validateForm(f: WidgetForm): FormResult {
  const errors: FormErrors = {};
  const candidate = draftOf(f);
  const parsed = widgetSchema.safeParse({ ...candidate, id: 'draft', pos: { x: 0, y: 0, w: 1, h: 1 } });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      let field = String(issue.path[0] ?? 'form');
      // Chart series 0 is edited through Topic and JSON path.
      if (field === 'series') field = issue.path[2] === 'field' ? 'jsonPath' : 'topic';
      const key = (field in f ? field : 'form') as FormField | 'form';
      const message = Number.isNaN(candidate[field]) ? 'Enter a number' : issue.message;
      errors[key] ??= message;
    }
  }
  for (const field of JSON_CHECKED) {
    if (!(field in candidate) || errors[field]) continue;
    const text = String(candidate[field]).trim();
    if (!text.startsWith('{') && !text.startsWith('[')) continue;
    const bad = checkJson(text);
    if (bad) errors[field] = `Looks like JSON but is not valid: ${bad.message}`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const { id: _id, pos: _pos, ...draft } = parsed.data!;
  return { ok: true, draft: draft as WidgetDraft };
}
