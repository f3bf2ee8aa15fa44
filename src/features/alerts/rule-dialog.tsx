import { useState } from 'react';
import { FormDialog } from '../../components/form-dialog';
import { Field } from '../../components/field';
import { ALERT_CONDITIONS, CONDITION_LABELS, fieldsOf, parseDraft, type AlertCondition, type AlertRule, type RuleDraft, type RuleErrors } from '../../core/alert-rules';
import styles from './alerts.module.css';

interface Props {
  title: string;
  initial: RuleDraft;
  onCancel: () => void;
  /** Called with a checked rule; the caller saves it and closes the dialog. */
  onSave: (rule: Omit<AlertRule, 'id' | 'enabled'>) => string | undefined;
}

const HINTS: Partial<Record<AlertCondition, string>> = {
  above: 'Fires when a value goes above the limit, once per topic.',
  below: 'Fires when a value goes below the limit, once per topic.',
  outside: 'Fires when a value leaves the band from Low to High.',
  silent: 'Fires when a matching topic publishes nothing for that long.',
  equals: 'Fires while the payload (or the JSON field) is exactly this text.',
  rate: 'Fires when a topic publishes more than this many messages per second (10 s average).',
  lastwill: 'Fires when a status topic says the device is offline (offline, false, 0, {"state":"offline"}…), clears when it is back.',
};

/** Add alert rule / Edit rule: the topic filter, the condition and its fields; Save checks them all. */
export function RuleDialog({ title, initial, onCancel, onSave }: Props) {
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [errors, setErrors] = useState<RuleErrors>({});
  const [formError, setFormError] = useState<string>();
  const use = fieldsOf(draft.condition);
  const set = (field: keyof RuleDraft) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const save = () => {
    const r = parseDraft(draft);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setFormError(onSave(r.rule));
  };
  return (
    <FormDialog title={title} onCancel={onCancel} onSave={save} formError={formError}>
      <Field label="Topic filter" error={errors.filter} hint="MQTT wildcards: + for one level, # for everything below, e.g. plant/+/temperature">
        {(p) => <input {...p} className="input mono" value={draft.filter} onChange={(e) => set('filter')(e.target.value)} spellCheck={false} autoComplete="off" />}
      </Field>
      <Field label="Condition" hint={HINTS[draft.condition]}>
        {(p) => (
          <select {...p} className="input" value={draft.condition} onChange={(e) => set('condition')(e.target.value as AlertCondition)}>
            {ALERT_CONDITIONS.map((c) => (
              <option key={c} value={c}>
                {CONDITION_LABELS[c]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {use.high ? (
        <div className={styles.pair}>
          <NumberField label="Low" value={draft.value} onChange={set('value')} error={errors.value} />
          <NumberField label="High" value={draft.high} onChange={set('high')} error={errors.high} />
        </div>
      ) : use.value ? (
        <NumberField label="Value" value={draft.value} onChange={set('value')} error={errors.value} hint={draft.condition === 'rate' ? 'Messages per second' : undefined} />
      ) : null}
      {use.text && (
        <Field label="Value" error={errors.text} hint="Exact text (spaces around the payload are ignored), or a regular expression between slashes: /error|fail/i">
          {(p) => <input {...p} className="input mono" value={draft.text} onChange={(e) => set('text')(e.target.value)} spellCheck={false} autoComplete="off" />}
        </Field>
      )}
      {use.seconds && <NumberField label="Seconds" value={draft.seconds} onChange={set('seconds')} error={errors.seconds} />}
      {use.jsonPath && (
        <Field label="JSON path" error={errors.jsonPath} hint="Optional: a field of a JSON payload, e.g. temperature or sensors[0].value">
          {(p) => <input {...p} className="input mono" value={draft.jsonPath} onChange={(e) => set('jsonPath')(e.target.value)} spellCheck={false} autoComplete="off" />}
        </Field>
      )}
      {use.hysteresis && (
        <NumberField
          label="Hysteresis"
          value={draft.hysteresis}
          onChange={set('hysteresis')}
          error={errors.hysteresis}
          hint={hysteresisHint(draft)}
        />
      )}
    </FormDialog>
  );
}

function hysteresisHint(d: RuleDraft): string {
  const base = 'Optional: how far the value must come back before the alert clears, so a value hovering at the limit does not flap.';
  const v = Number(d.value);
  const h = Number(d.hysteresis);
  if (d.value.trim() === '' || d.hysteresis.trim() === '' || !Number.isFinite(v) || !Number.isFinite(h) || h <= 0) return base;
  if (d.condition === 'above') return `${base} Fires above ${v}, clears at ${v - h} or below.`;
  if (d.condition === 'below') return `${base} Fires below ${v}, clears at ${v + h} or above.`;
  return base;
}

function NumberField({ label, value, onChange, error, hint }: { label: string; value: string; onChange: (v: string) => void; error?: string; hint?: string }) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(p) => <input {...p} className="input mono" inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" />}
    </Field>
  );
}
