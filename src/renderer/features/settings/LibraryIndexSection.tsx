// Which library the missing-tracks check reads ("do I own it?") when a run names none: the library folder, or
// one of the servers set up below ([library] index in cassette.toml).
import type { FormEvent } from 'react';
import { useId } from 'react';
import type { SettingsViewDto } from '../../../shared/contract';
import { Card } from '../../components';
import { SectionActions } from './SectionActions';
import { useSaveSettings } from './settingsQueries';
import { useSectionForm } from './useSectionForm';

type Index = SettingsViewDto['libraryIndex'];

function choices(s: SettingsViewDto): { id: Index; label: string; ready: boolean }[] {
  return [
    { id: 'folder', label: 'The library folder', ready: true },
    { id: 'plex', label: 'Plex', ready: Boolean(s.plex.url && s.plex.hasToken) },
    { id: 'jellyfin', label: 'Jellyfin', ready: Boolean(s.jellyfin.url && s.jellyfin.hasApiKey) },
    { id: 'subsonic', label: 'Navidrome / Subsonic', ready: Boolean(s.subsonic.url && s.subsonic.user && s.subsonic.hasPassword) },
  ];
}

export function LibraryIndexSection({ settings }: { settings: SettingsViewDto }) {
  const selectId = useId();
  const hintId = useId();
  const form = useSectionForm({ index: settings.libraryIndex });
  const save = useSaveSettings();
  const options = choices(settings);
  const chosen = options.find((o) => o.id === form.values.index);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ libraryIndex: form.values.index as Index });
  };
  return (
    <Card title="Owned-check" description="Which library “Download Missing Tracks” checks first, so what you already own is not fetched again.">
      <form className="settings-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={selectId} className="field-label">
            Check playlists against
          </label>
          <select id={selectId} className="input" value={form.values.index} aria-describedby={hintId} onChange={(e) => form.set('index')(e.target.value)}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.ready ? o.label : `${o.label} (not set up)`}
              </option>
            ))}
          </select>
          <p id={hintId} className="field-hint">
            {chosen && !chosen.ready
              ? `${chosen.label} is not set up yet: fill in its section below and save it first.`
              : 'Everything already in the catalog (Qobuz purchases, imported folders, earlier downloads) counts as owned too.'}
          </p>
        </div>
        <SectionActions dirty={form.dirty} saving={save.isPending} saved={save.isSuccess} saveError={save.error} />
      </form>
    </Card>
  );
}
