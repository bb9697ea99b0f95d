// A section's form state: starts from the saved values, tracks edits, resets when the saved values change.
import { useEffect, useState } from 'react';

export function useSectionForm<T extends Record<string, string>>(saved: T) {
  const key = JSON.stringify(saved);
  const [values, setValues] = useState<T>(saved);
  useEffect(() => {
    setValues(JSON.parse(key) as T);
  }, [key]);
  const set = (name: keyof T) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const dirty = JSON.stringify(values) !== key;
  return { values, set, dirty };
}
