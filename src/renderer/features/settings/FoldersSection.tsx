// Where music lives: the library (downloads are filed there), the Transfer folder (matched downloads), which
// source fetches missing tracks, and the ID3 version MP3s are tagged with.
import type { FormEvent } from 'react';
import { useId } from 'react';
import type { SettingsViewDto } from '../../../shared/contract';
import { Card } from '../../components';
import { Field } from './Field';
import { ID3_VERSION_ENV, Id3VersionChoice } from './Id3VersionChoice';
import { SectionActions } from './SectionActions';
import { useConnectionTest, useSaveSettings } from './settingsQueries';
import { useSectionForm } from './useSectionForm';

const SOURCES = [
  { id: 'slskd', label: 'Soulseek (slskd)' },
  { id: 'tickets', label: 'Ticket service' },
  { id: 'qobuz', label: 'Qobuz' },
] as const;

export function FoldersSection({ settings }: { settings: SettingsViewDto }) {
  const f = settings.folders;
  const selectId = useId();
  const form = useSectionForm({
    libraryDir: f.libraryDirIsDefault ? '' : f.libraryDir,
    transferDir: f.transferDir ?? '',
    defaultSource: settings.defaultSource,
    id3Version: settings.tags.id3Version,
  });
  const id3FromEnv = settings.tags.fromEnv.includes(ID3_VERSION_ENV);
  const save = useSaveSettings();
  const test = useConnectionTest();
  const v = form.values;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      libraryDir: v.libraryDir.trim() || null,
      transferDir: v.transferDir.trim() || null,
      defaultSource: v.defaultSource as SettingsViewDto['defaultSource'],
      ...(id3FromEnv ? {} : { id3Version: v.id3Version as SettingsViewDto['tags']['id3Version'] }),
    });
  };
  return (
    <Card title="Folders and downloads" description="Where downloads are filed, where missing tracks come from, and how MP3s are tagged.">
      <form className="settings-form" onSubmit={submit}>
        <Field
          label="Library folder"
          value={v.libraryDir}
          onChange={form.set('libraryDir')}
          placeholder={f.libraryDir}
          hint={`Downloads are filed here as Artist/Artist - Album/NN Title. Empty: ${f.libraryDir}.`}
          envName={f.fromEnv.includes('CASSETTE_LIBRARY_DIR') ? 'CASSETTE_LIBRARY_DIR' : undefined}
        />
        <Field
          label="Transfer folder"
          value={v.transferDir}
          onChange={form.set('transferDir')}
          placeholder="~/Music/Transfer"
          hint="Matched downloads land here (Transfer/Artist/Artist - Album/…) before you move them into your library."
        />
        <div className="field">
          <label htmlFor={selectId} className="field-label">
            Fetch missing tracks from
          </label>
          <select id={selectId} className="input" value={v.defaultSource} onChange={(e) => form.set('defaultSource')(e.target.value)}>
            {SOURCES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <Id3VersionChoice value={v.id3Version} onChange={form.set('id3Version')} envName={id3FromEnv ? ID3_VERSION_ENV : undefined} />
        <SectionActions
          dirty={form.dirty}
          saving={save.isPending}
          saved={save.isSuccess}
          saveError={save.error}
          onTest={() => test.mutate({ service: 'folders', libraryDir: v.libraryDir.trim() || undefined, transferDir: v.transferDir.trim() || undefined })}
          testLabel="Check folders"
          testing={test.isPending}
          testResult={test.data}
          testError={test.error}
        />
      </form>
    </Card>
  );
}
