import { useId, useMemo, useState } from 'react';
import { session } from '../../mqtt/session';
import { WIDGET_TYPES, type WidgetType } from '../../core/dashboard-schema';
import type { WidgetDraft } from '../../core/ha-discovery';
import type { TopicNode } from '../../core/topic-node';
import type { SaveResult } from '../../stores/dashboard-store';
import { validateForm, type FormErrors, type FormField, type WidgetForm } from './widget-form';
import { FormDialog } from '../../components/form-dialog';
import { FieldGroup, SelectField, TextField } from './form-fields';
import { WidgetFields } from './widget-fields';

interface Props {
  title: string;
  initial: WidgetForm;
  /** Editing keeps the type; adding lets the user pick it. */
  typeLocked?: boolean;
  onCancel: () => void;
  onSave: (draft: WidgetDraft) => SaveResult;
}

/** Topics seen so far (up to `max`), for the topic fields' suggestions. */
function knownTopics(max = 400): string[] {
  const out: string[] = [];
  const walk = (n: TopicNode) => {
    for (const child of n.sortedChildren()) {
      if (out.length >= max) return;
      if (child.isTopic) out.push(child.topic);
      walk(child);
    }
  };
  walk(session.trie.root);
  return out;
}

/** The Add widget / Edit widget dialog: type, label and the type's fields; errors next to each field. */
export function WidgetDialog({ title, initial, typeLocked, onCancel, onSave }: Props) {
  const [form, setForm] = useState<WidgetForm>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const listId = useId();
  const topics = useMemo(() => knownTopics(), []);
  const set = <K extends FormField>(key: K, value: WidgetForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => (e[key] || e.form ? { ...e, [key]: undefined, form: undefined } : e));
  };
  const save = () => {
    const r = validateForm(form);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    const saved = onSave(r.draft);
    if (!saved.ok) setErrors({ form: saved.error });
  };
  return (
    <FormDialog title={title} onCancel={onCancel} onSave={save} wide formError={errors.form}>
      <FieldGroup title="Widget">
        <SelectField<WidgetType>
          label="Widget type"
          value={form.type}
          disabled={typeLocked}
          options={WIDGET_TYPES.map((t) => ({ value: t.type, label: t.label }))}
          onChange={(v) => {
            setForm((f) => ({ ...f, type: v }));
            setErrors({});
          }}
        />
        <TextField label="Label" value={form.label} onChange={(v) => set('label', v)} error={errors.label} placeholder="Office lamp" />
      </FieldGroup>
      <WidgetFields form={form} errors={errors} set={set} topics={listId} />
      <datalist id={listId}>
        {topics.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
    </FormDialog>
  );
}
