interface CheckboxGroupProps<V extends string> {
  legend: string;
  options: readonly V[];
  optionLabel: (value: V) => string;
  checked: readonly V[];
  onChange: (checked: V[]) => void;
}

/** Several values of an enum, each a checkbox, under one legend; none checked means "any". */
export function CheckboxGroup<V extends string>({ legend, options, optionLabel, checked, onChange }: CheckboxGroupProps<V>) {
  const toggle = (value: V, on: boolean) => onChange(options.filter((option) => (option === value ? on : checked.includes(option))));
  return (
    <fieldset className="checkbox-group">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="choice">
          <input type="checkbox" checked={checked.includes(option)} onChange={(event) => toggle(option, event.target.checked)} />
          {optionLabel(option)}
        </label>
      ))}
    </fieldset>
  );
}
