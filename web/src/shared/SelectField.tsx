import type { SelectHTMLAttributes } from 'react';
import { Field, type FieldProps } from './Field.tsx';

interface SelectFieldProps<V extends string> extends FieldProps, Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange'> {
  value: V | '';
  options: readonly V[];
  /** How a value reads, e.g. `label` for an enum. */
  optionLabel: (value: V) => string;
  /** The choice for "no value", e.g. "Any status"; none makes a value mandatory. */
  emptyLabel?: string;
  onChange: (value: V | '') => void;
}

/** A labelled drop-down over an enum, with an optional "any" choice. */
export function SelectField<V extends string>({ id, label, hint, error, required, value, options, optionLabel, emptyLabel, onChange, ...select }: SelectFieldProps<V>) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required}>
      {(aria) => (
        <select id={id} value={value} required={required} {...aria} onChange={(event) => onChange(event.target.value as V | '')} {...select}>
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {options.map((option) => <option key={option} value={option}>{optionLabel(option)}</option>)}
        </select>
      )}
    </Field>
  );
}
