// Jellyfin as a library for the "do I own it?" check: its address (in cassette.toml) and an API key (in the
// secret store).
import type { FormEvent } from 'react';
import type { SettingsViewDto } from '../../../shared/contract';
import { Card } from '../../components';
import { Field } from './Field';
import { SectionActions } from './SectionActions';
import { useConnectionTest, useSaveSettings } from './settingsQueries';
import { useSectionForm } from './useSectionForm';

export function JellyfinSection({ settings }: { settings: SettingsViewDto }) {
  const s = settings.jellyfin;
  const env = (name: string) => (s.fromEnv.includes(name) ? name : undefined);
  const form = useSectionForm({ url: s.url ?? '', apiKey: '' });
  const save = useSaveSettings();
  const test = useConnectionTest();
  const v = form.values;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const url = v.url.trim() || null;
    // Values the environment sets win anyway: they are not sent. Clearing the address forgets the key too.
    save.mutate({
      jellyfin: {
        ...(env('JELLYFIN_URL') ? {} : { url }),
        ...(env('JELLYFIN_API_KEY') ? {} : v.apiKey ? { apiKey: v.apiKey } : url === null ? { apiKey: null } : {}),
      },
    });
  };
  return (
    <Card title="Jellyfin" description="Checks which tracks your Jellyfin music library already has, so they are not fetched again.">
      <form className="settings-form" onSubmit={submit}>
        <Field label="Jellyfin address" value={v.url} onChange={form.set('url')} placeholder="http://localhost:8096" inputMode="url" envName={env('JELLYFIN_URL')} hint="Empty: Jellyfin is not used (and its API key is forgotten)." />
        <Field
          label="Jellyfin API key"
          type="password"
          value={v.apiKey}
          onChange={form.set('apiKey')}
          placeholder={s.hasApiKey ? 'Saved — type to replace' : 'Paste an API key'}
          hint="Jellyfin Dashboard → API Keys → +. Kept in the secret store, never in cassette.toml."
          envName={env('JELLYFIN_API_KEY')}
        />
        <SectionActions
          dirty={form.dirty}
          saving={save.isPending}
          saved={save.isSuccess}
          saveError={save.error}
          onTest={() => test.mutate({ service: 'jellyfin', url: v.url.trim() || undefined, ...(v.apiKey ? { apiKey: v.apiKey } : {}) })}
          testing={test.isPending}
          testResult={test.data}
          testError={test.error}
        />
      </form>
    </Card>
  );
}
