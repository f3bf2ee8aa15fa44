import { TIME_WINDOWS } from '../../core/series-store';
import type { FormErrors, FormField, WidgetForm } from './widget-form';
import { CheckField, FieldGroup, SelectField, TextField } from './form-fields';

interface Props {
  form: WidgetForm;
  errors: FormErrors;
  set: <K extends FormField>(key: K, value: WidgetForm[K]) => void;
  /** id of a <datalist> of known topics. */
  topics: string;
}

const QOS = [
  { value: '0', label: '0 · at most once' },
  { value: '1', label: '1 · at least once' },
  { value: '2', label: '2 · exactly once' },
] as const;

/** The fields of one widget type (the dialog adds Widget type and Label). */
export function WidgetFields({ form: f, errors: e, set, topics }: Props) {
  const text = (key: FormField & keyof WidgetForm, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField label={label} value={f[key] as string} onChange={(v) => set(key, v as never)} error={e[key]} {...extra} />
  );
  const delivery = (
    <>
      <SelectField label="QoS" value={f.qos} options={QOS} onChange={(v) => set('qos', v)} error={e.qos} />
      <CheckField label="Retain" checked={f.retain} onChange={(v) => set('retain', v)} hint="Usually off for commands: a retained command replays to the device on every reconnect." />
    </>
  );
  switch (f.type) {
    case 'switch':
      return (
        <>
          <FieldGroup title="Command">
            {text('commandTopic', 'Command topic', { mono: true, wide: true, list: topics, placeholder: 'home/office/lamp' })}
            {text('onPayload', 'On payload', { mono: true, hint: 'Text or JSON, e.g. on or {"state":"ON"}' })}
            {text('offPayload', 'Off payload', { mono: true })}
            {delivery}
          </FieldGroup>
          <FieldGroup title="State (the device's truth)">
            {text('stateTopic', 'State topic', {
              mono: true,
              wide: true,
              list: topics,
              placeholder: 'home/office/lamp/state',
              hint: 'Where the device reports its state. Leave empty for optimistic mode: the switch then shows what was sent.',
            })}
            {text('stateOn', 'State on value', { mono: true, placeholder: f.onPayload || 'same as On payload' })}
            {text('stateOff', 'State off value', { mono: true, placeholder: f.offPayload || 'same as Off payload' })}
            {text('stateJsonPath', 'State JSON path', { mono: true, placeholder: 'state', hint: 'For JSON states, e.g. state or a.b[0]; empty = the whole payload' })}
            {text('timeoutMs', 'Confirmation timeout (ms)', { inputMode: 'numeric', hint: 'Without a report in this time the switch says the device did not answer' })}
          </FieldGroup>
          <FieldGroup title="Availability (optional)">
            {text('availabilityTopic', 'Availability topic', { mono: true, wide: true, list: topics, placeholder: 'home/office/lamp/status' })}
            {text('availabilityOnline', 'Payload available', { mono: true })}
            {text('availabilityOffline', 'Payload not available', { mono: true })}
          </FieldGroup>
        </>
      );
    case 'button':
      return (
        <FieldGroup title="Publish">
          {text('topic', 'Topic', { mono: true, wide: true, list: topics })}
          <TextField label="Payload" value={f.payload} onChange={(v) => set('payload', v)} error={e.payload} mono wide hint="Text or JSON, sent as is" />
          {delivery}
        </FieldGroup>
      );
    case 'slider':
      return (
        <>
          <FieldGroup title="Setting">
            {text('topic', 'Topic', { mono: true, wide: true, list: topics, placeholder: 'sensors/th-01/config' })}
            {text('payloadTemplate', 'Payload template', { mono: true, wide: true, hint: '{value} is replaced by the number, e.g. {"interval_ms": {value}}' })}
            {text('min', 'Minimum', { inputMode: 'decimal' })}
            {text('max', 'Maximum', { inputMode: 'decimal' })}
            {text('step', 'Step', { inputMode: 'decimal' })}
            {text('unit', 'Unit', { placeholder: 'ms' })}
            {delivery}
          </FieldGroup>
          <FieldGroup title="Reported value (optional)">
            {text('stateTopic', 'State topic', { mono: true, wide: true, list: topics, placeholder: 'sensors/th-01/config/state' })}
            {text('stateJsonPath', 'State JSON path', { mono: true, placeholder: 'interval_ms' })}
          </FieldGroup>
        </>
      );
    case 'gauge':
    case 'value':
      return (
        <FieldGroup title="Reading">
          {text('topic', 'Topic', { mono: true, wide: true, list: topics, placeholder: 'home/garden/weather' })}
          {text('jsonPath', 'JSON path', { mono: true, placeholder: 'temperature', hint: 'Empty = the whole payload' })}
          {text('unit', 'Unit', { placeholder: '°C' })}
          {f.type === 'gauge' && text('min', 'Minimum', { inputMode: 'decimal' })}
          {f.type === 'gauge' && text('max', 'Maximum', { inputMode: 'decimal' })}
        </FieldGroup>
      );
    case 'chart':
      return (
        <FieldGroup title="Series">
          {text('topic', 'Topic', { mono: true, wide: true, list: topics, placeholder: 'home/livingroom/temperature' })}
          {text('jsonPath', 'JSON path', {
            mono: true,
            placeholder: 'temperature',
            hint: f.moreSeries.length ? `Plus ${f.moreSeries.length} more series, kept as they are` : 'Empty = the whole payload',
          })}
          <SelectField
            label="Time window"
            value={f.window}
            options={TIME_WINDOWS.map((w) => ({ value: w.id, label: w.label }))}
            onChange={(v) => set('window', v)}
            error={e.window}
          />
        </FieldGroup>
      );
  }
}
