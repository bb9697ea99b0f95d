// One labelled settings input with its hint; locked (read-only) when the environment sets the value.
import { useId, type InputHTMLAttributes } from 'react';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  /** The environment variable that sets this value, when one does. */
  envName?: string;
}

export function Field({ label, value, onChange, hint, envName, ...rest }: FieldProps) {
  const id = useId();
  const hintId = useId();
  const text = envName ? `Set by ${envName} in the environment; change it there.` : hint;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        readOnly={Boolean(envName)}
        aria-describedby={text ? hintId : undefined}
        autoComplete="off"
        spellCheck={false}
        {...rest}
      />
      {text ? (
        <p id={hintId} className="field-hint">
          {text}
        </p>
      ) : null}
    </div>
  );
}
