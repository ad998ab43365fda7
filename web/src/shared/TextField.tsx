import type { InputHTMLAttributes, ReactNode } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  id: string;
  label: string;
  /** Help shown under the input, read with it by screen readers. */
  hint?: ReactNode;
  error?: string | undefined;
}

/** A labelled input with its hint and its error, both tied to it for assistive technology. */
export function TextField({ id, label, hint, error, required, ...input }: TextFieldProps) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      <input id={id} required={required} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      {/* Polite: a hint may change while typing (e.g. "this number belongs to ..."). */}
      {hint && <div className="hint" id={`${id}-hint`} aria-live="polite">{hint}</div>}
      {error && <p className="error-text" id={`${id}-error`}>{error}</p>}
    </div>
  );
}
