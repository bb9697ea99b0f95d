// Plex as a library for the "do I own it?" check: its address (in cassette.toml) and a token (in the secret store).
import type { FormEvent } from 'react';
import type { SettingsViewDto } from '../../../shared/contract';
import { Card } from '../../components';
import { Field } from './Field';
import { SectionActions } from './SectionActions';
import { useConnectionTest, useSaveSettings } from './settingsQueries';
import { useSectionForm } from './useSectionForm';

export function PlexSection({ settings }: { settings: SettingsViewDto }) {
  const s = settings.plex;
  const env = (name: string) => (s.fromEnv.includes(name) ? name : undefined);
  const form = useSectionForm({ url: s.url ?? '', token: '' });
  const save = useSaveSettings();
  const test = useConnectionTest();
  const v = form.values;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const url = v.url.trim() || null;
    // Values the environment sets win anyway: they are not sent. Clearing the address forgets the token too.
    save.mutate({
      plex: {
        ...(env('PLEX_URL') ? {} : { url }),
        ...(env('PLEX_TOKEN') ? {} : v.token ? { token: v.token } : url === null ? { token: null } : {}),
      },
    });
  };
  return (
    <Card title="Plex" description="Checks which tracks your Plex music library already has, so they are not fetched again.">
      <form className="settings-form" onSubmit={submit}>
        <Field label="Plex address" value={v.url} onChange={form.set('url')} placeholder="http://localhost:32400" inputMode="url" envName={env('PLEX_URL')} hint="Empty: Plex is not used (and its token is forgotten)." />
        <Field
          label="Plex token"
          type="password"
          value={v.token}
          onChange={form.set('token')}
          placeholder={s.hasToken ? 'Saved — type to replace' : 'Paste your X-Plex-Token'}
          hint="Plex Web → a track's ⋯ → Get Info → View XML: the X-Plex-Token in the address. Kept in the secret store, never in cassette.toml."
          envName={env('PLEX_TOKEN')}
        />
        <SectionActions
          dirty={form.dirty}
          saving={save.isPending}
          saved={save.isSuccess}
          saveError={save.error}
          onTest={() => test.mutate({ service: 'plex', url: v.url.trim() || undefined, ...(v.token ? { token: v.token } : {}) })}
          testing={test.isPending}
          testResult={test.data}
          testError={test.error}
        />
      </form>
    </Card>
  );
}
