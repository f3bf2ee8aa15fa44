/** A field's error: an `alert` right under the field, tied to it with aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <span role="alert" id={`${id}-error`} className="field-error">
      {message}
    </span>
  );
}

/** Props marking a field invalid and pointing it at its FieldError. */
export function invalidProps(id: string, message?: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return message ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
}
