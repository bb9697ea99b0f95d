// The MP3 tag version: ID3v2.4 (modern, the default) or ID3v2.3 for players that cannot read v2.4 ([library]
// id3_version). Two radio buttons, each with its one-line reason; locked when CASSETTE_ID3_VERSION sets it.
import { useId } from 'react';
import type { SettingsViewDto } from '../../../shared/contract';

type Id3Version = SettingsViewDto['tags']['id3Version'];

const CHOICES: { id: Id3Version; label: string; hint: string }[] = [
  { id: '2.4', label: 'ID3v2.4 (modern)', hint: 'Keeps every artist separate ("AC/DC" stays one name). Read by current players and servers.' },
  {
    id: '2.3',
    label: 'ID3v2.3 (older players, car stereos)',
    hint: 'For players that show no tags from v2.4 files. Several artists share one field, joined with "/".',
  },
];

export const ID3_VERSION_ENV = 'CASSETTE_ID3_VERSION';

export function Id3VersionChoice({ value, onChange, envName }: { value: string; onChange(value: string): void; envName?: string }) {
  const name = useId();
  const hintId = useId();
  return (
    <fieldset className="field choice-group" aria-describedby={hintId}>
      <legend className="field-label">MP3 tags</legend>
      {CHOICES.map((c) => (
        <label key={c.id} className="choice">
          <input type="radio" name={name} value={c.id} checked={value === c.id} disabled={Boolean(envName)} onChange={() => onChange(c.id)} />
          <span className="choice-text">
            <span className="choice-label">{c.label}</span>
            <span className="choice-hint">{c.hint}</span>
          </span>
        </label>
      ))}
      <p id={hintId} className="field-hint">
        {envName
          ? `Set by ${envName} in the environment; change it there.`
          : 'Applies to every MP3 Cassette tags from now on (downloads, Qobuz purchases, matched files); FLAC, M4A and Ogg have one tag format each.'}
      </p>
    </fieldset>
  );
}
