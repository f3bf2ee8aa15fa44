import { useId, type ReactNode } from 'react';

export interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
  /** Extra class on the field's box (e.g. to span two columns of a form grid). */
  className?: string;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}

/**
 * A labelled field with its hint and, when invalid, an alert right under it (UI-CONTRACT: field
 * errors are alerts next to the field, which gets aria-invalid). `children` renders the control
 * with the id and ARIA attributes it needs.
 */
export function Field({ label, error, hint, className, children }: FieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true } : {}), 'aria-describedby': describedBy })}
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span role="alert" id={`${id}-err`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
