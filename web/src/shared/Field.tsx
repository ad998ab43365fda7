import type { ReactNode } from 'react';

/** What a control needs to be read with its hint and its error. */
export interface ControlAria {
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  /** The control's id. */
  id: string;
  label: string;
  required?: boolean | undefined;
  /** Help shown under the control, read with it by screen readers. */
  hint?: ReactNode;
  error?: string | undefined;
}

/** A labelled control with its hint and its error, both tied to it for assistive technology. */
export function Field({ id, label, required, hint, error, children }: FieldProps & { children: (aria: ControlAria) => ReactNode }) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      {children({ 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
      {/* Polite: a hint may change while typing (e.g. "this number belongs to ..."). */}
      {hint && <div className="hint" id={`${id}-hint`} aria-live="polite">{hint}</div>}
      {error && <p className="error-text" id={`${id}-error`}>{error}</p>}
    </div>
  );
}
