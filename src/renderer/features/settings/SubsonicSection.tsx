// Navidrome (or any Subsonic server) as a library for the "do I own it?" check: its address and user (in
// cassette.toml) and the password (in the secret store; the server sees only a salted token).
import type { FormEvent } from 'react';
import type { SettingsViewDto } from '../../../shared/contract';
import { Card } from '../../components';
import { Field } from './Field';
import { SectionActions } from './SectionActions';
import { useConnectionTest, useSaveSettings } from './settingsQueries';
import { useSectionForm } from './useSectionForm';

export function SubsonicSection({ settings }: { settings: SettingsViewDto }) {
  const s = settings.subsonic;
  const env = (name: string) => (s.fromEnv.includes(name) ? name : undefined);
  const form = useSectionForm({ url: s.url ?? '', user: s.user ?? '', password: '' });
  const save = useSaveSettings();
  const test = useConnectionTest();
  const v = form.values;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const url = v.url.trim() || null;
    // Values the environment sets win anyway: they are not sent. Clearing the address forgets the password too.
    save.mutate({
      subsonic: {
        ...(env('SUBSONIC_URL') ? {} : { url }),
        ...(env('SUBSONIC_USER') ? {} : { user: v.user.trim() || null }),
        ...(env('SUBSONIC_PASSWORD') ? {} : v.password ? { password: v.password } : url === null ? { password: null } : {}),
      },
    });
  };
  return (
    <Card title="Navidrome / Subsonic" description="Checks which tracks your Navidrome (or other Subsonic) server already has, so they are not fetched again.">
      <form className="settings-form" onSubmit={submit}>
        <Field label="Server address" value={v.url} onChange={form.set('url')} placeholder="http://localhost:4533" inputMode="url" envName={env('SUBSONIC_URL')} hint="Empty: the server is not used (and its password is forgotten)." />
        <Field label="User name" value={v.user} onChange={form.set('user')} placeholder="your Navidrome user" envName={env('SUBSONIC_USER')} />
        <Field
          label="Password"
          type="password"
          value={v.password}
          onChange={form.set('password')}
          placeholder={s.hasPassword ? 'Saved — type to replace' : 'The user’s password'}
          hint="Sent only as a salted token. Kept in the secret store, never in cassette.toml."
          envName={env('SUBSONIC_PASSWORD')}
        />
        <SectionActions
          dirty={form.dirty}
          saving={save.isPending}
          saved={save.isSuccess}
          saveError={save.error}
          onTest={() =>
            test.mutate({ service: 'subsonic', url: v.url.trim() || undefined, user: v.user.trim() || undefined, ...(v.password ? { password: v.password } : {}) })
          }
          testing={test.isPending}
          testResult={test.data}
          testError={test.error}
        />
      </form>
    </Card>
  );
}
