import { useId, type ReactNode } from 'react';
import { Field as BaseField, type FieldProps as BaseFieldProps } from '../../components/field';
import styles from './dialogs.module.css';

interface FieldProps extends Omit<BaseFieldProps, 'className'> {
  /** Spans both columns of a two-column group. */
  wide?: boolean;
}

/** A labelled field with its hint and, when invalid, an alert right under it (components/field.tsx). */
export function Field({ wide, ...props }: FieldProps) {
  return <BaseField {...props} className={wide ? styles.wideField : undefined} />;
}

interface TextProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: ReactNode;
  placeholder?: string;
  mono?: boolean;
  wide?: boolean;
  list?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
}

export function TextField({ label, value, onChange, error, hint, placeholder, mono, wide, list, inputMode }: TextProps) {
  return (
    <Field label={label} error={error} hint={hint} wide={wide}>
      {(p) => (
        <input
          {...p}
          className={`input ${mono ? 'mono' : ''}`}
          value={value}
          placeholder={placeholder}
          list={list}
          inputMode={inputMode}
          spellCheck={mono ? false : undefined}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

interface SelectProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  error?: string;
  disabled?: boolean;
  wide?: boolean;
}

export function SelectField<T extends string>({ label, value, options, onChange, error, disabled, wide }: SelectProps<T>) {
  return (
    <Field label={label} error={error} wide={wide}>
      {(p) => (
        <select {...p} className="input" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as T)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckField({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  const id = useId();
  return (
    <div className={`field ${styles.checkField}`}>
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
        {label}
      </label>
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
    </div>
  );
}

/** A titled group of fields in two columns. */
export function FieldGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className={styles.group}>
      <legend>{title}</legend>
      <div className={styles.grid}>{children}</div>
    </fieldset>
  );
}
