// The order of a Library list: a labelled select (the label is for screen readers; the options say it all).
import { useId } from 'react';

export function SortSelect<T extends string>({ label, value, options, onChange }: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange(value: T): void;
}) {
  const id = useId();
  return (
    <div className="lib-sort">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
