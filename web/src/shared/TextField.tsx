import type { InputHTMLAttributes } from 'react';
import { Field, type FieldProps } from './Field.tsx';

type TextFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

/** A labelled input with its hint and its error. */
export function TextField({ id, label, hint, error, required, ...input }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required}>
      {(aria) => <input id={id} required={required} {...aria} {...input} />}
    </Field>
  );
}
